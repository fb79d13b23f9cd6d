using System.Text.Json.Nodes;
using Webcare.Chat.Discord.Tests.Fakes;

namespace Webcare.Chat.Discord.Tests;

public sealed class GatewayTests
{
    private static JsonObject Interaction(string id) => new()
    {
        ["id"] = id,
        ["token"] = "token-" + id,
        ["type"] = 3,
        ["member"] = new JsonObject { ["user"] = new JsonObject { ["id"] = "5001", ["username"] = "sam" }, ["roles"] = new JsonArray() },
        ["data"] = new JsonObject { ["custom_id"] = "case:1:claim", ["component_type"] = 2 },
    };

    [Fact]
    public async Task RunAsync_Hello_IdentifiesWithMinimalIntentsAndKeepsSession()
    {
        await using var harness = await GatewayHarness.StartAsync();
        var identify = await harness.Fake.Gateway.NextOpAsync(2);

        Assert.Equal("test-token", identify.Data!["token"]!.GetValue<string>());
        Assert.Equal(0, identify.Data["intents"]!.GetValue<int>());
        Assert.Equal("webcare-bot", identify.Data["properties"]!["browser"]!.GetValue<string>());
        Assert.Equal("/gw?v=10&encoding=json", identify.Path);
        var gatewayBot = Assert.Single(harness.Fake.RequestsTo("GET", "/gateway/bot"));
        Assert.Equal("Bot test-token", gatewayBot.Authorization);
        Assert.StartsWith("DiscordBot (", gatewayBot.UserAgent, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => harness.Gateway.SessionId == harness.Fake.Gateway.SessionId && harness.Gateway.Sequence == 1, "READY processed");
    }

    [Fact]
    public async Task Heartbeat_FakeClock_FirstAfterIntervalTimesJitterThenEveryIntervalWithLastSequence()
    {
        var clock = new FakeClock();
        await using var harness = await GatewayHarness.StartAsync(clock, jitter: 0.25, setup: f => f.Gateway.HeartbeatIntervalMs = 40_000);
        await harness.Fake.Gateway.NextOpAsync(2);
        await Eventually.TrueAsync(() => harness.Gateway.Sequence == 1, "READY processed");

        clock.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(150);
        Assert.DoesNotContain(harness.Fake.Gateway.Frames, f => f.Op == 1);

        clock.Advance(TimeSpan.FromSeconds(0.1)); // 40 s × 0.25
        var first = await harness.Fake.Gateway.NextOpAsync(1);
        Assert.Equal(1, first.Data!.GetValue<long>());

        await harness.Fake.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("7001"));
        Assert.Equal("7001", await harness.NextDispatchIdAsync());
        await Eventually.TrueAsync(() => clock.PendingTimers > 0, "next beat scheduled");
        clock.Advance(TimeSpan.FromSeconds(39.9));
        await Task.Delay(150);
        Assert.Single(harness.Fake.Gateway.Frames, f => f.Op == 1);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        var second = await harness.Fake.Gateway.NextOpAsync(1);
        Assert.Equal(2, second.Data!.GetValue<long>());
    }

    [Fact]
    public async Task Heartbeat_NoAckBeforeNextBeat_ClosesWithNon1000AndResumes()
    {
        var clock = new FakeClock();
        await using var harness = await GatewayHarness.StartAsync(clock, jitter: 0.5, setup: f =>
        {
            f.Gateway.HeartbeatIntervalMs = 40_000;
            f.Gateway.AutoAck = false;
        });
        await harness.Fake.Gateway.NextOpAsync(2);
        await Eventually.TrueAsync(() => harness.Gateway.Sequence == 1, "READY processed");
        clock.Advance(TimeSpan.FromSeconds(20));
        await harness.Fake.Gateway.NextOpAsync(1);
        await Eventually.TrueAsync(() => clock.PendingTimers > 0, "next beat scheduled");

        clock.Advance(TimeSpan.FromSeconds(40));

        var resume = await harness.Fake.Gateway.NextOpAsync(6);
        Assert.Equal(2, resume.Connection);
        Assert.StartsWith("/gw-resume", resume.Path, StringComparison.Ordinal);
        Assert.Equal(1, resume.Data!["seq"]!.GetValue<long>());
        await Eventually.TrueAsync(() => harness.Fake.Gateway.ClientCloses.Count == 1, "the zombie socket closed");
        Assert.NotEqual(1000, harness.Fake.Gateway.ClientCloses[0]);
        Assert.NotEqual(1001, harness.Fake.Gateway.ClientCloses[0]);
    }

    [Fact]
    public async Task Close4000_Resumes_WithLastSequenceAndNoLostDispatch()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.ReadyAsync();
        await harness.Fake.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("8001"));
        await harness.Fake.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("8002"));
        Assert.Equal("8001", await harness.NextDispatchIdAsync());
        Assert.Equal("8002", await harness.NextDispatchIdAsync());

        await harness.Fake.Gateway.CloseAsync(4000);
        await harness.Fake.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("8003")); // sent while the bot is away

        var resume = await harness.Fake.Gateway.NextOpAsync(6);
        Assert.Equal(3, resume.Data!["seq"]!.GetValue<long>());
        Assert.Equal(harness.Fake.Gateway.SessionId, resume.Data["session_id"]!.GetValue<string>());
        Assert.Equal("test-token", resume.Data["token"]!.GetValue<string>());
        Assert.StartsWith("/gw-resume?v=10&encoding=json", resume.Path, StringComparison.Ordinal);
        Assert.Equal("8003", await harness.NextDispatchIdAsync());
        Assert.False(harness.Gateway.Dispatches.TryRead(out _));
        Assert.Single(harness.Fake.Gateway.Frames, f => f.Op == 2); // resumed, not re-identified
    }

    [Fact]
    public async Task Reconnect_Op7_ClosesAndResumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.ReadyAsync();

        await harness.Fake.Gateway.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

        var resume = await harness.Fake.Gateway.NextOpAsync(6);
        Assert.Equal(2, resume.Connection);
        await Eventually.TrueAsync(() => harness.Fake.Gateway.ClientCloses.Count == 1, "old socket closed");
        Assert.Equal(4000, harness.Fake.Gateway.ClientCloses[0]);
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 2)]
    public async Task InvalidSession_Op9_ResumesOrIdentifiesAsItsFlagSays(bool resumable, int expectedOp)
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.ReadyAsync();

        await harness.Fake.Gateway.SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });

        var next = await harness.Fake.Gateway.NextFrameAsync(f => f.Connection == 2 && f.Op is 2 or 6);
        Assert.Equal(expectedOp, next.Op);
        if (!resumable)
        {
            Assert.StartsWith("/gw?", next.Path, StringComparison.Ordinal);
            Assert.Equal(2, harness.Fake.RequestsTo("GET", "/gateway/bot").Count); // a fresh identify budget read
        }
    }

    [Fact]
    public async Task Close4009_StartsANewSession()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.ReadyAsync();

        await harness.Fake.Gateway.CloseAsync(4009);

        var next = await harness.Fake.Gateway.NextFrameAsync(f => f.Connection == 2 && f.Op is 2 or 6);
        Assert.Equal(2, next.Op);
    }

    [Theory]
    [InlineData(4000, 6)]
    [InlineData(1001, 6)]
    [InlineData(4009, 2)]
    public async Task ServerCloses_AnswersAtOnceWithResumableCodeThenReconnectsAsTheCodeSays(int code, int expectedOp)
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.ReadyAsync();

        await harness.Fake.Gateway.CloseAsync(code);

        // Left unanswered until dispose, the TCP connection just dropped and the fake never read a close frame (RFC 6455 §5.5.1).
        var answer = await harness.Fake.Gateway.NextClientCloseAsync(TimeSpan.FromSeconds(15));
        var next = await harness.Fake.Gateway.NextFrameAsync(f => f.Connection == 2 && f.Op is 2 or 6, TimeSpan.FromSeconds(15));
        Assert.Equal(1, answer.Connection);
        Assert.True(answer.AnsweredFake);
        // Never 1000/1001 from us: those end the session we are about to resume.
        Assert.Equal(4000, answer.Code);
        Assert.Equal(expectedOp, next.Op);
        // Answered before the next connection's Identify or Resume, not when the old socket was disposed.
        Assert.True(answer.FramesBefore <= harness.Fake.Gateway.Frames.ToList().IndexOf(next), "the answer came before the reconnect");
    }
}
