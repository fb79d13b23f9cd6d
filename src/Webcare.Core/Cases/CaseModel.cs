using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Cases;

public enum CaseState
{
    New,
    Claimed,
    Replied,
    Resolved,
    Dismissed,
}

/// <summary>A person acting on a case or asking a command, with the roles the platform adapter resolved for them.</summary>
public sealed record Actor(string Platform, string UserId, string DisplayName, IReadOnlySet<Role> Roles)
{
    private static readonly IReadOnlySet<Role> AllRoles = new HashSet<Role>(Enum.GetValues<Role>());

    /// <summary>The local operator (console, CLI): trusted with every role.</summary>
    public static Actor Operator(string platform, string name) => new(platform, name, name, AllRoles);
}

public enum Role
{
    Agent,
    Lead,
    Manager,
}

/// <summary>A stored mention with its database id.</summary>
public sealed record StoredMention(long Id, Mention Mention, string Brand);

/// <summary>A case: one complaint to work, with the mention that opened it and the triage verdict.</summary>
public sealed record CaseRecord(
    long Id,
    StoredMention Mention,
    TriageResult Triage,
    CaseState State,
    long Version,
    string? AssigneeId,
    string? AssigneeName,
    Priority Priority,
    Origin Origin,
    string? OriginEvidence,
    bool OriginConfirmed,
    IReadOnlyList<string> RootCauses,
    bool RootCausesConfirmed,
    string SuggestedReply,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstRepliedAt,
    DateTimeOffset? ClosedAt)
{
    public bool IsOpen => State is CaseState.New or CaseState.Claimed or CaseState.Replied;

    /// <summary>What triage guessed, kept beside <see cref="Origin"/> once an agent confirms or changes it.</summary>
    public Origin GuessedOrigin { get; init; }

    /// <summary>The root causes triage guessed, kept beside <see cref="RootCauses"/>.</summary>
    public IReadOnlyList<string> GuessedRootCauses { get; init; } = [];

    /// <summary>When the first response is due (business hours); null for cases stored before SLAs existed.</summary>
    public DateTimeOffset? SlaDueAt { get; init; }

    /// <summary>How many later mentions by the same author joined this case.</summary>
    public int FollowUps { get; init; }

    /// <summary>A resolved complaint whose origin is still only triage's guess: the card asks an agent to confirm it.</summary>
    public bool NeedsOriginConfirmation => State == CaseState.Resolved && !OriginConfirmed;
}

/// <summary>An agent's verdict on a case, kept as a labelled example for measuring and training triage.</summary>
/// <param name="Label">"negative", or "not_negative" for a false positive.</param>
/// <param name="Origin">The confirmed origin, or null while it is only guessed.</param>
/// <param name="RootCauses">The confirmed root causes, empty while only guessed.</param>
/// <param name="Corrected">True when the agent disagreed with triage (false positive, other origin or root cause).</param>
public sealed record CaseLabel(string Label, Origin? Origin, IReadOnlyList<string> RootCauses, bool Corrected)
{
    public const string Negative = "negative";
    public const string NotNegative = "not_negative";
}

/// <summary>One line of a case's append-only history.</summary>
public sealed record CaseEvent(
    long CaseId,
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string Platform,
    string Kind,
    CaseState From,
    CaseState To,
    string? Note);
