using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Webcare.Chat.Slack.Tests.Fakes;

namespace Webcare.Chat.Slack.Tests;

/// <summary>
/// The WebSocket close handshake of one Socket Mode connection (RFC 6455 §5.5.1, §7.1.1) against the fake's real
/// socket: the close frame goes out through the send gate, the server's answer is read before the abort, a close
/// from the server is answered at once, and an abort under a send never escapes as an exception.
/// </summary>
public sealed class SocketCloseTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task CloseAsync_ServerAnswers_SendsNormalClosureAndReadsTheAnswerBeforeAborting()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (connection, server) = await ConnectAsync(fake);
        await using var _ = connection;

        await connection.CloseAsync().WaitAsync(Wait);

        Assert.True(server.ClosedByClient);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
        Assert.Equal("refresh", server.ClientCloseDescription);
        // Abort leaves a socket that finished the handshake Closed; aborting before the server's frame was read leaves it Aborted.
        Assert.Equal(WebSocketState.Closed, connection.State);
        Assert.Equal("closed", await connection.Ended.WaitAsync(Wait));
        await server.EndedSignal.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task CloseAsync_EnvelopeArrivesWhileServerHoldsItsAnswer_KeepsReadingAcksNothingThenCompletes()
    {
        await using var fake = await FakeSlack.StartAsync();
        var late = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, server) = await ConnectAsync(fake, async (c, envelope) =>
            late.TrySetResult(await c.AckAsync((string)envelope["envelope_id"]!, null, CancellationToken.None)));
        await using var _ = connection;
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HoldCloseAnswer = answer.Task;

        var closing = connection.CloseAsync();
        bool acked;
        try
        {
            await server.ClientCloseReceived.Task.WaitAsync(Wait);
            // Legal for the server until it answers; the client is past its close frame, so it must not send an ack.
            await server.SendAsync(SlackBot.BlockAction("late", SlackBot.Agent, "case:1:claim"));
            acked = await late.Task.WaitAsync(Wait);
        }
        finally
        {
            answer.TrySetResult();
        }

        await closing.WaitAsync(Wait);

        Assert.False(acked, "no ack after our close frame: Slack redelivers the envelope elsewhere");
        Assert.Empty(fake.Acks);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
        Assert.Equal(WebSocketState.Closed, connection.State);
    }

    [Fact]
    public async Task CloseAsync_EnvelopeStillWorking_ItsAckGoesOutBeforeTheCloseFrame()
    {
        await using var fake = await FakeSlack.StartAsync();
        var closeStarted = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (connection, server) = await ConnectAsync(fake, async (c, envelope) =>
        {
            // The close starts in the handler's first line: the earliest moment a close on another thread can come.
            // The envelope must already count as in flight then, however loaded the host.
            closeStarted.TrySetResult(c.CloseAsync());
            await release.Task;
            await c.AckAsync((string)envelope["envelope_id"]!, null, CancellationToken.None);
        });
        await using var _ = connection;
        await server.SendAsync(SlackBot.BlockAction("busy", SlackBot.Agent, "case:1:claim"));
        var closing = await closeStarted.Task.WaitAsync(Wait);

        await Task.Delay(300);
        Assert.False(server.ClientCloseReceived.Task.IsCompleted, "the close frame waits for the envelope that is still working");
        release.TrySetResult();
        await closing.WaitAsync(Wait);

        Assert.Equal("busy", Assert.Single(fake.Acks).EnvelopeId);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
    }

    [Fact]
    public async Task CloseAsync_ServerNeverAnswers_AbortsAfterTheBound()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (connection, server) = await ConnectAsync(fake);
        await using var _ = connection;
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.HoldCloseAnswer = never.Task;
        try
        {
            await connection.CloseAsync().WaitAsync(Wait);
            await server.ClientCloseReceived.Task.WaitAsync(Wait);

            Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
            Assert.Equal(WebSocketState.Aborted, connection.State);
            Assert.Equal("closed", await connection.Ended.WaitAsync(Wait));
        }
        finally
        {
            never.TrySetResult();
        }
    }

    [Fact]
    public async Task CloseAsync_RacingManyAcks_NothingThrowsAndEveryAckReportedSentReachedTheServer()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (connection, server) = await ConnectAsync(fake);
        await using var _ = connection;
        var payload = new JsonObject { ["text"] = new string('x', 32 * 1024) };

        // ClientWebSocket allows one outstanding send. .NET's ManagedWebSocket queues extra sends rather than throwing,
        // but a data frame queued behind our close frame is then written after it, reported as sent and never read.
        var acks = Enumerable.Range(0, 200)
            .Select(i => Task.Run(() => connection.AckAsync("race-" + i, payload.DeepClone().AsObject(), CancellationToken.None)))
            .ToList();
        var closing = Task.Run(connection.CloseAsync);
        var results = await Task.WhenAll(acks).WaitAsync(Wait);
        await closing.WaitAsync(Wait);
        await server.EndedSignal.Task.WaitAsync(Wait);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
        Assert.Equal(WebSocketState.Closed, connection.State);
        // Every ack reported as sent reached the server whole, ahead of the close frame (the fake stops reading there).
        Assert.Equal(results.Count(sent => sent), fake.Acks.Count);
        Assert.All(fake.Acks, a => Assert.Equal(32 * 1024, ((string?)a.Payload?["text"])?.Length));
    }

    [Fact]
    public async Task CloseAsync_WhileAnAckIsStuckSending_AckReportsNotSentInsteadOfThrowing()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (connection, server) = await ConnectAsync(fake);
        await using var _ = connection;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.StallMidMessage = release.Task;
        try
        {
            // Several times what loopback buffers absorb once the server stops reading (4-8 MB measured: send buffer,
            // autotuned receive buffer, Kestrel's pipe), so the send cannot finish: it holds the send gate and
            // CloseAsync gives up waiting for it and aborts the socket under it. Kept at 32 MB, not more, because
            // AckAsync serializes it inside the timed wait below; a payload that fits makes the ack succeed and the test fail.
            var huge = new JsonObject { ["text"] = new string('x', 32 * 1024 * 1024) };
            var ack = Task.Run(() => connection.AckAsync("stuck", huge, CancellationToken.None));
            await server.ReadStalled.Task.WaitAsync(Wait);

            await connection.CloseAsync().WaitAsync(Wait);
            var sent = await ack.WaitAsync(Wait);

            // Thrown (OperationCanceledException), the envelope stayed marked as seen though never acknowledged, so
            // Slack's redelivery was acknowledged as a duplicate and never processed.
            Assert.False(sent);
            Assert.Equal(WebSocketState.Aborted, connection.State);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task ServerCloses_ClientAnswersAtOnceWithoutBeingRetired()
    {
        await using var fake = await FakeSlack.StartAsync();
        var (connection, server) = await ConnectAsync(fake);
        await using var _ = connection;

        await server.CloseAsync(WebSocketCloseStatus.NormalClosure, "refresh");

        // No CloseAsync call: the answer must not wait for the service to retire the connection.
        await server.ClientCloseReceived.Task.WaitAsync(Wait);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, server.ClientCloseStatus);
        Assert.Equal("closed", await connection.Ended.WaitAsync(Wait));
        Assert.Equal(WebSocketState.Closed, connection.State);
        Assert.False(await connection.AckAsync("after-close", null, CancellationToken.None));

        await connection.CloseAsync().WaitAsync(Wait);
        Assert.Equal(WebSocketState.Closed, connection.State);
        Assert.Empty(fake.Acks);
    }

    private static async Task<(SlackSocketConnection Connection, FakeSocket Server)> ConnectAsync(
        FakeSlack fake,
        Func<SlackSocketConnection, JsonObject, Task>? onEnvelope = null)
    {
        const int Ticket = 1;
        var url = new UriBuilder(fake.BaseUrl) { Scheme = "ws", Path = "/link", Query = "ticket=" + Ticket }.Uri;
        var connection = await SlackSocketConnection.ConnectAsync(
            Ticket, url, new SlackOptions(), onEnvelope ?? ((_, _) => Task.CompletedTask), _ => { }, CancellationToken.None);
        return (connection, await fake.WaitForSocketAsync(Ticket));
    }
}
