namespace Webcare.Core.Reports.Digest;

/// <summary>A weekly slot (e.g. Monday 09:00 Europe/Amsterdam) as UTC instants, correct across DST changes.</summary>
public sealed record DigestSchedule(DayOfWeek Day, TimeOnly Time, TimeZoneInfo Zone)
{
    /// <summary>The latest scheduled instant at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LatestAtOrBefore(DateTimeOffset now)
    {
        var localToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var back = ((int)localToday.DayOfWeek - (int)Day + 7) % 7;
        var candidate = At(localToday.AddDays(-back));
        return candidate <= now ? candidate : At(localToday.AddDays(-back - 7));
    }

    /// <summary>The first scheduled instant strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset now)
    {
        var latest = LatestAtOrBefore(now);
        var latestDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(latest, Zone).DateTime);
        // Step by local calendar days, not by 7 × 24 h, so the wall time stays put when DST changes in between.
        var next = At(latestDay.AddDays(7));
        return next > now ? next : At(latestDay.AddDays(14));
    }

    /// <summary>The week a run at <paramref name="runAt"/> reports on: the last complete ISO week before the run's own week.</summary>
    public DigestWeek WeekReportedAt(DateTimeOffset runAt) => DigestWeek.Containing(runAt, Zone).Previous;

    private DateTimeOffset At(DateOnly localDay) => DigestWeek.LocalToUtc(localDay.ToDateTime(Time), Zone);
}
