using Microsoft.Data.Sqlite;
using Webcare.Core.Chat;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<IReadOnlyList<OutboxItem>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            // A row waiting for its retry holds back later rows to the same channel, so a retry never lets them overtake it.
            """
            SELECT * FROM outbox o WHERE o.status = 'pending' AND o.due_at <= $now
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.status = 'pending' AND e.due_at > $now
                              AND e.platform = o.platform AND e.channel = o.channel AND e.id < o.id)
            ORDER BY o.id LIMIT $limit
            """,
            ("$now", now.Ms()), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<OutboxItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(reader.Long("id"), reader.Long("case_id"), Enum.Parse<OutboxKind>(reader.String("kind")),
                new ChatAddress(reader.String("platform"), reader.String("channel")), reader.StringOrNull("payload"), (int)reader.Long("attempts")));
        }

        return items;
    }

    public async Task<ChatPost?> GetPostAsync(long caseId, ChatAddress channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return (await ReadPostsAsync(connection, null, caseId, cancellationToken)).FirstOrDefault(p => p.Channel == channel);
    }

    public async Task<IReadOnlyList<ChatPost>> GetPostsAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadPostsAsync(connection, null, caseId, cancellationToken);
    }

    public async Task CompletePostAsync(OutboxItem item, string messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        using var post = connection.Command(transaction, """
            INSERT INTO chat_posts (case_id, platform, channel, message_id, posted_at) VALUES ($case, $platform, $channel, $message, $now)
            ON CONFLICT (case_id, platform, channel) DO NOTHING
            """,
            ("$case", item.CaseId), ("$platform", item.Channel.Platform), ("$channel", item.Channel.Channel), ("$message", messageId), ("$now", now.Ms()));
        await post.ExecuteNonQueryAsync(cancellationToken);
        await MarkDoneAsync(connection, transaction, item.Id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task CompleteAsync(OutboxItem item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await MarkDoneAsync(connection, null, item.Id, now, cancellationToken);
    }

    public async Task FailAsync(OutboxItem item, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, """
            UPDATE outbox SET attempts = attempts + 1, last_error = $error,
                status = CASE WHEN $retry IS NULL THEN 'failed' ELSE 'pending' END,
                due_at = COALESCE($retry, due_at)
            WHERE id = $id
            """, ("$error", error.Length > 500 ? error[..500] : error), ("$retry", retryAt?.Ms()), ("$id", item.Id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task MarkDoneAsync(SqliteConnection connection, SqliteTransaction? transaction, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, "UPDATE outbox SET status = 'done', done_at = $now WHERE id = $id", ("$now", now.Ms()), ("$id", id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Queues a card update for every channel the card went, or is still going, to. Keyed on the card's PostCard rows,
    /// not on the stored message ids: a change made while the post is in flight (clicked the moment it appeared, or
    /// an SLA mark) queues behind the post and updates it once its id is stored, instead of being lost. An update
    /// that finds no post (the post failed for good) completes as a no-op.
    /// </summary>
    private static async Task EnqueueCardUpdatesAsync(SqliteConnection connection, SqliteTransaction transaction, long caseId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var channel in await CardChannelsAsync(connection, transaction, caseId, cancellationToken))
        {
            await EnqueueAsync(connection, transaction, caseId, OutboxKind.UpdateCard, channel, null, now, cancellationToken);
        }
    }

    /// <summary>The channels the case's card went (or is going) to; outbox order per channel puts the post first.</summary>
    private static async Task<IReadOnlyList<ChatAddress>> CardChannelsAsync(SqliteConnection connection, SqliteTransaction transaction, long caseId,
        CancellationToken cancellationToken)
    {
        using var channels = connection.Command(transaction,
            "SELECT DISTINCT platform, channel FROM outbox WHERE case_id = $case AND kind = 'PostCard' ORDER BY id", ("$case", caseId));
        var targets = new List<ChatAddress>();
        await using var reader = await channels.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            targets.Add(new ChatAddress(reader.GetString(0), reader.GetString(1)));
        }

        return targets;
    }

    private static async Task<IReadOnlyList<ChatPost>> ReadPostsAsync(SqliteConnection connection, SqliteTransaction? transaction, long caseId, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, "SELECT * FROM chat_posts WHERE case_id = $case ORDER BY posted_at", ("$case", caseId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var posts = new List<ChatPost>();
        while (await reader.ReadAsync(cancellationToken))
        {
            posts.Add(new ChatPost(caseId, new ChatAddress(reader.String("platform"), reader.String("channel")), reader.String("message_id")));
        }

        return posts;
    }
}
