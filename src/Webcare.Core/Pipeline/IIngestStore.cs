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
}

public sealed record IngestRecord(
    Mention Mention,
    string Brand,
    string ContentHash,
    long? DuplicateOf,
    TriageResult Triage,
    bool OpenCase,
    IReadOnlyList<ChatAddress> Channels,
    DateTimeOffset ReceivedAt);

public sealed record IngestResult(long MentionId, long? CaseId);
