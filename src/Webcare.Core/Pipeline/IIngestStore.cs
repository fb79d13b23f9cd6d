using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Pipeline;

/// <summary>Stores what the pipeline decided, atomically.</summary>
public interface IIngestStore
{
    Task<bool> IsKnownAsync(string sourceName, string externalId, CancellationToken cancellationToken);

    /// <summary>The stored mention with the same content hash within the window, if any (reposts, cross-posts).</summary>
    Task<long?> FindByContentHashAsync(string contentHash, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: the mention with its triage, and, when <paramref name="openCase"/>, a
    /// case plus one outbox row per channel. Returns null when (source, external id) already existed.
    /// </summary>
    Task<IngestResult?> SaveAsync(IngestRecord record, CancellationToken cancellationToken);

    /// <summary>The open case of this author (<see cref="IngestRecord.AuthorKey"/>) about this brand, if any.</summary>
    Task<long?> FindOpenCaseAsync(string brand, string authorKey, CancellationToken cancellationToken);
}

public sealed record IngestRecord(
    Mention Mention,
    string Brand,
    string ContentHash,
    long? DuplicateOf,
    TriageResult Triage,
    bool OpenCase,
    IReadOnlyList<ChatAddress> Channels,
    DateTimeOffset ReceivedAt)
{
    /// <summary>"network:handle", lower-case: who a follow-up must come from.</summary>
    public string AuthorKey => KeyOf(Mention);

    /// <summary>
    /// The open case this mention follows up. In the same transaction the store joins it (event,
    /// thread reply and card update per channel) if that case is still open; otherwise it falls back
    /// to <see cref="IngestRecord.OpenCase"/>.
    /// </summary>
    public long? FollowUpOf { get; init; }

    /// <summary>The thread reply posted under the case's card for a follow-up.</summary>
    public string? FollowUpText { get; init; }

    /// <summary>When a new case's first response is due.</summary>
    public DateTimeOffset? SlaDueAt { get; init; }

    public static string KeyOf(Mention mention) =>
        (mention.Network + ":" + mention.Author.Handle.Trim().TrimStart('@')).ToLowerInvariant();
}

public sealed record IngestResult(long MentionId, long? CaseId)
{
    /// <summary>True when the mention joined an open case instead of opening one.</summary>
    public bool FollowUp { get; init; }
}
