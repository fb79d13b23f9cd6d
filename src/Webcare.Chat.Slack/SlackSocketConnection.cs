using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webcare.Chat.Slack;

/// <summary>
/// One Socket Mode WebSocket: reads frames, reports <c>hello</c> and <c>disconnect</c>, hands envelopes
/// over, and sends acknowledgements on this same socket (Slack requires that).
/// </summary>
internal sealed class SlackSocketConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    // Slack's own acknowledgement window: an envelope still running after this is past saving anyway.
    private static readonly TimeSpan AckDrainTimeout = TimeSpan.FromSeconds(3);

    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<SlackSocketConnection, JsonObject, Task> _onEnvelope;
    private readonly Action<string> _onIgnoredFrame;
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closing;
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();

    private SlackSocketConnection(int number, Func<SlackSocketConnection, JsonObject, Task> onEnvelope, Action<string> onIgnoredFrame)
    {
        Number = number;
        _onEnvelope = onEnvelope;
        _onIgnoredFrame = onIgnoredFrame;
    }

    public int Number { get; }

    /// <summary>Completes with the reason the connection should be replaced: a disconnect reason, "closed" or "failed".</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>The socket's state; after <see cref="CloseAsync"/>, <c>Closed</c> means the server's close frame was read before the abort.</summary>
    internal WebSocketState State => _socket.State;

    public static async Task<SlackSocketConnection> ConnectAsync(
        int number,
        Uri url,
        SlackOptions options,
        Func<SlackSocketConnection, JsonObject, Task> onEnvelope,
        Action<string> onIgnoredFrame,
        CancellationToken cancellationToken)
    {
        var connection = new SlackSocketConnection(number, onEnvelope, onIgnoredFrame);
        try
        {
            // PING/PONG keep-alive with a timeout: a half-open socket (NAT drop) fails instead of looking connected.
            connection._socket.Options.KeepAliveInterval = options.KeepAlive;
            connection._socket.Options.KeepAliveTimeout = options.KeepAlive;
            await connection._socket.ConnectAsync(url, cancellationToken);
            connection._receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
            await connection._hello.Task.WaitAsync(options.HelloTimeout, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Acknowledges an envelope (optionally with a response payload); false when the socket can no longer send.</summary>
    public async Task<bool> AckAsync(string envelopeId, JsonObject? payload, CancellationToken cancellationToken)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (payload is not null)
        {
            ack["payload"] = payload;
        }

        var bytes = Encoding.UTF8.GetBytes(ack.ToJsonString());
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            if (_closing || _socket.State != WebSocketState.Open)
            {
                return false;
            }

            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // An abort under a send in progress (CloseAsync giving up on a stuck send) surfaces as OperationCanceledException.
            return false;
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                buffer.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _stop.Token);
                    buffer.Advance(result.Count);
                    if (buffer.WrittenCount > MaxMessageBytes)
                    {
                        throw new WebSocketException("Socket Mode frame too large");
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await AnswerCloseAsync();
                    }

                    _ended.TrySetResult("closed");
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await HandleFrameAsync(buffer.WrittenMemory);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _ended.TrySetResult(_stop.IsCancellationRequested ? "closed" : "failed");
        }
        finally
        {
            _ended.TrySetResult("closed");
            _hello.TrySetException(new WebSocketException("The Socket Mode connection ended before hello."));
        }
    }

    /// <summary>
    /// Slack closed first (a refresh): answer at once, as RFC 6455 §5.5.1 asks. Left to <see cref="CloseAsync"/>,
    /// the answer would wait until the service retires this connection, which on a refresh is after the next
    /// connection's hello, or longer while <c>apps.connections.open</c> is failing.
    /// </summary>
    private async Task AnswerCloseAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await SendCloseFrameAsync("closing", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Best effort, like CloseAsync: the socket is aborted when the connection is retired either way.
        }
    }

    private async Task HandleFrameAsync(ReadOnlyMemory<byte> frame)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(frame.Span) as JsonObject;
        }
        catch (JsonException)
        {
            // Slack has sent plain-text frames (e.g. "UNAUTHENTICATED: cache_error"): skip them, keep the socket.
            _onIgnoredFrame("non-JSON frame");
            return;
        }

        if (message is null)
        {
            _onIgnoredFrame("non-object frame");
            return;
        }

        if (message["envelope_id"] is not null)
        {
            // Not awaited: a slow acknowledgement (a command answered in the ack) must not hold up other envelopes.
            _ = RunEnvelopeAsync(message);
            return;
        }

        switch ((string?)message["type"])
        {
            case "hello":
                _hello.TrySetResult();
                break;
            case "disconnect":
                _ended.TrySetResult((string?)message["reason"] ?? "refresh_requested");
                break;
            default:
                _onIgnoredFrame((string?)message["type"] ?? "untyped frame");
                break;
        }
    }

    /// <summary>
    /// Registers the envelope as in flight before its handler runs a single line, so a <see cref="CloseAsync"/> on
    /// another thread cannot slip in between the handler starting and the registration and close under its ack.
    /// </summary>
    private async Task RunEnvelopeAsync(JsonObject envelope)
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inFlight.TryAdd(finished.Task, true);
        try
        {
            await _onEnvelope(this, envelope);
        }
        finally
        {
            _inFlight.TryRemove(finished.Task, out _);
            finished.TrySetResult();
        }
    }

    /// <summary>Closes politely (bounded), then aborts. Envelopes that arrive meanwhile are not acknowledged, so Slack redelivers them elsewhere.</summary>
    public async Task CloseAsync()
    {
        // Let envelopes already received finish their acknowledgement. Their failures are logged where they happen.
        await Task.WhenAll(_inFlight.Keys).WaitAsync(AckDrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await SendCloseFrameAsync("refresh", timeout.Token);
            await _receiving.WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException or TimeoutException)
        {
            // Closing is best effort; Abort below frees the socket either way.
        }

        await _stop.CancelAsync();
        _socket.Abort();
    }

    /// <summary>
    /// Sends our close frame through the send gate, so it never overtakes or interleaves with an ack, and marks the
    /// connection closing so no ack follows it. Nothing is sent once our close frame is out.
    /// </summary>
    private async Task SendCloseFrameAsync(string reason, CancellationToken cancellationToken)
    {
        _closing = true;
        await _sendGate.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, cancellationToken);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // Abort makes the receive fail promptly; a stuck one is abandoned.
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
