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
        if (record.FollowUpOf is { } followed && await JoinCaseAsync(connection, transaction, followed, mentionId, record, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return new IngestResult(mentionId, followed) { FollowUp = true };
        }

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

    public async Task<long?> FindOpenCaseAsync(string brand, string authorKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "SELECT id FROM cases WHERE brand = $brand AND author_key = $author AND state IN ('new','claimed','replied') ORDER BY id DESC LIMIT 1",
            ("$brand", brand), ("$author", authorKey));
        var id = await command.ExecuteScalarAsync(cancellationToken);
        return id is null ? null : SqlHelpers.ToLong(id);
    }

    /// <summary>Adds a follow-up to a case that is still open: event, thread reply and card update per channel.</summary>
    private static async Task<bool> JoinCaseAsync(SqliteConnection connection, SqliteTransaction transaction, long caseId, long mentionId, IngestRecord record, CancellationToken cancellationToken)
    {
        using var bump = connection.Command(transaction, """
            UPDATE cases SET follow_ups = follow_ups + 1, version = version + 1, updated_at = $now
            WHERE id = $id AND state IN ('new','claimed','replied')
            RETURNING state
            """, ("$id", caseId), ("$now", record.ReceivedAt.Ms()));
        if (await bump.ExecuteScalarAsync(cancellationToken) is not string state)
        {
            return false; // Closed since the pipeline looked: the mention stands on its own.
        }

        using var link = connection.Command(transaction, "UPDATE mentions SET case_id = $case WHERE id = $mention", ("$case", caseId), ("$mention", mentionId));
        await link.ExecuteNonQueryAsync(cancellationToken);
        var text = record.Mention.Text;
        using var followUp = connection.Command(transaction, """
            INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
            VALUES ($case, $now, $author, $author, $network, 'follow_up', $state, $state, $note)
            """, ("$case", caseId), ("$now", record.ReceivedAt.Ms()), ("$author", record.Mention.Author.Handle), ("$network", record.Mention.Network),
            ("$state", state), ("$note", text.Length > 280 ? text[..280] + "…" : text));
        await followUp.ExecuteNonQueryAsync(cancellationToken);

        foreach (var channel in await CardChannelsAsync(connection, transaction, caseId, cancellationToken))
        {
            await EnqueueAsync(connection, transaction, caseId, OutboxKind.ThreadReply, channel, record.FollowUpText, record.ReceivedAt, cancellationToken);
            await EnqueueAsync(connection, transaction, caseId, OutboxKind.UpdateCard, channel, null, record.ReceivedAt, cancellationToken);
        }

        return true;
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
                created_at, updated_at, mention_posted_at, author_key, origin_guess, root_causes_guess, sla_due_at)
            VALUES ($mention, $brand, 'new', $priority, $origin, $evidence, $causes, $reply, $now, $now, $posted, $author, $origin, $causes, $due)
            RETURNING id
            """,
            ("$author", r.AuthorKey), ("$due", r.SlaDueAt?.Ms()),
            ("$mention", mentionId), ("$brand", r.Brand), ("$priority", (int)t.Priority), ("$origin", Core.Mentions.OriginNames.ToName(t.Origin.Origin)),
            ("$evidence", t.Origin.Evidence), ("$causes", string.Join(",", t.RootCauses.Select(c => c.Tag))), ("$reply", t.SuggestedReply),
            ("$now", r.ReceivedAt.Ms()), ("$posted", r.Mention.PostedAt.Ms()));
        var caseId = SqlHelpers.ToLong(await command.ExecuteScalarAsync(cancellationToken));
        using var link = connection.Command(transaction, "UPDATE mentions SET case_id = $case WHERE id = $mention", ("$case", caseId), ("$mention", mentionId));
        await link.ExecuteNonQueryAsync(cancellationToken);
        using var opened = connection.Command(transaction, """
            INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
            VALUES ($case, $now, 'triage', 'Triage', 'bot', 'open', 'new', 'new', $why)
            """, ("$case", caseId), ("$now", r.ReceivedAt.Ms()), ("$why", t.Why));
        await opened.ExecuteNonQueryAsync(cancellationToken);
        return caseId;
    }
}
