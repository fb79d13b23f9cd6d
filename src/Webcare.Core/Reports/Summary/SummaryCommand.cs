using System.Globalization;
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

    public string Usage => "summary [today|week|month] [brand] — volume, negatives, open cases, where complaints began";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var args = request.Arguments;
        var zone = team.Value.ResolveTimeZone();
        if (!ReportPeriod.TryParse(args.Count > 0 ? args[0] : "today", clock.GetUtcNow(), zone, out var period))
        {
            return new Reply($"Unknown period '{args[0]}'. Use today, week or month.", Ephemeral: true);
        }

        var brand = args.Count > 1 ? string.Join(' ', args.Skip(1)) : null;
        var data = await queries.GetSummaryAsync(period.From, period.To, brand, cancellationToken);
        return new Reply(Format(period, zone, brand, data));
    }

    internal static string Format(ReportPeriod period, TimeZoneInfo zone, string? brand, SummaryData data)
    {
        var culture = CultureInfo.InvariantCulture;
        var from = TimeZoneInfo.ConvertTime(period.From, zone);
        var to = TimeZoneInfo.ConvertTime(period.To.AddSeconds(-1), zone);
        var text = new StringBuilder();
        text.Append(culture, $"Summary — {period.Name}{(brand is null ? string.Empty : " — " + brand)} ({from:ddd d MMM} – {to:ddd d MMM}, {zone.Id})").AppendLine();
        var share = data.Mentions == 0 ? 0 : 100.0 * data.Negative / data.Mentions;
        text.Append(culture, $"Mentions: {data.Mentions} · negative: {data.Negative} ({share:0}%) · cases opened: {data.CasesOpened}").AppendLine();
        text.Append("Open cases: ").AppendLine(Join(data.OpenByState.Select(kv => $"{kv.Key} {kv.Value}"), "none"));
        text.Append("Where complaints began: ").AppendLine(Join(
            data.ByOrigin.OrderByDescending(kv => kv.Value.Total).Select(kv => string.Create(culture, $"{kv.Key} {kv.Value.Total} ({kv.Value.Confirmed} confirmed)")),
            "no complaints"));
        text.Append("Top root causes: ").Append(Join(data.TopRootCauses.Select(r => $"{r.Tag} {r.Count}"), "none recorded"));
        return text.ToString();
    }

    private static string Join(IEnumerable<string> parts, string whenEmpty)
    {
        var list = parts.ToList();
        return list.Count == 0 ? whenEmpty : string.Join(" · ", list);
    }
}
