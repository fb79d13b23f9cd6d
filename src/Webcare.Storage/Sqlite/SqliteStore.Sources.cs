using System.Globalization;
using Microsoft.Data.Sqlite;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

/// <summary>Source health (alerts survive restarts) and mention edits / cross-source dedupe.</summary>
public sealed partial class SqliteStore : ISourceHealthStore, IMentionEditStore
{
    public async Task<SourceHealth?> GetHealthAsync(string sourceName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadHealthAsync(connection, null, sourceName, cancellationToken);
    }

    public async Task<IReadOnlyList<SourceHealth>> GetAllHealthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT * FROM source_health ORDER BY source");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<SourceHealth>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(ReadHealth(reader));
        }

        return list;
    }

    public async Task<SourceHealth> RecordPollAsync(string sourceName, SourcePoll poll, CancellationToken cancellationToken)
    {
        var day = poll.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        using var command = connection.Command(transaction, """
            INSERT INTO source_health (source, first_seen_at) VALUES ($s, $now) ON CONFLICT (source) DO NOTHING;
            UPDATE source_health SET
                last_attempt_at = $now,
                last_success_at = CASE WHEN $error IS NULL THEN $now ELSE last_success_at END,
                last_item_at = CASE WHEN $error IS NULL AND $items > 0 THEN $now ELSE last_item_at END,
                consecutive_failures = CASE WHEN $error IS NULL THEN 0 ELSE consecutive_failures + 1 END,
                last_error = COALESCE($error, last_error),
                items_today = CASE WHEN items_day = $day THEN items_today + $items ELSE $items END,
                items_day = $day
            WHERE source = $s;
            """, ("$s", sourceName), ("$now", poll.At.Ms()), ("$error", Truncate(poll.Error)), ("$items", poll.Items), ("$day", day));
        await command.ExecuteNonQueryAsync(cancellationToken);
        var health = await ReadHealthAsync(connection, transaction, sourceName, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return health!;
    }

    public async Task<bool> TrySetAlertAsync(string sourceName, SourceAlertState expected, SourceAlertState next, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "UPDATE source_health SET alert = $next, alert_at = $now WHERE source = $s AND alert = $expected",
            ("$s", sourceName), ("$next", AlertName(next)), ("$expected", AlertName(expected)), ("$now", now.Ms()));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<KnownMention?> FindMentionAsync(string sourceName, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT id, content_hash, duplicate_of FROM mentions WHERE source = $s AND external_id = $e",
            ("$s", sourceName), ("$e", externalId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new KnownMention(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)) : null;
    }

    public async Task<long?> FindByCanonicalUrlAsync(string canonicalUrl, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "SELECT id FROM mentions WHERE canonical_url = $u AND received_at >= $since ORDER BY id LIMIT 1",
            ("$u", canonicalUrl), ("$since", since.Ms()));
        var id = await command.ExecuteScalarAsync(cancellationToken);
        return id is null ? null : SqlHelpers.ToLong(id);
    }

    public async Task SetCanonicalUrlAsync(long mentionId, string canonicalUrl, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "UPDATE mentions SET canonical_url = $u WHERE id = $id", ("$u", canonicalUrl), ("$id", mentionId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long?> ApplyEditAsync(long mentionId, IngestRecord record, CancellationToken cancellationToken)
    {
        var m = record.Mention;
        var t = record.Triage;
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        using (var update = connection.Command(transaction, """
            UPDATE mentions SET text = $text, content_hash = $hash, url = COALESCE($url, url), likes = $likes, reposts = $reposts, replies = $replies,
                author_followers = COALESCE($followers, author_followers),
                language = $language, negative = $negative, score = $score, probability = $probability, intent = $intent,
                priority = $priority, reach = $reach, triage_json = $triage
            WHERE id = $id
            """,
            ("$id", mentionId), ("$text", m.Text), ("$hash", record.ContentHash), ("$url", m.Url), ("$likes", m.Engagement.Likes),
            ("$reposts", m.Engagement.Reposts), ("$replies", m.Engagement.Replies), ("$followers", m.Author.Followers),
            ("$language", t.Language), ("$negative", t.IsNegative ? 1 : 0), ("$score", t.Score), ("$probability", t.Probability),
            ("$intent", t.Intent.ToName()), ("$priority", (int)t.Priority), ("$reach", t.Reach.Level), ("$triage", TriageJson.Serialize(t))))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        long? caseId;
        string? state;
        using (var find = connection.Command(transaction, "SELECT id, state FROM cases WHERE mention_id = $m", ("$m", mentionId)))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            var found = await reader.ReadAsync(cancellationToken);
            caseId = found ? reader.GetInt64(0) : null;
            state = found ? reader.GetString(1) : null;
        }

        if (caseId is null)
        {
            if (record.OpenCase)
            {
                caseId = await InsertCaseAsync(connection, transaction, mentionId, record, cancellationToken);
                foreach (var channel in record.Channels)
                {
                    await EnqueueAsync(connection, transaction, caseId.Value, OutboxKind.PostCard, channel, null, record.ReceivedAt, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return caseId;
        }

        // What agents confirmed stays; what triage guessed follows the new text.
        using (var updateCase = connection.Command(transaction, """
            UPDATE cases SET version = version + 1, updated_at = $now, priority = $priority, suggested_reply = $reply,
                origin = CASE WHEN origin_confirmed = 1 THEN origin ELSE $origin END,
                origin_evidence = CASE WHEN origin_confirmed = 1 THEN origin_evidence ELSE $evidence END,
                root_causes = CASE WHEN root_causes_confirmed = 1 THEN root_causes ELSE $causes END
            WHERE id = $id
            """,
            ("$id", caseId), ("$now", record.ReceivedAt.Ms()), ("$priority", (int)t.Priority), ("$reply", t.SuggestedReply),
            ("$origin", t.Origin.Origin.ToName()), ("$evidence", t.Origin.Evidence), ("$causes", string.Join(",", t.RootCauses.Select(c => c.Tag)))))
        {
            await updateCase.ExecuteNonQueryAsync(cancellationToken);
        }

        using (var logged = connection.Command(transaction, """
            INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
            VALUES ($case, $now, 'source', $source, 'bot', 'edited', $state, $state, $why)
            """, ("$case", caseId), ("$now", record.ReceivedAt.Ms()), ("$source", m.SourceName), ("$state", state), ("$why", "Post edited; re-triaged: " + t.Why)))
        {
            await logged.ExecuteNonQueryAsync(cancellationToken);
        }

        await EnqueueCardUpdatesAsync(connection, transaction, caseId.Value, record.ReceivedAt, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return caseId;
    }

    private static async Task<SourceHealth?> ReadHealthAsync(SqliteConnection connection, SqliteTransaction? transaction, string sourceName, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction, "SELECT * FROM source_health WHERE source = $s", ("$s", sourceName));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadHealth(reader) : null;
    }

    private static SourceHealth ReadHealth(SqliteDataReader reader) => new(
        reader.String("source"),
        reader.Time("first_seen_at"),
        reader.TimeOrNull("last_attempt_at"),
        reader.TimeOrNull("last_success_at"),
        reader.TimeOrNull("last_item_at"),
        (int)reader.Long("consecutive_failures"),
        reader.StringOrNull("last_error"),
        Enum.Parse<SourceAlertState>(reader.String("alert"), ignoreCase: true),
        reader.StringOrNull("items_day"),
        (int)reader.Long("items_today"));

    private static string AlertName(SourceAlertState state) => state.ToString().ToLowerInvariant();

    private static string? Truncate(string? error) => error is { Length: > 500 } ? error[..500] : error;
}
