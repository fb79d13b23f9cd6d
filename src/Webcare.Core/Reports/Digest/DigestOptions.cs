namespace Webcare.Core.Reports.Digest;

/// <summary>Section <c>Webcare:Digest</c>: when and where the weekly manager digest goes.</summary>
public sealed class DigestOptions
{
    public const string Section = "Webcare:Digest";

    public bool Enabled { get; set; } = true;

    /// <summary>Day of the week, e.g. Monday.</summary>
    public string Day { get; set; } = "Monday";

    /// <summary>Local time of day as HH:mm, e.g. 09:00.</summary>
    public string Time { get; set; } = "09:00";

    /// <summary>Chat address of the managers' channel, e.g. console:webcare-leads or slack:C0123ABC.</summary>
    public string Channel { get; set; } = "console:webcare-leads";

    /// <summary>IANA time zone of the schedule and of the report's days; empty means Webcare:Team:TimeZone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Where HTML reports are archived, relative to the content root.</summary>
    public string Folder { get; set; } = "data/digests";

    /// <summary>The parsed schedule; throws FormatException/TimeZoneNotFoundException when the options are invalid (the validator says which key).</summary>
    public DigestSchedule ToSchedule(string fallbackTimeZone) =>
        new(ParseDay(Day) ?? throw new FormatException($"{Section}:Day '{Day}' is not a day"),
            ParseTime(Time) ?? throw new FormatException($"{Section}:Time '{Time}' is not HH:mm"),
            TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(TimeZone) ? fallbackTimeZone : TimeZone));

    public static DayOfWeek? ParseDay(string? value) =>
        Enum.TryParse<DayOfWeek>(value?.Trim(), ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(value, out _) ? day : null;

    public static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var time) ? time : null;
}
