using System.Text;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Team;

namespace Webcare.Core.Reports.Origins;

/// <summary><c>/webcare origins [today|week|month] [brand]</c>: where complaints began, against the same span before, with their root causes.</summary>
public sealed class OriginsCommand(IReportQueries queries, IOptions<TeamOptions> team, TimeProvider clock)
    : OriginCauseCommand(queries, team, clock)
{
    private static readonly string[] OriginOrder = ["store", "phone", "online", "other", "unknown"];

    public override string Name => "origins";

    public override string Usage => "origins [today|week|month] [brand] — where complaints began (store/phone/online), change and root causes";

    private protected override string Format(ReportPeriod period, TimeZoneInfo zone, string? brand, OriginCauseData data, OriginCauseData before)
    {
        var c = ReportText.Culture;
        var text = new StringBuilder();
        text.AppendLine(ReportText.Heading("Where complaints began" + (brand is null ? string.Empty : " · " + brand), period, zone));
        if (data.Complaints == 0)
        {
            text.Append(before.Complaints == 0
                ? "No complaints in this period yet."
                : string.Create(c, $"No complaints in this period yet (the same span before had {before.Complaints})."));
            return text.ToString();
        }

        text.AppendLine(string.Create(c, $"{ReportText.Number(data.Complaints)} complaints, change against the same span before:"));
        var width = OriginOrder.Max(o => o.Length);
        foreach (var origin in OriginOrder.Concat(data.Origins.Keys.Except(OriginOrder)))
        {
            var now = data.Origins.GetValueOrDefault(origin);
            var was = before.Origins.GetValueOrDefault(origin);
            if (now is null && was is null)
            {
                continue;
            }

            var total = now?.Total ?? 0;
            text.Append("  ").Append(ReportText.Pad(origin, width)).Append(' ')
                .Append(ReportText.PadLeft(ReportText.Number(total), 6)).Append(' ')
                .Append(ReportText.PadLeft(ReportText.Percent(total, data.Complaints), 4)).Append("  ")
                .Append(ReportText.Pad(ReportText.Change(total, was?.Total ?? 0), 16))
                .AppendLine($"{ReportText.Number(now?.Confirmed ?? 0)} confirmed");
        }

        var guessed = data.Origins.Values.Sum(o => o.Guessed);
        text.AppendLine(string.Create(c, $"Only guessed by triage: {ReportText.Number(guessed)} of {ReportText.Number(data.Complaints)} ({ReportText.Percent(guessed, data.Complaints)})"));
        var rows = data.Cross.GroupBy(x => x.Origin)
            .OrderBy(g => Array.IndexOf(OriginOrder, g.Key) is var i && i < 0 ? int.MaxValue : i)
            .Select(g => $"  {g.Key}: " + string.Join(" · ", g.OrderByDescending(x => x.Count).ThenBy(x => x.Cause, StringComparer.Ordinal).Take(3).Select(x => $"{x.Cause} {ReportText.Number(x.Count)}")))
            .ToList();
        if (rows.Count > 0)
        {
            text.AppendLine("Top root causes per origin:");
            text.AppendJoin(Environment.NewLine, rows);
        }
        else
        {
            text.Append("No root causes recorded yet.");
        }

        return text.ToString().TrimEnd();
    }
}

/// <summary><c>/webcare rootcauses [today|week|month] [brand]</c>: why people complain, against the same span before, split by origin.</summary>
public sealed class RootCausesCommand(IReportQueries queries, IOptions<TeamOptions> team, TimeProvider clock)
    : OriginCauseCommand(queries, team, clock)
{
    private const int Shown = 8;

    public override string Name => "rootcauses";

    public override string Usage => "rootcauses [today|week|month] [brand] — top root causes, change and where they began";

    private protected override string Format(ReportPeriod period, TimeZoneInfo zone, string? brand, OriginCauseData data, OriginCauseData before)
    {
        var c = ReportText.Culture;
        var text = new StringBuilder();
        text.AppendLine(ReportText.Heading("Top root causes" + (brand is null ? string.Empty : " · " + brand), period, zone));
        if (data.Causes.Count == 0)
        {
            text.Append(data.Complaints == 0 ? "No complaints in this period yet." : "No root causes recorded for this period's complaints yet.");
            return text.ToString();
        }

        var top = data.Causes.OrderByDescending(kv => kv.Value.Total).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(Shown).ToList();
        var width = top.Max(kv => kv.Key.Length);
        foreach (var (cause, count) in top)
        {
            var origins = data.Cross.Where(x => x.Cause == cause).OrderByDescending(x => x.Count).ThenBy(x => x.Origin, StringComparer.Ordinal)
                .Take(3).Select(x => $"{x.Origin} {ReportText.Number(x.Count)}");
            text.Append("  ").Append(ReportText.Pad(cause, width)).Append(' ')
                .Append(ReportText.PadLeft(ReportText.Number(count.Total), 6)).Append("  ")
                .Append(ReportText.Pad(ReportText.Change(count.Total, before.Causes.GetValueOrDefault(cause)?.Total ?? 0), 16))
                .AppendLine(string.Join(" · ", origins));
        }

        if (data.Causes.Count > Shown)
        {
            text.AppendLine(string.Create(c, $"  … and {data.Causes.Count - Shown} more"));
        }

        var confirmed = data.Causes.Values.Sum(x => x.Confirmed);
        var all = data.Causes.Values.Sum(x => x.Total);
        text.Append(string.Create(c, $"Confirmed by an agent: {ReportText.Number(confirmed)} of {ReportText.Number(all)} ({ReportText.Percent(confirmed, all)})"));
        return text.ToString();
    }
}

/// <summary>
/// The shell shared by <c>origins</c> and <c>rootcauses</c>: read the period and brand, load the origin × root-cause
/// data for that span and the same span before, and let the command format it.
/// </summary>
public abstract class OriginCauseCommand(IReportQueries queries, IOptions<TeamOptions> team, TimeProvider clock) : ICommandHandler
{
    public abstract string Name { get; }

    public abstract string Usage { get; }

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var zone = team.Value.ResolveTimeZone();
        var now = clock.GetUtcNow();
        if (!ReportText.TryParsePeriod(request, 0, zone, now, "week", out var period, out var error))
        {
            return new Reply(error!, Ephemeral: true);
        }

        var brand = request.Arguments.Count > 1 ? string.Join(' ', request.Arguments.Skip(1)) : null;
        var (current, previous) = ReportText.ToDate(period, now);
        var data = await queries.GetOriginCausesAsync(current.From, current.To, brand, cancellationToken);
        var before = await queries.GetOriginCausesAsync(previous.From, previous.To, brand, cancellationToken);
        return new Reply(Format(period, zone, brand, data, before));
    }

    private protected abstract string Format(ReportPeriod period, TimeZoneInfo zone, string? brand, OriginCauseData data, OriginCauseData before);
}
