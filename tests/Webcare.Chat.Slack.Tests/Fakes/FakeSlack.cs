using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Webcare.Chat.Slack.Tests.Fakes;

/// <summary>One request the fake received, with its raw body.</summary>
public sealed record RecordedCall(string Method, string? Authorization, string Body, byte[] Bytes, JsonObject? Json, IReadOnlyDictionary<string, string> Form, DateTimeOffset At)
{
    public string? Channel => (string?)Json?["channel"] ?? (string?)Json?["channel_id"];

    public string? ThreadTs => (string?)Json?["thread_ts"];

    /// <summary>The JSON body with JSON's own escapes undone (\u0026 → &amp;), i.e. the text Slack would see.</summary>
    public string Decoded => Json?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? Body;
}

/// <summary>An acknowledgement the fake received on a Socket Mode connection.</summary>
public sealed record RecordedAck(int Socket, string EnvelopeId, JsonObject? Payload, DateTimeOffset At);

/// <summary>
/// A fake Slack on 127.0.0.1 (Kestrel, dynamic port): the Web API methods the adapter uses, a Socket Mode
/// WebSocket, an upload URL and response URLs. It records every request and validates every message's Block Kit.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly ConcurrentQueue<RecordedAck> _acks = new();
    private readonly ConcurrentDictionary<int, FakeSocket> _sockets = new();
    private readonly Channel<FakeSocket> _newSockets = Channel.CreateUnbounded<FakeSocket>();
    private readonly ConcurrentQueue<string> _violations = new();
    private int _ts;
    private int _tickets;

    private FakeSlack(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public string ApiBaseUrl => new Uri(BaseUrl, "api/").ToString();

    /// <summary>Lets a test answer a call itself (429s, errors, delays); return null for the default answer.</summary>
    public Func<RecordedCall, Task<IResult?>>? Intercept { get; set; }

    public string GrantedScopes { get; set; } = "chat:write,commands,files:write,usergroups:read";

    public List<string> GroupMembers { get; } = [];

    /// <summary>When set, a new socket says hello and then never reads again, so it answers no PING: a half-open connection.</summary>
    public bool NextSocketGoesSilent { get; set; }

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public IReadOnlyList<RecordedAck> Acks => [.. _acks];

    public IReadOnlyList<string> Violations => [.. _violations];

    public IEnumerable<RecordedCall> CallsTo(string method) => _calls.Where(c => c.Method == method);

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(5) });
        app.MapPost("/api/{method}", (HttpContext context, string method) => fake.ApiAsync(context, method));
        app.MapPost("/upload/{id}", (HttpContext context, string id) => fake.RecordRawAsync(context, "upload:" + id));
        app.MapPost("/response/{id}", (HttpContext context, string id) => fake.RecordRawAsync(context, "response_url"));
        app.Map("/link", fake.SocketAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl, "response/" + id);

    /// <summary>Waits for the n-th (1-based) Socket Mode connection.</summary>
    public async Task<FakeSocket> WaitForSocketAsync(int number, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!_sockets.ContainsKey(number))
        {
            await _newSockets.Reader.WaitToReadAsync(cts.Token);
            _newSockets.Reader.TryRead(out _);
        }

        return _sockets[number];
    }

    public async Task<RecordedAck> WaitForAckAsync(string envelopeId, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(() => _acks.Any(a => a.EnvelopeId == envelopeId), timeout ?? TimeSpan.FromSeconds(10), "ack of " + envelopeId);
        return _acks.First(a => a.EnvelopeId == envelopeId);
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Polls <paramref name="condition"/> (e.g. a store query) every 20 ms until it holds, or times out.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(20);
        }
    }

    private async Task<IResult> ApiAsync(HttpContext context, string method)
    {
        var call = await ReadAsync(context, method);
        _calls.Enqueue(call);
        if (method is "chat.postMessage" or "chat.update" or "chat.postEphemeral" && call.Json is not null)
        {
            foreach (var problem in BlockKitValidator.ValidateMessage(call.Json))
            {
                _violations.Enqueue($"{method}: {problem}");
            }
        }

        if (Intercept is { } intercept && await intercept(call) is { } custom)
        {
            return custom;
        }

        switch (method)
        {
            case "auth.test":
                if (call.Authorization != "Bearer xoxb-test")
                {
                    return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" });
                }

                context.Response.Headers["x-oauth-scopes"] = GrantedScopes;
                return Results.Json(new JsonObject { ["ok"] = true, ["user"] = "webcare", ["team"] = "Test Team", ["user_id"] = "UBOT" });
            case "apps.connections.open":
                if (call.Authorization?.StartsWith("Bearer xapp-", StringComparison.Ordinal) != true)
                {
                    return Results.Json(new JsonObject { ["ok"] = false, ["error"] = "invalid_auth" });
                }

                var ticket = Interlocked.Increment(ref _tickets);
                var ws = new UriBuilder(BaseUrl) { Scheme = "ws", Path = "/link", Query = "ticket=" + ticket };
                return Results.Json(new JsonObject { ["ok"] = true, ["url"] = ws.Uri.ToString() });
            case "chat.postMessage":
                var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
                return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = call.Channel, ["ts"] = ts });
            case "views.open":
                return Results.Json(new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = "V1" } });
            case "usergroups.users.list":
                return Results.Json(new JsonObject { ["ok"] = true, ["users"] = new JsonArray([.. GroupMembers.Select(m => (JsonNode)m)]) });
            case "files.getUploadURLExternal":
                var fileId = "F" + Interlocked.Increment(ref _ts);
                return Results.Json(new JsonObject { ["ok"] = true, ["upload_url"] = new Uri(BaseUrl, "upload/" + fileId).ToString(), ["file_id"] = fileId });
            default:
                return Results.Json(new JsonObject { ["ok"] = true });
        }
    }

    private async Task<IResult> RecordRawAsync(HttpContext context, string method)
    {
        _calls.Enqueue(await ReadAsync(context, method));
        return Results.Ok();
    }

    private static async Task<RecordedCall> ReadAsync(HttpContext context, string method)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var body = Encoding.UTF8.GetString(bytes);
        JsonObject? json = null;
        var form = new Dictionary<string, string>();
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true)
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        else if (context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            foreach (var (key, value) in QueryHelpers.ParseQuery(body))
            {
                form[key] = value.ToString();
            }
        }

        return new RecordedCall(method, context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body, bytes, json, form, DateTimeOffset.UtcNow);
    }

    private async Task SocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !int.TryParse(context.Request.Query["ticket"], out var number))
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var fakeSocket = new FakeSocket(number, socket);
        _sockets[number] = fakeSocket;
        await fakeSocket.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = _sockets.Count,
            ["connection_info"] = new JsonObject { ["app_id"] = "A1" },
            ["debug_info"] = new JsonObject { ["host"] = "fake", ["approximate_connection_time"] = 3600 },
        });
        _newSockets.Writer.TryWrite(fakeSocket);
        if (NextSocketGoesSilent)
        {
            NextSocketGoesSilent = false;
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                fakeSocket.Ended = true;
                fakeSocket.EndedSignal.TrySetResult();
            }

            return;
        }

        var buffer = new byte[1 << 20];
        try
        {
            // CloseSent: the fake closed first (FakeSocket.CloseAsync) and still reads until the client's answer.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var count = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), context.RequestAborted);
                    count += result.Count;
                    if (!result.EndOfMessage && fakeSocket.StallMidMessage is { } stall)
                    {
                        fakeSocket.ReadStalled.TrySetResult();
                        await stall;
                        socket.Abort();
                        return;
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await fakeSocket.OnClientCloseAsync(result.CloseStatus, result.CloseStatusDescription);
                    break;
                }

                if (JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count)) is JsonObject ack && (string?)ack["envelope_id"] is { } id)
                {
                    _acks.Enqueue(new RecordedAck(number, id, ack["payload"] as JsonObject, DateTimeOffset.UtcNow));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            fakeSocket.Ended = true;
            fakeSocket.EndedSignal.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets.Values)
        {
            socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The server end of one Socket Mode connection.</summary>
public sealed class FakeSocket(int number, WebSocket socket)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public int Number { get; } = number;

    public bool ClosedByClient { get; set; }

    public bool Ended { get; set; }

    /// <summary>Completes when the fake stops serving this socket, however it ended.</summary>
    public TaskCompletionSource EndedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The status and reason in the client's close frame; null until one arrives.</summary>
    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    public string? ClientCloseDescription { get; private set; }

    /// <summary>Completes when the client's close frame has been read (before the fake answers it).</summary>
    public TaskCompletionSource ClientCloseReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// When set, the fake stops reading partway through the next message that does not arrive in one piece, so the
    /// client's send of it stays stuck; once this completes the fake drops the socket.
    /// </summary>
    public Task? StallMidMessage { get; set; }

    /// <summary>Completes when the fake has read part of a message and stopped reading (see <see cref="StallMidMessage"/>).</summary>
    public TaskCompletionSource ReadStalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When set, the fake answers the client's close frame only once this completes, holding the handshake open.</summary>
    public Task? HoldCloseAnswer { get; set; }

    /// <summary>The fake closes first, as Slack does on a refresh; the read loop then waits for the client's answer.</summary>
    public async Task CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "refresh")
    {
        await _gate.WaitAsync();
        try
        {
            await socket.CloseOutputAsync(status, description, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal async Task OnClientCloseAsync(WebSocketCloseStatus? status, string? description)
    {
        ClosedByClient = true;
        ClientCloseStatus = status;
        ClientCloseDescription = description;
        ClientCloseReceived.TrySetResult();
        if (HoldCloseAnswer is { } hold)
        {
            await hold;
        }

        await _gate.WaitAsync();
        try
        {
            // Closed already when the fake closed first: the client's frame was the answer.
            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SendAsync(JsonObject message)
    {
        await _gate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task SendTextAsync(string text)
    {
        await _gate.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Abort() => socket.Abort();
}
