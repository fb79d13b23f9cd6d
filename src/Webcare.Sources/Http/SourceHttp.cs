using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Webcare.Sources.Http;

/// <summary>
/// The one HTTP path every polling source takes: a named HttpClient with a descriptive User-Agent,
/// 429 / 503 with Retry-After turned into <see cref="SourceRateLimitedException"/>, and the
/// platforms' rate-limit budget headers honoured (a spent budget waits for its reset before the next call).
/// </summary>
public sealed class SourceHttp(HttpClient client, string sourceName, TimeProvider clock)
{
    public const string ClientName = "webcare-sources";
    public const string UserAgent = "WebcareBot/1.0 (brand-mention monitoring for a customer care team)";

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public string SourceName => sourceName;

    /// <summary>Sends the request; throws <see cref="SourceRateLimitedException"/> on 429 (or 503 with Retry-After) and while a spent budget has not reset.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now < _notBefore)
        {
            throw new SourceRateLimitedException($"rate-limit budget is spent until {_notBefore:O}", _notBefore - now);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var reset = ReadBudget(response.Headers, now);
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
        {
            var wait = RetryAfter(response.Headers.RetryAfter, now) ?? (reset is { } r && r > now ? r - now : DefaultRetryAfter);
            _notBefore = now + wait;
            response.Dispose();
            throw new SourceRateLimitedException($"{request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}; retry after {wait}", wait);
        }

        return response;
    }

    /// <summary>Sends and parses a JSON answer; a non-success status or a body that is not JSON throws with a one-line reason.</summary>
    public async Task<JsonDocument> GetJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ParseJsonAsync(response, cancellationToken);
    }

    public static async Task<JsonDocument> ParseJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new SourceFormatException($"{response.RequestMessage?.RequestUri?.AbsolutePath} returned a body that is not JSON: {ex.Message}", ex);
        }
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        body = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        throw new SourceHttpException(response.StatusCode,
            $"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} {response.ReasonPhrase}: {(body.Length > 200 ? body[..200] : body)}");
    }

    /// <summary>
    /// Reads the budget headers (Reddit x-ratelimit-*, X x-rate-limit-*, Bluesky/IETF ratelimit-*, Mastodon x-ratelimit-*);
    /// when nothing is left, the next call waits for the reset. Returns the reset time when known.
    /// </summary>
    private DateTimeOffset? ReadBudget(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var remaining = Header(headers, "x-ratelimit-remaining") ?? Header(headers, "x-rate-limit-remaining") ?? Header(headers, "ratelimit-remaining");
        var resetText = Header(headers, "x-ratelimit-reset") ?? Header(headers, "x-rate-limit-reset") ?? Header(headers, "ratelimit-reset");
        var reset = ParseReset(resetText, now);
        if (remaining is not null && double.TryParse(remaining, NumberStyles.Float, CultureInfo.InvariantCulture, out var left) && left < 1 && reset is { } until && until > now)
        {
            _notBefore = until;
        }

        return reset;
    }

    /// <summary>A reset is an ISO time (Mastodon), Unix epoch seconds (X, Bluesky) or seconds from now (Reddit).</summary>
    internal static DateTimeOffset? ParseReset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number > 1_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(number * 1000)) : now + TimeSpan.FromSeconds(number);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? value, DateTimeOffset now) => value switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}

/// <summary>The platform asked us to slow down; the engine waits <see cref="RetryAfter"/> before the next poll.</summary>
public sealed class SourceRateLimitedException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The platform answered with an error status.</summary>
public sealed class SourceHttpException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The platform answered with a body we cannot read (malformed feed or JSON).</summary>
public sealed class SourceFormatException(string message, Exception? inner = null) : Exception(message, inner);
