using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Routing;
using Webcare.Sources.Engine;
using Webcare.Sources.Health;
using Webcare.Sources.Rss;
using Webcare.Sources.Tests.Fixtures;
using Webcare.Sources.Tests.Infrastructure;

namespace Webcare.Sources.Tests;

/// <summary>The engine, the real pipeline and a real SQLite file: crashes, edits and cross-source duplicates.</summary>
public sealed class PipelineDedupeTests
{
    private static SourceEngine Engine(TestStore db, IMentionSink sink, ISourceCursorStore cursors) => new(
        new SourcesConfiguration(new ConfigurationBuilder().Build(), []),
        new ServiceCollection().BuildServiceProvider(),
        sink,
        cursors,
        new SourceHealthMonitor(db.Store, [], Options.Create(new RoutingOptions()), NullLogger<SourceHealthMonitor>.Instance),
        db.Clock,
        NullLogger<SourceEngine>.Instance);

    private static RssSource Feed(FakeServer server, TimeProvider clock) =>
        new("news", new RssOptions { Url = server.BaseUrl + "/feed.xml" }, SourceTestHelpers.Http(server, clock), clock, NullLogger<RssSource>.Instance);

    [Fact]
    public async Task ReadOnceAsync_CrashAfterStoringBeforeCursorSave_RereadMakesNoDuplicateCase()
    {
        await using var db = await TestStore.CreateAsync();
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, FeedFixtures.Rss, "application/rss+xml"));
        var cursors = new CrashingCursorStore(db.Store) { CrashOnNextSave = true };
        var sink = new InlineSink(db.Processor);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Engine(db, sink, cursors).ReadOnceAsync(Feed(server, db.Clock), CancellationToken.None));
        Assert.Null(await db.Store.GetCursorAsync("news", CancellationToken.None));
        db.Reopen(); // As after a restart.
        var afterRestart = new InlineSink(db.Processor);
        var count = await Engine(db, afterRestart, db.Store).ReadOnceAsync(Feed(server, db.Clock), CancellationToken.None);

        Assert.Equal(3, count);
        Assert.All(afterRestart.Processed, p => Assert.Equal(MentionOutcome.Duplicate, p.Result.Outcome));
        Assert.Equal(3, await db.CountAsync("SELECT COUNT(*) FROM mentions"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'PostCard'"));
        Assert.NotNull(await db.Store.GetCursorAsync("news", CancellationToken.None));
    }

    [Fact]
    public async Task ReadOnceAsync_CrashMidBatch_RereadLosesNothing()
    {
        await using var db = await TestStore.CreateAsync();
        await using var server = await FakeServer.StartAsync((c, _) => Respond.Text(c, FeedFixtures.Rss, "application/rss+xml"));
        var sink = new InlineSink(db.Processor) { CrashAt = 1 };

        await Assert.ThrowsAsync<InvalidOperationException>(() => Engine(db, sink, db.Store).ReadOnceAsync(Feed(server, db.Clock), CancellationToken.None));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM mentions"));
        await Engine(db, sink, db.Store).ReadOnceAsync(Feed(server, db.Clock), CancellationToken.None);

        Assert.Equal(3, await db.CountAsync("SELECT COUNT(*) FROM mentions"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM cases"));
    }

    [Fact]
    public async Task ProcessAsync_EditedPost_UpdatesCaseTextAndQueuesCardUpdateNotANewPost()
    {
        await using var db = await TestStore.CreateAsync();
        var original = Mention("m1", "Huiskes levert mijn bank niet, al weken wachten", "https://mastodon.nl/@a/1");
        var opened = await db.Processor().ProcessAsync(original, CancellationToken.None);
        var post = Assert.Single(await db.Store.GetDueAsync(db.Clock.GetUtcNow(), 10, CancellationToken.None));
        await db.Store.CompletePostAsync(post, "msg-1", db.Clock.GetUtcNow(), CancellationToken.None);

        var edited = await db.Processor().ProcessAsync(original with { Text = "Huiskes levert mijn bank niet, al weken wachten. En nu hangen ze op! Belachelijk" }, CancellationToken.None);
        var again = await db.Processor().ProcessAsync(original with { Text = "Huiskes levert mijn bank niet, al weken wachten. En nu hangen ze op! Belachelijk" }, CancellationToken.None);

        Assert.Equal(MentionOutcome.CaseOpened, opened.Outcome);
        Assert.Equal(MentionOutcome.Edited, edited.Outcome);
        Assert.Equal(opened.CaseId, edited.CaseId);
        Assert.Equal(MentionOutcome.Duplicate, again.Outcome);
        var update = Assert.Single(await db.Store.GetDueAsync(db.Clock.GetUtcNow(), 10, CancellationToken.None));
        Assert.Equal(OutboxKind.UpdateCard, update.Kind);
        Assert.Equal("msg-1", (await db.Store.GetPostAsync(opened.CaseId!.Value, update.Channel, CancellationToken.None))!.MessageId);
        var stored = await db.Store.GetCaseAsync(opened.CaseId!.Value, CancellationToken.None);
        Assert.EndsWith("Belachelijk", stored!.Mention.Mention.Text, StringComparison.Ordinal);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM case_events WHERE kind = 'edited'"));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'PostCard' AND status = 'pending'"));
    }

    [Fact]
    public async Task ProcessAsync_EditTurnsNeutralPostIntoComplaint_OpensTheCaseOnce()
    {
        await using var db = await TestStore.CreateAsync();
        var neutral = Mention("m2", "Vandaag naar Huiskes geweest", null);

        var first = await db.Processor().ProcessAsync(neutral, CancellationToken.None);
        var edited = await db.Processor().ProcessAsync(neutral with { Text = "Vandaag naar Huiskes geweest, bank kapot en slecht geholpen" }, CancellationToken.None);

        Assert.Equal(MentionOutcome.Stored, first.Outcome);
        Assert.Equal(MentionOutcome.Edited, edited.Outcome);
        Assert.NotNull(edited.CaseId);
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'PostCard'"));
    }

    [Fact]
    public async Task ProcessAsync_SamePostFromTwoSourcesByUrl_OneCase()
    {
        await using var db = await TestStore.CreateAsync();
        var viaFeed = Mention("forum-123", "Huiskes bank na 3 weken nog steeds niet geleverd", "https://forum.example.nl/t/huiskes-bank/123?utm_source=rss") with { SourceName = "news" };
        var viaWebhook = Mention("ext-9", "[Forum] Huiskes: bank na drie weken niet geleverd, slecht!", "https://www.forum.example.nl/t/huiskes-bank/123/") with { SourceName = "hook" };

        var first = await db.Processor().ProcessAsync(viaFeed, CancellationToken.None);
        var second = await db.Processor().ProcessAsync(viaWebhook, CancellationToken.None);

        var secondEdited = await db.Processor().ProcessAsync(viaWebhook with { Text = viaWebhook.Text + " Nooit meer!" }, CancellationToken.None);

        Assert.Equal(MentionOutcome.CaseOpened, first.Outcome);
        Assert.Equal(MentionOutcome.Repost, second.Outcome);
        Assert.Equal(MentionOutcome.Edited, secondEdited.Outcome);
        Assert.Null(secondEdited.CaseId); // An edited repost still belongs to the original's case.
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(1, await db.CountAsync("SELECT COUNT(*) FROM mentions WHERE duplicate_of IS NOT NULL"));
    }

    [Theory]
    [InlineData("https://www.Forum.example.nl/t/1/?utm_source=x&page=2#reply", "https://forum.example.nl/t/1?page=2")]
    [InlineData("http://twitter.com/jan/status/1?s=20", "https://x.com/jan/status/1")]
    [InlineData("https://old.reddit.com/r/a/comments/b/slug/", "https://reddit.com/r/a/comments/b/slug")]
    [InlineData("not a url", null)]
    public void From_VariantsOfOneUrl_OneSpelling(string url, string? expected)
    {
        Assert.Equal(expected, CanonicalUrl.From(url));
    }

    private static Mention Mention(string id, string text, string? url) =>
        new("masto", id, "mastodon", new Author("jan", "Jan", 10), text, url, new FakeClock().GetUtcNow(), Engagement.None);
}
