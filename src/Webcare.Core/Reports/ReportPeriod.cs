namespace Webcare.Core.Reports;

/// <summary>A reporting window [From, To) in the team's time zone, with the one before it for comparisons.</summary>
public sealed record ReportPeriod(string Name, DateTimeOffset From, DateTimeOffset To)
{
    public ReportPeriod Previous => new(Name, From - (To - From), From);

    /// <summary>Parses today|week|month (also nl: vandaag|week|maand) relative to <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static bool TryParse(string? name, DateTimeOffset now, TimeZoneInfo zone, out ReportPeriod period)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = local.Date;
        DateTime start;
        DateTime end;
        switch ((name ?? "today").Trim().ToLowerInvariant())
        {
            case "today" or "vandaag" or "day":
                start = today;
                end = today.AddDays(1);
                name = "today";
                break;
            case "week" or "thisweek":
                var offset = ((int)today.DayOfWeek + 6) % 7; // Monday starts the week, as in NL.
                start = today.AddDays(-offset);
                end = start.AddDays(7);
                name = "week";
                break;
            case "month" or "maand":
                start = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                end = start.AddMonths(1);
                name = "month";
                break;
            default:
                period = null!;
                return false;
        }

        period = new ReportPeriod(name, ToUtc(start, zone), ToUtc(end, zone));
        return true;
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
