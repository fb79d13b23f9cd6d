using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Chat.Slack.Tests.Fakes;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Commands;
using Webcare.Storage.Sqlite;

namespace Webcare.Chat.Slack.Tests;

/// <summary>Socket Mode against the fake: acknowledgements, commands, refreshes, retries and odd frames.</summary>
public sealed class SocketModeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task SlashCommand_SlowHandler_AcksWithin3sThenAnswersViaResponseUrl()
    {
        await using var fake = await FakeSlack.StartAsync();
        var gate = new SlowCommand();
        await using var bot = await SlackBot.StartAsync(fake, services: s => s.AddSingleton<ICommandHandler>(gate));
        var socket = await fake.WaitForSocketAsync(1);

        // Timed as Slack times it: from the fake's send to the fake's receipt of the ack, not to when this test wakes up.
        var sentAt = DateTimeOffset.UtcNow;
        await socket.SendAsync(SlackBot.SlashCommand("cmd-slow", SlackBot.Lead, "slow", fake.ResponseUrl("slow")));
        var ack = await fake.WaitForAckAsync("cmd-slow");
        var ackTime = ack.At - sentAt;

        output.WriteLine($"slow command acknowledged after {ackTime.TotalMilliseconds:0} ms (budget {new SlackOptions().CommandAckBudget.TotalMilliseconds:0} ms, Slack's limit 3000 ms)");
        Assert.True(ackTime < TimeSpan.FromSeconds(3), $"ack took {ackTime}");
        Assert.Equal("ephemeral", (string?)ack.Payload?["response_type"]);
        Assert.Empty(fake.CallsTo("response_url"));
        gate.Release.TrySetResult();
        await FakeSlack.WaitUntilAsync(() => fake.CallsTo("response_url").Any(), Wait, "the answer via response_url");
        var answer = fake.CallsTo("response_url").Single().Json!;
        Assert.Equal("in_channel", (string?)answer["response_type"]);
        Assert.Contains("slow answer", (string?)answer["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlashCommand_FastHandler_AnswersInsideTheAck()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var socket = await fake.WaitForSocketAsync(1);

        var sent = Stopwatch.StartNew();
        await socket.SendAsync(SlackBot.SlashCommand("cmd-help", SlackBot.Stranger, "help", fake.ResponseUrl("help")));
        var ack = await fake.WaitForAckAsync("cmd-help");
        output.WriteLine($"fast command answered inside the ack after {sent.Elapsed.TotalMilliseconds:0} ms");

        Assert.Contains("/webcare summary", (string?)ack.Payload?["text"], StringComparison.Ordinal);
        Assert.Equal("ephemeral", (string?)ack.Payload?["response_type"]);
        Assert.Empty(BlockKitValidator.ValidateMessage(ack.Payload!));
        await Task.Delay(200);
        Assert.Empty(fake.CallsTo("response_url"));
    }

    [Fact]
    public async Task SlashCommand_RoleRestrictedWithoutRole_IsRefused()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, services: s => s.AddSingleton<ICommandHandler>(new LeadOnlyCommand()));
        var socket = await fake.WaitForSocketAsync(1);

        await socket.SendAsync(SlackBot.SlashCommand("cmd-r1", SlackBot.Stranger, "leadonly", fake.ResponseUrl("r1")));
        await socket.SendAsync(SlackBot.SlashCommand("cmd-r2", SlackBot.Lead, "leadonly", fake.ResponseUrl("r2")));

        Assert.Contains("for the lead role", (string?)(await fake.WaitForAckAsync("cmd-r1")).Payload?["text"], StringComparison.Ordinal);
        Assert.Contains("secret numbers", (string?)(await fake.WaitForAckAsync("cmd-r2")).Payload?["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectWarning_OpensNewConnectionBeforeClosingOld_LosesNoEnvelope()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(1)]);
        await bot.WaitForCardAsync(1);
        var first = await fake.WaitForSocketAsync(1);

        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "warning", ["debug_info"] = new JsonObject { ["host"] = "fake" } });
        // Sent on the old socket after the warning, while the bot is opening the new one.
        await first.SendAsync(SlackBot.BlockAction("during-refresh", SlackBot.Agent, "case:1:claim"));
        var second = await fake.WaitForSocketAsync(2);
        var ackOld = await fake.WaitForAckAsync("during-refresh");
        Assert.Equal(1, ackOld.Socket);
        await FakeSlack.WaitUntilAsync(() => first.Ended, Wait, "the old socket to close");
        Assert.True(first.ClosedByClient, "the bot closed the old socket itself");
        Assert.False(second.Ended, "the new socket stays open");
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Claimed, Wait, "the claim sent during the refresh");

        await second.SendAsync(SlackBot.BlockAction("after-refresh", SlackBot.Agent, "case:1:replied"));
        var ackNew = await fake.WaitForAckAsync("after-refresh");
        Assert.Equal(2, ackNew.Socket);
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Replied, Wait, "both envelopes processed");
        var events = await bot.Services.GetRequiredService<SqliteStore>().GetEventsAsync(1, CancellationToken.None);
        Assert.Equal(["claim", "replied"], events.Where(e => e.ActorId == SlackBot.Agent).Select(e => e.Kind));
        Assert.Equal(2, fake.CallsTo("apps.connections.open").Count());
    }

    [Fact]
    public async Task RetriedEnvelope_SameEnvelopeIdTwice_AckedTwiceProcessedOnce()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(1)]);
        await bot.WaitForCardAsync(1);
        var socket = await fake.WaitForSocketAsync(1);

        var claim = SlackBot.BlockAction("dup-1", SlackBot.Agent, "case:1:claim");
        await socket.SendAsync(claim);
        var retry = claim.DeepClone().AsObject();
        retry["retry_attempt"] = 1;
        retry["retry_reason"] = "timeout";
        await socket.SendAsync(retry);
        await FakeSlack.WaitUntilAsync(() => fake.Acks.Count(a => a.EnvelopeId == "dup-1") == 2, Wait, "both acks");
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Claimed, Wait, "the claim");
        // A later click proves the queue moved past anything the retry could have queued.
        await socket.SendAsync(SlackBot.BlockAction("rel-1", SlackBot.Agent, "case:1:resolve"));

        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Resolved, Wait, "the resolve after");
        var events = await bot.Services.GetRequiredService<SqliteStore>().GetEventsAsync(1, CancellationToken.None);
        Assert.Single(events, e => e.Kind == "claim");
        // A second claim would have been refused with an ephemeral "You already have case #1".
        Assert.Empty(fake.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task TooManyWebsockets_ClosesOldThenReconnects()
    {
        await using var fake = await FakeSlack.StartAsync();
        FakeSocket? first = null;
        var oldClosedBeforeReopen = false;
        fake.Intercept = call =>
        {
            if (call.Method == "apps.connections.open" && first is not null)
            {
                // The order, taken when the bot asks for the next connection: the fake notes the close frame before
                // it answers it, and the bot waits for that answer before it reconnects.
                oldClosedBeforeReopen = first.ClientCloseReceived.Task.IsCompleted;
            }

            return Task.FromResult<IResult?>(null);
        };
        await using var bot = await SlackBot.StartAsync(fake);
        first = await fake.WaitForSocketAsync(1);

        await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "too_many_websockets" });
        var second = await fake.WaitForSocketAsync(2);

        Assert.True(oldClosedBeforeReopen, "the old socket was closed before the next one was asked for");
        // The fake ends its side only after answering the close, which can be after socket 2 is up.
        await first.EndedSignal.Task.WaitAsync(Wait);
        Assert.True(first.ClosedByClient);
        await second.SendAsync(SlackBot.SlashCommand("after", SlackBot.Lead, "help", fake.ResponseUrl("after")));
        Assert.Equal(2, (await fake.WaitForAckAsync("after")).Socket);
    }

    [Fact]
    public async Task ServerCloseFrame_BotAnswersItThenReconnects()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var first = await fake.WaitForSocketAsync(1);

        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "refresh");
        await first.ClientCloseReceived.Task.WaitAsync(Wait);
        var second = await fake.WaitForSocketAsync(2);
        await second.SendAsync(SlackBot.SlashCommand("after-close", SlackBot.Lead, "help", fake.ResponseUrl("c")));

        Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);
        Assert.Equal(2, (await fake.WaitForAckAsync("after-close")).Socket);
        await first.EndedSignal.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task DisconnectThenServerClose_AnswersTheCloseBeforeTheNextConnectionIsOpen()
    {
        await using var fake = await FakeSlack.StartAsync();
        var openNext = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var opens = 0;
        fake.Intercept = async call =>
        {
            if (call.Method == "apps.connections.open" && Interlocked.Increment(ref opens) == 2)
            {
                await openNext.Task;
            }

            return null;
        };
        await using var bot = await SlackBot.StartAsync(fake);
        var first = await fake.WaitForSocketAsync(1);
        try
        {
            // Slack's refresh: the disconnect message, then its close frame while the bot is still opening the next connection.
            await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "fake" } });
            await FakeSlack.WaitUntilAsync(() => Volatile.Read(ref opens) == 2, Wait, "the bot asking for the next connection");
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "refresh");

            await first.ClientCloseReceived.Task.WaitAsync(Wait);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);
        }
        finally
        {
            openNext.TrySetResult();
        }

        var second = await fake.WaitForSocketAsync(2);
        await second.SendAsync(SlackBot.SlashCommand("after-refresh", SlackBot.Lead, "help", fake.ResponseUrl("r")));
        Assert.Equal(2, (await fake.WaitForAckAsync("after-refresh")).Socket);
        await first.EndedSignal.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task Refresh_EnvelopeArrivesDuringTheCloseHandshake_NotAckedOnOldThenRedeliveredAckedAndProcessedOnce()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake, [Mentions.Negative(1)]);
        await bot.WaitForCardAsync(1);
        var first = await fake.WaitForSocketAsync(1);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        first.HoldCloseAnswer = answer.Task;
        var claim = SlackBot.BlockAction("in-handshake", SlackBot.Agent, "case:1:claim");
        try
        {
            await first.SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = "warning", ["debug_info"] = new JsonObject { ["host"] = "fake" } });
            await fake.WaitForSocketAsync(2);
            await first.ClientCloseReceived.Task.WaitAsync(Wait);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);

            // The server may still send until it answers the close; the bot, past its own close frame, must not ack.
            await first.SendAsync(claim);
            await FakeSlack.WaitUntilAsync(() => LogContains(bot, "in-handshake could not be acknowledged on connection 1"), Wait, "the unacknowledged envelope");
        }
        finally
        {
            answer.TrySetResult();
        }

        await first.EndedSignal.Task.WaitAsync(Wait);
        // Slack redelivers what was not acknowledged, on a connection still open.
        var second = await fake.WaitForSocketAsync(2);
        await second.SendAsync(claim);
        Assert.Equal(2, (await fake.WaitForAckAsync("in-handshake")).Socket);
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Claimed, Wait, "the redelivered claim");
        await second.SendAsync(SlackBot.BlockAction("after", SlackBot.Agent, "case:1:resolve"));
        await FakeSlack.WaitUntilAsync(() => bot.CaseAsync(1).GetAwaiter().GetResult().State == CaseState.Resolved, Wait, "a later click");

        Assert.Single(fake.Acks, a => a.EnvelopeId == "in-handshake");
        var events = await bot.Services.GetRequiredService<SqliteStore>().GetEventsAsync(1, CancellationToken.None);
        Assert.Single(events, e => e.Kind == "claim");
    }

    [Fact]
    public async Task Shutdown_ClosesWithNormalClosureCleanly()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var first = await fake.WaitForSocketAsync(1);
        await first.SendAsync(SlackBot.SlashCommand("before-stop", SlackBot.Lead, "help", fake.ResponseUrl("b")));
        await fake.WaitForAckAsync("before-stop");

        using var stopping = new CancellationTokenSource(Wait);
        await bot.Host.StopAsync(stopping.Token);

        Assert.False(stopping.IsCancellationRequested, "the host stopped within its own bounds");
        await first.EndedSignal.Task.WaitAsync(Wait);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, first.ClientCloseStatus);
        Assert.Single(fake.CallsTo("apps.connections.open"));
        Assert.DoesNotContain(bot.Dir.Log, l => l.Contains("Webcare.Chat.Slack", StringComparison.Ordinal) && !l.StartsWith("Information ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerDropsSocket_ReconnectsWithBackoff()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var first = await fake.WaitForSocketAsync(1);

        first.Abort();
        var second = await fake.WaitForSocketAsync(2);
        await second.SendAsync(SlackBot.SlashCommand("after-drop", SlackBot.Lead, "help", fake.ResponseUrl("d")));

        Assert.Equal(2, (await fake.WaitForAckAsync("after-drop")).Socket);
    }

    [Fact]
    public async Task HalfOpenSocket_NoPong_DetectedAndReplaced()
    {
        await using var fake = await FakeSlack.StartAsync();
        fake.NextSocketGoesSilent = true;
        // Short so the silent socket is found quickly, but not shorter: it applies to socket 2 as well, and under load
        // a PONG later than the keep-alive would drop socket 2 before it acks.
        await using var bot = await SlackBot.StartAsync(fake, extra: new Dictionary<string, string?> { ["Webcare:Slack:KeepAlive"] = "00:00:01" });
        await fake.WaitForSocketAsync(1);

        var second = await fake.WaitForSocketAsync(2, TimeSpan.FromSeconds(10));
        await second.SendAsync(SlackBot.SlashCommand("after-silence", SlackBot.Lead, "help", fake.ResponseUrl("h")));

        Assert.Equal(2, (await fake.WaitForAckAsync("after-silence")).Socket);
    }

    [Fact]
    public async Task NonJsonFrame_IsIgnored_ConnectionKeepsWorking()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var socket = await fake.WaitForSocketAsync(1);

        await socket.SendTextAsync("UNAUTHENTICATED: cache_error");
        await socket.SendTextAsync("[1,2,3]");
        await socket.SendAsync(new JsonObject { ["type"] = "something_new" });
        await socket.SendAsync(SlackBot.SlashCommand("still-works", SlackBot.Lead, "help", fake.ResponseUrl("s")));

        Assert.Equal(1, (await fake.WaitForAckAsync("still-works")).Socket);
        Assert.Single(fake.CallsTo("apps.connections.open"));
    }

    [Fact]
    public async Task EventsApi_RetriedEventInNewEnvelope_AckedBothProcessedOnce()
    {
        await using var fake = await FakeSlack.StartAsync();
        await using var bot = await SlackBot.StartAsync(fake);
        var socket = await fake.WaitForSocketAsync(1);
        JsonObject Event(string envelope, int retry) => new()
        {
            ["envelope_id"] = envelope,
            ["type"] = "events_api",
            ["accepts_response_payload"] = false,
            ["retry_attempt"] = retry,
            ["retry_reason"] = retry > 0 ? "timeout" : null,
            ["payload"] = new JsonObject { ["type"] = "event_callback", ["event_id"] = "Ev1", ["event"] = new JsonObject { ["type"] = "app_mention", ["text"] = "<@UBOT> hi" } },
        };

        await socket.SendAsync(Event("ev-a", 0));
        await socket.SendAsync(Event("ev-b", 1));

        await fake.WaitForAckAsync("ev-a");
        await fake.WaitForAckAsync("ev-b");
        await FakeSlack.WaitUntilAsync(() => bot.Dir.Log.Any(l => l.Contains("already processed", StringComparison.Ordinal)), Wait, "the duplicate log line");
    }

    private static bool LogContains(SlackBot bot, string text) =>
        bot.Dir.Log.Any(l => l.Contains(text, StringComparison.Ordinal));

    private sealed class SlowCommand : ICommandHandler
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "slow";

        public string Usage => "slow — test";

        public IReadOnlyCollection<Role> AllowedRoles => [];

        public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return new Reply("slow answer <!channel>");
        }
    }

    private sealed class LeadOnlyCommand : ICommandHandler
    {
        public string Name => "leadonly";

        public string Usage => "leadonly — test";

        public IReadOnlyCollection<Role> AllowedRoles => [Role.Lead];

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new Reply("secret numbers", Ephemeral: true));
    }
}
