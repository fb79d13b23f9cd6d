using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webcare.Bot.Hosting;
using Webcare.Chat.Discord.Gateway;
using Webcare.Core.Cases;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord.Tests.Fakes;

/// <summary>
/// The real bot host (WebcareHost.CreateBuilder) pointed at the fake Discord, with a temp SQLite
/// file and a replay source on a small temp JSON Lines file.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Channel = "2001";
    public const string AgentRole = "3001";
    public const string LeadUser = "4001";
    public const string ApplicationId = "1100";

    private BotHarness(IHost host, FakeDiscord fake, string directory)
    {
        Host = host;
        Fake = fake;
        Directory = directory;
    }

    public IHost Host { get; }

    public FakeDiscord Fake { get; }

    public string Directory { get; }

    public ICaseStore Cases => Host.Services.GetRequiredService<ICaseStore>();

    public IOutboxStore Outbox => Host.Services.GetRequiredService<IOutboxStore>();

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string NewDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "webcare-discord-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static async Task<BotHarness> StartAsync(
        FakeDiscord fake,
        string directory,
        IEnumerable<JsonObject> mentions,
        Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? extra = null,
        bool withToken = true)
    {
        var jsonl = Path.Combine(directory, "mentions.jsonl");
        if (!File.Exists(jsonl))
        {
            await File.WriteAllLinesAsync(jsonl, mentions.Select(m => m.ToJsonString()));
        }

        var overrides = new Dictionary<string, string?>
        {
            ["Webcare:Discord:BotToken"] = withToken ? "test-token" : string.Empty,
            ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("WEBCARE_TEST_LOG") == "1" ? "Debug" : "Warning",
            ["Webcare:Storage:Path"] = Path.Combine(directory, "webcare.db"),
            ["Webcare:Sources:0:Path"] = jsonl,
            ["Webcare:Sources:0:Duration"] = "00:00:00",
            ["Webcare:Console:ReadCommands"] = "false",
            ["Webcare:Outbox:PollInterval"] = "00:00:00.200",
            ["Webcare:Outbox:RetryDelay"] = "00:00:00.050",
            ["Webcare:Outbox:MaxRetryDelay"] = "00:00:00.200",
            ["Webcare:Discord:ApplicationId"] = ApplicationId,
            ["Webcare:Discord:GuildId"] = "1200",
            ["Webcare:Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Webcare:Discord:ReconnectDelay"] = "00:00:00",
            ["Webcare:Discord:IdentifyInterval"] = "00:00:00",
            // The validator's maximum: on a loaded CI machine a quick command must still get its one-call answer (type 4).
            // The test of the slow path passes a short window itself.
            ["Webcare:Discord:FastReplyWindow"] = "00:00:02.5",
            ["Webcare:Discord:Roles:Agent:RoleIds:0"] = AgentRole,
            ["Webcare:Discord:Roles:Lead:UserIds:0"] = LeadUser,
        };
        if (withToken)
        {
            overrides["Webcare:Routing:DefaultChannel"] = "discord:" + Channel;
            overrides["Webcare:Routing:OpsChannel"] = "discord:" + Channel;
            for (var i = 0; i < 3; i++)
            {
                overrides[$"Webcare:Routing:Routes:{i}:Channel"] = "discord:" + Channel;
            }
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var builder = WebcareHost.CreateBuilder(RepoRoot, overrides);
        services?.Invoke(builder.Services);
        var host = builder.Build();
        var problems = ConfigurationCheck.Run(host.Services);
        Assert.Empty(problems);
        await host.StartAsync();
        var harness = new BotHarness(host, fake, directory);
        if (withToken && fake.Gateway.CloseOnIdentify is null)
        {
            // Discord sends interactions only once the session is READY.
            var gateway = host.Services.GetRequiredService<DiscordGateway>();
            await Eventually.TrueAsync(() => gateway.SessionId is not null && gateway.SessionId == fake.Gateway.SessionId, "gateway READY");
        }

        return harness;
    }

    /// <summary>A mention in our JSON Lines format; the default text is negative for the placeholder triage.</summary>
    public static JsonObject Mention(string id, string text, string handle = "sam_k", string name = "Sam K") => new()
    {
        ["id"] = id,
        ["network"] = "x",
        ["author"] = new JsonObject { ["handle"] = handle, ["name"] = name, ["followers"] = 120 },
        ["text"] = text,
        ["url"] = "https://x.example/" + handle + "/status/" + id,
        ["postedAt"] = "2026-11-20T08:00:00Z",
        ["likes"] = 1,
        ["reposts"] = 0,
        ["replies"] = 0,
        ["lang"] = "en",
    };

    /// <summary>Waits until Discord holds <paramref name="count"/> cards and the outbox has recorded each of them.</summary>
    public async Task WaitForCardsAsync(int count)
    {
        await Eventually.TrueAsync(() => Fake.Messages.Count >= count, $"{count} card(s) posted");
        for (var caseId = 1; caseId <= count; caseId++)
        {
            var id = caseId;
            await Eventually.TrueAsync(async () => (await Outbox.GetPostsAsync(id, CancellationToken.None)).Count > 0, $"case {id} post recorded");
        }
    }

    /// <summary>Every string in a message, joined, with Discord's escaping backslashes removed: what an agent reads.</summary>
    public static string Plain(JsonNode? node)
    {
        var parts = new List<string>();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (_, v) in o)
                    {
                        Walk(v);
                    }

                    break;
                case JsonArray a:
                    foreach (var v in a)
                    {
                        Walk(v);
                    }

                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    parts.Add(text);
                    break;
            }
        }

        Walk(node);
        return string.Join("\n", parts).Replace("\\", string.Empty, StringComparison.Ordinal).Replace("\u200B", string.Empty, StringComparison.Ordinal);
    }

    public async Task<CaseRecord> CaseAsync(long id) => (await Cases.GetCaseAsync(id, CancellationToken.None))!;

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Host.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
    }

    private static string FindRepoRoot()
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

/// <summary>INTERACTION_CREATE payloads as Discord sends them.</summary>
internal static class DiscordPayloads
{
    public static JsonObject Component(string customId, string userId, string[] roles, string messageId, string? value = null)
    {
        var data = new JsonObject { ["custom_id"] = customId, ["component_type"] = value is null ? 2 : 3 };
        if (value is not null)
        {
            data["values"] = new JsonArray(value);
        }

        return Envelope(3, data, userId, roles, messageId);
    }

    public static JsonObject ModalSubmit(string customId, string value, string userId, string[] roles, string messageId) =>
        Envelope(5, new JsonObject
        {
            ["custom_id"] = customId,
            ["components"] = new JsonArray(new JsonObject
            {
                ["type"] = 18,
                ["id"] = 1,
                ["component"] = new JsonObject { ["type"] = 4, ["id"] = 2, ["custom_id"] = "reply", ["value"] = value },
            }),
        }, userId, roles, messageId);

    public static JsonObject Command(string subcommand, string userId, string[] roles, params (string Name, JsonNode Value)[] options) =>
        Envelope(2, new JsonObject
        {
            ["id"] = "1500",
            ["name"] = "webcare",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject
            {
                ["type"] = 1,
                ["name"] = subcommand,
                ["options"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value.DeepClone() }).ToArray()),
            }),
        }, userId, roles, null);

    private static JsonObject Envelope(int type, JsonObject data, string userId, string[] roles, string? messageId)
    {
        var id = Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var envelope = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = BotHarness.ApplicationId,
            ["type"] = type,
            ["token"] = "itoken-" + id,
            ["version"] = 1,
            ["guild_id"] = "1200",
            ["channel_id"] = BotHarness.Channel,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = userId, ["username"] = "user" + userId, ["global_name"] = "Agent " + userId },
                ["roles"] = new JsonArray(roles.Select(r => (JsonNode)r).ToArray()),
                ["permissions"] = "0",
            },
            ["data"] = data,
        };
        if (messageId is not null)
        {
            envelope["message"] = new JsonObject { ["id"] = messageId, ["channel_id"] = BotHarness.Channel };
        }

        return envelope;
    }
}
