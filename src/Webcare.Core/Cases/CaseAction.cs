namespace Webcare.Core.Cases;

public enum CaseActionKind
{
    Claim,
    Release,
    MarkReplied,
    Resolve,
    Dismiss,
    Reopen,
    SetOrigin,
    SetRootCause,
    EditReply,
}

/// <summary>An agent's request to change a case, from a button, a select, a modal or the CLI.</summary>
public sealed record CaseAction(long CaseId, CaseActionKind Kind, Actor Actor, string? Value = null);

/// <summary>What became of a case action: done, or refused with a sentence the agent can act on.</summary>
public sealed record CaseActionResult(bool Succeeded, string Message, CaseRecord? Case)
{
    public static CaseActionResult Done(string message, CaseRecord updated) => new(true, message, updated);

    public static CaseActionResult Refused(string message, CaseRecord? current = null) => new(false, message, current);
}
