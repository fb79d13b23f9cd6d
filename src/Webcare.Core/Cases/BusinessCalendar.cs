using System.Globalization;
using Webcare.Core.Team;

namespace Webcare.Core.Cases;

/// <summary>
/// The team's working time: which local days count, between which local hours, minus holidays.
/// Each day's window is converted to UTC on its own, so a DST change is simply a shorter or longer
/// night, and durations are real elapsed time inside the windows.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxDaysSearched = 3700;
    private readonly HashSet<DayOfWeek> _days;
    private readonly HashSet<DateOnly> _holidays;
    private readonly TimeSpan _open;
    private readonly TimeSpan _close;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> days, TimeSpan open, TimeSpan close, IEnumerable<DateOnly> holidays)
    {
        Zone = zone;
        _days = [.. days];
        _open = open;
        _close = close;
        _holidays = [.. holidays];
        if (_days.Count == 0 || close <= open)
        {
            throw new ArgumentException("A business calendar needs at least one working day and Close after Open.");
        }
    }

    public TimeZoneInfo Zone { get; }

    public static BusinessCalendar From(BusinessHoursOptions options, TeamOptions team)
    {
        TryParseTime(options.Open, out var open);
        TryParseTime(options.Close, out var close);
        return new BusinessCalendar(
            ResolveZone(options, team),
            options.WorkingDays.Select(d => Enum.Parse<DayOfWeek>(d, ignoreCase: true)),
            open,
            close,
            options.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    public static TimeZoneInfo ResolveZone(BusinessHoursOptions options, TeamOptions team) =>
        TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(options.TimeZone) ? team.TimeZone : options.TimeZone);

    /// <summary>Parses HH:mm (24:00 allowed, meaning the end of the day).</summary>
    public static bool TryParseTime(string? value, out TimeSpan time)
    {
        time = default;
        if (value?.Trim() == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }

        if (TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            time = t.ToTimeSpan();
            return true;
        }

        return false;
    }

    public bool IsWorkingDay(DateOnly day) => _days.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    /// <summary>The instant when <paramref name="businessTime"/> of working time has passed after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan businessTime)
    {
        var remaining = businessTime;
        var day = LocalDate(start).AddDays(-1); // the previous local day's window may run past midnight UTC
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var (open, close) = Window(day);
            var from = start > open ? start : open;
            if (from >= close)
            {
                continue;
            }

            if (remaining <= close - from)
            {
                return from + remaining;
            }

            remaining -= close - from;
        }

        throw new InvalidOperationException("No business time found within ten years; check Webcare:Sla:BusinessHours.");
    }

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var last = LocalDate(to);
        for (var day = LocalDate(from).AddDays(-1); day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var (open, close) = Window(day);
            var a = from > open ? from : open;
            var b = to < close ? to : close;
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    /// <summary>The close of the first working day after the local date of <paramref name="start"/>.</summary>
    public DateTimeOffset CloseOfNextBusinessDay(DateTimeOffset start)
    {
        var day = LocalDate(start).AddDays(1);
        for (var i = 0; i < MaxDaysSearched; i++, day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                return Window(day).Close;
            }
        }

        throw new InvalidOperationException("No working day found within ten years; check Webcare:Sla:BusinessHours.");
    }

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private (DateTimeOffset Open, DateTimeOffset Close) Window(DateOnly day) => (ToUtc(day, _open), ToUtc(day, _close));

    private DateTimeOffset ToUtc(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // inside the spring-forward gap: the wall clock skips to the next valid hour
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }
}
