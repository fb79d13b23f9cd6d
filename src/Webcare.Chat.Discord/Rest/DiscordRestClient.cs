using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Chat.Discord.Rest;

/// <summary>
/// Discord REST with its rate limits: one lane per top-level resource (so messages to a channel stay
/// in order), bucket state from the <c>X-RateLimit-*</c> headers, the global 50 requests/s,
/// 429 with <c>retry_after</c> (global or per bucket), 5xx retried with backoff, retries capped, and an
/// invalid-request budget so a misconfigured bot cannot earn an IP ban.
/// </summary>
internal sealed partial class DiscordRestClient(
    IHttpClientFactory httpFactory,
    IOptions<DiscordOptions> options,
    TimeProvider clock,
    ILogger<DiscordRestClient> logger)
{
    public const string HttpClientName = "discord";
    public const string UserAgent = "DiscordBot (https://github.com/webcare-bot/webcare-bot, 1.0)";

    private const int GlobalPerSecond = 50;
    private const int PruneEvery = 256;
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _routeBuckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _gate = new();
    private DateTimeOffset _globalPausedUntil;
    private long _sends;

    /// <summary>Sends a request through its lane; returns the JSON answer (null for 204) or throws <see cref="DiscordApiException"/>.</summary>
    public async Task<JsonNode?> SendAsync(DiscordRequest request, CancellationToken cancellationToken)
    {
        PruneNow();
        if (request.InteractionEndpoint)
        {
            // One token per interaction, answered by one task: no lane needed, and none left behind per interaction.
            return await SendInLaneAsync(request, cancellationToken);
        }

        var lane = _lanes.GetOrAdd(request.MajorParameter, _ => new SemaphoreSlim(1, 1));
        await lane.WaitAsync(cancellationToken);
        try
        {
            return await SendInLaneAsync(request, cancellationToken);
        }
        finally
        {
            lane.Release();
        }
    }

    private async Task<JsonNode?> SendInLaneAsync(DiscordRequest request, CancellationToken cancellationToken)
    {
        var value = options.Value;
        var http = httpFactory.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            var bucketKey = BucketKey(request);
            await WaitForBucketAsync(bucketKey, cancellationToken);
            if (!request.InteractionEndpoint)
            {
                await WaitForGlobalAsync(cancellationToken);
            }

            ThrowIfOverInvalidBudget(value.InvalidRequestBudget);

            using var message = new HttpRequestMessage(request.Method, new Uri(value.ApiBase, request.Path.TrimStart('/')));
            message.Headers.Authorization = new AuthenticationHeaderValue("Bot", value.BotToken);
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            message.Content = request.CreateContent();
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Remember(request, response);

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var (retryAfter, global) = ReadRetryAfter(response, body);
                var scope = Header(response, "X-RateLimit-Scope");
                if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
                {
                    CountInvalid();
                }

                LogRateLimited(request.Route, request.MajorParameter, retryAfter.TotalMilliseconds, global, attempt + 1);
                if (attempt >= value.MaxRetries)
                {
                    throw Error(response.StatusCode, body);
                }

                var until = clock.GetUtcNow() + retryAfter;
                if (global)
                {
                    lock (_gate)
                    {
                        if (until > _globalPausedUntil)
                        {
                            _globalPausedUntil = until;
                        }
                    }
                }
                else
                {
                    var state = _buckets.GetOrAdd(BucketKey(request), _ => new BucketState());
                    state.Set(0, until);
                }

                continue;
            }

            if ((int)response.StatusCode >= 500 && attempt < value.MaxRetries)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(attempt, 6))));
                LogServerError((int)response.StatusCode, request.Route, attempt + 1);
                await Task.Delay(delay, clock, cancellationToken);
                continue;
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                CountInvalid();
            }

            if (!response.IsSuccessStatusCode)
            {
                throw Error(response.StatusCode, body);
            }

            return string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
    }

    private void PruneNow()
    {
        // Bucket state for interaction tokens and idle channels would otherwise pile up for the life of the process.
        if (Interlocked.Increment(ref _sends) % PruneEvery != 0)
        {
            return;
        }

        var cutoff = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        foreach (var (key, state) in _buckets)
        {
            if (state.ResetBefore(cutoff))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private string BucketKey(DiscordRequest request) =>
        (_routeBuckets.TryGetValue(request.Method.Method + " " + request.Route, out var hash) ? hash : request.Method.Method + " " + request.Route)
        + "|" + request.MajorParameter;

    private void Remember(DiscordRequest request, HttpResponseMessage response)
    {
        if (Header(response, "X-RateLimit-Bucket") is { Length: > 0 } hash)
        {
            _routeBuckets[request.Method.Method + " " + request.Route] = hash;
        }

        if (int.TryParse(Header(response, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            && double.TryParse(Header(response, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetAfter))
        {
            // Reset-After needs no clock agreement with Discord, unlike X-RateLimit-Reset.
            _buckets.GetOrAdd(BucketKey(request), _ => new BucketState()).Set(remaining, clock.GetUtcNow() + TimeSpan.FromSeconds(resetAfter));
        }
    }

    private async Task WaitForBucketAsync(string bucketKey, CancellationToken cancellationToken)
    {
        if (!_buckets.TryGetValue(bucketKey, out var state))
        {
            return;
        }

        var wait = state.WaitTime(clock.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task WaitForGlobalAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetUtcNow();
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }

                wait = _globalPausedUntil > now ? _globalPausedUntil - now
                    : _globalWindow.Count >= GlobalPerSecond ? _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now
                    : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero)
                {
                    _globalWindow.Enqueue(now);
                    return;
                }
            }

            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private void CountInvalid()
    {
        lock (_gate)
        {
            _invalid.Enqueue(clock.GetUtcNow());
        }
    }

    private void ThrowIfOverInvalidBudget(int budget)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            while (_invalid.Count > 0 && now - _invalid.Peek() >= InvalidWindow)
            {
                _invalid.Dequeue();
            }

            if (_invalid.Count >= budget)
            {
                throw new InvalidOperationException(
                    $"Discord answered {budget} requests with 401/403/429 in 10 minutes; the bot pauses sending so Discord does not ban its address. Check the token and the bot's channel permissions.");
            }
        }
    }

    private static (TimeSpan RetryAfter, bool Global) ReadRetryAfter(HttpResponseMessage response, string body)
    {
        double seconds = 1;
        var global = string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase);
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                if (json["retry_after"] is JsonValue retry && retry.TryGetValue<double>(out var s))
                {
                    seconds = s;
                }

                if (json["global"] is JsonValue g && g.TryGetValue<bool>(out var isGlobal))
                {
                    global |= isGlobal;
                }
            }
        }
        catch (JsonException)
        {
            if (double.TryParse(Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var header))
            {
                seconds = header;
            }
        }

        return (TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600)), global);
    }

    private static DiscordApiException Error(HttpStatusCode status, string body)
    {
        int? code = null;
        var text = body.Length > 300 ? body[..300] : body;
        try
        {
            if (JsonNode.Parse(body) is JsonObject json)
            {
                if (json["code"] is JsonValue c && c.TryGetValue<int>(out var parsed))
                {
                    code = parsed;
                }

                if (json["message"] is JsonValue m && m.TryGetValue<string>(out var messageText))
                {
                    text = messageText;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page): keep the raw start.
        }

        return new DiscordApiException(status, code, text);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limit on {Route} ({Major}): retry after {RetryAfterMs} ms, global {Global}, attempt {Attempt}")]
    private partial void LogRateLimited(string route, string major, double retryAfterMs, bool global, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord answered {Status} on {Route}; retrying (attempt {Attempt})")]
    private partial void LogServerError(int status, string route, int attempt);

    private sealed class BucketState
    {
        private readonly Lock _lock = new();
        private int _remaining = 1;
        private DateTimeOffset _resetAt;

        public void Set(int remaining, DateTimeOffset resetAt)
        {
            lock (_lock)
            {
                _remaining = remaining;
                _resetAt = resetAt;
            }
        }

        public bool ResetBefore(DateTimeOffset cutoff)
        {
            lock (_lock)
            {
                return _resetAt < cutoff;
            }
        }

        public TimeSpan WaitTime(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_remaining > 0 || _resetAt <= now)
                {
                    if (_resetAt <= now)
                    {
                        _remaining = 1;
                    }

                    _remaining--;
                    return TimeSpan.Zero;
                }

                return _resetAt - now;
            }
        }
    }
}
