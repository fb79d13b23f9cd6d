using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Rest;

namespace Webcare.Chat.Discord.Gateway;

/// <summary>
/// Gateway v10: connect, Hello, heartbeat (first after interval × jitter, then every interval with the
/// last sequence), Identify or Resume, and the reconnect rules of Discord's close-code table. It only
/// receives: interactions are written to <see cref="Dispatches"/> and handled elsewhere, so a slow
/// handler never delays a heartbeat.
/// </summary>
internal sealed partial class DiscordGateway(
    DiscordApi api,
    IOptions<DiscordOptions> options,
    DiscordFatalStop fatal,
    TimeProvider clock,
    ILogger<DiscordGateway> logger,
    Func<double>? jitter = null)
{
    /// <summary>Closing with 1000/1001 ends the session; any other code keeps it resumable.</summary>
    public const WebSocketCloseStatus ResumableClose = (WebSocketCloseStatus)4000;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(1);

    private readonly Channel<JsonElement> _dispatches = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private const int MaxResumeFailures = 3;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private readonly Func<double> _jitter = jitter ?? Random.Shared.NextDouble;
    private string? _sessionId;
    private string? _resumeUrl;
    private long _sequence = -1;
    private DateTimeOffset _lastIdentify = DateTimeOffset.MinValue;

    /// <summary>INTERACTION_CREATE payloads (<c>d</c>), in the order Discord sent them.</summary>
    public ChannelReader<JsonElement> Dispatches => _dispatches.Reader;

    /// <summary>The last sequence number received (for tests and health).</summary>
    public long? Sequence => Interlocked.Read(ref _sequence) is var s && s >= 0 ? s : null;

    public string? SessionId => _sessionId;

    /// <summary>Connects and reconnects until stopped, or until Discord says the bot may not connect.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ConnectionOutcome outcome;
            try
            {
                outcome = await RunConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (DiscordApiException ex) when (ex.Status == System.Net.HttpStatusCode.Unauthorized)
            {
                fatal.Stop("Discord rejected the bot token (401). Set Webcare__Discord__BotToken to the token from Developer Portal → Bot → Reset Token.");
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke this connection (network, a malformed frame, a timeout), the loop survives it.
                LogConnectionFailed(ex);
                // Endless resume loops are a known failure: after a few failed attempts start a new session.
                outcome = new ConnectionOutcome(failures >= MaxResumeFailures ? GatewayAction.NewSession : GatewayAction.Resume, false, null);
            }

            switch (outcome.Action)
            {
                case GatewayAction.Fatal:
                    fatal.Stop(FatalMessage(outcome.CloseCode));
                    return;
                case GatewayAction.NewSession:
                    _sessionId = null;
                    _resumeUrl = null;
                    Interlocked.Exchange(ref _sequence, -1);
                    break;
                case GatewayAction.Stopped:
                    return;
            }

            failures = outcome.Healthy ? 0 : failures + 1;
            var delay = Backoff(failures);
            LogReconnecting(outcome.Action.ToString(), outcome.CloseCode ?? 0, delay.TotalMilliseconds);
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        _dispatches.Writer.TryComplete();
    }

    private async Task<ConnectionOutcome> RunConnectionAsync(CancellationToken stoppingToken)
    {
        var resuming = _sessionId is not null && _resumeUrl is not null;
        string url;
        if (resuming)
        {
            url = GatewayInfo.WithQuery(_resumeUrl!);
        }
        else
        {
            var info = await api.GetGatewayBotAsync(stoppingToken);
            await WaitForIdentifyBudgetAsync(info, stoppingToken);
            url = GatewayInfo.WithQuery(info.Url);
        }

        using var socket = new ClientWebSocket();
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
        {
            connectTimeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(new Uri(url), connectTimeout.Token);
        }

        using var sender = new GatewaySender(socket, clock);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = new HeartbeatState();
        var healthy = false;
        Task? heartbeatTask = null;
        try
        {
            while (true)
            {
                var frame = await ReceiveAsync(socket, connection.Token);
                if (frame is null)
                {
                    var code = (int?)socket.CloseStatus;
                    LogClosed(code ?? 0, socket.CloseStatusDescription ?? string.Empty);
                    await AnswerCloseAsync(sender, socket);
                    return new ConnectionOutcome(Classify(code), healthy, code);
                }

                using var document = frame;
                var root = document.RootElement;
                var op = root.GetProperty("op").GetInt32();
                if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number)
                {
                    Interlocked.Exchange(ref _sequence, s.GetInt64());
                }

                switch (op)
                {
                    case GatewayOp.Hello:
                        var interval = TimeSpan.FromMilliseconds(root.GetProperty("d").GetProperty("heartbeat_interval").GetDouble());
                        heartbeat.Reset();
                        heartbeatTask = HeartbeatAsync(sender, heartbeat, interval, connection);
                        await sender.SendAsync(resuming ? ResumePayload() : IdentifyPayload(), connection.Token);
                        if (!resuming)
                        {
                            _lastIdentify = clock.GetUtcNow();
                        }

                        break;
                    case GatewayOp.HeartbeatAck:
                        heartbeat.Acked = true;
                        break;
                    case GatewayOp.Heartbeat:
                        await sender.SendAsync(HeartbeatPayload(), connection.Token);
                        break;
                    case GatewayOp.Reconnect:
                        LogReconnectRequested();
                        await CloseAsync(sender, socket);
                        return new ConnectionOutcome(GatewayAction.Resume, healthy, null);
                    case GatewayOp.InvalidSession:
                        var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                        LogInvalidSession(resumable);
                        await CloseAsync(sender, socket);
                        return new ConnectionOutcome(resumable ? GatewayAction.Resume : GatewayAction.NewSession, healthy, null);
                    case GatewayOp.Dispatch:
                        healthy |= await OnDispatchAsync(root, connection.Token);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested && heartbeat.Zombie)
        {
            LogZombie();
            await CloseAsync(sender, socket);
            return new ConnectionOutcome(GatewayAction.Resume, healthy, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful shutdown: 1000 ends the session so Discord shows the bot offline at once.
            await CloseAsync(sender, socket, WebSocketCloseStatus.NormalClosure);
            return new ConnectionOutcome(GatewayAction.Stopped, healthy, null);
        }
        finally
        {
            await connection.CancelAsync();
            if (heartbeatTask is not null)
            {
                await heartbeatTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<bool> OnDispatchAsync(JsonElement root, CancellationToken cancellationToken)
    {
        var type = root.TryGetProperty("t", out var t) ? t.GetString() : null;
        var data = root.TryGetProperty("d", out var d) ? d : default;
        switch (type)
        {
            case "READY":
                _sessionId = data.GetProperty("session_id").GetString();
                _resumeUrl = data.TryGetProperty("resume_gateway_url", out var resume) ? resume.GetString() : null;
                LogReady(_sessionId ?? string.Empty);
                return true;
            case "RESUMED":
                LogResumed(Sequence ?? 0);
                return true;
            case "INTERACTION_CREATE":
                await _dispatches.Writer.WriteAsync(data.Clone(), cancellationToken);
                return false;
            default:
                return false;
        }
    }

    private async Task HeartbeatAsync(GatewaySender sender, HeartbeatState state, TimeSpan interval, CancellationTokenSource connection)
    {
        try
        {
            await Task.Delay(interval * _jitter(), clock, connection.Token);
            while (!connection.IsCancellationRequested)
            {
                if (!state.Acked)
                {
                    // No ACK since the last beat: the connection is a zombie. Close (not 1000) and resume.
                    state.Zombie = true;
                    await sender.CloseAsync(ResumableClose, CancellationToken.None);
                    await connection.CancelAsync();
                    return;
                }

                state.Acked = false;
                await sender.SendAsync(HeartbeatPayload(), connection.Token);
                await Task.Delay(interval, clock, connection.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
        catch (WebSocketException)
        {
            // The receive loop sees the broken socket and reconnects.
        }
    }

    private async Task WaitForIdentifyBudgetAsync(GatewayInfo info, CancellationToken cancellationToken)
    {
        // 1000 identifies a day: running out resets the token, so wait for the window instead.
        if (info.SessionStartsRemaining <= 0)
        {
            LogIdentifyBudgetExhausted(info.SessionStartResetAfter.TotalMilliseconds);
            await Task.Delay(info.SessionStartResetAfter, clock, cancellationToken);
        }

        // max_concurrency identifies per 5 seconds.
        var spacing = options.Value.IdentifyInterval / info.MaxConcurrency;
        var wait = _lastIdentify + spacing - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private static async Task<JsonDocument?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                message.Position = 0;
                return await JsonDocument.ParseAsync(message, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// Sends our close frame through the sender's gate (a heartbeat may be mid-send), then waits briefly for the
    /// server's close frame (RFC 6455 §7.1.1) so the connection is not torn down before the server has read our code:
    /// 4000 keeps the session resumable, 1000 ends it.
    /// </summary>
    private static async Task CloseAsync(GatewaySender sender, WebSocket socket, WebSocketCloseStatus status = ResumableClose)
    {
        await sender.CloseAsync(status, CancellationToken.None);
        using var handshake = new CancellationTokenSource(CloseHandshakeTimeout);
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, handshake.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The server went without answering; our close frame is on the wire.
        }
    }

    /// <summary>
    /// Discord closed first: answer at once, as RFC 6455 §5.5.1 asks, through the sender's gate (a heartbeat may be
    /// mid-send). Disposing the socket sends no close frame, so unanswered the TCP connection just dropped. Always 4000:
    /// echoing a 1000/1001 from Discord would end the session we are about to resume. Best effort and bounded, so
    /// the outcome (resume, new session or a fatal stop) is the same whether the answer goes out or not.
    /// </summary>
    private static async Task AnswerCloseAsync(GatewaySender sender, WebSocket socket)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
            await sender.CloseAsync(ResumableClose, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket is disposed when this connection ends either way.
        }
    }

    internal static GatewayAction Classify(int? closeCode) => closeCode switch
    {
        4004 or (>= 4010 and <= 4014) => GatewayAction.Fatal,
        4003 or 4007 or 4009 => GatewayAction.NewSession,
        _ => GatewayAction.Resume,
    };

    private static string FatalMessage(int? code) => code switch
    {
        4004 => "Discord rejected the bot token (close 4004). Set Webcare__Discord__BotToken to the token from Developer Portal → Bot → Reset Token.",
        4010 => "Discord closed the gateway: invalid shard (4010).",
        4011 => "Discord closed the gateway: sharding required (4011); the bot is in too many servers for one connection.",
        4012 => "Discord closed the gateway: invalid API version (4012).",
        4013 => "Discord closed the gateway: invalid intents (4013).",
        4014 => "Discord closed the gateway: disallowed intents (4014); the bot asks for none, so check the application in the Developer Portal.",
        _ => $"Discord closed the gateway with {code} and does not allow a reconnect.",
    };

    private TimeSpan Backoff(int failures)
    {
        var first = options.Value.ReconnectDelay;
        if (first <= TimeSpan.Zero || failures == 0)
        {
            return failures == 0 ? TimeSpan.Zero : first;
        }

        var delay = first * Math.Pow(2, Math.Min(failures - 1, 6)) * (0.75 + (0.5 * _jitter()));
        return delay > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : delay;
    }

    private JsonObject IdentifyPayload() => new()
    {
        ["op"] = GatewayOp.Identify,
        ["d"] = new JsonObject
        {
            ["token"] = options.Value.BotToken,
            // Interactions belong to no intent: 0 is enough, and no privileged intent is ever asked for.
            ["intents"] = 0,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform.ToString().ToLowerInvariant(), ["browser"] = "webcare-bot", ["device"] = "webcare-bot" },
        },
    };

    private JsonObject ResumePayload() => new()
    {
        ["op"] = GatewayOp.Resume,
        ["d"] = new JsonObject { ["token"] = options.Value.BotToken, ["session_id"] = _sessionId, ["seq"] = Sequence },
    };

    private JsonObject HeartbeatPayload() => new() { ["op"] = GatewayOp.Heartbeat, ["d"] = Sequence };

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway ready, session {SessionId}")]
    private partial void LogReady(string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway resumed at sequence {Sequence}")]
    private partial void LogResumed(long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway closed with {CloseCode} {Reason}")]
    private partial void LogClosed(int closeCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord asked for a reconnect (op 7)")]
    private partial void LogReconnectRequested();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord invalidated the session (op 9), resumable {Resumable}")]
    private partial void LogInvalidSession(bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No heartbeat ACK from Discord since the last beat; reconnecting")]
    private partial void LogZombie();

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway reconnecting ({Action}, close {CloseCode}) in {DelayMs} ms")]
    private partial void LogReconnecting(string action, int closeCode, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway connection failed")]
    private partial void LogConnectionFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord identify budget used up; waiting {WaitMs} ms for it to reset")]
    private partial void LogIdentifyBudgetExhausted(double waitMs);

    private sealed class HeartbeatState
    {
        private volatile bool _acked = true;
        private volatile bool _zombie;

        public bool Acked
        {
            get => _acked;
            set => _acked = value;
        }

        public bool Zombie
        {
            get => _zombie;
            set => _zombie = value;
        }

        public void Reset()
        {
            _acked = true;
            _zombie = false;
        }
    }
}

internal enum GatewayAction
{
    Resume,
    NewSession,
    Fatal,
    Stopped,
}

internal sealed record ConnectionOutcome(GatewayAction Action, bool Healthy, int? CloseCode);

internal static class GatewayOp
{
    public const int Dispatch = 0;
    public const int Heartbeat = 1;
    public const int Identify = 2;
    public const int Resume = 6;
    public const int Reconnect = 7;
    public const int InvalidSession = 9;
    public const int Hello = 10;
    public const int HeartbeatAck = 11;
}
