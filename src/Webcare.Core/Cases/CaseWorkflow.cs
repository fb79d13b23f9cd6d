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
    string? Note);

/// <summary>The case state machine: new → claimed → replied → resolved, dismissed from any open state, re-open.</summary>
public static class CaseWorkflow
{
    /// <summary>Decides what <paramref name="action"/> does to <paramref name="current"/>, or why it may not.</summary>
    public static (CaseChange? Change, string Message) Decide(
        CaseRecord current, CaseAction action, IReadOnlyCollection<string> knownRootCauses, DateTimeOffset now)
    {
        var who = action.Actor.DisplayName;
        var same = Keep(current);
        switch (action.Kind)
        {
            case CaseActionKind.Claim when current.State == CaseState.New:
                return (same with { To = CaseState.Claimed, AssigneeId = action.Actor.UserId, AssigneeName = who, EventKind = "claim" }, $"{who} claimed case #{current.Id}.");
            case CaseActionKind.Claim when current.State == CaseState.Claimed && current.AssigneeId == action.Actor.UserId:
                return (null, $"You already have case #{current.Id}.");
            case CaseActionKind.Claim when current.State == CaseState.Claimed:
                return (null, $"Case #{current.Id} is already claimed by {current.AssigneeName}.");
            case CaseActionKind.Release when current.State == CaseState.Claimed:
                return (same with { To = CaseState.New, AssigneeId = null, AssigneeName = null, EventKind = "release" }, $"{who} released case #{current.Id}.");
            case CaseActionKind.MarkReplied when current.State is CaseState.New or CaseState.Claimed:
                return (same with
                {
                    To = CaseState.Replied,
                    AssigneeId = current.AssigneeId ?? action.Actor.UserId,
                    AssigneeName = current.AssigneeName ?? who,
                    FirstRepliedAt = current.FirstRepliedAt ?? now,
                    EventKind = "replied",
                }, $"{who} marked case #{current.Id} as replied.");
            case CaseActionKind.Resolve when current.State is CaseState.Claimed or CaseState.Replied:
                return (same with { To = CaseState.Resolved, ClosedAt = now, EventKind = "resolve" }, $"{who} resolved case #{current.Id}.");
            case CaseActionKind.Resolve when current.State == CaseState.New:
                return (null, $"Case #{current.Id} is not claimed yet: claim it, or dismiss it as not relevant.");
            case CaseActionKind.Dismiss when current.IsOpen:
                return (same with { To = CaseState.Dismissed, ClosedAt = now, EventKind = "dismiss", Note = NormalizeReason(action.Value) }, $"{who} dismissed case #{current.Id} ({NormalizeReason(action.Value)}).");
            case CaseActionKind.Reopen when !current.IsOpen:
                var reopenedTo = current.AssigneeId is null ? CaseState.New : CaseState.Claimed;
                return (same with { To = reopenedTo, ClosedAt = null, EventKind = "reopen" }, $"{who} re-opened case #{current.Id}.");
            case CaseActionKind.SetOrigin:
                return DecideOrigin(current, action, same);
            case CaseActionKind.SetRootCause:
                return DecideRootCause(current, action, same, knownRootCauses);
            case CaseActionKind.EditReply:
                var reply = (action.Value ?? string.Empty).Trim();
                return reply.Length == 0
                    ? (null, "The reply cannot be empty.")
                    : (same with { SuggestedReply = reply, EventKind = "edit_reply" }, $"{who} edited the suggested reply of case #{current.Id}.");
            default:
                return (null, $"Case #{current.Id} is {current.State.ToString().ToLowerInvariant()}: '{CaseActionId.VerbOf(action.Kind)}' is not possible now.");
        }
    }

    private static (CaseChange?, string) DecideOrigin(CaseRecord current, CaseAction action, CaseChange same)
    {
        if (!OriginNames.TryParse(action.Value, out var origin) || origin == Origin.Unknown)
        {
            return (null, "Origin must be one of: store, phone, online, other.");
        }

        return (same with { Origin = origin, OriginConfirmed = true, EventKind = "origin", Note = origin.ToName() },
            $"{action.Actor.DisplayName} confirmed that case #{current.Id} began: {origin.ToName()}.");
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

        return (same with { RootCauses = tags, RootCausesConfirmed = true, EventKind = "rootcause", Note = string.Join(",", tags) },
            $"{action.Actor.DisplayName} set the root cause of case #{current.Id}: {string.Join(", ", tags)}.");
    }

    private static string NormalizeReason(string? value) =>
        value?.Trim().ToLowerInvariant() is "false_positive" or "false-positive" or "not_negative" ? "false_positive" : "not_relevant";

    private static CaseChange Keep(CaseRecord c) => new(
        c.State, c.AssigneeId, c.AssigneeName, c.Origin, c.OriginConfirmed, c.RootCauses, c.RootCausesConfirmed,
        c.SuggestedReply, c.FirstRepliedAt, c.ClosedAt, "none", null);
}
