namespace Webcare.Core.Pipeline;

/// <summary>A mention already stored under the same source and external id; <paramref name="DuplicateOf"/> is set when it was a repost.</summary>
public sealed record KnownMention(long MentionId, string ContentHash, long? DuplicateOf = null);

/// <summary>
/// Cross-source dedupe and edits: finds a post stored before (by its id or its canonical URL) and
/// applies a later edit to it, so an edited post updates its case instead of opening another.
/// </summary>
public interface IMentionEditStore
{
    Task<KnownMention?> FindMentionAsync(string sourceName, string externalId, CancellationToken cancellationToken);

    Task<long?> FindByCanonicalUrlAsync(string canonicalUrl, DateTimeOffset since, CancellationToken cancellationToken);

    Task SetCanonicalUrlAsync(long mentionId, string canonicalUrl, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: replaces the stored mention's text and triage; when it has a case, updates
    /// the case (unconfirmed origin and root causes, priority, suggested reply), logs an event and
    /// queues a card update per posted message; when it has none and <see cref="IngestRecord.OpenCase"/>,
    /// opens one. Returns the case id, if any.
    /// </summary>
    Task<long?> ApplyEditAsync(long mentionId, IngestRecord record, CancellationToken cancellationToken);
}
