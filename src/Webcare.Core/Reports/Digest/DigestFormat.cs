using System.Globalization;

namespace Webcare.Core.Reports.Digest;

/// <summary>Number wording shared by the chat text, the chart and the HTML report, so they never disagree.</summary>
public static class DigestFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(double? value) => value is { } v ? v.ToString("#,0", Invariant) : "–";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", Invariant) + "%" : "–";

    public static string Minutes(double? minutes) => minutes switch
    {
        null => "–",
        < 60 => minutes.Value.ToString("0", Invariant) + " min",
        < 48 * 60 => (minutes.Value / 60).ToString("0.#", Invariant) + " h",
        _ => (minutes.Value / 1440).ToString("0.#", Invariant) + " d",
    };

    /// <summary>"+12%", "−3%", "new" or "" (no comparison possible).</summary>
    public static string PercentChange(Change change) => change switch
    {
        { Percent: { } p } => Signed(p, "0") + "%",
        { Current: > 0, Previous: 0 } => "new",
        _ => string.Empty,
    };

    /// <summary>Change of a share in percentage points, e.g. "+4 pt".</summary>
    public static string PointChange(Change change) =>
        change.Delta is { } d ? Signed(d * 100, "0") + " pt" : string.Empty;

    public static string MinutesChange(Change change) =>
        change.Delta is { } d ? (d >= 0 ? "+" : "−") + Minutes(Math.Abs(d)) : string.Empty;

    public static string Signed(double value, string format = "0")
    {
        var rounded = value.ToString(format, Invariant);
        if (rounded is "0" or "-0")
        {
            return "±0";
        }

        return value > 0 ? "+" + rounded : "−" + rounded.TrimStart('-');
    }

    /// <summary>Shortens customer text for a one-line quote: whitespace collapsed, cut at a word with an ellipsis.</summary>
    public static string Quote(string text, int max = 140)
    {
        var flat = string.Join(' ', text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    public static string Range(DigestWeek week, bool preview, DateTimeOffset generatedAt)
    {
        var first = week.FirstDay;
        var last = preview ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(generatedAt, week.Zone).DateTime) : first.AddDays(6);
        if (last > first.AddDays(6))
        {
            last = first.AddDays(6);
        }

        return string.Create(Invariant, $"{first:ddd d MMM} – {last:ddd d MMM yyyy}");
    }
}
