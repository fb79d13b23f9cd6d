using System.Globalization;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Alerts;

/// <summary>The store's side of the spike alert.</summary>
public interface ISpikeQueries
{
    /// <summary>Non-duplicate mentions and how many of them were negative, posted in [from, to).</summary>
    Task<HourCounts> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Non-duplicate mention texts posted in [from, to).</summary>
    Task<IReadOnlyList<TermSource>> GetTextsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed record HourCounts(int Volume, int Negative)
{
    public double? NegativeShare => Volume == 0 ? null : (double)Negative / Volume;
}

/// <summary>The outcome of checking one hour. <see cref="Card"/> is set when it is a spike.</summary>
public sealed record SpikeCheck(DateTimeOffset HourStart, HourCounts Current, double BaselineVolume, double? BaselineNegativeShare, string? Reason, Card? Card)
{
    public bool IsSpike => Card is not null;

    /// <summary>The key an alert for this hour is stored under, e.g. 2026-11-22T09:00Z.</summary>
    public string Key => HourStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH':00Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// Compares one hour with the same hour of the week in the four weeks before (in the team's time zone, so a DST
/// change compares 09:00 with 09:00) and builds the alert card with the hour's top terms.
/// </summary>
public sealed class SpikeDetector(ISpikeQueries queries, IOptions<SpikeOptions> options)
{
    public const int BaselineWeeks = 4;

    public async Task<SpikeCheck> CheckAsync(DateTimeOffset hourStart, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var hourEnd = hourStart.AddHours(1);
        var current = await queries.CountAsync(hourStart, hourEnd, cancellationToken);
        var localStart = TimeZoneInfo.ConvertTime(hourStart, zone).DateTime;
        var baselineVolume = 0;
        var baselineNegative = 0;
        var windows = new List<(DateTimeOffset From, DateTimeOffset To)>();
        for (var week = 1; week <= BaselineWeeks; week++)
        {
            var from = DigestWeek.LocalToUtc(localStart.AddDays(-7 * week), zone);
            var counts = await queries.CountAsync(from, from.AddHours(1), cancellationToken);
            baselineVolume += counts.Volume;
            baselineNegative += counts.Negative;
            windows.Add((from, from.AddHours(1)));
        }

        var averageVolume = (double)baselineVolume / BaselineWeeks;
        double? baselineShare = baselineVolume == 0 ? null : (double)baselineNegative / baselineVolume;
        var reason = Evaluate(current, averageVolume, baselineShare, o);
        if (reason is null)
        {
            return new SpikeCheck(hourStart, current, averageVolume, baselineShare, null, null);
        }

        var texts = await queries.GetTextsAsync(hourStart, hourEnd, cancellationToken);
        var baselineTexts = new List<TermSource>();
        foreach (var (from, to) in windows)
        {
            baselineTexts.AddRange(await queries.GetTextsAsync(from, to, cancellationToken));
        }

        var terms = TopTerms(texts, baselineTexts);
        var card = BuildCard(hourStart, zone, current, averageVolume, baselineShare, reason, terms, o);
        return new SpikeCheck(hourStart, current, averageVolume, baselineShare, reason, card);
    }

    /// <summary>Why this hour is a spike, or null when it is not.</summary>
    public static string? Evaluate(HourCounts current, double averageVolume, double? baselineShare, SpikeOptions o)
    {
        if (current.Volume < o.MinimumVolume)
        {
            return null;
        }

        var reasons = new List<string>();
        if (current.Volume > o.Multiple * averageVolume)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"volume {current.Volume} is {(averageVolume == 0 ? "far" : (current.Volume / averageVolume).ToString("0.0", CultureInfo.InvariantCulture) + "×")} above the usual {averageVolume:0.#}"));
        }

        if (current.NegativeShare is { } share && share > 0 && share > o.Multiple * (baselineShare ?? 0))
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"negative share {share:P0} against the usual {baselineShare ?? 0:P0}"));
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static IReadOnlyList<(string Term, int Count)> TopTerms(IReadOnlyList<TermSource> texts, IReadOnlyList<TermSource> baseline)
    {
        var emerging = EmergingTerms.Find(texts, baseline, BaselineWeeks, top: 5, minimumCount: 2, minimumRatio: 1.5);
        return emerging.Count > 0
            ? emerging.Select(t => (t.Term, t.Count)).ToList()
            : EmergingTerms.CountDocuments(texts).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5).Select(kv => (kv.Key, kv.Value)).ToList();
    }

    public static Card BuildCard(DateTimeOffset hourStart, TimeZoneInfo zone, HourCounts current, double averageVolume, double? baselineShare,
        string reason, IReadOnlyList<(string Term, int Count)> terms, SpikeOptions o)
    {
        var c = CultureInfo.InvariantCulture;
        var local = TimeZoneInfo.ConvertTime(hourStart, zone);
        var fields = new List<CardField>
        {
            new("Hour", string.Create(c, $"{local:ddd d MMM HH:mm}–{local.AddHours(1):HH:mm} ({zone.Id})")),
            new("Mentions", string.Create(c, $"{current.Volume} (usually {averageVolume:0.#})")),
            new("Negative", string.Create(c, $"{current.Negative} = {current.NegativeShare ?? 0:P0} (usually {baselineShare ?? 0:P0})")),
            new("Top terms", terms.Count == 0 ? "none" : string.Join(" · ", terms.Select(t => string.Create(c, $"{t.Term} {t.Count}"))), Inline: false),
        };
        return new Card(
            string.Create(c, $"Spike: {current.Volume} mentions in one hour"),
            CardTone.Danger,
            fields,
            Why: reason,
            Footer: string.Create(c, $"Compared with the same hour in the last {BaselineWeeks} weeks. Next alert no sooner than {local.AddHours(1).Add(o.Cooldown):ddd HH:mm}."));
    }
}
