using Microsoft.Data.Sqlite;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;

namespace Webcare.Storage.Tests;

public sealed class CaseStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetCaseAsync_StoredCase_RoundTripsMentionAndTriage()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var saved = await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None);

        var c = await db.Store.GetCaseAsync(saved!.CaseId!.Value, CancellationToken.None);

        Assert.NotNull(c);
        Assert.Equal(CaseState.New, c.State);
        Assert.Equal("Al 3 weken geen internet @telvio", c.Mention.Mention.Text);
        Assert.Equal(120, c.Mention.Mention.Author.Followers);
        Assert.Equal(Origin.Phone, c.Origin);
        Assert.False(c.OriginConfirmed);
        Assert.Equal(["waiting_time"], c.RootCauses);
        Assert.Equal("wacht", Assert.Single(c.Triage.RootCauses).Evidence);
    }

    [Fact]
    public async Task TryApplyAsync_StaleVersion_ChangesNothing()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var caseId = (await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None))!.CaseId!.Value;
        var c = (await db.Store.GetCaseAsync(caseId, CancellationToken.None))!;
        var change = Change(c, CaseState.Claimed, "U1");

        Assert.True(await db.Store.TryApplyAsync(caseId, c.Version, change, Event(caseId, c.State, CaseState.Claimed), CancellationToken.None));
        Assert.False(await db.Store.TryApplyAsync(caseId, c.Version, Change(c, CaseState.Claimed, "U2"), Event(caseId, c.State, CaseState.Claimed), CancellationToken.None));

        var after = (await db.Store.GetCaseAsync(caseId, CancellationToken.None))!;
        Assert.Equal("U1", after.AssigneeId);
        Assert.Equal(2, (await db.Store.GetEventsAsync(caseId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task TryApplyAsync_CaseWithAPostedCard_QueuesACardUpdate()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var caseId = (await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None))!.CaseId!.Value;
        var post = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));
        await db.Store.CompletePostAsync(post, "M1", At, CancellationToken.None);
        var c = (await db.Store.GetCaseAsync(caseId, CancellationToken.None))!;

        await db.Store.TryApplyAsync(caseId, c.Version, Change(c, CaseState.Claimed, "U1"), Event(caseId, c.State, CaseState.Claimed), CancellationToken.None);

        var update = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));
        Assert.Equal(OutboxKind.UpdateCard, update.Kind);
        Assert.Equal("M1", (await db.Store.GetPostAsync(caseId, update.Channel, CancellationToken.None))!.MessageId);
    }

    [Fact]
    public async Task TryApplyAsync_WhileTheCardIsStillBeingPosted_QueuesTheUpdateBehindThePost()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var caseId = (await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None))!.CaseId!.Value;
        // The dispatcher has read the post row and rendered the card; an agent clicks before the message id is stored.
        var post = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));
        var c = (await db.Store.GetCaseAsync(caseId, CancellationToken.None))!;
        await db.Store.TryApplyAsync(caseId, c.Version, Change(c, CaseState.Claimed, "U1"), Event(caseId, c.State, CaseState.Claimed), CancellationToken.None);
        await db.Store.CompletePostAsync(post, "M1", At, CancellationToken.None);

        // The card as posted shows the case before the claim: an update must follow, or it never shows the claim.
        var update = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));
        Assert.Equal(OutboxKind.UpdateCard, update.Kind);
        Assert.Equal(post.Channel, update.Channel);
        Assert.Equal("M1", (await db.Store.GetPostAsync(caseId, update.Channel, CancellationToken.None))!.MessageId);
    }

    [Fact]
    public async Task MarkSlaShownAsync_WhileTheCardIsStillBeingPosted_QueuesTheUpdateBehindThePost()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        var caseId = (await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None))!.CaseId!.Value;
        var post = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));

        await db.Store.MarkSlaShownAsync(caseId, 1, At, CancellationToken.None);

        // Queued behind the pending post in the same channel, so it never overtakes it.
        Assert.Equal([OutboxKind.PostCard], (await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None)).Select(i => i.Kind).Take(1));
        await db.Store.CompletePostAsync(post, "M1", At, CancellationToken.None);
        Assert.Equal(OutboxKind.UpdateCard, Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task CaseEvents_AreAppendOnly()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None);
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);

        foreach (var sql in new[] { "UPDATE case_events SET note = 'x'", "DELETE FROM case_events" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FailAsync_WithoutRetry_GivesTheRowUp()
    {
        await using var db = await TempDatabase.CreateMigratedAsync();
        await db.Store.SaveAsync(TempDatabase.Record("1", true), CancellationToken.None);
        var item = Assert.Single(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));

        await db.Store.FailAsync(item, "platform down", At.AddYears(2), CancellationToken.None);
        Assert.Empty(await db.Store.GetDueAsync(At.AddYears(1), 10, CancellationToken.None));
        await db.Store.FailAsync(item, "platform down", null, CancellationToken.None);

        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE status = 'failed' AND attempts = 2"));
    }

    private static CaseChange Change(CaseRecord c, CaseState to, string assignee) => new(
        to, assignee, assignee, c.Origin, c.OriginConfirmed, c.RootCauses, c.RootCausesConfirmed, c.SuggestedReply, null, null, "claim", null);

    private static CaseEvent Event(long caseId, CaseState from, CaseState to) => new(caseId, At, "U", "U", "test", "claim", from, to, null);
}
