namespace Webcare.Core.Chat;

public enum OutboxKind
{
    PostCard,
    UpdateCard,
    ThreadReply,
}

/// <summary>A chat message the bot still owes. Rows are written in the same transaction as the change they announce.</summary>
public sealed record OutboxItem(long Id, long CaseId, OutboxKind Kind, ChatAddress Channel, string? Payload, int Attempts);

/// <summary>Where a case's card was posted.</summary>
public sealed record ChatPost(long CaseId, ChatAddress Channel, string MessageId);

public interface IOutboxStore
{
    /// <summary>Due rows in the order they were written, oldest first.</summary>
    Task<IReadOnlyList<OutboxItem>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task<ChatPost?> GetPostAsync(long caseId, ChatAddress channel, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChatPost>> GetPostsAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>Records the posted message id and marks the row done, in one transaction.</summary>
    Task CompletePostAsync(OutboxItem item, string messageId, DateTimeOffset now, CancellationToken cancellationToken);

    Task CompleteAsync(OutboxItem item, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt; the row is retried at <paramref name="retryAt"/>, or given up when null.</summary>
    Task FailAsync(OutboxItem item, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken);
}
