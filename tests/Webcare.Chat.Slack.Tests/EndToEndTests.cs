using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Storage.Sqlite;

namespace Webcare.Chat.Slack.Tests;

/// <summary>The built host against the fake Slack: a mention in, a card out, clicks back over the socket, state in SQLite.</summary>
public sealed class EndToEndTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Mention_NegativeWithPingSyntax_PostsExactlyOneValidCard()
    {
        await using var fake = await FakeSlack.StartAsync();
        using var dir = new TempDir();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(1, "@everyone @here <!channel> <@U024BE7LH> @telvio terrible, charged twice & still no refund <http://evil.example|click>")], dir);

        var stored = await bot.WaitForCardAsync(1);
        await bot.WaitUntilIdleAsync(1); // Any duplicate has been sent by now.

        var post = Assert.Single(fake.CallsTo("chat.postMessage"));
        Assert.Equal("Bearer xoxb-test", post.Authorization);
        Assert.Equal(SlackBot.Channel, post.Channel);
        Assert.Empty(fake.Violations);
        Assert.DoesNotContain("link_names", post.Decoded, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt;", post.Decoded, StringComparison.Ordinal);
        Assert.Contains("&lt;@U024BE7LH&gt;", post.Decoded, StringComparison.Ordinal);
        Assert.Contains("&lt;http://evil.example|click&gt;", post.Decoded, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)post.Json!["text"]));
        var blocks = post.Json["blocks"]!.AsArray();
        Assert.Equal("header", (string?)blocks[0]!["type"]);
        var actionIds = blocks.Single(b => (string?)b!["type"] == "actions")!["elements"]!.AsArray().Select(e => (string?)e!["action_id"]).ToList();
        Assert.Contains("case:1:claim", actionIds);
        Assert.Contains("case:1:dismiss", actionIds);
        Assert.Contains("case:1:edit", actionIds);
        Assert.Contains("case:1:origin", actionIds);
        Assert.Contains("case:1:rootcause", actionIds);

        Assert.Equal("1700000000.000001", stored.MessageId);
    }

    [Fact]
    public async Task Actions_EachButtonAndSelectOverTheSocket_ChangeCaseAndUpdateCard()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(2)]);
        await bot.WaitForCardAsync(1);
        var socket = await fake.WaitForSocketAsync(1);

        async Task ClickAsync(string envelope, string actionId, string? selected, Func<CaseRecord, bool> expected)
        {
            var updates = fake.CallsTo("chat.update").Count();
            await socket.SendAsync(SlackBot.BlockAction(envelope, SlackBot.Agent, actionId, selected));
            await fake.WaitForAckAsync(envelope);
            await FakeSlack.WaitUntilAsync(() => expected(bot.CaseAsync(1).GetAwaiter().GetResult()), Wait, actionId);
            await FakeSlack.WaitUntilAsync(() => fake.CallsTo("chat.update").Count() > updates, Wait, "card update after " + actionId);
        }

        await ClickAsync("e1", "case:1:claim", null, c => c.State == CaseState.Claimed && c.AssigneeId == SlackBot.Agent);
        await ClickAsync("e2", "case:1:origin", "store", c => c.Origin == Origin.Store && c.OriginConfirmed);
        await ClickAsync("e3", "case:1:rootcause", "billing", c => c.RootCauses.Contains("billing") && c.RootCausesConfirmed);
        await ClickAsync("e4", "case:1:replied", null, c => c.State == CaseState.Replied && c.FirstRepliedAt is not null);
        await ClickAsync("e5", "case:1:resolve", null, c => c.State == CaseState.Resolved);
        await ClickAsync("e6", "case:1:reopen", null, c => c.State == CaseState.Claimed);
        await ClickAsync("e7", "case:1:dismiss", null, c => c.State == CaseState.Dismissed);

        var update = fake.CallsTo("chat.update").Last();
        Assert.Equal("1700000000.000001", (string?)update.Json!["ts"]);
        Assert.Equal(SlackBot.Channel, update.Channel);
        Assert.Contains("Dismissed", update.Decoded, StringComparison.Ordinal);
        Assert.Empty(fake.Violations);
        // The history goes into the card's thread, never as a new top-level card.
        Assert.Single(fake.CallsTo("chat.postMessage"), c => c.ThreadTs is null);
        Assert.Contains(fake.CallsTo("chat.postMessage"), c => c.ThreadTs == "1700000000.000001" && c.Decoded.Contains("claimed case #1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditReply_ButtonThenModalSubmit_OpensPrefilledModalAndStoresReply()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(3)]);
        await bot.WaitForCardAsync(1);
        var socket = await fake.WaitForSocketAsync(1);
        var before = await bot.CaseAsync(1);

        await socket.SendAsync(SlackBot.BlockAction("edit-1", SlackBot.Lead, "case:1:edit"));
        await FakeSlack.WaitUntilAsync(() => fake.CallsTo("views.open").Any(), Wait, "views.open");
        var open = fake.CallsTo("views.open").Single().Json!;
        Assert.Equal("trigger-edit-1", (string?)open["trigger_id"]);
        var view = open["view"]!.AsObject();
        var input = view["blocks"]![0]!["element"]!;
        Assert.Equal("plain_text_input", (string?)input["type"]);
        Assert.Equal(3000, (int?)input["max_length"]);
        Assert.Equal(before.SuggestedReply, (string?)input["initial_value"]);

        var submission = new JsonObject
        {
            ["envelope_id"] = "submit-1",
            ["type"] = "interactive",
            ["accepts_response_payload"] = true,
            ["payload"] = new JsonObject
            {
                ["type"] = "view_submission",
                ["user"] = new JsonObject { ["id"] = SlackBot.Lead, ["username"] = "lead" },
                ["view"] = new JsonObject
                {
                    ["id"] = "V1",
                    ["callback_id"] = (string?)view["callback_id"],
                    ["private_metadata"] = (string?)view["private_metadata"],
                    ["state"] = new JsonObject { ["values"] = new JsonObject { ["reply"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = "Sorry! DM us your order number & we fix it." } } } },
                },
            },
        };
        await socket.SendAsync(submission);
        var ack = await fake.WaitForAckAsync("submit-1");
        Assert.Null(ack.Payload); // an empty ack closes the modal
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().SuggestedReply == "Sorry! DM us your order number & we fix it.", Wait, "edited reply");
        await FakeSlack.WaitUntilAsync(() => fake.CallsTo("chat.update").Any(c => c.Decoded.Contains("DM us your order number &amp; we fix it", StringComparison.Ordinal)), Wait, "card with the new reply");

        var empty = submission.DeepClone().AsObject();
        empty["envelope_id"] = "submit-2";
        empty["payload"]!["view"]!["state"]!["values"]!["reply"]!["text"]!["value"] = "  ";
        await socket.SendAsync(empty);
        var refused = await fake.WaitForAckAsync("submit-2");
        Assert.Equal("errors", (string?)refused.Payload?["response_action"]);
    }

    [Fact]
    public async Task Claim_UserWithoutRole_GetsEphemeralRefusalAndNothingChanges()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(4)]);
        await bot.WaitForCardAsync(1);
        var socket = await fake.WaitForSocketAsync(1);
        var before = await bot.CaseAsync(1);

        await socket.SendAsync(SlackBot.BlockAction("x1", SlackBot.Stranger, "case:1:claim"));
        await socket.SendAsync(SlackBot.BlockAction("x2", SlackBot.Stranger, "case:1:edit"));
        await FakeSlack.WaitUntilAsync(() => fake.CallsTo("chat.postEphemeral").Count() >= 2, Wait, "two refusals");

        var refusals = fake.CallsTo("chat.postEphemeral").ToList();
        Assert.All(refusals, r => Assert.Equal(SlackBot.Stranger, (string?)r.Json!["user"]));
        Assert.All(refusals, r => Assert.Contains("agent or lead role", r.Decoded, StringComparison.Ordinal));
        var after = await bot.CaseAsync(1);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(CaseState.New, after.State);
        Assert.Empty(fake.CallsTo("chat.update"));
        Assert.Empty(fake.CallsTo("views.open"));
        Assert.DoesNotContain(await bot.Services.GetRequiredService<SqliteStore>().GetEventsAsync(1, CancellationToken.None), e => e.ActorId == SlackBot.Stranger);
    }

    [Fact]
    public async Task Claim_MemberOfConfiguredUserGroup_IsAllowed()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.GroupMembers.Add(SlackBot.GroupMember);
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(5)]);
        await bot.WaitForCardAsync(1);
        var socket = await fake.WaitForSocketAsync(1);

        await socket.SendAsync(SlackBot.BlockAction("g1", SlackBot.GroupMember, "case:1:claim"));

        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Claimed, Wait, "claim");
        Assert.Equal("S0AGENTS", (string?)fake.CallsTo("usergroups.users.list").First().Json!["usergroup"]);
    }
}
