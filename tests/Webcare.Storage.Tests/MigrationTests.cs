namespace Webcare.Storage.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task MigrateAsync_EmptyFolder_CreatesFileInWalModeAtLatestVersion()
    {
        await using var db = new TempDatabase();

        await db.Database.MigrateAsync(CancellationToken.None);

        Assert.True(File.Exists(db.Database.FilePath));
        Assert.True(await db.Database.GetSchemaVersionAsync(CancellationToken.None) >= 1);
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_RunTwice_IsANoOpTheSecondTime()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var before = await db.ScalarAsync("SELECT COUNT(*) FROM schema_version");
        await db.Store.SaveAsync(TempDatabase.Record("1", openCase: true), CancellationToken.None);

        await db.Database.MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await db.ScalarAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM cases"));
    }
}
