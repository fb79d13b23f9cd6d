using Microsoft.Data.Sqlite;
using Webcare.Core.Chat;
using Webcare.Core.Pipeline;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<bool> IsKnownAsync(string sourceName, string externalId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT 1 FROM mentions WHERE source = $s AND external_id = $e", ("$s", sourceName), ("$e", externalId));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<long?> FindByContentHashAsync(string contentHash, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "SELECT id FROM mentions WHERE content_hash = $h AND received_at >= $since ORDER BY id LIMIT 1",
            ("$h", contentHash), ("$since", since.Ms()));
        var id = await command.ExecuteScalarAsync(cancellationToken);
        return id is null ? null : SqlHelpers.ToLong(id);
    }

    public async Task<IngestResult?> SaveAsync(IngestRecord record, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        long mentionId;
        try
        {
            mentionId = await InsertMentionAsync(connection, transaction, record, cancellationToken);
        }
        catch (SqliteException ex) when (ex.IsUniqueViolation())
        {
            return null; // Another worker stored it first: re-ingesting is a no-op.
        }

        long? caseId = null;
        if (record.OpenCase)
        {
            caseId = await InsertCaseAsync(connection, transaction, mentionId, record, cancellationToken);
            foreach (var channel in record.Channels)
            {
                await EnqueueAsync(connection, transaction, caseId.Value, OutboxKind.PostCard, channel, null, record.ReceivedAt, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new IngestResult(mentionId, caseId);
    }

    private static async Task<long> InsertMentionAsync(SqliteConnection connection, SqliteTransaction transaction, IngestRecord r, CancellationToken cancellationToken)
    {
        var m = r.Mention;
        var t = r.Triage;
        using var command = connection.Command(transaction, """
            INSERT INTO mentions (source, external_id, network, brand, author_handle, author_name, author_followers, text, url,
                posted_at, received_at, likes, reposts, replies, in_reply_to, content_hash, duplicate_of,
                language, negative, score, probability, intent, priority, reach, triage_json)
            VALUES ($source, $external, $network, $brand, $handle, $name, $followers, $text, $url,
                $posted, $received, $likes, $reposts, $replies, $inReplyTo, $hash, $duplicateOf,
                $language, $negative, $score, $probability, $intent, $priority, $reach, $triage)
            RETURNING id
            """,
            ("$source", m.SourceName), ("$external", m.ExternalId), ("$network", m.Network), ("$brand", r.Brand),
            ("$handle", m.Author.Handle), ("$name", m.Author.DisplayName), ("$followers", m.Author.Followers), ("$text", m.Text), ("$url", m.Url),
            ("$posted", m.PostedAt.Ms()), ("$received", r.ReceivedAt.Ms()), ("$likes", m.Engagement.Likes), ("$reposts", m.Engagement.Reposts),
            ("$replies", m.Engagement.Replies), ("$inReplyTo", m.InReplyTo), ("$hash", r.ContentHash), ("$duplicateOf", r.DuplicateOf),
            ("$language", t.Language), ("$negative", t.IsNegative ? 1 : 0), ("$score", t.Score), ("$probability", t.Probability),
            ("$intent", t.Intent.ToName()), ("$priority", (int)t.Priority), ("$reach", t.Reach.Level), ("$triage", TriageJson.Serialize(t)));
        return SqlHelpers.ToLong(await command.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task<long> InsertCaseAsync(SqliteConnection connection, SqliteTransaction transaction, long mentionId, IngestRecord r, CancellationToken cancellationToken)
    {
        var t = r.Triage;
        using var command = connection.Command(transaction, """
            INSERT INTO cases (mention_id, brand, state, priority, origin, origin_evidence, root_causes, suggested_reply,
                created_at, updated_at, mention_posted_at)
            VALUES ($mention, $brand, 'new', $priority, $origin, $evidence, $causes, $reply, $now, $now, $posted)
            RETURNING id
            """,
            ("$mention", mentionId), ("$brand", r.Brand), ("$priority", (int)t.Priority), ("$origin", Core.Mentions.OriginNames.ToName(t.Origin.Origin)),
            ("$evidence", t.Origin.Evidence), ("$causes", string.Join(",", t.RootCauses.Select(c => c.Tag))), ("$reply", t.SuggestedReply),
            ("$now", r.ReceivedAt.Ms()), ("$posted", r.Mention.PostedAt.Ms()));
        var caseId = SqlHelpers.ToLong(await command.ExecuteScalarAsync(cancellationToken));
        using var opened = connection.Command(transaction, """
            INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
            VALUES ($case, $now, 'triage', 'Triage', 'bot', 'open', 'new', 'new', $why)
            """, ("$case", caseId), ("$now", r.ReceivedAt.Ms()), ("$why", t.Why));
        await opened.ExecuteNonQueryAsync(cancellationToken);
        return caseId;
    }
}
