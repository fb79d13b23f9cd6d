using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Tests.Fakes;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Core.Mentions;

namespace Webcare.Chat.Discord.Tests;

public sealed class EndToEndTests
{
    private static readonly string[] AgentRoles = [BotHarness.AgentRole];

    // Each mention has its own author: a second complaint by the same author would join the first case as a follow-up.
    private static JsonObject Negative(string id, string extra = "") =>
        BotHarness.Mention(id, $"Telvio is terrible, still no internet after three days and no answer from support{extra}", handle: "sam_" + id);

    private static string CardJson(FakeMessage message) => BotHarness.Plain(message.Current);

    [Fact]
    public async Task Mention_FlowsToExactlyOnePostedCard()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [Negative("m1")]);

        await bot.WaitForCardsAsync(1);
        await Task.Delay(300); // a second post would show up here

        var post = Assert.Single(fake.RequestsTo("POST", "/channels/"));
        Assert.Equal($"/api/v10/channels/{BotHarness.Channel}/messages", post.Path);
        var body = post.Json!;
        Assert.Equal("outbox-1", body["nonce"]!.GetValue<string>());
        Assert.True(body["enforce_nonce"]!.GetValue<bool>());
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var embed = body["embeds"]![0]!;
        Assert.Contains("Case #1", BotHarness.Plain(embed["title"]), StringComparison.Ordinal);
        Assert.True(embed["color"]!.GetValue<int>() > 0);
        Assert.Contains("still no internet", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var fieldNames = embed["fields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        // "Root cause" appears only when triage found one, so it is checked apart from the fixed fields.
        Assert.Equal(["State", "Brand", "Source", "Author", "Language", "Origin", "SLA · age", "First response", "Why flagged", "Suggested reply"],
            fieldNames.Where(f => f != "Root cause"));
        var labels = body["components"]!.AsArray().SelectMany(r => r!["components"]!.AsArray())
            .Select(c => c!["label"]?.GetValue<string>() ?? c["placeholder"]!.GetValue<string>()).ToList();
        Assert.Equal(["Claim", "Replied", "Not relevant", "Edit reply", "Where did it begin?", "Root cause"], labels);
        var stored = Assert.Single(await bot.Outbox.GetPostsAsync(1, CancellationToken.None));
        Assert.Equal(fake.Messages[0].Id, stored.MessageId);
        var commands = Assert.Single(fake.RequestsTo("PUT", "/commands"));
        Assert.Equal($"/api/v10/applications/{BotHarness.ApplicationId}/guilds/1200/commands", commands.Path);
        var subcommands = commands.Json![0]!["options"]!.AsArray().Select(o => o!["name"]!.GetValue<string>());
        Assert.Equal(["summary", "open", "origins", "rootcauses", "case", "digest", "sources", "help"], subcommands);
    }

    [Fact]
    public async Task CardActions_EveryButtonSelectAndModal_RoundTripToSqliteAndAnEditedCard()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [Negative("m1")]);
        await bot.WaitForCardsAsync(1);
        var message = fake.Messages[0];
        var edits = 0;

        async Task Click(JsonObject interaction, Func<CaseRecord, bool> expected, string what)
        {
            await fake.Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
            var id = interaction["id"]!.GetValue<string>();
            await Eventually.TrueAsync(() => fake.Callbacks(id).Count == 1, what + ": callback");
            Assert.Equal(6, fake.Callbacks(id)[0].Json!["type"]!.GetValue<int>()); // deferred update: the card changes via the outbox
            await Eventually.TrueAsync(async () => expected(await bot.CaseAsync(1)), what + ": case state in SQLite");
            await Eventually.TrueAsync(() => message.Edits.Count > edits, what + ": card edited");
            edits = message.Edits.Count;
        }

        await Click(DiscordPayloads.Component("case:1:claim", "5001", AgentRoles, message.Id), c => c.State == CaseState.Claimed && c.AssigneeId == "5001", "claim");
        Assert.Contains("Claimed by Agent 5001", CardJson(message), StringComparison.Ordinal);

        await Click(DiscordPayloads.Component("case:1:origin", "5001", AgentRoles, message.Id, "store"), c => c.Origin == Origin.Store && c.OriginConfirmed, "origin");
        await Click(DiscordPayloads.Component("case:1:rootcause", "5001", AgentRoles, message.Id, "billing"), c => c.RootCauses.SequenceEqual(["billing"]) && c.RootCausesConfirmed, "root cause");
        Assert.Contains("billing (confirmed)", CardJson(message), StringComparison.Ordinal);

        // Edit reply: the button opens a modal pre-filled with the current suggestion; the submit stores the edit.
        var current = await bot.CaseAsync(1);
        var edit = DiscordPayloads.Component("case:1:edit", "5001", AgentRoles, message.Id);
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", edit);
        var editId = edit["id"]!.GetValue<string>();
        await Eventually.TrueAsync(() => fake.Callbacks(editId).Count == 1, "modal callback");
        var modal = fake.Callbacks(editId)[0].Json!;
        Assert.Equal(9, modal["type"]!.GetValue<int>());
        Assert.Equal("case:1:edit", modal["data"]!["custom_id"]!.GetValue<string>());
        var input = modal["data"]!["components"]![0]!["component"]!;
        Assert.Equal(4, input["type"]!.GetValue<int>());
        Assert.Equal(2, input["style"]!.GetValue<int>());
        Assert.Equal(current.SuggestedReply, input["value"]!.GetValue<string>());
        await Click(DiscordPayloads.ModalSubmit("case:1:edit", "Hi Sam, we are on it — DM us your number.", "5001", AgentRoles, message.Id),
            c => c.SuggestedReply == "Hi Sam, we are on it — DM us your number.", "modal submit");
        Assert.Contains("we are on it", CardJson(message), StringComparison.Ordinal);

        await Click(DiscordPayloads.Component("case:1:replied", "5001", AgentRoles, message.Id), c => c.State == CaseState.Replied && c.FirstRepliedAt is not null, "replied");
        await Click(DiscordPayloads.Component("case:1:resolve", "5001", AgentRoles, message.Id), c => c.State == CaseState.Resolved, "resolve");
        Assert.Contains("Resolved by Agent 5001", CardJson(message), StringComparison.Ordinal);
        await Click(DiscordPayloads.Component("case:1:reopen", BotHarness.LeadUser, [], message.Id), c => c.State == CaseState.Claimed, "re-open by the lead (user id mapping)");
        await Click(DiscordPayloads.Component("case:1:dismiss", "5001", AgentRoles, message.Id), c => c.State == CaseState.Dismissed, "not relevant");
        Assert.Contains("Dismissed as not relevant", CardJson(message), StringComparison.Ordinal);

        var events = (await bot.Cases.GetEventsAsync(1, CancellationToken.None)).Where(e => e.Platform == "discord").ToList();
        Assert.Equal(["claim", "origin", "rootcause", "edit_reply", "replied", "resolve", "reopen", "dismiss"], events.Select(e => e.Kind));
        Assert.All(fake.RequestsTo("PATCH", "/channels/"), r => Assert.Empty(r.Json!["allowed_mentions"]!["parse"]!.AsArray()));
    }

    [Fact]
    public async Task CaseAction_UserWithoutRole_IsRefusedEphemerallyAndNothingChanges()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [Negative("m1")]);
        await bot.WaitForCardsAsync(1);
        var message = fake.Messages[0];
        var before = await bot.CaseAsync(1);

        var click = DiscordPayloads.Component("case:1:claim", "6001", ["999"], message.Id);
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", click);

        var token = click["token"]!.GetValue<string>();
        await Eventually.TrueAsync(() => fake.RequestsTo("POST", $"/webhooks/{BotHarness.ApplicationId}/{token}").Count == 1, "ephemeral follow-up");
        var answer = fake.RequestsTo("POST", $"/webhooks/{BotHarness.ApplicationId}/{token}")[0].Json!;
        Assert.Equal(64, answer["flags"]!.GetValue<int>());
        Assert.Contains("agent or lead role", answer["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(answer["allowed_mentions"]!["parse"]!.AsArray());
        var after = await bot.CaseAsync(1);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(CaseState.New, after.State);
        Assert.DoesNotContain(await bot.Cases.GetEventsAsync(1, CancellationToken.None), e => e.Platform == "discord");
        Assert.Empty(message.Edits);
    }

    [Fact]
    public async Task Interaction_Expired10062OrAlreadyAcknowledged40060_IsDroppedWithoutCrashing()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [Negative("m1")]);
        await bot.WaitForCardsAsync(1);
        var message = fake.Messages[0];

        var expired = DiscordPayloads.Component("case:1:claim", "5001", AgentRoles, message.Id);
        fake.ExpiredInteractions[expired["id"]!.GetValue<string>()] = true;
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", expired);
        var replayed = DiscordPayloads.Component("case:1:dismiss", "5001", AgentRoles, message.Id);
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", replayed);
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", replayed); // the same interaction twice: 40060 on the second answer
        await Eventually.TrueAsync(() => fake.Callbacks(replayed["id"]!.GetValue<string>()).Count == 2, "both answers tried");

        await Eventually.TrueAsync(async () => (await bot.CaseAsync(1)).State == CaseState.Dismissed, "the live click still works");
        await Task.Delay(300);
        var events = (await bot.Cases.GetEventsAsync(1, CancellationToken.None)).Where(e => e.Platform == "discord");
        Assert.Equal(["dismiss"], events.Select(e => e.Kind)); // the expired claim did nothing, the duplicate ran once
    }

    [Fact]
    public async Task SlowCommand_GetsDeferredCallbackWithin3Seconds_ThenTheOriginalIsEdited()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fake = await FakeDiscord.StartAsync();
        // A short window: the deferral then comes well inside Discord's 3 s even on a loaded machine.
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [],
            services => services.AddScoped<ICommandHandler>(_ => new SlowCommand(gate.Task)),
            new Dictionary<string, string?> { ["Webcare:Discord:FastReplyWindow"] = "00:00:00.300" });
        await Eventually.TrueAsync(() => fake.Gateway.SessionId is not null && fake.Gateway.Frames.Any(f => f.Op == 2), "gateway ready");

        var command = DiscordPayloads.Command("slow", "5001", AgentRoles);
        var id = command["id"]!.GetValue<string>();
        var sent = DateTimeOffset.UtcNow;
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", command);
        await Eventually.TrueAsync(() => fake.Callbacks(id).Count == 1, "deferred callback", timeoutMs: 3000);

        var callback = fake.Callbacks(id)[0];
        Assert.Equal(5, callback.Json!["type"]!.GetValue<int>());
        Assert.True(callback.At - sent < TimeSpan.FromSeconds(3), $"callback after {(callback.At - sent).TotalMilliseconds} ms");

        // While the slow one still runs, a quick command is answered in one call, and an ephemeral answer stays private.
        // The router reads the window per command: widened now, a loaded machine cannot push help past it,
        // while a help stuck behind the gated command would still be deferred and fail the type-4 check.
        bot.Host.Services.GetRequiredService<IOptions<DiscordOptions>>().Value.FastReplyWindow = TimeSpan.FromMilliseconds(2500);
        var help = DiscordPayloads.Command("help", "6001", []);
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", help);
        await Eventually.TrueAsync(() => fake.Callbacks(help["id"]!.GetValue<string>()).Count == 1, "help answered");
        var helpAnswer = fake.Callbacks(help["id"]!.GetValue<string>())[0].Json!;
        Assert.Equal(4, helpAnswer["type"]!.GetValue<int>());
        Assert.Equal(64, helpAnswer["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("/webcare summary", BotHarness.Plain(helpAnswer["data"]!["content"]), StringComparison.Ordinal);
        Assert.Empty(fake.RequestsTo("PATCH", "/messages/@original")); // the slow one is still running

        gate.SetResult();
        var token = command["token"]!.GetValue<string>();
        await Eventually.TrueAsync(() => fake.RequestsTo("PATCH", $"/webhooks/{BotHarness.ApplicationId}/{token}/messages/@original").Count == 1, "original edited");
        var edited = fake.RequestsTo("PATCH", $"/webhooks/{BotHarness.ApplicationId}/{token}/messages/@original")[0].Json!;
        Assert.Equal("Slow answer for Agent 5001", edited["content"]!.GetValue<string>());
        Assert.Empty(edited["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Command_UserWithoutRole_IsRefusedEphemerally()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), []);
        await Eventually.TrueAsync(() => fake.Gateway.SessionId is not null, "gateway ready");

        var summary = DiscordPayloads.Command("summary", "6001", ["999"], ("period", "week"));
        await fake.Gateway.DispatchAsync("INTERACTION_CREATE", summary);

        await Eventually.TrueAsync(() => fake.Callbacks(summary["id"]!.GetValue<string>()).Count == 1, "answered");
        var answer = fake.Callbacks(summary["id"]!.GetValue<string>())[0].Json!;
        Assert.Equal(4, answer["type"]!.GetValue<int>());
        Assert.Equal(64, answer["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("is for the agent or lead or manager role", answer["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_MidPost_PostsNoDuplicate()
    {
        var directory = BotHarness.NewDirectory();
        await using var fake = await FakeDiscord.StartAsync();
        var held = new TaskCompletionSource<FakeMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Discord creates the second card, but the bot dies before it hears the message id.
        fake.HoldMessageAnswer = m => fake.Messages.Count == 2 && !held.Task.IsCompleted ? Hold(m) : Task.CompletedTask;
        async Task Hold(FakeMessage m)
        {
            held.TrySetResult(m);
            await release.Task;
        }

        var mentions = new[] { Negative("m1", " (1)"), Negative("m2", " (2)"), Negative("m3", " (3)") };
        var first = await BotHarness.StartAsync(fake, directory, mentions);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await first.DisposeAsync(); // the "crash": the post's answer never arrives
        release.SetResult();
        Assert.Equal(2, fake.Messages.Count);

        await using var second = await BotHarness.StartAsync(fake, directory, mentions);
        await second.WaitForCardsAsync(3);
        await Task.Delay(300);

        Assert.Equal(3, fake.Messages.Count);
        Assert.Equal(["(1)", "(2)", "(3)"], fake.Messages.Select(m => BotHarness.Plain(m.Body["embeds"]![0]!["description"])[^3..]));
        var secondPosts = fake.RequestsTo("POST", "/channels/").Where(r => r.Json!["nonce"]!.GetValue<string>() == "outbox-2").ToList();
        Assert.Equal(2, secondPosts.Count); // posted again after the restart, with the same nonce…
        Assert.Equal(fake.Messages[1].Id, (await second.Outbox.GetPostsAsync(2, CancellationToken.None))[0].MessageId); // …and Discord returned the same message
    }

    [Fact]
    public async Task Discord_WithoutToken_IsOffAndTheBotRunsAsBefore()
    {
        await using var fake = await FakeDiscord.StartAsync();
        await using var bot = await BotHarness.StartAsync(fake, BotHarness.NewDirectory(), [Negative("m1")], withToken: false);

        await Eventually.TrueAsync(async () => await bot.Cases.GetCaseAsync(1, CancellationToken.None) is not null, "case stored");
        await Task.Delay(300);

        Assert.Empty(fake.Requests);
        Assert.Equal(0, fake.Gateway.ConnectionCount);
        Assert.DoesNotContain(bot.Host.Services.GetServices<IChatPlatform>(), p => p.Platform == "discord");
        Assert.DoesNotContain(bot.Host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is DiscordService);
    }

    private sealed class SlowCommand(Task gate) : ICommandHandler
    {
        public string Name => "slow";

        public string Usage => "slow — waits for the test";

        public IReadOnlyCollection<Role> AllowedRoles { get; } = [Role.Agent];

        public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return new Reply("Slow answer for " + request.Actor.DisplayName);
        }
    }
}
