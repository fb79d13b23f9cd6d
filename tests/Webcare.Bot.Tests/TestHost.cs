using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Webcare.Bot.Hosting;
using Webcare.Core.Chat;
using Webcare.Core.Triage;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Tests;

/// <summary>The real bot host on the repository's config, a temp SQLite file, and a recording chat platform.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(IHost host, RecordingChatPlatform chat)
    {
        Host = host;
        Chat = chat;
    }

    public IHost Host { get; }

    public RecordingChatPlatform Chat { get; }

    public SqliteDatabase Database => Host.Services.GetRequiredService<SqliteDatabase>();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string SamplePath => Path.Combine(RepositoryRoot, "config", "samples", "mentions.jsonl");

    public static TestHost Create(string databasePath, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Webcare:Storage:Path"] = databasePath,
            ["Webcare:Sources:0:Duration"] = "00:00:00",
            ["Webcare:Console:ReadCommands"] = "false",
            ["Webcare:Outbox:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var builder = WebcareHost.CreateBuilder(RepositoryRoot, overrides);
        var chat = new RecordingChatPlatform();
        builder.Services.RemoveAll<IChatPlatform>();
        builder.Services.AddSingleton<IChatPlatform>(chat);
        services?.Invoke(builder.Services);
        return new TestHost(builder.Build(), chat);
    }

    /// <summary>Wraps whatever triage the bot registered, so tests do not depend on which engine it is.</summary>
    public static void DecorateTriage(IServiceCollection services, Func<ITriage, ITriage> wrap)
    {
        var original = services.Last(d => d.ServiceType == typeof(ITriage));
        services.Remove(original);
        services.AddSingleton(sp => wrap(
            original.ImplementationInstance as ITriage
            ?? (ITriage?)original.ImplementationFactory?.Invoke(sp)
            ?? (ITriage)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
    }

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "webcare-e2e", Guid.NewGuid().ToString("N"), "webcare.db");

    /// <summary>Starts the host and waits until the replay has been read to its end and the outbox is empty.</summary>
    public async Task RunUntilIdleAsync(int expectedLines, TimeSpan timeout)
    {
        await Host.StartAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync("SELECT COALESCE((SELECT CAST(cursor AS INTEGER) FROM source_cursors WHERE source = 'demo'), 0)") >= expectedLines
                && await ScalarAsync("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The bot did not finish the replay in time.");
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<SqliteDataReader, T> read)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above the test binaries.");
    }
}

/// <summary>A chat platform that records what the bot sends, standing in for the console.</summary>
public sealed class RecordingChatPlatform : IChatPlatform
{
    public ConcurrentQueue<(ChatAddress Channel, Card Card)> Posted { get; } = new();

    public ConcurrentQueue<(ChatAddress Channel, string MessageId, Card Card)> Updated { get; } = new();

    public ConcurrentQueue<(ChatAddress Channel, Reply Reply)> Replies { get; } = new();

    public string Platform => "console";

    public Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        Posted.Enqueue((channel, card));
        return Task.FromResult("m-" + idempotencyKey);
    }

    public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken)
    {
        Updated.Enqueue((channel, messageId, card));
        return Task.CompletedTask;
    }

    public Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
    {
        Replies.Enqueue((channel, reply));
        return Task.FromResult("r-" + Guid.NewGuid().ToString("N"));
    }
}
