using System.Globalization;
using System.Text.RegularExpressions;

namespace Webcare.Sources.Rss;

/// <summary>
/// The dates feeds really carry: RFC 822/1123 with or without the weekday, two-digit years,
/// numeric offsets or named zones (GMT, UT, Z, EST, PDT, CET, CEST…), ISO 8601 / RFC 3339, and none.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["BST"] = 1, ["CET"] = 1, ["MET"] = 1, ["WEST"] = 1, ["CEST"] = 2, ["MEST"] = 2, ["EET"] = 2, ["EEST"] = 3,
        ["MSK"] = 3, ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11,
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var rfc = Rfc822().Match(text);
        if (rfc.Success && TryRfc822(rfc, out var parsed))
        {
            return parsed;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var any)
            ? any
            : null;
    }

    private static bool TryRfc822(Match match, out DateTimeOffset result)
    {
        result = default;
        var c = CultureInfo.InvariantCulture;
        var day = int.Parse(match.Groups["day"].Value, c);
        var month = Month(match.Groups["month"].Value);
        var year = int.Parse(match.Groups["year"].Value, c);
        year = year < 100 ? (year < 50 ? 2000 + year : 1900 + year) : year;
        var hour = int.Parse(match.Groups["hour"].Value, c);
        var minute = int.Parse(match.Groups["minute"].Value, c);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, c) : 0;
        if (month == 0 || day is < 1 or > 31 || hour > 23 || minute > 59 || second > 60 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var offset = Zone(match.Groups["zone"].Value.Trim());
        if (offset is null)
        {
            return false;
        }

        result = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset.Value);
        return true;
    }

    private static int Month(string name) =>
        name.Length < 3 ? 0 : Array.IndexOf(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], name[..3].ToLowerInvariant()) + 1;

    private static TimeSpan? Zone(string zone)
    {
        if (zone.Length == 0)
        {
            return TimeSpan.Zero; // No zone at all: UTC is the only honest guess.
        }

        if ((zone[0] == '+' || zone[0] == '-') && zone.Length >= 3)
        {
            var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
            if (digits.Length is 2 or 4 && digits.All(char.IsAsciiDigit))
            {
                var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
                var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
                var span = new TimeSpan(hours, minutes, 0);
                return zone[0] == '-' ? -span : span;
            }

            return null;
        }

        return ZoneHours.TryGetValue(zone.Trim('(', ')'), out var h) ? TimeSpan.FromHours(h) : null;
    }

    [GeneratedRegex(@"^(?:[A-Za-z]{2,9},?\s*)?(?<day>\d{1,2})[\s-]+(?<month>[A-Za-z]{3,9})\.?[\s-]+(?<year>\d{2}|\d{4})\s+(?<hour>\d{1,2}):(?<minute>\d{2})(?::(?<second>\d{2}))?(?:\.\d+)?\s*(?<zone>[A-Za-z]{1,5}|[+-]\d{2}:?\d{2}|\([A-Za-z]{1,5}\))?\s*$")]
    private static partial Regex Rfc822();
}
