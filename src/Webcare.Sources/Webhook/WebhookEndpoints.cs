using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Http;
using Webcare.Sources.Engine;
using Webcare.Sources.Health;
using Webcare.Sources.Http;

namespace Webcare.Sources.Webhook;

/// <summary>
/// <c>POST /ingest/{sourceName}</c>: an HMAC-SHA256-signed body (our mention JSON, one or a batch,
/// or Trustpilot's review webhook). 202 once every mention is stored, 400 with a reason, 401 on a
/// bad signature, 404 for an unknown source, 413 when too large. Re-sending is harmless: the
/// pipeline dedupes by source and external id (and treats changed text as an edit).
/// </summary>
public sealed partial class WebhookEndpoints(
    SourcesConfiguration sources,
    IMentionSink sink,
    SourceHealthMonitor health,
    TimeProvider clock,
    ILogger<WebhookEndpoints> logger) : IEndpointModule
{
    // Answers are JSON for machines, never HTML: no need to escape '<' or non-ASCII.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/ingest/{sourceName}", (HttpContext context, string sourceName) => HandleAsync(context, sourceName));

    private async Task<IResult> HandleAsync(HttpContext context, string sourceName)
    {
        var cancellationToken = context.RequestAborted;
        var found = sources.Enabled().FirstOrDefault(s =>
            string.Equals(s.Definition.Name, sourceName, StringComparison.OrdinalIgnoreCase) && s.Kind is WebhookKind);
        if (found.Definition is null)
        {
            return Error(StatusCodes.Status404NotFound, $"no enabled webhook source is named '{sourceName}'");
        }

        var (definition, section, _) = found;
        var options = SourceSettings.Bind<WebhookOptions>(section);
        var secret = SourceSettings.Secret(section, "Secret");
        if (secret is null)
        {
            return Error(StatusCodes.Status401Unauthorized, "the source has no secret configured");
        }

        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {options.MaxBodyBytes} bytes");
        }

        byte[]? body;
        try
        {
            body = await ReadLimitedAsync(context.Request.Body, options.MaxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }

        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {options.MaxBodyBytes} bytes");
        }

        if (!SignatureMatches(context.Request.Headers[options.SignatureHeader].ToString(), secret, body))
        {
            LogBadSignature(definition.Name, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Error(StatusCodes.Status401Unauthorized, $"missing or wrong {options.SignatureHeader}; send sha256=<hex HMAC-SHA256 of the raw body>");
        }

        List<Mention> mentions;
        try
        {
            using var document = JsonDocument.Parse(body);
            var now = clock.GetUtcNow();
            var error = options.Format == WebhookFormats.Trustpilot
                ? WebhookPayloads.TryParseTrustpilot(document.RootElement, definition.Name, now, out mentions)
                : WebhookPayloads.TryParseMentions(document.RootElement, definition.Name, now, out mentions);
            if (error is not null)
            {
                return Error(StatusCodes.Status400BadRequest, error);
            }
        }
        catch (JsonException ex)
        {
            return Error(StatusCodes.Status400BadRequest, "the body is not valid JSON: " + ex.Message);
        }

        if (mentions.Count > options.MaxBatch)
        {
            return Error(StatusCodes.Status400BadRequest, $"the batch has {mentions.Count} mentions; send at most {options.MaxBatch} per request");
        }

        var pending = new List<Task<ProcessResult>>(mentions.Count);
        foreach (var mention in mentions)
        {
            pending.Add(await sink.SubmitAsync(mention, cancellationToken));
        }

        var results = await Task.WhenAll(pending).WaitAsync(cancellationToken);
        await health.ObserveAsync(definition, WebhookKind.KindName, new SourcePoll(clock.GetUtcNow(), mentions.Count, null), cancellationToken);
        var answer = new
        {
            accepted = mentions.Count,
            results = mentions.Zip(results, (m, r) => new { id = m.ExternalId, outcome = r.Outcome.ToString(), caseId = r.CaseId }),
        };
        return Results.Text(JsonSerializer.Serialize(answer, Json), "application/json", Encoding.UTF8, StatusCodes.Status202Accepted);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (read at most one byte past it).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Constant-time comparison of <c>sha256=&lt;hex&gt;</c> with the HMAC of the raw body.</summary>
    public static bool SignatureMatches(string header, string secret, byte[] body)
    {
        const string Prefix = "sha256=";
        var hex = header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : header.Trim();
        if (hex.Length != 64)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static IResult Error(int status, string reason) =>
        Results.Text(JsonSerializer.Serialize(new { error = reason }, Json), "application/json", Encoding.UTF8, status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SourceName}: rejected a request with a bad signature from {RemoteAddress}")]
    private partial void LogBadSignature(string sourceName, string remoteAddress);
}
