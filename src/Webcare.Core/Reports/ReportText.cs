using System.Globalization;
using Webcare.Core.Commands;
using Webcare.Core.Team;

namespace Webcare.Core.Reports;

/// <summary>Shared wording for report answers: short lines, invariant numbers, the team's time zone.</summary>
public static class ReportText
{
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>
    /// The period asked for, cut at "now" (rounded up to the hour, the rollups' resolution), and the
    /// same span just before it, so a week in progress is compared with the same days of last week.
    /// </summary>
    public static (ReportPeriod Current, ReportPeriod Previous) ToDate(ReportPeriod period, DateTimeOffset now)
    {
        var hour = TimeSpan.FromHours(1);
        var roundedNow = new DateTimeOffset((now.UtcTicks + hour.Ticks - 1) / hour.Ticks * hour.Ticks, TimeSpan.Zero);
        var end = roundedNow < period.To ? (roundedNow > period.From ? roundedNow : period.From) : period.To;
        var length = period.To - period.From;
        return (period with { To = end }, new ReportPeriod(period.Name, period.From - length, end - length));
    }

    public static bool TryParsePeriod(CommandRequest request, int index, TimeZoneInfo zone, DateTimeOffset now, string fallback, out ReportPeriod period, out string? error)
    {
        var args = request.Arguments;
        var name = args.Count > index ? args[index] : fallback;
        error = ReportPeriod.TryParse(name, now, zone, out period) ? null : $"Unknown period '{name}'. Use today, week or month.";
        return error is null;
    }

    public static string Heading(string title, ReportPeriod period, TimeZoneInfo zone)
    {
        var from = TimeZoneInfo.ConvertTime(period.From, zone);
        var to = TimeZoneInfo.ConvertTime(period.To.AddSeconds(-1), zone);
        return string.Create(Culture, $"{title} — {period.Name} ({from:ddd d MMM} – {to:ddd d MMM}, {zone.Id})");
    }

    /// <summary>"▲ +12 (+11%)", "▼ −5 (−20%)", "= 0", or "new" when there was nothing before.</summary>
    public static string Change(int now, int before)
    {
        var delta = now - before;
        if (delta == 0)
        {
            return "= same";
        }

        if (before == 0)
        {
            return "▲ new";
        }

        var percent = 100.0 * delta / before;
        return delta > 0
            ? string.Create(Culture, $"▲ +{delta} (+{percent:0}%)")
            : string.Create(Culture, $"▼ −{-delta} (−{-percent:0}%)");
    }

    public static string Percent(int part, int whole) => whole == 0 ? "0%" : string.Create(Culture, $"{100.0 * part / whole:0}%");

    public static string Number(int value) => value.ToString("N0", Culture);

    public static string Pad(string text, int width) => text.Length >= width ? text : text + new string(' ', width - text.Length);

    public static string PadLeft(string text, int width) => text.Length >= width ? text : new string(' ', width - text.Length) + text;

    public static string Snippet(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }

    public static TimeZoneInfo Zone(TeamOptions team) => team.ResolveTimeZone();
}
