using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Team;
using Webcare.Core.Triage;
using static Webcare.Core.Tests.Cases.CaseFactory;

namespace Webcare.Core.Tests.Cases;

public sealed class SlaTests
{
    private static SlaPolicy Policy(Action<SlaOptions>? configure = null)
    {
        var options = new SlaOptions();
        configure?.Invoke(options);
        return new SlaPolicy(Options.Create(options), Options.Create(new TeamOptions { TimeZone = "Europe/Amsterdam" }));
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void DueAt_FridayAfternoonAcrossWeekendAndSpringDst_MondayMorningLocal()
    {
        // Fri 27 Mar 16:30 CET; clocks go forward on Sun 29 Mar; Mon 30 Mar opens 09:00 CEST (07:00Z).
        var due = Policy().DueAt(Priority.P2, Utc(3, 27, 15, 30));
        Assert.Equal(Utc(3, 30, 7, 30), due);
    }

    [Fact]
    public void DueAt_FridayAfternoonAcrossWeekendAndAutumnDst_MondayMorningLocal()
    {
        // Fri 23 Oct 16:30 CEST; clocks go back on Sun 25 Oct; Mon 26 Oct opens 09:00 CET (08:00Z). 30 min + 3 h 30.
        var due = Policy().DueAt(Priority.P3, Utc(10, 23, 14, 30));
        Assert.Equal(Utc(10, 26, 11, 30), due);
    }

    [Fact]
    public void DueAt_NightShiftOnSpringForwardNight_CountsOnlyRealHours()
    {
        // Hours 01:00–05:00 local every day: on 29 Mar that window is only 3 real hours (00:00Z–03:00Z).
        var policy = Policy(o =>
        {
            o.BusinessHours.WorkingDays = Enum.GetNames<DayOfWeek>();
            o.BusinessHours.Open = "01:00";
            o.BusinessHours.Close = "05:00";
            o.Targets["P3"] = "04:00:00";
        });
        Assert.Equal(Utc(3, 30, 0, 0), policy.DueAt(Priority.P3, Utc(3, 29, 0, 0))); // 3 h on Sunday night + 1 h from Mon 01:00 CEST (Sun 23:00Z)
        Assert.Equal(TimeSpan.FromHours(3), policy.Calendar.Between(Utc(3, 28, 12, 0), Utc(3, 29, 12, 0)));
    }

    [Fact]
    public void DueAt_NightShiftOnFallBackNight_WindowHasFiveRealHours()
    {
        var policy = Policy(o =>
        {
            o.BusinessHours.WorkingDays = Enum.GetNames<DayOfWeek>();
            o.BusinessHours.Open = "01:00";
            o.BusinessHours.Close = "05:00";
            o.Targets["P3"] = "04:00:00";
        });
        // Sun 25 Oct 01:00 CEST is Sat 23:00Z; four real hours later it is 04:00 CET (03:00Z), inside the same night.
        Assert.Equal(Utc(10, 25, 3, 0), policy.DueAt(Priority.P3, Utc(10, 24, 23, 0)));
    }

    [Fact]
    public void DueAt_P4_CloseOfNextBusinessDaySkippingHolidays()
    {
        Assert.Equal(Utc(3, 30, 15, 0), Policy().DueAt(Priority.P4, Utc(3, 27, 9, 0)));
        var withHoliday = Policy(o => o.BusinessHours.Holidays = ["2026-03-30"]);
        Assert.Equal(Utc(3, 31, 15, 0), withHoliday.DueAt(Priority.P4, Utc(3, 27, 9, 0)));
    }

    [Fact]
    public void DueAt_P1PostedOnSaturday_StartsCountingMonday()
    {
        Assert.Equal(Utc(3, 30, 7, 30), Policy().DueAt(Priority.P1, Utc(3, 28, 12, 0)));
    }

    [Fact]
    public void ClockFor_Progress_GreenAmberRedThenMet()
    {
        var policy = Policy();
        var posted = Utc(3, 30, 7, 0); // Mon 09:00 CEST, P2 due 10:00 CEST
        var c = Case(CaseState.Claimed, "U1", posted: posted, priority: Priority.P2);
        Assert.Equal(SlaStatus.Green, policy.ClockFor(c, Utc(3, 30, 7, 30)).Status);
        Assert.Equal(SlaStatus.Amber, policy.ClockFor(c, Utc(3, 30, 7, 50)).Status);
        var red = policy.ClockFor(c, Utc(3, 30, 8, 1));
        Assert.Equal(SlaStatus.Red, red.Status);
        Assert.True(red.IsBreached);
        Assert.Equal(SlaStatus.Met, policy.ClockFor(c with { FirstRepliedAt = Utc(3, 30, 7, 45) }, Utc(3, 30, 9, 0)).Status);
        Assert.Equal(SlaStatus.MetLate, policy.ClockFor(c with { FirstRepliedAt = Utc(3, 30, 8, 5) }, Utc(3, 30, 9, 0)).Status);
    }

    [Fact]
    public void ClockFor_AmberIsMeasuredInBusinessTimeNotWallClock()
    {
        // Posted Fri 16:30 CET, due Mon 09:30 CEST: by Mon 09:10 only 40 of 60 business minutes have passed.
        var policy = Policy();
        var c = Case(posted: Utc(3, 27, 15, 30), priority: Priority.P2);
        var clock = policy.ClockFor(c, Utc(3, 30, 7, 10));
        Assert.Equal(SlaStatus.Green, clock.Status);
        Assert.Equal(TimeSpan.FromMinutes(20), clock.BusinessRemaining);
    }

    [Fact]
    public void Build_CardShowsClockAndAsksForOriginAfterResolve()
    {
        var clock = new FakeClock(Utc(3, 30, 7, 50));
        var cards = new CaseCardBuilder(Options.Create(new CaseOptions()), clock, Policy());
        var open = cards.Build(Case(CaseState.Claimed, "U1", posted: Utc(3, 30, 7, 0)));
        Assert.StartsWith("\U0001F7E0 10 min left", open.Fields.Single(f => f.Label == "First response").Value, StringComparison.Ordinal);
        Assert.Equal("Claimed by Anna", open.Status);

        var resolved = cards.Build(Case(CaseState.Resolved, "U1", Origin.Phone, posted: Utc(3, 30, 7, 0), replied: Utc(3, 30, 7, 20)));
        Assert.Equal("Resolved by Anna · Where did this complaint begin? Triage guessed phone — confirm or change it below.", resolved.Status);
        var select = resolved.ActionsOrEmpty.Single(a => a.IsSelect);
        Assert.Equal("case:12:origin", select.Id);
        Assert.Equal("phone", select.SelectedValue);

        var confirmed = cards.Build(Case(CaseState.Resolved, "U1", Origin.Phone, originConfirmed: true, posted: Utc(3, 30, 7, 0)));
        Assert.Equal("Resolved by Anna", confirmed.Status);
        Assert.DoesNotContain(confirmed.ActionsOrEmpty, a => a.IsSelect);
    }

    [Fact]
    public void Validate_BadSettings_OneLineEachNamingTheKey()
    {
        var options = new SlaOptions { AmberAt = 1.5 };
        options.Targets["P2"] = "soon";
        options.Targets["P7"] = "01:00:00";
        options.BusinessHours = new BusinessHoursOptions { TimeZone = "Mars/Olympus", WorkingDays = ["Funday"], Open = "18:00", Close = "09:00", Holidays = ["25-12-2026"] };
        var result = new SlaOptionsValidator(Options.Create(new TeamOptions())).Validate(null, options);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:Targets:P2 'soon'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:Targets:P7", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:AmberAt", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:BusinessHours:TimeZone 'Mars/Olympus'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:BusinessHours:WorkingDays 'Funday'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:BusinessHours:Close '09:00' must be later", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Webcare:Sla:BusinessHours:Holidays '25-12-2026'", StringComparison.Ordinal));
        Assert.True(new SlaOptionsValidator(Options.Create(new TeamOptions())).Validate(null, new SlaOptions()).Succeeded);
    }

    [Fact]
    public void FollowUpText_QuotesTheMentionWithAuthorAndLink()
    {
        var mention = new Mention("demo", "2", "x", new Author("@jan", null, 10), "Nog steeds niks!", "https://x.example/2", Utc(3, 30, 8, 0), Engagement.None);
        Assert.Equal("Follow-up from @jan on x: \u201CNog steeds niks!\u201D https://x.example/2", CaseCardBuilder.FollowUpText(mention));
    }
}
