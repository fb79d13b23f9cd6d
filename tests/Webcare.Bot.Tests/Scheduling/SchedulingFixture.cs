using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Bot.Scheduling;
using Webcare.Core.Alerts;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Routing;
using Webcare.Core.Team;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Tests.Scheduling;

/// <summary>A chat platform that records what the bot posted, and when by the test's clock.</summary>
public sealed class RecordingChatPlatform(TimeProvider clock) : IChatPlatform
{
    public ConcurrentQueue<(ChatAddress Channel, Reply Reply, DateTimeOffset At)> Replies { get; } = new();

    public ConcurrentQueue<(ChatAddress Channel, Card Card, string Key)> Cards { get; } = new();

    public int FailNext { get; set; }

    public string Platform => "console";

    public Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken)
    {
        Cards.Enqueue((channel, card, idempotencyKey));
        return Task.FromResult("card-" + Cards.Count);
    }

    public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new HttpRequestException("platform down");
        }

        Replies.Enqueue((channel, reply, clock.GetUtcNow()));
        return Task.FromResult("reply-" + Replies.Count);
    }
}

/// <summary>A real SQLite file migrated at the fake clock's start (the "install" time), and the scheduling services over it.</summary>
public sealed class SchedulingFixture : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webcare-sched-" + Guid.NewGuid().ToString("N"));
    private long _external;

    public SchedulingFixture(DateTimeOffset installedAt)
    {
        Directory.CreateDirectory(_folder);
        Clock = new FakeTimeProvider(installedAt);
        Database = new SqliteDatabase(Path.Combine(_folder, "webcare.db"), Clock, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, Clock);
        Chat = new RecordingChatPlatform(Clock);
        Database.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Clock { get; }

    public SqliteDatabase Database { get; }

    public SqliteStore Store { get; }

    public RecordingChatPlatform Chat { get; }

    public string DigestFolder => Path.Combine(_folder, "digests");

    public DigestOptions Digest { get; } = new() { Day = "Monday", Time = "09:00", Channel = "console:webcare-leads", TimeZone = "Europe/Amsterdam" };

    public SpikeOptions Spikes { get; } = new() { Multiple = 3, MinimumVolume = 20, Cooldown = TimeSpan.FromHours(3) };

    public DigestScheduler NewDigestScheduler()
    {
        var team = Options.Create(new TeamOptions { Name = "Test team", TimeZone = "Europe/Amsterdam" });
        var digests = new DigestService(Store, Options.Create(Digest), team, Clock);
        return new DigestScheduler(digests, Store, new FileDigestArchive(DigestFolder), [Chat], Options.Create(Digest), team, Clock, NullLogger<DigestScheduler>.Instance);
    }

    public SpikeAlertService NewSpikeService() => new(
        new SpikeDetector(Store, Options.Create(Spikes)), Store, [Chat], Options.Create(Spikes),
        Options.Create(new RoutingOptions { OpsChannel = "console:webcare-ops" }),
        Options.Create(new TeamOptions { TimeZone = "Europe/Amsterdam" }), Clock, NullLogger<SpikeAlertService>.Instance);

    public async Task AddMentionsAsync(DateTimeOffset postedAt, int count, string text, bool negative)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO mentions (source, external_id, network, brand, author_handle, text, posted_at, received_at, content_hash,
                    language, negative, score, probability, intent, priority, reach, triage_json)
                VALUES ('test', $ext, 'x', 'Telvio', 'klant', $text, $posted, $posted, $ext, 'nl', $neg, 0, 0.5, 'complaint', 3, 0, '{}')
                """;
            command.Parameters.AddWithValue("$ext", (++_external).ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$text", text);
            command.Parameters.AddWithValue("$posted", postedAt.AddSeconds(i).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$neg", negative ? 1 : 0);
            await command.ExecuteNonQueryAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }

        return ValueTask.CompletedTask;
    }
}
