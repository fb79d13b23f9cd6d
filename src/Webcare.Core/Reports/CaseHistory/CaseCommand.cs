using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Mentions;
using Webcare.Core.Team;
using Webcare.Core.Triage;

namespace Webcare.Core.Reports.CaseHistory;

/// <summary><c>/webcare case &lt;id&gt;</c>: the case as it stands, its card, and its event history.</summary>
public sealed class CaseCommand(ICaseStore store, CaseCardBuilder cards, SlaPolicy sla, IOptions<TeamOptions> team, TimeProvider clock) : ICommandHandler
{
    private const int MaxEvents = 25;

    public string Name => "case";

    public string Usage => "case <id> — a case with its history";

    public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent, Role.Lead, Role.Manager];

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var args = request.Arguments;
        if (args.Count == 0 || !long.TryParse(args[0].TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return new Reply("Which case? Use 'case <id>', e.g. 'case 12' (the number on the card).", Ephemeral: true);
        }

        var current = await store.GetCaseAsync(id, cancellationToken);
        if (current is null)
        {
            return new Reply($"There is no case #{id}.", Ephemeral: true);
        }

        var events = await store.GetEventsAsync(id, cancellationToken);
        return new Reply(Format(current, events, team.Value.ResolveTimeZone(), sla, clock.GetUtcNow()), cards.Build(current), Ephemeral: true);
    }

    internal static string Format(CaseRecord c, IReadOnlyList<CaseEvent> events, TimeZoneInfo zone, SlaPolicy sla, DateTimeOffset now)
    {
        var culture = CultureInfo.InvariantCulture;
        var m = c.Mention.Mention;
        var text = new StringBuilder();
        var state = c.State.ToString().ToLowerInvariant() + (c.AssigneeName is null ? string.Empty : " · " + c.AssigneeName);
        text.AppendLine(string.Create(culture, $"Case #{c.Id} · {c.Priority.ToName()} · {c.Mention.Brand} · {state}"));
        text.AppendLine(string.Create(culture, $"@{m.Author.Handle.TrimStart('@')} on {m.Network}, {TimeZoneInfo.ConvertTime(m.PostedAt, zone):ddd d MMM HH:mm}: \u201C{ReportText.Snippet(m.Text, 200)}\u201D"));
        var origin = c.OriginConfirmed
            ? $"{c.Origin.ToName()} (confirmed{(c.GuessedOrigin != c.Origin ? $"; triage guessed {c.GuessedOrigin.ToName()}" : string.Empty)})"
            : $"{c.Origin.ToName()} (guess)";
        var causes = c.RootCauses.Count == 0 ? "none" : string.Join(", ", c.RootCauses) + (c.RootCausesConfirmed ? " (confirmed)" : " (guess)");
        text.AppendLine($"Origin: {origin} · Root cause: {causes}");
        text.AppendLine("First response: " + sla.Describe(sla.ClockFor(c, now), now));
        text.AppendLine("History:");
        var shown = events.Count > MaxEvents ? events.Skip(events.Count - MaxEvents).ToList() : events;
        if (shown.Count < events.Count)
        {
            text.AppendLine(string.Create(culture, $"  … {events.Count - shown.Count} earlier events"));
        }

        foreach (var e in shown)
        {
            var at = TimeZoneInfo.ConvertTime(e.At, zone).ToString("ddd d MMM HH:mm", culture);
            var move = e.From == e.To ? string.Empty : $" {e.From.ToString().ToLowerInvariant()}→{e.To.ToString().ToLowerInvariant()}";
            var note = e.Note is { Length: > 0 } n ? " · " + ReportText.Snippet(n, 80) : string.Empty;
            text.AppendLine($"  {at}  {ReportText.Pad(e.Kind, 10)}{move} · {e.ActorName} ({e.Platform}){note}");
        }

        return text.ToString().TrimEnd();
    }
}
