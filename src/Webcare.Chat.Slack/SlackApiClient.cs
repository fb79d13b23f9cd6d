using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Chat.Slack;

/// <summary>A Web API call Slack answered with <c>ok:false</c>, or an HTTP failure.</summary>
public sealed class SlackApiException(string method, string error, TimeSpan? retryAfter = null)
    : Exception($"Slack {method} failed: {error}")
{
    public string Method { get; } = method;

    public string Error { get; } = error;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>Errors that mean the token itself is refused: retrying cannot help.</summary>
    public bool IsAuthError => Error is "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" or "token_expired"
        or "user_removed_from_team" or "team_disabled" or "missing_args" or "forbidden_team" or "not_allowed_token_type";
}

/// <summary>The answer to a Web API call: the JSON body and the response headers we use (scopes).</summary>
public sealed record SlackApiResponse(JsonObject Body, HttpResponseHeaders Headers);

/// <summary>
/// The Web API transport. Honours <c>429 Retry-After</c> per method (other methods keep going), spaces
/// messages to one channel about a second apart, keeps each channel's messages in order, and caps retries.
/// Only 429s are retried here: a 429 means Slack did nothing, so the retry cannot double-post.
/// </summary>
public sealed partial class SlackApiClient : IDisposable
{
    private static readonly HashSet<string> ChannelPacedMethods = new(StringComparer.Ordinal) { "chat.postMessage", "files.completeUploadExternal" };

    private readonly HttpClient _http;
    private readonly IOptions<SlackOptions> _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SlackApiClient> _logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _methodBlockedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ChannelLane> _lanes = new(StringComparer.Ordinal);

    public SlackApiClient(IOptions<SlackOptions> options, TimeProvider clock, ILogger<SlackApiClient> logger, HttpMessageHandler? handler = null)
    {
        _options = options;
        _clock = clock;
        _logger = logger;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromSeconds(30);
        var baseUrl = options.Value.ApiBaseUrl;
        _http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

    /// <summary>Calls a method with the bot token and a JSON body.</summary>
    public Task<SlackApiResponse> CallAsync(string method, JsonObject body, CancellationToken cancellationToken) =>
        CallAsync(method, body, _options.Value.BotToken, cancellationToken);

    /// <summary>Opens a Socket Mode URL with the app-level token (in the header, as Slack requires).</summary>
    public async Task<Uri> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync("apps.connections.open", [], _options.Value.AppToken, cancellationToken);
        return new Uri((string?)response.Body["url"] ?? throw new SlackApiException("apps.connections.open", "no url in the answer"));
    }

    /// <summary>Posts a message to a <c>response_url</c> (slash commands, block actions): no token, no Web API envelope.</summary>
    public async Task PostToResponseUrlAsync(Uri responseUrl, JsonObject message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, responseUrl) { Content = Json(message) };
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("response_url", $"HTTP {(int)response.StatusCode}");
        }
    }

    /// <summary>Uploads raw bytes to the URL <c>files.getUploadURLExternal</c> returned.</summary>
    public async Task UploadAsync(Uri uploadUrl, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SlackApiException("file upload", $"HTTP {(int)response.StatusCode}");
        }
    }

    /// <summary>Calls a method with form fields (files.getUploadURLExternal wants form-urlencoded).</summary>
    public Task<SlackApiResponse> CallFormAsync(string method, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken) =>
        SendWithRetriesAsync(method, () => new FormUrlEncodedContent(fields), _options.Value.BotToken, null, cancellationToken);

    private Task<SlackApiResponse> CallAsync(string method, JsonObject body, string? token, CancellationToken cancellationToken)
    {
        var channel = ChannelPacedMethods.Contains(method) ? (string?)body["channel"] ?? (string?)body["channel_id"] : null;
        var json = body.ToJsonString();
        return SendWithRetriesAsync(method, () => new StringContent(json, Encoding.UTF8, "application/json"), token, channel, cancellationToken);
    }

    private async Task<SlackApiResponse> SendWithRetriesAsync(string method, Func<HttpContent> content, string? token, string? channel, CancellationToken cancellationToken)
    {
        var lane = channel is null ? null : _lanes.GetOrAdd(channel, _ => new ChannelLane());
        if (lane is not null)
        {
            // One message at a time per channel, in the order callers arrived (SemaphoreSlim queues async waiters FIFO).
            await lane.Gate.WaitAsync(cancellationToken);
        }

        try
        {
            if (lane is not null)
            {
                var wait = lane.NextAllowed - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, cancellationToken);
                }
            }

            var options = _options.Value;
            for (var attempt = 0; ; attempt++)
            {
                if (_methodBlockedUntil.TryGetValue(method, out var until) && until - _clock.GetUtcNow() is { } blocked && blocked > TimeSpan.Zero)
                {
                    await Task.Delay(blocked, _clock, cancellationToken);
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = content() };
                if (!string.IsNullOrEmpty(token))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await _http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = RetryAfterOf(response);
                    _methodBlockedUntil[method] = _clock.GetUtcNow() + retryAfter;
                    LogRateLimited(method, retryAfter.TotalSeconds, attempt + 1);
                    if (attempt >= options.MaxRateLimitRetries || retryAfter > options.MaxRetryAfter)
                    {
                        throw new SlackApiException(method, "ratelimited", retryAfter);
                    }

                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new SlackApiException(method, $"HTTP {(int)response.StatusCode}");
                }

                var body = await ReadAsync(method, response, cancellationToken);
                if ((bool?)body["ok"] != true)
                {
                    throw new SlackApiException(method, (string?)body["error"] ?? "unknown_error");
                }

                if (lane is not null)
                {
                    lane.NextAllowed = _clock.GetUtcNow() + options.ChannelMessageInterval;
                }

                return new SlackApiResponse(body, response.Headers);
            }
        }
        finally
        {
            lane?.Gate.Release();
        }
    }

    private static async Task<JsonObject> ReadAsync(string method, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken) as JsonObject
                ?? throw new SlackApiException(method, "the answer is not a JSON object");
        }
        catch (JsonException)
        {
            throw new SlackApiException(method, "the answer is not JSON");
        }
    }

    private static TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Retry-After", out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.FromSeconds(1);
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public void Dispose() => _http.Dispose();

    private sealed class ChannelLane
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} rate limited: waiting {RetryAfterSeconds} s (attempt {Attempt})")]
    private partial void LogRateLimited(string method, double retryAfterSeconds, int attempt);
}
