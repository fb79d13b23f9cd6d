namespace Webcare.Core.Mentions;

/// <summary>
/// One configured feed of mentions. <see cref="ReadAsync"/> yields batches that start after
/// <paramref name="cursor"/>; a batch's <see cref="MentionBatch.Cursor"/> is saved only after
/// all its mentions are stored, so a crash re-reads rather than loses.
/// </summary>
public interface IMentionSource
{
    string Name { get; }

    string Kind { get; }

    IAsyncEnumerable<MentionBatch> ReadAsync(string? cursor, CancellationToken cancellationToken);
}

public sealed record MentionBatch(IReadOnlyList<Mention> Mentions, string? Cursor);

public interface ISourceCursorStore
{
    Task<string?> GetCursorAsync(string sourceName, CancellationToken cancellationToken);

    Task SaveCursorAsync(string sourceName, string? cursor, DateTimeOffset now, CancellationToken cancellationToken);
}
