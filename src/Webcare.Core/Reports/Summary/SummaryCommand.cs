using System.Text;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Team;

namespace Webcare.Core.Reports.Summary;

/// <summary><c>/webcare summary [today|week|month] [brand]</c>.</summary>
public sealed class SummaryCommand(IReportQueries queries, IOptions<TeamOptions> team, TimeProvider clock) : ICommandHandler
{
    public string Name => "summary";

    public string Usage => "summary [today|week|month] [brand] — volume, negatives, open cases, response times, where complaints began";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var args = request.Arguments;
        var zone = team.Value.ResolveTimeZone();
        if (!ReportText.TryParsePeriod(request, 0, zone, clock.GetUtcNow(), "today", out var period, out var error))
        {
            return new Reply(error!, Ephemeral: true);
        }

        var brand = args.Count > 1 ? string.Join(' ', args.Skip(1)) : null;
        var data = await queries.GetSummaryAsync(period.From, period.To, brand, cancellationToken);
        return new Reply(Format(period, zone, brand, data));
    }

    internal static string Format(ReportPeriod period, TimeZoneInfo zone, string? brand, SummaryData data)
    {
        var c = ReportText.Culture;
        var text = new StringBuilder();
        text.AppendLine(ReportText.Heading("Summary" + (brand is null ? string.Empty : " · " + brand), period, zone));
        text.Append(c, $"Mentions: {ReportText.Number(data.Mentions)} · negative: {ReportText.Number(data.Negative)} ({ReportText.Percent(data.Negative, data.Mentions)}) · cases opened: {ReportText.Number(data.CasesOpened)}").AppendLine();

        var openTotal = data.OpenByState.Values.Sum();
        text.Append("Open now: ");
        if (openTotal == 0)
        {
            text.AppendLine("none");
        }
        else
        {
            text.Append(string.Join(" · ", data.OpenByState.Select(kv => $"{kv.Key} {ReportText.Number(kv.Value)}")));
            var ages = data.OpenByAge.Select((n, i) => (n, i)).Where(a => a.n > 0).Select(a => $"{ReportBuckets.OpenAgeLabels[a.i]} {ReportText.Number(a.n)}");
            text.Append(" — by age: ").Append(string.Join(" · ", ages));
            text.Append(" — overdue ").AppendLine(ReportText.Number(data.OpenOverdue));
        }

        var answered = data.FirstResponses.Sum(r => r.Count);
        var median = ReportBuckets.Percentile(data.FirstResponses, 0.5);
        var p90 = ReportBuckets.Percentile(data.FirstResponses, 0.9);
        text.Append("First response: ").AppendLine(median is null
            ? "no replies yet"
            : string.Create(c, $"median {SlaPolicy.Span(median.Value)} · p90 {SlaPolicy.Span(p90!.Value)} ({ReportText.Number(answered)} answered)"));
        text.Append("SLA breaches: ").Append(ReportText.Number(data.SlaBreaches)).AppendLine(data.SlaBreaches == 0
            ? string.Empty
            : $" ({ReportText.Number(data.LateReplies)} answered late · {ReportText.Number(data.UnansweredOverdue)} still unanswered)");

        text.Append("Where complaints began: ").AppendLine(Join(
            data.ByOrigin.OrderByDescending(kv => kv.Value.Total).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{kv.Key} {ReportText.Number(kv.Value.Total)} ({ReportText.Number(kv.Value.Confirmed)} confirmed)"),
            "no complaints"));
        text.Append("Top root causes: ").AppendLine(Join(data.TopRootCauses.Select(r => $"{r.Tag} {ReportText.Number(r.Count)}"), "none recorded"));
        text.Append("Highest reach: ").Append(Join(
            data.TopAuthors.Take(3).Select(a => string.Create(c, $"@{a.Handle.TrimStart('@')} ({a.Network}, {ReportText.Number(a.Followers)} followers{(a.Complaints > 1 ? $", {a.Complaints} complaints" : string.Empty)})")),
            "nobody yet"));
        return text.ToString();
    }

    private static string Join(IEnumerable<string> parts, string whenEmpty)
    {
        var list = parts.ToList();
        return list.Count == 0 ? whenEmpty : string.Join(" · ", list);
    }
}
