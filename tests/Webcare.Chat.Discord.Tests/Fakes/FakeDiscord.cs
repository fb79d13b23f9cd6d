using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Webcare.Chat.Discord.Tests.Fakes;

/// <summary>One request as the fake received it, bytes and all.</summary>
public sealed record RecordedRequest(string Method, string Path, string ContentType, string Body, string? Authorization, string? UserAgent, DateTimeOffset At)
{
    /// <summary>The JSON payload: the body itself, or the payload_json part of a multipart body.</summary>
    public JsonNode? Json { get; init; }

    public bool IsMultipart => ContentType.StartsWith("multipart/", StringComparison.Ordinal);
}

public sealed record FakeMessage(string Id, string ChannelId, string? Nonce, JsonNode Body)
{
    // Kestrel's request threads add edits while a test reads them: both sides go through this lock.
    private readonly Lock _lock = new();
    private readonly List<JsonNode> _edits = [];

    /// <summary>A snapshot of the edits so far, oldest first.</summary>
    public IReadOnlyList<JsonNode> Edits
    {
        get
        {
            lock (_lock)
            {
                return _edits.ToList();
            }
        }
    }

    public JsonNode Current
    {
        get
        {
            lock (_lock)
            {
                return _edits.Count > 0 ? _edits[^1] : Body;
            }
        }
    }

    internal void AddEdit(JsonNode edit)
    {
        lock (_lock)
        {
            _edits.Add(edit);
        }
    }
}

/// <summary>
/// A fake Discord on 127.0.0.1 (Kestrel, port 0): the REST routes the bot uses and a Gateway
/// WebSocket. It records every request and can be told to answer 429, hold a response, or expire an interaction.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<FakeMessage> _messages = [];
    private readonly ConcurrentQueue<(string PathPart, double RetryAfter, bool Global)> _scripted429 = new();
    private readonly ConcurrentQueue<RecordedRequest> _limited = new();
    private long _nextId = 1_300_000_000_000_000_000;

    private FakeDiscord(WebApplication app)
    {
        _app = app;
        Gateway = new FakeGateway(this);
    }

    public Uri Root { get; private set; } = null!;

    public string ApiBaseUrl => new Uri(Root, "api/v10").ToString();

    public FakeGateway Gateway { get; }

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToList();

    public IReadOnlyList<FakeMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    /// <summary>The requests that were answered 429.</summary>
    public IReadOnlyList<RecordedRequest> Limited => _limited.ToList();

    /// <summary>Interaction ids whose callback answers 404 code 10062 (expired token).</summary>
    public ConcurrentDictionary<string, bool> ExpiredInteractions { get; } = new();

    /// <summary>When set, a message POST is created and recorded, then its answer waits for this.</summary>
    public Func<FakeMessage, Task>? HoldMessageAnswer { get; set; }

    /// <summary>Rate-limit headers put on message answers (remaining, reset-after seconds), or null.</summary>
    public (int Remaining, double ResetAfter)? MessageRateLimit { get; set; }

    public bool RejectToken { get; set; }

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Use(fake.RecordAsync);
        fake.MapRoutes(app);
        await app.StartAsync();
        fake.Root = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>The next <paramref name="count"/> requests whose path contains <paramref name="pathPart"/> answer 429.</summary>
    public void Answer429(string pathPart, int count, double retryAfter, bool global = false)
    {
        for (var i = 0; i < count; i++)
        {
            _scripted429.Enqueue((pathPart, retryAfter, global));
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string pathPart) =>
        Requests.Where(r => r.Method == method && r.Path.Contains(pathPart, StringComparison.Ordinal)).ToList();

    public IReadOnlyList<RecordedRequest> Callbacks(string interactionId) => RequestsTo("POST", $"/interactions/{interactionId}/");

    public string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        var contentType = context.Request.ContentType ?? string.Empty;
        JsonNode? json = null;
        if (contentType.StartsWith("application/json", StringComparison.Ordinal) && body.Length > 0)
        {
            json = JsonNode.Parse(body);
        }
        else if (contentType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            var form = await context.Request.ReadFormAsync();
            json = JsonNode.Parse(form["payload_json"].ToString());
            context.Request.Body.Position = 0;
        }

        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, contentType, body,
            context.Request.Headers.Authorization.ToString(), context.Request.Headers.UserAgent.ToString(), DateTimeOffset.UtcNow) { Json = json };
        context.Items[typeof(RecordedRequest)] = recorded;
        _requests.Enqueue(recorded);

        if (RejectToken)
        {
            await Write(context, 401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        if (_scripted429.TryPeek(out var limit) && context.Request.Path.Value!.Contains(limit.PathPart, StringComparison.Ordinal)
            && _scripted429.TryDequeue(out limit))
        {
            var seconds = limit.RetryAfter.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Retry-After"] = seconds;
            context.Response.Headers["X-RateLimit-Scope"] = limit.Global ? "global" : "user";
            if (limit.Global)
            {
                context.Response.Headers["X-RateLimit-Global"] = "true";
            }
            else
            {
                context.Response.Headers["X-RateLimit-Bucket"] = "bucket-messages";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset-After"] = seconds;
            }

            _limited.Enqueue(recorded);
            await Write(context, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = limit.RetryAfter, ["global"] = limit.Global });
            return;
        }

        await next(context);
    }

    private void MapRoutes(WebApplication app)
    {
        app.Map("/gw", Gateway.AcceptAsync);
        app.Map("/gw-resume", Gateway.AcceptAsync);
        app.MapGet("/api/v10/gateway/bot", () => Results.Json(new
        {
            url = new Uri(Root, "gw").ToString().Replace("http://", "ws://", StringComparison.Ordinal),
            shards = 1,
            session_start_limit = new { total = 1000, remaining = 999, reset_after = 14_400_000, max_concurrency = 1 },
        }));
        app.MapPut("/api/v10/applications/{app}/commands", (HttpContext c) => EchoAsync(c));
        app.MapPut("/api/v10/applications/{app}/guilds/{guild}/commands", (HttpContext c) => EchoAsync(c));
        app.MapPost("/api/v10/channels/{channel}/messages", CreateMessageAsync);
        app.MapPatch("/api/v10/channels/{channel}/messages/{message}", EditMessageAsync);
        app.MapPost("/api/v10/interactions/{id}/{token}/callback", CallbackAsync);
        app.MapPatch("/api/v10/webhooks/{app}/{token}/messages/@original", (HttpContext c) => Write(c, 200, new JsonObject { ["id"] = NextId() }));
        app.MapDelete("/api/v10/webhooks/{app}/{token}/messages/@original", (HttpContext c) => { c.Response.StatusCode = 204; return Task.CompletedTask; });
        app.MapPost("/api/v10/webhooks/{app}/{token}", (HttpContext c) => Write(c, 200, new JsonObject { ["id"] = NextId() }));
    }

    private async Task EchoAsync(HttpContext context)
    {
        var json = Recorded(context).Json;
        await Write(context, 200, json?.DeepClone() ?? new JsonArray());
    }

    private async Task CreateMessageAsync(HttpContext context, string channel)
    {
        var json = Recorded(context).Json!;
        var nonce = json["nonce"]?.ToString();
        FakeMessage message;
        lock (_messages)
        {
            // Discord's enforce_nonce: the same nonce again returns the message it already created.
            var existing = json["enforce_nonce"]?.GetValue<bool>() == true && nonce is not null
                ? _messages.FirstOrDefault(m => m.ChannelId == channel && m.Nonce == nonce)
                : null;
            message = existing ?? new FakeMessage(NextId(), channel, nonce, json.DeepClone());
            if (existing is null)
            {
                _messages.Add(message);
            }
        }

        if (HoldMessageAnswer is { } hold)
        {
            await hold(message);
        }

        AddRateLimitHeaders(context);
        await Write(context, 200, new JsonObject { ["id"] = message.Id, ["channel_id"] = channel, ["nonce"] = nonce });
    }

    private async Task EditMessageAsync(HttpContext context, string channel, string message)
    {
        var json = Recorded(context).Json!;
        FakeMessage? found;
        lock (_messages)
        {
            found = _messages.FirstOrDefault(m => m.Id == message && m.ChannelId == channel);
            found?.AddEdit(json.DeepClone());
        }

        if (found is null)
        {
            await Write(context, 404, new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 });
            return;
        }

        AddRateLimitHeaders(context);
        await Write(context, 200, new JsonObject { ["id"] = message, ["channel_id"] = channel });
    }

    private readonly ConcurrentDictionary<string, bool> _answered = new();

    private async Task CallbackAsync(HttpContext context, string id, string token)
    {
        if (ExpiredInteractions.ContainsKey(id))
        {
            await Write(context, 404, new JsonObject { ["message"] = "Unknown interaction", ["code"] = 10062 });
            return;
        }

        if (!_answered.TryAdd(id, true))
        {
            await Write(context, 400, new JsonObject { ["message"] = "Interaction has already been acknowledged.", ["code"] = 40060 });
            return;
        }

        context.Response.StatusCode = 204;
    }

    private void AddRateLimitHeaders(HttpContext context)
    {
        if (MessageRateLimit is { } limit)
        {
            context.Response.Headers["X-RateLimit-Bucket"] = "bucket-messages";
            context.Response.Headers["X-RateLimit-Limit"] = "5";
            context.Response.Headers["X-RateLimit-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset-After"] = limit.ResetAfter.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static RecordedRequest Recorded(HttpContext context) => (RecordedRequest)context.Items[typeof(RecordedRequest)]!;

    private static async Task Write(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
