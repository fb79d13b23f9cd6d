using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Brands;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Routing;
using Webcare.Core.Cases;
using Webcare.Core.Team;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Storage.Sqlite;

namespace Webcare.Sources.Tests.Infrastructure;

/// <summary>A real SQLite file in a temp folder, migrated, with the real pipeline in front of it.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webcare-sources-tests", Guid.NewGuid().ToString("N"));

    private TestStore(TimeProvider clock)
    {
        Directory.CreateDirectory(_folder);
        Clock = clock;
        Database = new SqliteDatabase(Path.Combine(_folder, "webcare.db"), clock, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, clock);
    }

    public TimeProvider Clock { get; }

    public SqliteDatabase Database { get; }

    public SqliteStore Store { get; private set; }

    public static async Task<TestStore> CreateAsync(TimeProvider? clock = null)
    {
        var store = new TestStore(clock ?? new FakeClock());
        await store.Database.MigrateAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A new store object on the same file, as after a restart.</summary>
    public SqliteStore Reopen() => Store = new SqliteStore(new SqliteDatabase(Database.FilePath, Clock, NullLogger<SqliteDatabase>.Instance), Clock);

    private static readonly Lazy<TriageEngine> ShippedTriage = new(() => new TriageEngine(
        TriageDataLoader.Load(Path.Combine(AppContext.BaseDirectory, "config", "triage")), new TriageOptions(), new CaseOptions().RootCauses));

    public MentionProcessor Processor() => new(
        new BrandMatcher([new BrandRule { Name = "Huiskes", Aliases = ["Huiskes.nl"], Handles = ["@huiskes"], Hashtags = ["#huiskes"] }]),
        ShippedTriage.Value,
        new ChannelRouter(Options.Create(new RoutingOptions { DefaultChannel = "console:webcare" })),
        Store,
        new SlaPolicy(Options.Create(new SlaOptions()), Options.Create(new TeamOptions())),
        Clock,
        NullLogger<MentionProcessor>.Instance,
        Store);

    public async Task<long> CountAsync(string sql)
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
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held on this platform: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>An <see cref="IMentionSink"/> that runs the real processor inline (the host's queue is in Webcare.Bot).</summary>
public sealed class InlineSink(Func<MentionProcessor> processor) : IMentionSink
{
    public List<(Mention Mention, ProcessResult Result)> Processed { get; } = [];

    /// <summary>Throws before processing the mention with this index (0-based, counted across calls): a crash.</summary>
    public int? CrashAt { get; set; }

    public async ValueTask<Task<ProcessResult>> SubmitAsync(Mention mention, CancellationToken cancellationToken)
    {
        if (CrashAt is { } at && Processed.Count == at)
        {
            CrashAt = null;
            throw new InvalidOperationException("simulated crash");
        }

        var result = await processor().ProcessAsync(mention, cancellationToken);
        Processed.Add((mention, result));
        return Task.FromResult(result);
    }
}

/// <summary>A cursor store whose next save throws: the process died after storing mentions, before saving the cursor.</summary>
public sealed class CrashingCursorStore(ISourceCursorStore inner) : ISourceCursorStore
{
    public bool CrashOnNextSave { get; set; }

    public Task<string?> GetCursorAsync(string sourceName, CancellationToken cancellationToken) => inner.GetCursorAsync(sourceName, cancellationToken);

    public Task SaveCursorAsync(string sourceName, string? cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (CrashOnNextSave)
        {
            CrashOnNextSave = false;
            throw new InvalidOperationException("simulated crash before the cursor was saved");
        }

        return inner.SaveCursorAsync(sourceName, cursor, now, cancellationToken);
    }
}
