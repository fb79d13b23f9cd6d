using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Charts;
using Webcare.Core.Team;

namespace Webcare.Core.Reports.Digest;

/// <summary>Builds the weekly digest from the store's numbers and renders it as a chat message, a PNG chart and an HTML report.</summary>
public sealed class DigestService(IDigestQueries queries, IOptions<DigestOptions> options, IOptions<TeamOptions> team, TimeProvider clock)
{
    /// <summary>Origins in the order every digest lists them.</summary>
    public static readonly IReadOnlyList<string> OriginOrder = ["store", "phone", "online", "other", "unknown"];

    private const int BaselineWeeks = 4;

    /// <summary>Term counts above this many complaints a week are estimated from an even sample (see docs/digest.md).</summary>
    public const int MaxTermTexts = 1000;

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(
        string.IsNullOrWhiteSpace(options.Value.TimeZone) ? team.Value.TimeZone : options.Value.TimeZone);

    /// <summary>The digest of <paramref name="week"/>. A preview covers the week so far and compares with the same span of last week.</summary>
    public async Task<DigestReport> BuildAsync(DigestWeek week, bool preview, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = preview && now < week.To ? now : week.To;
        var elapsed = until - week.From;
        var previous = week.Previous;

        var current = await queries.GetWeekAsync(week.DayStarts(), until, now, detail: true, cancellationToken);
        var last = await queries.GetWeekAsync(previous.DayStarts(), previous.From + elapsed, now, detail: false, cancellationToken);

        var baselineStart = week;
        for (var i = 0; i < BaselineWeeks; i++)
        {
            baselineStart = baselineStart.Previous;
        }

        var texts = await queries.GetNegativeTextsAsync(week.From, until, MaxTermTexts, cancellationToken);
        var baseline = await queries.GetNegativeTextsAsync(baselineStart.From, week.From, MaxTermTexts * BaselineWeeks, cancellationToken);
        // A partial week is compared with the same fraction of an average baseline week.
        var fraction = Math.Clamp(elapsed / (week.To - week.From), 0.01, 1);
        var terms = EmergingTerms.Find(texts.Texts, baseline.Texts, BaselineWeeks / fraction, currentScale: texts.Scale, baselineScale: baseline.Scale);

        return Compose(team.Value.Name, week, preview, now, current, last, terms);
    }

    internal static DigestReport Compose(string teamName, DigestWeek week, bool preview, DateTimeOffset now,
        DigestWeekData current, DigestWeekData last, IReadOnlyList<EmergingTerm> terms)
    {
        static double? Share(DigestWeekData d) => d.Mentions == 0 ? null : (double)d.Negative / d.Mentions;
        var origins = OriginOrder
            .Concat(current.ByOrigin.Keys.Concat(last.ByOrigin.Keys).Where(o => !OriginOrder.Contains(o)).Distinct().Order(StringComparer.Ordinal))
            .Select(o => new OriginTrend(o, current.ByOrigin.GetValueOrDefault(o) ?? new OriginCount(0, 0), last.ByOrigin.GetValueOrDefault(o) ?? new OriginCount(0, 0)))
            .ToList();
        var lastCauses = last.RootCauses.ToDictionary(r => r.Tag, r => r.Count, StringComparer.Ordinal);
        var causes = current.RootCauses
            .OrderByDescending(r => r.Count).ThenBy(r => r.Tag, StringComparer.Ordinal)
            .Take(5)
            .Select(r => new RootCauseTrend(r.Tag, r.Count, lastCauses.GetValueOrDefault(r.Tag), r.ExampleQuote, r.ExampleCaseId))
            .ToList();
        return new DigestReport(
            teamName, week, preview, now,
            new Change(current.Mentions, last.Mentions),
            new Change(Share(current), Share(last)),
            new Change(current.CasesOpened, last.CasesOpened),
            new Change(current.FirstResponseMedian?.TotalMinutes, last.FirstResponseMedian?.TotalMinutes),
            origins, causes, current.Sla, last.Sla, current.Notable, terms, current.CasesPerDay, last.CasesPerDay);
    }

    /// <summary>The chat message with the PNG chart and the HTML report attached.</summary>
    public static Reply ToReply(DigestReport report)
    {
        var png = DigestChart.Render(report);
        var html = DigestHtml.Render(report);
        return new Reply(DigestText.Render(report), Files:
        [
            new ReplyFile(report.FileStem + ".png", "image/png", png, "Complaints by origin and per day"),
            new ReplyFile(report.FileStem + ".html", "text/html", html, "Full digest report"),
        ]);
    }
}
