using Microsoft.Data.Sqlite;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    internal const string CaseSelect = """
        SELECT c.*, m.source, m.external_id, m.network, m.author_handle, m.author_name, m.author_followers, m.text, m.url,
               m.posted_at, m.likes, m.reposts, m.replies, m.in_reply_to, m.triage_json
        FROM cases c JOIN mentions m ON m.id = c.mention_id
        """;

    public async Task<CaseRecord?> GetCaseAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, CaseSelect + " WHERE c.id = $id", ("$id", caseId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadCase(reader) : null;
    }

    public async Task<IReadOnlyList<CaseEvent>> GetEventsAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT * FROM case_events WHERE case_id = $id ORDER BY id", ("$id", caseId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<CaseEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new CaseEvent(caseId, reader.Time("at"), reader.String("actor_id"), reader.String("actor_name"), reader.String("platform"),
                reader.String("kind"), ParseState(reader.String("from_state")), ParseState(reader.String("to_state")), reader.StringOrNull("note")));
        }

        return events;
    }

    public async Task<bool> TryApplyAsync(long caseId, long expectedVersion, CaseChange change, CaseEvent caseEvent, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        using var update = connection.Command(transaction, """
            UPDATE cases SET state = $state, version = version + 1, assignee_id = $assigneeId, assignee_name = $assigneeName,
                origin = $origin, origin_confirmed = $originConfirmed, root_causes = $causes, root_causes_confirmed = $causesConfirmed,
                suggested_reply = $reply, first_replied_at = $firstReplied, closed_at = $closed, updated_at = $now
            WHERE id = $id AND version = $version
            """,
            ("$state", StateName(change.To)), ("$assigneeId", change.AssigneeId), ("$assigneeName", change.AssigneeName),
            ("$origin", change.Origin.ToName()), ("$originConfirmed", change.OriginConfirmed ? 1 : 0),
            ("$causes", string.Join(",", change.RootCauses)), ("$causesConfirmed", change.RootCausesConfirmed ? 1 : 0),
            ("$reply", change.SuggestedReply), ("$firstReplied", change.FirstRepliedAt?.Ms()), ("$closed", change.ClosedAt?.Ms()),
            ("$now", caseEvent.At.Ms()), ("$id", caseId), ("$version", expectedVersion));
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false; // Someone else changed the case since it was read; the caller re-decides.
        }

        using var append = connection.Command(transaction, """
            INSERT INTO case_events (case_id, at, actor_id, actor_name, platform, kind, from_state, to_state, note)
            VALUES ($case, $at, $actorId, $actorName, $platform, $kind, $from, $to, $note)
            """,
            ("$case", caseId), ("$at", caseEvent.At.Ms()), ("$actorId", caseEvent.ActorId), ("$actorName", caseEvent.ActorName),
            ("$platform", caseEvent.Platform), ("$kind", caseEvent.Kind), ("$from", StateName(caseEvent.From)), ("$to", StateName(caseEvent.To)),
            ("$note", caseEvent.Note));
        await append.ExecuteNonQueryAsync(cancellationToken);
        if (change.Label is { } label)
        {
            await SaveLabelAsync(connection, transaction, caseId, label, caseEvent.At, cancellationToken);
        }

        await EnqueueCardUpdatesAsync(connection, transaction, caseId, caseEvent.At, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal static CaseRecord ReadCase(SqliteDataReader r)
    {
        var mention = new Mention(
            r.String("source"), r.String("external_id"), r.String("network"),
            new Author(r.String("author_handle"), r.StringOrNull("author_name"), r.IntOrNull("author_followers")),
            r.String("text"), r.StringOrNull("url"), r.Time("posted_at"),
            new Engagement((int)r.Long("likes"), (int)r.Long("reposts"), (int)r.Long("replies")),
            r.StringOrNull("in_reply_to"));
        OriginNames.TryParse(r.String("origin"), out var origin);
        var causes = r.String("root_causes");
        return new CaseRecord(
            r.Long("id"),
            new StoredMention(r.Long("mention_id"), mention, r.String("brand")),
            TriageJson.Deserialize(r.String("triage_json")),
            ParseState(r.String("state")),
            r.Long("version"),
            r.StringOrNull("assignee_id"),
            r.StringOrNull("assignee_name"),
            (Priority)r.Long("priority"),
            origin,
            r.StringOrNull("origin_evidence"),
            r.Long("origin_confirmed") == 1,
            causes.Length == 0 ? [] : causes.Split(','),
            r.Long("root_causes_confirmed") == 1,
            r.String("suggested_reply"),
            r.Time("created_at"),
            r.Time("updated_at"),
            r.TimeOrNull("first_replied_at"),
            r.TimeOrNull("closed_at"))
        {
            GuessedOrigin = OriginNames.TryParse(r.String("origin_guess"), out var guess) ? guess : Origin.Unknown,
            GuessedRootCauses = r.String("root_causes_guess") is { Length: > 0 } g ? g.Split(',') : [],
            SlaDueAt = r.TimeOrNull("sla_due_at"),
            FollowUps = (int)r.Long("follow_ups"),
        };
    }

    private static async Task SaveLabelAsync(SqliteConnection connection, SqliteTransaction transaction, long caseId, CaseLabel label, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var upsert = connection.Command(transaction, """
            INSERT INTO case_labels (case_id, label, origin, root_causes, corrected, updated_at) VALUES ($case, $label, $origin, $causes, $corrected, $now)
            ON CONFLICT (case_id) DO UPDATE SET label = excluded.label, origin = excluded.origin, root_causes = excluded.root_causes,
                corrected = excluded.corrected, updated_at = excluded.updated_at
            """,
            ("$case", caseId), ("$label", label.Label), ("$origin", label.Origin is { } o ? o.ToName() : string.Empty),
            ("$causes", string.Join(",", label.RootCauses)), ("$corrected", label.Corrected ? 1 : 0), ("$now", now.Ms()));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
