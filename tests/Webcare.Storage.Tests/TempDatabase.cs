using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Triage;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage.Tests;

/// <summary>A real SQLite file in a temp folder, deleted afterwards.</summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webcare-tests", Guid.NewGuid().ToString("N"));

    public TempDatabase()
    {
        Database = new SqliteDatabase(Path.Combine(_folder, "sub", "webcare.db"), TimeProvider.System, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, TimeProvider.System);
    }

    public SqliteDatabase Database { get; }

    public SqliteStore Store { get; }

    public static async Task<TempDatabase> CreateMigratedAsync()
    {
        var db = new TempDatabase();
        await db.Database.MigrateAsync(CancellationToken.None);
        return db;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static IngestRecord Record(string externalId, bool openCase, string text = "Al 3 weken geen internet @telvio", params string[] channels)
    {
        var mention = new Mention("demo", externalId, "x", new Author("klant", "Klant", 120), text, "https://x.example/1",
            new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), new Engagement(1, 2, 3));
        var triage = new TriageResult("nl", -0.7, 0.9, openCase, openCase ? Intent.Complaint : Intent.Praise, [Urgency.ChurnThreat],
            new Reach(120, 6, 0), Priority.P2, new OriginGuess(Origin.Phone, "in de wacht", 0.7), [new RootCauseGuess("waiting_time", "wacht")],
            "Negative cues", "Hoi Klant");
        var addresses = (channels.Length == 0 ? ["console:webcare"] : channels).Select(ChatAddress.Parse).ToList();
        return new IngestRecord(mention, "Telvio", MentionProcessor.ContentHash(text), null, triage, openCase,
            openCase ? addresses : [], new DateTimeOffset(2026, 11, 20, 9, 1, 0, TimeSpan.Zero));
    }
}
