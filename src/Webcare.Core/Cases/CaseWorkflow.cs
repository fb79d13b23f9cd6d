using Webcare.Core.Mentions;

namespace Webcare.Core.Cases;

/// <summary>The change a permitted action makes to a case; the store applies it atomically.</summary>
public sealed record CaseChange(
    CaseState To,
    string? AssigneeId,
    string? AssigneeName,
    Origin Origin,
    bool OriginConfirmed,
    IReadOnlyList<string> RootCauses,
    bool RootCausesConfirmed,
    string SuggestedReply,
    DateTimeOffset? FirstRepliedAt,
    DateTimeOffset? ClosedAt,
    string EventKind,
    string? Note)
{
    /// <summary>When set, the store keeps this as the case's labelled example (same transaction).</summary>
    public CaseLabel? Label { get; init; }
}

/// <summary>
/// The case state machine: new → claimed → replied → resolved, dismissed (not relevant / false
/// positive) from any open state, re-open. Pure: it decides, the store applies.
/// </summary>
public static class CaseWorkflow
{
    public const string FalsePositive = "false_positive";
    public const string NotRelevant = "not_relevant";

    /// <summary>Decides what <paramref name="action"/> does to <paramref name="current"/>, or why it may not.</summary>
    public static (CaseChange? Change, string Message) Decide(
        CaseRecord current, CaseAction action, IReadOnlyCollection<string> knownRootCauses, DateTimeOffset now)
    {
        var who = action.Actor.DisplayName;
        var id = current.Id;
        var same = Keep(current);

        // Someone else's claimed case is theirs to work: a lead may step in, another agent may not.
        if (action.Kind is CaseActionKind.Release or CaseActionKind.MarkReplied or CaseActionKind.Resolve or CaseActionKind.Dismiss
            && current.IsOpen && current.State != CaseState.New
            && current.AssigneeId is not null && current.AssigneeId != action.Actor.UserId
            && !action.Actor.Roles.Contains(Role.Lead))
        {
            return (null, $"Case #{id} is {current.AssigneeName}'s; ask {current.AssigneeName} or a lead.");
        }

        switch (action.Kind)
        {
            case CaseActionKind.Claim when current.State == CaseState.New:
                return (same with { To = CaseState.Claimed, AssigneeId = action.Actor.UserId, AssigneeName = who, EventKind = "claim" }, $"{who} claimed case #{id}.");
            case CaseActionKind.Claim when current.IsOpen && current.AssigneeId == action.Actor.UserId:
                return (null, $"You already have case #{id}.");
            case CaseActionKind.Claim when current.IsOpen:
                return (null, $"Case #{id} is already claimed by {current.AssigneeName}.");
            case CaseActionKind.Release when current.State == CaseState.Claimed:
                return (same with { To = CaseState.New, AssigneeId = null, AssigneeName = null, EventKind = "release" }, $"{who} released case #{id}.");
            case CaseActionKind.MarkReplied when current.State is CaseState.New or CaseState.Claimed:
                return (same with
                {
                    To = CaseState.Replied,
                    AssigneeId = current.AssigneeId ?? action.Actor.UserId,
                    AssigneeName = current.AssigneeName ?? who,
                    FirstRepliedAt = current.FirstRepliedAt ?? now,
                    EventKind = "replied",
                }, $"{who} marked case #{id} as replied.");
            case CaseActionKind.Resolve when current.State is CaseState.Claimed or CaseState.Replied:
                return (same with { To = CaseState.Resolved, ClosedAt = now, EventKind = "resolve" }, ResolvedMessage(current, who));
            case CaseActionKind.Resolve when current.State == CaseState.New:
                return (null, $"Case #{id} is not claimed yet: claim it, or dismiss it as not relevant.");
            case CaseActionKind.Dismiss when current.IsOpen:
                var reason = NormalizeReason(action.Value);
                var change = same with { To = CaseState.Dismissed, ClosedAt = now, EventKind = "dismiss", Note = reason };
                if (reason == FalsePositive)
                {
                    // A false positive is the most useful correction triage can get: not negative at all.
                    change = change with { Label = new CaseLabel(CaseLabel.NotNegative, null, [], Corrected: true) };
                }

                return (change, $"{who} dismissed case #{id} ({reason.Replace('_', ' ')}).");
            case CaseActionKind.Reopen when !current.IsOpen:
                var reopenedTo = current.AssigneeId is null ? CaseState.New : CaseState.Claimed;
                var reopened = same with { To = reopenedTo, ClosedAt = null, EventKind = "reopen" };
                if (current.State == CaseState.Dismissed)
                {
                    // Re-opening a dismissal takes back a "not negative" label.
                    reopened = reopened with { Label = LabelFor(current, current.Origin, current.OriginConfirmed, current.RootCauses, current.RootCausesConfirmed) };
                }

                return (reopened, $"{who} re-opened case #{id}.");
            case CaseActionKind.SetOrigin:
                return DecideOrigin(current, action, same);
            case CaseActionKind.SetRootCause:
                return DecideRootCause(current, action, same, knownRootCauses);
            case CaseActionKind.EditReply when !current.IsOpen:
                return (null, $"Case #{id} is closed; re-open it to edit the reply.");
            case CaseActionKind.EditReply:
                var reply = (action.Value ?? string.Empty).Trim();
                return reply.Length == 0
                    ? (null, "The reply cannot be empty.")
                    : (same with { SuggestedReply = reply, EventKind = "edit_reply" }, $"{who} edited the suggested reply of case #{id}.");
            default:
                return (null, Illegal(current, action.Kind));
        }
    }

    private static string Illegal(CaseRecord c, CaseActionKind kind)
    {
        var verb = CaseActionId.VerbOf(kind);
        var state = c.State switch
        {
            CaseState.Claimed => $"claimed by {c.AssigneeName}",
            CaseState.Replied => $"already replied by {c.AssigneeName}",
            CaseState.Resolved => "resolved (re-open it first)",
            CaseState.Dismissed => "dismissed (re-open it first)",
            _ => "new and unclaimed",
        };
        return $"Case #{c.Id} is {state}: '{verb}' is not possible now.";
    }

    private static string ResolvedMessage(CaseRecord c, string who) => c.OriginConfirmed
        ? $"{who} resolved case #{c.Id}."
        : c.Origin == Origin.Unknown
            ? $"{who} resolved case #{c.Id}. Where did it begin (store, phone, online)? Please pick it on the card."
            : $"{who} resolved case #{c.Id}. Where did it begin? Triage guessed {c.Origin.ToName()}: confirm or change it on the card.";

    private static (CaseChange?, string) DecideOrigin(CaseRecord current, CaseAction action, CaseChange same)
    {
        if (!OriginNames.TryParse(action.Value, out var origin) || origin == Origin.Unknown)
        {
            return (null, "Origin must be one of: store, phone, online, other.");
        }

        if (current.OriginConfirmed && current.Origin == origin)
        {
            return (null, $"Case #{current.Id} is already confirmed as {origin.ToName()}.");
        }

        var changed = origin != current.GuessedOrigin;
        return (same with
        {
            Origin = origin,
            OriginConfirmed = true,
            EventKind = "origin",
            Note = changed ? $"{origin.ToName()} (triage guessed {current.GuessedOrigin.ToName()})" : origin.ToName(),
            Label = LabelFor(current, origin, true, current.RootCauses, current.RootCausesConfirmed),
        }, $"{action.Actor.DisplayName} confirmed that case #{current.Id} began: {origin.ToName()}.");
    }

    private static (CaseChange?, string) DecideRootCause(CaseRecord current, CaseAction action, CaseChange same, IReadOnlyCollection<string> known)
    {
        var tags = (action.Value ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant())
            .Distinct()
            .ToList();
        var unknown = tags.Where(t => !known.Contains(t)).ToList();
        if (tags.Count == 0 || unknown.Count > 0)
        {
            return (null, $"Unknown root cause '{string.Join(", ", unknown)}'. Known: {string.Join(", ", known)}.");
        }

        return (same with
        {
            RootCauses = tags,
            RootCausesConfirmed = true,
            EventKind = "rootcause",
            Note = string.Join(",", tags),
            Label = LabelFor(current, current.Origin, current.OriginConfirmed, tags, true),
        }, $"{action.Actor.DisplayName} set the root cause of case #{current.Id}: {string.Join(", ", tags)}.");
    }

    /// <summary>The labelled example after an agent confirmed something: negative, with what is confirmed so far.</summary>
    private static CaseLabel LabelFor(CaseRecord c, Origin origin, bool originConfirmed, IReadOnlyList<string> causes, bool causesConfirmed)
    {
        var corrected = (originConfirmed && origin != c.GuessedOrigin)
            || (causesConfirmed && !causes.Order(StringComparer.Ordinal).SequenceEqual(c.GuessedRootCauses.Order(StringComparer.Ordinal)));
        return new CaseLabel(CaseLabel.Negative, originConfirmed ? origin : null, causesConfirmed ? causes : [], corrected);
    }

    private static string NormalizeReason(string? value) =>
        value?.Trim().ToLowerInvariant() is "false_positive" or "false-positive" or "false positive" or "not_negative" or "fp" ? FalsePositive : NotRelevant;

    private static CaseChange Keep(CaseRecord c) => new(
        c.State, c.AssigneeId, c.AssigneeName, c.Origin, c.OriginConfirmed, c.RootCauses, c.RootCausesConfirmed,
        c.SuggestedReply, c.FirstRepliedAt, c.ClosedAt, "none", null);
}
