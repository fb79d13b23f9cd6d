using Microsoft.Data.Sqlite;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Reports;

namespace Webcare.Storage.Sqlite;

/// <summary>
/// The SQLite implementation of the store ports. Every write that must not be half-done runs in
/// one IMMEDIATE transaction, so two bot threads never interleave a read and a write.
/// </summary>
public sealed partial class SqliteStore(SqliteDatabase database, TimeProvider clock)
    : IIngestStore, IIngestFailureStore, ICaseStore, IOutboxStore, ISourceCursorStore, IReportQueries
{
    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => database.OpenAsync(cancellationToken);

    private static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    private static string StateName(CaseState state) => state.ToString().ToLowerInvariant();

    private static CaseState ParseState(string value) => Enum.Parse<CaseState>(value, ignoreCase: true);

    private static async Task EnqueueAsync(SqliteConnection connection, SqliteTransaction transaction, long caseId, OutboxKind kind,
        ChatAddress channel, string? payload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var command = connection.Command(transaction,
            "INSERT INTO outbox (case_id, kind, platform, channel, payload, due_at, created_at) VALUES ($case, $kind, $platform, $channel, $payload, $now, $now)",
            ("$case", caseId), ("$kind", kind.ToString()), ("$platform", channel.Platform), ("$channel", channel.Channel), ("$payload", payload), ("$now", now.Ms()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DateTimeOffset Now => clock.GetUtcNow();
}
