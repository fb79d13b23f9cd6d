using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Webcare.Chat.Discord.Tests.Fakes;

/// <summary>A frame the fake gateway received, with the connection it came on (1, 2, …) and the URL path used.</summary>
public sealed record GatewayFrame(int Connection, string Path, int Op, JsonNode? Data, string Raw);

/// <summary>
/// A close frame the bot sent: on which connection, with what code, whether it answered a close the fake sent first,
/// and how many frames (of any connection) the fake had read before it.
/// </summary>
public sealed record GatewayClientClose(int Connection, int Code, bool AnsweredFake, int FramesBefore);

/// <summary>
/// The Gateway side of the fake: Hello on connect, READY on Identify, replay + RESUMED on Resume,
/// ACK on heartbeat; tests dispatch events, inject op 7/op 9 and close with any code.
/// </summary>
public sealed class FakeGateway(FakeDiscord discord) : IAsyncDisposable
{
    private readonly Lock _lock = new();

    // Numbering, history, the READY/replay sends and the Ready flip happen under this one async gate:
    // a dispatch then either lands in a resume's replay or goes out after READY/RESUMED, never in between and lost.
    private readonly SemaphoreSlim _dispatchGate = new(1, 1);
    private readonly List<(long Seq, string Type, JsonNode Data)> _history = [];
    private readonly Channel<GatewayFrame> _frames = Channel.CreateUnbounded<GatewayFrame>();
    private readonly List<GatewayFrame> _allFrames = [];
    private readonly List<int> _clientCloses = [];
    private readonly Channel<GatewayClientClose> _closeFrames = Channel.CreateUnbounded<GatewayClientClose>();
    private Connection? _current;
    private int _connections;
    private long _seq;
    private int _sessions;

    public int HeartbeatIntervalMs { get; set; } = 41_250;

    public bool AutoAck { get; set; } = true;

    /// <summary>Answer Identify by closing with this code instead of READY (e.g. 4004).</summary>
    public int? CloseOnIdentify { get; set; }

    public string? SessionId { get; private set; }

    public int ConnectionCount => Volatile.Read(ref _connections);

    public IReadOnlyList<GatewayFrame> Frames
    {
        get
        {
            lock (_lock)
            {
                return _allFrames.ToList();
            }
        }
    }

    /// <summary>Close codes the bot sent when it closed a connection.</summary>
    public IReadOnlyList<int> ClientCloses
    {
        get
        {
            lock (_lock)
            {
                return _clientCloses.ToList();
            }
        }
    }

    /// <summary>Waits for the next frame the bot sends that matches.</summary>
    public async Task<GatewayFrame> NextFrameAsync(Func<GatewayFrame, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cts.Token);
            if (match(frame))
            {
                return frame;
            }
        }
    }

    public Task<GatewayFrame> NextOpAsync(int op, TimeSpan? timeout = null) => NextFrameAsync(f => f.Op == op, timeout);

    /// <summary>Waits for the next close frame the bot sends.</summary>
    public async Task<GatewayClientClose> NextClientCloseAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _closeFrames.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Sends a dispatch on the live, identified connection (or keeps it for the resume replay when there is none).</summary>
    public async Task<long> DispatchAsync(string type, JsonNode data)
    {
        await _dispatchGate.WaitAsync();
        try
        {
            Connection? live;
            lock (_lock)
            {
                live = _current is { Ready: true } ready ? ready : null;
            }

            return await DispatchUnderGateAsync(type, data, live);
        }
        finally
        {
            _dispatchGate.Release();
        }
    }

    /// <summary>Numbers and records a dispatch and sends it on <paramref name="connection"/>; the caller holds the gate.</summary>
    private async Task<long> DispatchUnderGateAsync(string type, JsonNode data, Connection? connection)
    {
        long seq;
        lock (_lock)
        {
            seq = ++_seq;
            _history.Add((seq, type, data.DeepClone()));
        }

        if (connection is not null)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 0, ["s"] = seq, ["t"] = type, ["d"] = data.DeepClone() });
        }

        return seq;
    }

    public Task SendAsync(JsonObject frame) => _current?.SendAsync(frame) ?? Task.CompletedTask;

    /// <summary>Closes the live connection with a code; later dispatches wait for the resume.</summary>
    public async Task CloseAsync(int code)
    {
        Connection? current;
        lock (_lock)
        {
            current = _current;
            _current = null;
        }

        if (current is not null)
        {
            await current.CloseAsync(code);
        }
    }

    internal async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _connections);
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var connection = new Connection(socket);
        lock (_lock)
        {
            _current = connection;
        }

        await connection.SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs } });
        var buffer = new byte[16384];
        try
        {
            // CloseSent: the fake closed first and still reads until the bot's answer.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, context.RequestAborted);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var code = (int?)result.CloseStatus ?? 0;
                    GatewayClientClose close;
                    lock (_lock)
                    {
                        _clientCloses.Add(code);
                        // Closed: our close frame went first, so the bot's frame was the answer to it.
                        close = new GatewayClientClose(number, code, socket.State == WebSocketState.Closed, _allFrames.Count);
                    }

                    _closeFrames.Writer.TryWrite(close);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        // The bot closed first: answer with the same code, as Discord's gateway does (RFC 6455 §5.5.1).
                        await connection.CloseAsync(code);
                    }

                    break;
                }

                var raw = Encoding.UTF8.GetString(message.ToArray());
                var json = JsonNode.Parse(raw)!;
                var frame = new GatewayFrame(number, path, json["op"]!.GetValue<int>(), json["d"]?.DeepClone(), raw);
                lock (_lock)
                {
                    _allFrames.Add(frame);
                }

                _frames.Writer.TryWrite(frame);
                await ReactAsync(connection, frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The bot went away.
        }
        finally
        {
            lock (_lock)
            {
                if (_current == connection)
                {
                    _current = null;
                }
            }
        }
    }

    private async Task ReactAsync(Connection connection, GatewayFrame frame)
    {
        switch (frame.Op)
        {
            case 1 when AutoAck:
                await connection.SendAsync(new JsonObject { ["op"] = 11 });
                break;
            case 2 when CloseOnIdentify is { } code:
                await connection.CloseAsync(code);
                break;
            case 2:
                await IdentifyAsync(connection);
                break;
            case 6:
                await ResumeAsync(connection, frame.Data);
                break;
        }
    }

    private async Task IdentifyAsync(Connection connection)
    {
        await _dispatchGate.WaitAsync();
        try
        {
            // Set under the gate, so a test that saw the session id and then dispatches waits for READY and the Ready flip.
            SessionId = "session-" + Interlocked.Increment(ref _sessions).ToString(CultureInfo.InvariantCulture);
            await DispatchUnderGateAsync("READY", ReadyData(), connection);
            connection.Ready = true;
        }
        finally
        {
            _dispatchGate.Release();
        }
    }

    private async Task ResumeAsync(Connection connection, JsonNode? data)
    {
        await _dispatchGate.WaitAsync();
        try
        {
            if (data?["session_id"]?.ToString() != SessionId)
            {
                await connection.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });
                return;
            }

            await ReplayAsync(connection, data?["seq"]?.GetValue<long?>() ?? 0);
            await DispatchUnderGateAsync("RESUMED", new JsonObject(), connection);
            connection.Ready = true;
        }
        finally
        {
            _dispatchGate.Release();
        }
    }

    /// <summary>Sends every dispatch after <paramref name="from"/> again; the caller holds the gate.</summary>
    private async Task ReplayAsync(Connection connection, long from)
    {
        List<(long Seq, string Type, JsonNode Data)> missed;
        lock (_lock)
        {
            missed = _history.Where(h => h.Seq > from).ToList();
        }

        foreach (var (seq, type, data) in missed)
        {
            await connection.SendAsync(new JsonObject { ["op"] = 0, ["s"] = seq, ["t"] = type, ["d"] = data.DeepClone() });
        }
    }

    private JsonObject ReadyData() => new()
    {
        ["v"] = 10,
        ["session_id"] = SessionId,
        ["resume_gateway_url"] = new Uri(discord.Root, "gw-resume").ToString().Replace("http://", "ws://", StringComparison.Ordinal),
        ["user"] = new JsonObject { ["id"] = "1100", ["username"] = "webcare", ["bot"] = true },
        ["guilds"] = new JsonArray(),
        ["application"] = new JsonObject { ["id"] = "1100", ["flags"] = 0 },
    };

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(1001);
    }

    private sealed class Connection(WebSocket socket)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public volatile bool Ready;

        public async Task SendAsync(JsonObject frame)
        {
            await _gate.WaitAsync();
            try
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Closed meanwhile.
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task CloseAsync(int code)
        {
            await _gate.WaitAsync();
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, "fake close", CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Already gone.
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
