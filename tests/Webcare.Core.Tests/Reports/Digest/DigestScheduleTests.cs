using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Tests.Reports.Digest;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly DigestSchedule MondayNine = new(DayOfWeek.Monday, new TimeOnly(9, 0), Amsterdam);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_SpringForwardWeek_StaysAtNineLocal()
    {
        // Mon 23 Mar 2026 09:00 CET = 08:00Z; clocks go forward on Sun 29 Mar; Mon 30 Mar 09:00 CEST = 07:00Z.
        Assert.Equal(Utc(2026, 3, 23, 8), MondayNine.NextAfter(Utc(2026, 3, 22, 12)));
        Assert.Equal(Utc(2026, 3, 30, 7), MondayNine.NextAfter(Utc(2026, 3, 23, 8)));
        Assert.Equal(Utc(2026, 3, 30, 7), MondayNine.NextAfter(Utc(2026, 3, 30, 6, 59)));
    }

    [Fact]
    public void NextAfter_FallBackWeek_StaysAtNineLocal()
    {
        // Mon 19 Oct 2026 09:00 CEST = 07:00Z; clocks go back on Sun 25 Oct; Mon 26 Oct 09:00 CET = 08:00Z.
        Assert.Equal(Utc(2026, 10, 19, 7), MondayNine.NextAfter(Utc(2026, 10, 18, 12)));
        Assert.Equal(Utc(2026, 10, 26, 8), MondayNine.NextAfter(Utc(2026, 10, 19, 7)));
        Assert.Equal(Utc(2026, 10, 26, 8), MondayNine.NextAfter(Utc(2026, 10, 26, 7, 30)));
    }

    [Fact]
    public void LatestAtOrBefore_JustBeforeAndAtSlot_ReturnsPreviousThenCurrent()
    {
        Assert.Equal(Utc(2026, 3, 23, 8), MondayNine.LatestAtOrBefore(Utc(2026, 3, 30, 6, 59)));
        Assert.Equal(Utc(2026, 3, 30, 7), MondayNine.LatestAtOrBefore(Utc(2026, 3, 30, 7)));
        Assert.Equal(Utc(2026, 10, 26, 8), MondayNine.LatestAtOrBefore(Utc(2026, 11, 1, 23)));
    }

    [Fact]
    public void LatestAtOrBefore_SlotInsideSpringForwardGap_MovesForwardByTheGap()
    {
        // Sunday 02:30 does not exist on 29 Mar 2026 in Amsterdam: it is sent at 03:30 CEST = 01:30Z.
        var sunday = new DigestSchedule(DayOfWeek.Sunday, new TimeOnly(2, 30), Amsterdam);
        Assert.Equal(Utc(2026, 3, 29, 1, 30), sunday.LatestAtOrBefore(Utc(2026, 3, 29, 12)));
        Assert.Equal(Utc(2026, 3, 22, 1, 30), sunday.LatestAtOrBefore(Utc(2026, 3, 29, 1, 29)));
    }

    [Fact]
    public void LatestAtOrBefore_SlotInsideRepeatedFallBackHour_TakesTheFirstOnce()
    {
        // Sunday 02:30 happens twice on 25 Oct 2026: 00:30Z (CEST) and 01:30Z (CET). Only the first is a slot.
        var sunday = new DigestSchedule(DayOfWeek.Sunday, new TimeOnly(2, 30), Amsterdam);
        Assert.Equal(Utc(2026, 10, 25, 0, 30), sunday.LatestAtOrBefore(Utc(2026, 10, 25, 1, 45)));
        Assert.Equal(Utc(2026, 11, 1, 1, 30), sunday.NextAfter(Utc(2026, 10, 25, 0, 30)));
    }

    [Fact]
    public void WeekReportedAt_MondaySlot_ReportsThePreviousIsoWeek()
    {
        var week = MondayNine.WeekReportedAt(Utc(2026, 11, 23, 8));
        Assert.Equal("2026-W47", week.Key);
        Assert.Equal(Utc(2026, 11, 15, 23), week.From);
        Assert.Equal(Utc(2026, 11, 22, 23), week.To);
    }

    [Fact]
    public void DayStarts_WeekWithSpringForward_HasOneDayOf23Hours()
    {
        var week = DigestWeek.Of(2026, 13, Amsterdam);
        var starts = week.DayStarts();
        var lengths = starts.Zip(starts.Skip(1), (a, b) => (b - a).TotalHours).ToList();
        Assert.Equal([24, 24, 24, 24, 24, 24, 23], lengths);
        Assert.Equal(week.To, starts[^1]);
    }

    [Theory]
    [InlineData("2026-W47", true, "2026-W47")]
    [InlineData("2026-w01", true, "2026-W01")]
    [InlineData("2026-W53", true, "2026-W53")]
    [InlineData("2025-W53", false, null)]
    [InlineData("2026-W00", false, null)]
    [InlineData("last", true, "2026-W47")]
    [InlineData("this", true, "2026-W48")]
    [InlineData("next", false, null)]
    public void TryParse_Values_ParsesIsoWeeksAndWords(string text, bool ok, string? key)
    {
        var parsed = DigestWeek.TryParse(text, Utc(2026, 11, 24, 10), Amsterdam, out var week);
        Assert.Equal(ok, parsed);
        Assert.Equal(key, ok ? week.Key : null);
    }

    [Fact]
    public void Previous_AcrossYearBoundary_ReturnsLastWeekOfPreviousIsoYear()
    {
        Assert.Equal("2026-W53", DigestWeek.Of(2027, 1, Amsterdam).Previous.Key);
    }
}
