namespace Webcare.Bot.Tests.Scheduling;

public sealed class SpikeAlertServiceTests
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero); // Monday 10:00 CET

    private static async Task SeedBaselineAsync(SchedulingFixture fixture, DateTimeOffset hour, int perHour)
    {
        for (var week = 1; week <= 4; week++)
        {
            await fixture.AddMentionsAsync(hour.AddDays(-7 * week), perHour, "levering te laat", negative: week % 2 == 0);
        }
    }

    [Fact]
    public async Task CheckHourAsync_Spike_AlertsOnceAndHonoursTheCooldownAcrossRestarts()
    {
        await using var fixture = new SchedulingFixture(Hour.AddDays(-40));
        await SeedBaselineAsync(fixture, Hour, 5);
        await fixture.AddMentionsAsync(Hour, 25, "stroomstoring in Utrecht", negative: true);
        await fixture.AddMentionsAsync(Hour.AddMinutes(30), 5, "levering te laat", negative: false);
        await fixture.Clock.AdvanceToAsync(Hour.AddHours(1).AddMinutes(2));

        var service = fixture.NewSpikeService();
        var alert = await service.CheckHourAsync(Hour, CancellationToken.None);
        Assert.NotNull(alert);
        Assert.Null(await service.CheckHourAsync(Hour, CancellationToken.None));
        Assert.Null(await fixture.NewSpikeService().CheckHourAsync(Hour, CancellationToken.None)); // after a restart

        var (channel, card, key) = Assert.Single(fixture.Chat.Cards);
        Assert.Equal("console:webcare-ops", channel.ToString());
        Assert.Equal("spike-2026-11-23T09:00Z", key);
        Assert.Equal("Spike: 30 mentions in one hour", card.Title);
        Assert.StartsWith("stroomstoring 25", card.Fields.Single(f => f.Label == "Top terms").Value, StringComparison.Ordinal);
        Assert.Contains("30 (usually 5)", card.Fields.Single(f => f.Label == "Mentions").Value, StringComparison.Ordinal);

        // The next hour spikes too, but within the 3-hour cooldown: no second card.
        await fixture.AddMentionsAsync(Hour.AddHours(1), 30, "stroomstoring nog steeds", negative: true);
        await fixture.Clock.AdvanceToAsync(Hour.AddHours(2).AddMinutes(2));
        Assert.Null(await service.CheckHourAsync(Hour.AddHours(1), CancellationToken.None));

        // Once the cooldown has passed, a new spike alerts again.
        await fixture.AddMentionsAsync(Hour.AddHours(4), 30, "stroomstoring alweer", negative: true);
        await fixture.Clock.AdvanceToAsync(Hour.AddHours(5).AddMinutes(2));
        Assert.NotNull(await service.CheckHourAsync(Hour.AddHours(4), CancellationToken.None));
        Assert.Equal(2, fixture.Chat.Cards.Count);
    }

    [Fact]
    public async Task CheckHourAsync_BaselineAcrossDstChange_ComparesTheSameLocalHour()
    {
        // Monday 2 Nov 2026 09:00 CET = 08:00Z. Three of the four baseline Mondays were in summer time (09:00 CEST = 07:00Z).
        var hour = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
        await using var fixture = new SchedulingFixture(hour.AddDays(-40));
        await fixture.AddMentionsAsync(new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero), 10, "gewoon", negative: false);
        foreach (var day in new[] { 19, 12, 5 })
        {
            await fixture.AddMentionsAsync(new DateTimeOffset(2026, 10, day, 7, 0, 0, TimeSpan.Zero), 10, "gewoon", negative: false);
        }

        // 25 is 2.5× the local-hour baseline of 10: no spike. Compared by UTC hour the baseline would be 2.5 and it would alert.
        await fixture.AddMentionsAsync(hour, 25, "gewoon", negative: false);
        await fixture.Clock.AdvanceToAsync(hour.AddHours(1).AddMinutes(2));

        Assert.Null(await fixture.NewSpikeService().CheckHourAsync(hour, CancellationToken.None));
        Assert.Empty(fixture.Chat.Cards);
    }

    [Fact]
    public async Task StartAsync_SpikeInTheLastHour_PostsOneCardThenChecksHourly()
    {
        await using var fixture = new SchedulingFixture(Hour.AddDays(-40));
        await fixture.AddMentionsAsync(Hour, 40, "storing", negative: true);
        await fixture.Clock.AdvanceToAsync(Hour.AddHours(1).AddMinutes(5));

        var service = fixture.NewSpikeService();
        await service.StartAsync(CancellationToken.None);
        await fixture.Clock.WaitForTimerAsync();
        Assert.Single(fixture.Chat.Cards);

        await fixture.Clock.AdvanceToAsync(Hour.AddHours(6));
        await service.StopAsync(CancellationToken.None);
        Assert.Single(fixture.Chat.Cards);
    }
}
