using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Mentions;
using Webcare.Core.Routing;
using Webcare.Sources.Engine;
using Webcare.Sources.Health;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

public sealed class HealthTests
{
    private static readonly SourceDefinition Quiet = new() { Name = "news", Kind = "rss", QuietPeriod = TimeSpan.FromHours(1), FailuresBeforeAlert = 3 };

    private static SourceHealthMonitor Monitor(TestStore db, RecordingChat chat) =>
        new(db.Store, [chat], Options.Create(new RoutingOptions { OpsChannel = "test:ops" }), NullLogger<SourceHealthMonitor>.Instance);

    [Fact]
    public async Task ObserveAsync_SilentSource_ExactlyOneAlertAndOneRecoveryAcrossARestart()
    {
        var clock = new FakeClock();
        await using var db = await TestStore.CreateAsync(clock);
        var chat = new RecordingChat();
        async Task Poll(int items, TimeSpan after)
        {
            clock.Advance(after);
            await Monitor(db, chat).ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), items, null), CancellationToken.None);
        }

        await Poll(2, TimeSpan.Zero);
        await Poll(0, TimeSpan.FromMinutes(30));
        Assert.Empty(chat.Posts);
        await Poll(0, TimeSpan.FromMinutes(31));
        await Poll(0, TimeSpan.FromMinutes(30));
        db.Reopen(); // A restart: the alert state comes back from SQLite.
        await Poll(0, TimeSpan.FromHours(2));
        await Poll(4, TimeSpan.FromMinutes(5));
        await Poll(1, TimeSpan.FromMinutes(5));

        Assert.Equal(["Source 'news' is silent", "Source 'news' recovered"], chat.Posts.Select(p => p.Reply.Card!.Title).ToArray());
        Assert.All(chat.Posts, p => Assert.Equal(new ChatAddress("test", "ops"), p.Channel));
        Assert.Equal(CardTone.Warning, chat.Posts[0].Reply.Card!.Tone);
        Assert.Equal(CardTone.Good, chat.Posts[1].Reply.Card!.Tone);
    }

    [Fact]
    public async Task ObserveAsync_FailsNTimesInARow_OneFailingCardThenOneRecovered()
    {
        var clock = new FakeClock();
        await using var db = await TestStore.CreateAsync(clock);
        var chat = new RecordingChat();
        var monitor = Monitor(db, chat);
        foreach (var error in new[] { "boom 1", "boom 2", "/feed.xml answered 502 Bad Gateway", "boom 4", "boom 5" })
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await monitor.ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), 0, error), CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), 3, null), CancellationToken.None);

        Assert.Equal(["Source 'news' is failing", "Source 'news' recovered"], chat.Posts.Select(p => p.Reply.Card!.Title).ToArray());
        Assert.Contains(chat.Posts[0].Reply.Card!.Fields, f => f.Label == "Last error" && f.Value == "/feed.xml answered 502 Bad Gateway");
        Assert.Contains(chat.Posts[0].Reply.Card!.Fields, f => f.Label == "Failures in a row" && f.Value == "3");
    }

    [Fact]
    public async Task ObserveAsync_OpsPostFails_AlertIsRetriedOnTheNextPoll()
    {
        var clock = new FakeClock();
        await using var db = await TestStore.CreateAsync(clock);
        var chat = new RecordingChat { FailNext = true };
        var monitor = Monitor(db, chat);
        await monitor.ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), 0, null), CancellationToken.None);

        clock.Advance(TimeSpan.FromHours(2));
        await monitor.ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), 0, null), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await monitor.ObserveAsync(Quiet, "rss", new SourcePoll(clock.GetUtcNow(), 0, null), CancellationToken.None);

        Assert.Equal("Source 'news' is silent", Assert.Single(chat.Posts).Reply.Card!.Title);
    }

    [Fact]
    public async Task SourcesCommand_AfterPolls_ListsStateLastSuccessLagItemsTodayAndLastError()
    {
        var clock = new FakeClock();
        await using var db = await TestStore.CreateAsync(clock);
        var monitor = Monitor(db, new RecordingChat());
        var healthy = new SourceDefinition { Name = "news", Kind = "rss" };
        var broken = new SourceDefinition { Name = "masto", Kind = "mastodon", FailuresBeforeAlert = 1 };
        await monitor.ObserveAsync(healthy, "rss", new SourcePoll(clock.GetUtcNow(), 5, null), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(10));
        await monitor.ObserveAsync(healthy, "rss", new SourcePoll(clock.GetUtcNow(), 0, null), CancellationToken.None);
        await monitor.ObserveAsync(broken, "mastodon", new SourcePoll(clock.GetUtcNow(), 0, "/api/v1/timelines/tag/huiskes answered 401 Unauthorized"), CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webcare:Sources:0:Name"] = "news", ["Webcare:Sources:0:Kind"] = "rss",
            ["Webcare:Sources:1:Name"] = "masto", ["Webcare:Sources:1:Kind"] = "mastodon",
            ["Webcare:Sources:2:Name"] = "x", ["Webcare:Sources:2:Kind"] = "x", ["Webcare:Sources:2:Enabled"] = "false",
        }).Build();
        clock.Advance(TimeSpan.FromMinutes(2));

        var reply = await new SourcesCommand(new SourcesConfiguration(configuration, []), db.Store, clock)
            .HandleAsync(new CommandRequest("sources", Actor.Operator("cli", "tester")), CancellationToken.None);

        var lines = reply.Text.Split('\n');
        Assert.Equal("Sources (3):", lines[0]);
        Assert.Equal("news (rss) — ok · last success 2 min ago · lag 12 min · today 5 · last error: none", lines[1]);
        Assert.Equal("masto (mastodon) — FAILING (1 failed in a row) · last success never · lag no items yet · today 0 · last error: /api/v1/timelines/tag/huiskes answered 401 Unauthorized", lines[2]);
        Assert.Equal("x (x) — disabled", lines[3]);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(9, 600)]
    [InlineData(40, 600)]
    public void Backoff_FailuresInARow_DoublesUpToTheCap(int failures, int expectedSeconds)
    {
        var definition = new SourceDefinition { RetryDelay = TimeSpan.FromSeconds(5), MaxRetryDelay = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SourceEngine.Backoff(definition, failures));
    }

    private sealed class RecordingChat : IChatPlatform
    {
        public List<(ChatAddress Channel, Reply Reply)> Posts { get; } = [];

        public bool FailNext { get; set; }

        public string Platform => "test";

        public Task<string> PostCardAsync(ChatAddress channel, Card card, string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateCardAsync(ChatAddress channel, string messageId, Card card, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<string> PostReplyAsync(ChatAddress channel, Reply reply, string? threadMessageId, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("chat is down");
            }

            Posts.Add((channel, reply));
            return Task.FromResult("m" + Posts.Count);
        }
    }
}
