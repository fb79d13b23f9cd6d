using System.Globalization;
using Microsoft.Extensions.Options;
using Webcare.Core.Team;
using Webcare.Core.Triage;

namespace Webcare.Core.Cases;

/// <summary>Section <c>Webcare:Sla</c>: first-response targets per priority, counted in business hours.</summary>
public sealed class SlaOptions
{
    public const string Section = "Webcare:Sla";

    /// <summary>The value that means "by the close of the next business day".</summary>
    public const string NextBusinessDay = "NextBusinessDay";

    /// <summary>P1..P4 → a business-time duration ("00:30:00") or <see cref="NextBusinessDay"/>.</summary>
    public Dictionary<string, string> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["P1"] = "00:30:00",
        ["P2"] = "01:00:00",
        ["P3"] = "04:00:00",
        ["P4"] = NextBusinessDay,
    };

    /// <summary>The clock turns amber once this share of the target has passed (0.8 = the last 20%).</summary>
    public double AmberAt { get; set; } = 0.8;

    public BusinessHoursOptions BusinessHours { get; set; } = new();
}

/// <summary>Section <c>Webcare:Sla:BusinessHours</c>. Arrays (not lists) so configuration replaces the defaults instead of appending.</summary>
public sealed class BusinessHoursOptions
{
    /// <summary>IANA time zone; empty means <c>Webcare:Team:TimeZone</c>.</summary>
    public string? TimeZone { get; set; }

    public string[] WorkingDays { get; set; } = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    /// <summary>Local opening time, HH:mm.</summary>
    public string Open { get; set; } = "09:00";

    /// <summary>Local closing time, HH:mm; "24:00" means midnight at the end of the day.</summary>
    public string Close { get; set; } = "17:00";

    /// <summary>Local dates (yyyy-MM-dd) on which the team does not count time.</summary>
    public string[] Holidays { get; set; } = [];
}

/// <summary>Checks <see cref="SlaOptions"/> at start-up; each failure names the key and the fix.</summary>
public sealed class SlaOptionsValidator(IOptions<TeamOptions> team) : IValidateOptions<SlaOptions>
{
    public ValidateOptionsResult Validate(string? name, SlaOptions options)
    {
        var problems = new List<string>();
        foreach (var (key, value) in options.Targets)
        {
            if (!Enum.TryParse<Priority>(key, ignoreCase: true, out var p) || !Enum.IsDefined(p))
            {
                problems.Add($"{SlaOptions.Section}:Targets:{key} is not a priority; use P1, P2, P3 or P4.");
            }
            else if (!SlaTarget.TryParse(value, out _))
            {
                problems.Add($"{SlaOptions.Section}:Targets:{key} '{value}' is not valid; use a duration such as \"01:00:00\" (business time) or \"{SlaOptions.NextBusinessDay}\".");
            }
        }

        if (options.AmberAt is <= 0 or >= 1)
        {
            problems.Add($"{SlaOptions.Section}:AmberAt {options.AmberAt.ToString(CultureInfo.InvariantCulture)} must be between 0 and 1, e.g. 0.8 (amber in the last 20%).");
        }

        var hours = options.BusinessHours;
        const string Key = SlaOptions.Section + ":BusinessHours";
        try
        {
            BusinessCalendar.ResolveZone(hours, team.Value);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problems.Add($"{Key}:TimeZone '{hours.TimeZone}' is not a known IANA time zone; use e.g. Europe/Amsterdam, or leave it empty to use Webcare:Team:TimeZone.");
        }

        foreach (var day in hours.WorkingDays.Where(d => !Enum.TryParse<DayOfWeek>(d, ignoreCase: true, out _)))
        {
            problems.Add($"{Key}:WorkingDays '{day}' is not a day; use English day names such as Monday.");
        }

        if (hours.WorkingDays.Length == 0)
        {
            problems.Add($"{Key}:WorkingDays is empty; list the days the team works, e.g. [\"Monday\", …, \"Friday\"].");
        }

        var open = BusinessCalendar.TryParseTime(hours.Open, out var o);
        var close = BusinessCalendar.TryParseTime(hours.Close, out var c);
        if (!open)
        {
            problems.Add($"{Key}:Open '{hours.Open}' is not a time; use HH:mm such as 09:00.");
        }

        if (!close)
        {
            problems.Add($"{Key}:Close '{hours.Close}' is not a time; use HH:mm such as 17:00 (or 24:00).");
        }

        if (open && close && c <= o)
        {
            problems.Add($"{Key}:Close '{hours.Close}' must be later than Open '{hours.Open}'.");
        }

        foreach (var holiday in hours.Holidays.Where(h => !DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            problems.Add($"{Key}:Holidays '{holiday}' is not a date; write it as yyyy-MM-dd, e.g. 2026-12-25.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>A first-response target: an amount of business time, or the close of the next business day.</summary>
public readonly record struct SlaTarget(TimeSpan? BusinessTime)
{
    public bool IsNextBusinessDay => BusinessTime is null;

    public static bool TryParse(string? value, out SlaTarget target)
    {
        target = default;
        if (string.Equals(value?.Trim(), SlaOptions.NextBusinessDay, StringComparison.OrdinalIgnoreCase))
        {
            target = new SlaTarget(null);
            return true;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            target = new SlaTarget(span);
            return true;
        }

        return false;
    }
}
