using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Bot.Hosting;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Storage.Sqlite;

namespace Webcare.Chat.Slack.Tests.Fakes;

/// <summary>The real bot host (WebcareHost.CreateBuilder) with Slack pointed at a <see cref="FakeSlack"/>, a temp SQLite file and a temp replay file.</summary>
public sealed class SlackBot : IAsyncDisposable
{
    public const string Channel = "C0123ABC";
    public const string Agent = "UAGENT1";
    public const string Lead = "ULEAD1";
    public const string Stranger = "USTRANGER";
    public const string GroupMember = "UGROUPED";

    private const string ReplaySource = "demo";

    private static readonly TimeSpan StoreWait = TimeSpan.FromSeconds(15);

    private SlackBot(IHost host, TempDir dir)
    {
        Host = host;
        Dir = dir;
    }

    public IHost Host { get; }

    public TempDir Dir { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>Builds and starts the bot. <paramref name="mentions"/> are JSONL lines for the replay source (none: no replay).</summary>
    public static async Task<SlackBot> StartAsync(
        FakeSlack fake,
        IEnumerable<string>? mentions = null,
        TempDir? dir = null,
        IDictionary<string, string?>? extra = null,
        Action<IServiceCollection>? services = null,
        bool start = true)
    {
        dir ??= new TempDir();
        var replay = dir.File("mentions.jsonl");
        await File.WriteAllLinesAsync(replay, mentions ?? []);
        var overrides = new Dictionary<string, string?>
        {
            ["Webcare:Storage:Path"] = dir.File("webcare.db"),
            ["Webcare:Sources:0:Name"] = ReplaySource,
            ["Webcare:Sources:0:Kind"] = "replay",
            ["Webcare:Sources:0:Enabled"] = mentions is null ? "false" : "true",
            ["Webcare:Sources:0:Path"] = replay,
            ["Webcare:Sources:0:Duration"] = "00:00:00",
            ["Webcare:Sources:0:Timestamps"] = "live",
            ["Webcare:Routing:DefaultChannel"] = "slack:" + Channel,
            ["Webcare:Routing:Routes:0:Channel"] = "slack:" + Channel,
            ["Webcare:Routing:Routes:1:Channel"] = "slack:" + Channel,
            ["Webcare:Routing:Routes:2:Channel"] = "slack:" + Channel,
            ["Webcare:Routing:OpsChannel"] = "slack:" + Channel,
            ["Webcare:Console:ReadCommands"] = "false",
            ["Webcare:Outbox:PollInterval"] = "00:00:00.100",
            ["Webcare:Outbox:RetryDelay"] = "00:00:00.050",
            ["Webcare:Slack:BotToken"] = "xoxb-test",
            ["Webcare:Slack:AppToken"] = "xapp-test",
            ["Webcare:Slack:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Webcare:Slack:ChannelMessageInterval"] = "00:00:00",
            ["Webcare:Slack:ReconnectDelay"] = "00:00:00.050",
            ["Webcare:Slack:MaxReconnectDelay"] = "00:00:00.500",
            ["Webcare:Slack:Roles:Agent:0"] = Agent,
            ["Webcare:Slack:Roles:Agent:1"] = "S0AGENTS",
            ["Webcare:Slack:Roles:Lead:0"] = Lead,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var builder = WebcareHost.CreateBuilder(TestPaths.RepoRoot, overrides);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new ListLoggerProvider(dir.Log));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        if (start)
        {
            await host.StartAsync();
        }

        return new SlackBot(host, dir);
    }

    public async Task<CaseRecord> CaseAsync(long id) =>
        (await Services.GetRequiredService<SqliteStore>().GetCaseAsync(id, CancellationToken.None))!;

    /// <summary>
    /// Waits until the card of <paramref name="caseId"/> is posted and its message id stored, and returns that post.
    /// Seeing chat.postMessage at the fake is too early: the fake records the call before it answers and the bot
    /// stores the ts only after the answer, and a click applied in between queues no card update.
    /// </summary>
    public async Task<ChatPost> WaitForCardAsync(long caseId)
    {
        var store = Services.GetRequiredService<SqliteStore>();
        var channel = new ChatAddress("slack", Channel);
        ChatPost? post = null;
        await FakeSlack.WaitUntilAsync(async () => (post = await store.GetPostAsync(caseId, channel, CancellationToken.None)) is not null, StoreWait, $"the card of case {caseId} to be stored");
        return post!;
    }

    /// <summary>
    /// Waits until the replay has delivered all <paramref name="lines"/> and the outbox owes nothing, retries
    /// included: from then on no card can still come, so "exactly one" needs no guessed sleep.
    /// </summary>
    public async Task WaitUntilIdleAsync(int lines)
    {
        var store = Services.GetRequiredService<SqliteStore>();
        await FakeSlack.WaitUntilAsync(
            async () => int.TryParse(await store.GetCursorAsync(ReplaySource, CancellationToken.None), NumberStyles.None, CultureInfo.InvariantCulture, out var done) && done >= lines
                // MaxValue: a row waiting for its retry is still owed.
                && (await store.GetDueAsync(DateTimeOffset.MaxValue, 1, CancellationToken.None)).Count == 0,
            StoreWait,
            "the replay and the outbox to finish");
    }

    public static JsonObject BlockAction(string envelopeId, string userId, string actionId, string? selected = null, string messageTs = "1700000000.000001")
    {
        var action = new JsonObject { ["action_id"] = actionId, ["block_id"] = "case_actions", ["type"] = selected is null ? "button" : "static_select", ["action_ts"] = "1.2" };
        if (selected is null)
        {
            action["value"] = actionId;
        }
        else
        {
            action["selected_option"] = new JsonObject { ["value"] = selected, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = selected } };
        }

        return new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = "interactive",
            ["accepts_response_payload"] = false,
            ["payload"] = new JsonObject
            {
                ["type"] = "block_actions",
                ["user"] = new JsonObject { ["id"] = userId, ["username"] = "user-" + userId.ToLowerInvariant() },
                ["channel"] = new JsonObject { ["id"] = Channel },
                ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = Channel },
                ["message"] = new JsonObject { ["ts"] = messageTs },
                ["trigger_id"] = "trigger-" + envelopeId,
                ["response_url"] = "http://127.0.0.1:1/unused",
                ["actions"] = new JsonArray(action),
            },
        };
    }

    public static JsonObject SlashCommand(string envelopeId, string userId, string text, Uri responseUrl) => new()
    {
        ["envelope_id"] = envelopeId,
        ["type"] = "slash_commands",
        ["accepts_response_payload"] = true,
        ["payload"] = new JsonObject
        {
            ["command"] = "/webcare",
            ["text"] = text,
            ["user_id"] = userId,
            ["user_name"] = "user-" + userId.ToLowerInvariant(),
            ["channel_id"] = Channel,
            ["team_id"] = "T1",
            ["response_url"] = responseUrl.ToString(),
            ["trigger_id"] = "trigger-" + envelopeId,
        },
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            Host.Dispose();
        }
    }
}

public static class TestPaths
{
    /// <summary>The repository root (holds Bot.sln and config/appsettings.json).</summary>
    public static string RepoRoot { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temp folder removed after the test; also collects log lines.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "webcare-slack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public LogLines Log { get; } = new();

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the OS cleans temp.
        }
    }
}

/// <summary>
/// Log lines written by the host's threads while a test reads them: every read is a snapshot taken under the lock,
/// so an assertion never enumerates a list that a background service is still appending to.
/// </summary>
public sealed class LogLines : IEnumerable<string>
{
    private readonly List<string> _lines = [];

    public void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        lock (_lines)
        {
            return _lines.ToList().GetEnumerator();
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Collects log lines so tests can assert on what the bot said (and did not say).</summary>
public sealed class ListLoggerProvider(LogLines lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ListLogger(lines, categoryName);

    public void Dispose()
    {
    }

    private sealed class ListLogger(LogLines lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : " | " + exception.GetType().Name + ": " + exception.Message)}");
    }
}
