using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore : ISlaWatchStore
{
    public async Task<IReadOnlyList<SlaWatchItem>> GetUnansweredOpenCasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, """
            SELECT id, priority, mention_posted_at, sla_due_at, sla_shown FROM cases INDEXED BY ix_cases_open
            WHERE state IN ('new','claimed','replied') AND first_replied_at IS NULL AND sla_shown < 2
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<SlaWatchItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new SlaWatchItem(reader.GetInt64(0), (Priority)reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt32(4)));
        }

        return items;
    }

    public async Task MarkSlaShownAsync(long caseId, int shown, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = BeginWrite(connection);
        using var mark = connection.Command(transaction, "UPDATE cases SET sla_shown = $shown WHERE id = $id AND sla_shown < $shown",
            ("$shown", shown), ("$id", caseId));
        if (await mark.ExecuteNonQueryAsync(cancellationToken) > 0)
        {
            await EnqueueCardUpdatesAsync(connection, transaction, caseId, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
