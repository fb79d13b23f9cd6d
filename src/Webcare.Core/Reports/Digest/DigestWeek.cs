using System.Globalization;

namespace Webcare.Core.Reports.Digest;

/// <summary>An ISO week (Monday to Monday) in a time zone, as the UTC instants [From, To).</summary>
public sealed record DigestWeek(int Year, int Week, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone)
{
    /// <summary>The stored key, e.g. 2026-W47.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");

    public DateOnly FirstDay => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DigestWeek Previous => Containing(FirstDay.AddDays(-1), Zone);

    /// <summary>The UTC start of each local day of the week (eight instants: Monday 00:00 … next Monday 00:00); DST days are 23 or 25 hours.</summary>
    public IReadOnlyList<DateTimeOffset> DayStarts() =>
        Enumerable.Range(0, 8).Select(i => LocalToUtc(FirstDay.AddDays(i).ToDateTime(TimeOnly.MinValue), Zone)).ToList();

    public static DigestWeek Containing(DateOnly localDay, TimeZoneInfo zone)
    {
        var date = localDay.ToDateTime(TimeOnly.MinValue);
        var year = ISOWeek.GetYear(date);
        var week = ISOWeek.GetWeekOfYear(date);
        return Of(year, week, zone);
    }

    public static DigestWeek Containing(DateTimeOffset instant, TimeZoneInfo zone) =>
        Containing(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime), zone);

    public static DigestWeek Of(int year, int week, TimeZoneInfo zone)
    {
        var monday = ISOWeek.ToDateTime(year, week, DayOfWeek.Monday);
        return new DigestWeek(year, week, LocalToUtc(monday, zone), LocalToUtc(monday.AddDays(7), zone), zone);
    }

    /// <summary>Parses last | this | YYYY-Www (e.g. 2026-W47) relative to <paramref name="now"/>.</summary>
    public static bool TryParse(string? value, DateTimeOffset now, TimeZoneInfo zone, out DigestWeek week)
    {
        week = null!;
        var text = (value ?? "last").Trim();
        switch (text.ToLowerInvariant())
        {
            case "last" or "previous" or "vorige":
                week = Containing(now, zone).Previous;
                return true;
            case "this" or "current" or "deze":
                week = Containing(now, zone);
                return true;
        }

        var parts = text.ToUpperInvariant().Split("-W");
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9998
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= ISOWeek.GetWeeksInYear(year))
        {
            week = Of(year, number, zone);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Local wall time to UTC. A time skipped by spring-forward moves forward by the gap (02:30 → 03:30);
    /// a time repeated by fall-back takes its first occurrence (summer time).
    /// </summary>
    public static DateTimeOffset LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            // Read the skipped wall time with the offset in force just before the gap: 02:30 CET is 03:30 CEST.
            var before = zone.GetUtcOffset(unspecified.AddHours(-3));
            return new DateTimeOffset(unspecified - before, TimeSpan.Zero);
        }

        if (zone.IsAmbiguousTime(unspecified))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(unspecified);
            var summer = offsets.Max();
            return new DateTimeOffset(unspecified - summer, TimeSpan.Zero);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone), TimeSpan.Zero);
    }
}
