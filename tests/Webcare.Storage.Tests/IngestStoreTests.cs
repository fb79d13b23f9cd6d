using Microsoft.Data.Sqlite;
using Webcare.Core.Chat;

namespace Webcare.Storage.Tests;

public sealed class IngestStoreTests
{
    [Fact]
    public async Task SaveAsync_NegativeMention_StoresMentionCaseEventAndOneOutboxRowPerChannel()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();

        var result = await db.Store.SaveAsync(TempDatabase.Record("1", true, channels: ["console:a", "slack:C1"]), CancellationToken.None);

        Assert.NotNull(result?.CaseId);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM mentions"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE kind = 'open'"));
        var due = await db.Store.GetDueAsync(DateTimeOffset.MaxValue.AddDays(-1), 10, CancellationToken.None);
        Assert.Equal([ChatAddress.Parse("console:a"), ChatAddress.Parse("slack:C1")], due.Select(d => d.Channel));
        Assert.All(due, d => Assert.Equal(OutboxKind.PostCard, d.Kind));
    }

    [Fact]
    public async Task SaveAsync_SameSourceAndExternalIdTwice_IsANoOp()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();

        var first = await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None);
        var second = await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM outbox"));
        Assert.True(await db.Store.IsKnownAsync("demo", "1", CancellationToken.None));
    }

    [Fact]
    public async Task SaveAsync_PositiveMention_StoresMentionWithoutCase()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();

        var result = await db.Store.SaveAsync(TempDatabase.Record("1", false, "Top geholpen door @telvio"), CancellationToken.None);

        Assert.Null(result!.CaseId);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM outbox"));
    }

    [Fact]
    public async Task SaveAsync_FailureInsideTheTransaction_LeavesNothingBehind()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        // Make the outbox insert fail after the mention and case inserts ran.
        await using (var connection = await db.Database.OpenAsync(CancellationToken.None))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'boom'); END;";
            await command.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() => db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None));

        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM mentions"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task FindByContentHashAsync_RespectsTheWindow()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var record = TempDatabase.Record("1", true);
        var saved = await db.Store.SaveAsync(record, CancellationToken.None);

        Assert.Equal(saved!.MentionId, await db.Store.FindByContentHashAsync(record.ContentHash, record.ReceivedAt.AddDays(-1), CancellationToken.None));
        Assert.Null(await db.Store.FindByContentHashAsync(record.ContentHash, record.ReceivedAt.AddMinutes(1), CancellationToken.None));
    }
}
