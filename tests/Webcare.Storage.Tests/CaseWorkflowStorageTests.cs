using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Brands;
using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Routing;
using Webcare.Core.Triage;

namespace Webcare.Storage.Tests;

public sealed class CaseWorkflowStorageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    private static Actor Agent(int i) => new("slack", "U" + i, "Agent " + i, new HashSet<Role> { Role.Agent });

    [Fact]
    public async Task ApplyAsync_ManyAgentsClaimAtOnce_ExactlyOneWinsOthersToldWho()
    {
        await using var db = await TestDatabase.CreateAsync(Now);
        var caseId = await db.OpenCaseAsync("jan", "Telvio al dagen storing", Now.AddMinutes(-10));
        const int Agents = 24;

        // Enough pool threads that every claim really waits at the gate and they all hit SQLite together.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Agents + 4), io);
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(1, Agents).Select(i => Task.Run(async () =>
        {
            start.Wait(TimeSpan.FromSeconds(10));
            return await db.CaseService().ApplyAsync(new CaseAction(caseId, CaseActionKind.Claim, Agent(i)), CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts).WaitAsync(TimeSpan.FromSeconds(60));
        ThreadPool.SetMinThreads(workers, io);

        var winners = results.Where(r => r.Succeeded).ToList();
        var winner = Assert.Single(winners);
        var name = winner.Case!.AssigneeName;
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal($"Case #{caseId} is already claimed by {name}.", r.Message));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM case_events WHERE case_id = $id AND kind = 'claim'", ("$id", caseId)));
        Assert.Equal(1, await db.ScalarAsync("SELECT version FROM cases WHERE id = $id", ("$id", caseId)));
    }

    [Fact]
    public async Task ApplyAsync_FullLifecycle_AppendsEventsWithActorPlatformAndStates()
    {
        await using var db = await TestDatabase.CreateAsync(Now);
        var caseId = await db.OpenCaseAsync("jan", "Telvio al dagen storing", Now.AddMinutes(-10));
        var service = db.CaseService();
        var anna = Agent(1);
        foreach (var (kind, value) in new (CaseActionKind, string?)[] { (CaseActionKind.Claim, null), (CaseActionKind.MarkReplied, null), (CaseActionKind.SetOrigin, "phone"), (CaseActionKind.Resolve, null), (CaseActionKind.Reopen, null), (CaseActionKind.Dismiss, "false_positive") })
        {
            Assert.True((await service.ApplyAsync(new CaseAction(caseId, kind, anna, value), CancellationToken.None)).Succeeded, kind.ToString());
        }

        var events = await db.Store.GetEventsAsync(caseId, CancellationToken.None);
        Assert.Equal(["open", "claim", "replied", "origin", "resolve", "reopen", "dismiss"], events.Select(e => e.Kind));
        Assert.Equal((CaseState.Replied, CaseState.Resolved), (events[4].From, events[4].To));
        Assert.All(events.Skip(1), e => Assert.Equal(("U1", "slack"), (e.ActorId, e.Platform)));
        var stored = await db.Store.GetCaseAsync(caseId, CancellationToken.None);
        Assert.Equal(Origin.Phone, stored!.Origin);
        Assert.Equal(Origin.Store, stored.GuessedOrigin);
        Assert.Equal("not_negative", (await db.RowsAsync("SELECT label FROM case_labels WHERE case_id = $id", ("$id", caseId)))[0][0]);
        var refused = await service.ApplyAsync(new CaseAction(caseId, CaseActionKind.MarkReplied, anna), CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("dismissed", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.ScalarAsync("DELETE FROM case_events WHERE case_id = $id", ("$id", caseId)));
    }

    [Fact]
    public async Task ProcessAsync_SameAuthorWhileCaseOpen_JoinsCaseWithThreadReplyAndCardUpdate()
    {
        await using var db = await TestDatabase.CreateAsync(Now);
        var processor = new MentionProcessor(
            new BrandMatcher([new BrandRule { Name = "Telvio", Handles = ["@telvio"] }, new BrandRule { Name = "Huiskes", Handles = ["@huiskes"] }]),
            new WordListTriage(),
            new ChannelRouter(Options.Create(new RoutingOptions { DefaultChannel = "console:webcare" })),
            db.Store, db.Sla, db.Clock, NullLogger<MentionProcessor>.Instance);
        Mention Say(string handle, string id, string text) => new("test", id, "x", new Author(handle, null, 100), text, null, Now, Engagement.None);

        var first = await processor.ProcessAsync(Say("jan", "1", "@telvio al dagen storing, belachelijk"), CancellationToken.None);
        Assert.Equal(MentionOutcome.CaseOpened, first.Outcome);
        var followUp = await processor.ProcessAsync(Say("@Jan", "2", "@telvio nog steeds niks, en nu?"), CancellationToken.None);
        Assert.Equal(MentionOutcome.FollowUp, followUp.Outcome);
        Assert.Equal(first.CaseId, followUp.CaseId);
        var otherBrand = await processor.ProcessAsync(Say("jan", "2b", "@huiskes pakket nooit geleverd, belachelijk"), CancellationToken.None);
        Assert.Equal(MentionOutcome.CaseOpened, otherBrand.Outcome);
        var otherNetwork = await processor.ProcessAsync(Say("jan", "2c", "@telvio weer geen bereik, slecht") with { Network = "mastodon" }, CancellationToken.None);
        Assert.Equal(MentionOutcome.CaseOpened, otherNetwork.Outcome);
        var other = await processor.ProcessAsync(Say("piet", "3", "@telvio storing, slecht"), CancellationToken.None);
        Assert.Equal(MentionOutcome.CaseOpened, other.Outcome);
        Assert.NotEqual(first.CaseId, other.CaseId);

        var outbox = await db.RowsAsync("SELECT kind, channel, payload FROM outbox WHERE case_id = $id ORDER BY id", ("$id", first.CaseId));
        Assert.Equal(["PostCard", "ThreadReply", "UpdateCard"], outbox.Select(r => (string)r[0]!));
        Assert.Equal("Follow-up from @Jan on x: \u201C@telvio nog steeds niks, en nu?\u201D", outbox[1][2]);
        var stored = await db.Store.GetCaseAsync(first.CaseId!.Value, CancellationToken.None);
        Assert.Equal(1, stored!.FollowUps);
        Assert.Equal("follow_up", (await db.Store.GetEventsAsync(stored.Id, CancellationToken.None))[^1].Kind);

        // Once the case is closed, the author's next complaint is a case of its own.
        var service = db.CaseService();
        await service.ApplyAsync(new CaseAction(stored.Id, CaseActionKind.Dismiss, Agent(1), "not_relevant"), CancellationToken.None);
        var later = await processor.ProcessAsync(Say("jan", "4", "@telvio weer storing, belachelijk"), CancellationToken.None);
        Assert.Equal(MentionOutcome.CaseOpened, later.Outcome);
        Assert.NotEqual(first.CaseId, later.CaseId);
    }
}

public sealed class SlaWatchTests
{
    [Fact]
    public async Task RefreshAsync_ClockTurnsAmberThenRed_OneCardUpdateEach()
    {
        // Mon 30 Mar 2026 09:00 CEST; P2 is due at 10:00 CEST (08:00Z).
        var posted = new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero);
        await using var db = await TestDatabase.CreateAsync(posted);
        var caseId = await db.OpenCaseAsync("jan", "Telvio storing", posted);
        await db.ScalarAsync("INSERT INTO chat_posts (case_id, platform, channel, message_id, posted_at) VALUES ($id, 'console', 'webcare', 'm1', 0) RETURNING 0", ("$id", caseId));
        var watch = new SlaWatch(db.Store, db.Sla, db.Clock);
        async Task<long> UpdatesAsync() => await db.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE case_id = $id AND kind = 'UpdateCard'", ("$id", caseId));

        db.Clock.Set(posted.AddMinutes(30));
        Assert.Equal(0, await watch.RefreshAsync(CancellationToken.None));
        db.Clock.Set(posted.AddMinutes(50));
        Assert.Equal(1, await watch.RefreshAsync(CancellationToken.None));
        Assert.Equal(0, await watch.RefreshAsync(CancellationToken.None));
        Assert.Equal(1, await UpdatesAsync());
        db.Clock.Set(posted.AddMinutes(61));
        Assert.Equal(1, await watch.RefreshAsync(CancellationToken.None));
        Assert.Equal(2, await UpdatesAsync());
        Assert.Equal(0, await watch.RefreshAsync(CancellationToken.None));
    }
}
