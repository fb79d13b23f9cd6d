using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Team;
using Webcare.Core.Triage;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage.Tests;

/// <summary>A settable clock (the registry's TimeProvider.Testing package is not available).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}

/// <summary>A migrated SQLite file in the temp folder, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory;

    private TestDatabase(string directory, FakeClock clock)
    {
        _directory = directory;
        Clock = clock;
        Database = new SqliteDatabase(Path.Combine(directory, "webcare.db"), clock, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, clock);
        Sla = new SlaPolicy(Options.Create(new SlaOptions()), Options.Create(new TeamOptions()));
    }

    public FakeClock Clock { get; }

    public SqliteDatabase Database { get; }

    public SqliteStore Store { get; }

    public SlaPolicy Sla { get; }

    public static async Task<TestDatabase> CreateAsync(DateTimeOffset now)
    {
        var directory = Path.Combine(Path.GetTempPath(), "webcare-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var db = new TestDatabase(directory, new FakeClock(now));
        await db.Database.MigrateAsync(CancellationToken.None);
        return db;
    }

    public CaseService CaseService() =>
        new(Store, Options.Create(new CaseOptions()), Clock, NullLogger<CaseService>.Instance);

    public async Task<long> OpenCaseAsync(string handle, string text, DateTimeOffset posted, string brand = "Telvio", Origin origin = Origin.Store, string network = "x")
    {
        var mention = new Mention("test", Guid.NewGuid().ToString("N"), network, new Author(handle, null, 500), text, null, posted, Engagement.None);
        var triage = new TriageResult("nl", -0.7, 0.9, true, Intent.Complaint, [], new Reach(500, 0, 0), Priority.P2,
            new OriginGuess(origin, "evidence", 0.6), [new RootCauseGuess("waiting_time", "wacht")], "Negative cues", "Sorry!");
        var saved = await Store.SaveAsync(new IngestRecord(mention, brand, Guid.NewGuid().ToString("N"), null, triage, true, [ChatAddress.Parse("console:webcare")], posted)
        {
            SlaDueAt = Sla.DueAt(Priority.P2, posted),
        }, CancellationToken.None);
        return saved!.CaseId!.Value;
    }

    public async Task<long> ScalarAsync(string sql, params (string, object?)[] parameters)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> RowsAsync(string sql, params (string, object?)[] parameters)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by the OS is cleaned with the temp folder.
        }

        return ValueTask.CompletedTask;
    }
}
