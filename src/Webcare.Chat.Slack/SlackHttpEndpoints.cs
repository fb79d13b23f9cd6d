using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Http;

namespace Webcare.Chat.Slack;

/// <summary>
/// HTTP mode: Slack's request URLs on the bot's local listener — <c>/slack/commands</c>,
/// <c>/slack/interactivity</c>, <c>/slack/events</c>. Every request must carry a valid v0 signature;
/// anything else gets 401 and is logged without its body.
/// </summary>
public sealed partial class SlackHttpEndpoints(
    SlackInbound inbound,
    EnvelopeDeduplicator dedupe,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    ILogger<SlackHttpEndpoints> logger) : IEndpointModule
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/slack/commands", context => HandleAsync(context, "slash_commands"));
        endpoints.MapPost("/slack/interactivity", context => HandleAsync(context, "interactive"));
        endpoints.MapPost("/slack/events", context => HandleAsync(context, "events_api"));
    }

    private async Task HandleAsync(HttpContext context, string type)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var problem = SlackSignature.Verify(options.Value.SigningSecret ?? string.Empty,
            context.Request.Headers["X-Slack-Request-Timestamp"], context.Request.Headers["X-Slack-Signature"], body, clock.GetUtcNow());
        if (problem is not null)
        {
            LogRejected(context.Request.Path, problem, body.Length);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var payload = Parse(type, body);
        if (payload is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (type == "events_api")
        {
            if ((string?)payload["type"] == "url_verification")
            {
                await context.Response.WriteAsJsonAsync(new JsonObject { ["challenge"] = (string?)payload["challenge"] }, context.RequestAborted);
                return;
            }

            if ((string?)payload["event_id"] is { } eventId && !dedupe.TryAdd("event:" + eventId))
            {
                LogDuplicate(eventId, context.Request.Headers["X-Slack-Retry-Num"].ToString());
                return;
            }
        }

        var result = await inbound.ReceiveAsync(type, payload, context.RequestAborted);
        if (result.AfterAck is { } after)
        {
            // Ack first: the work starts once the response has gone out.
            context.Response.OnCompleted(() =>
            {
                after();
                return Task.CompletedTask;
            });
        }

        if (result.AckPayload is { } ack)
        {
            await context.Response.WriteAsJsonAsync(ack, context.RequestAborted);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Commands are form fields; interactivity is one form field <c>payload</c> holding JSON; events are JSON.</summary>
    private static JsonObject? Parse(string type, byte[] body)
    {
        try
        {
            if (type == "events_api")
            {
                return JsonNode.Parse(body) as JsonObject;
            }

            var form = QueryHelpers.ParseQuery(System.Text.Encoding.UTF8.GetString(body));
            if (type == "interactive")
            {
                return form.TryGetValue("payload", out var json) ? JsonNode.Parse(json.ToString()) as JsonObject : null;
            }

            var fields = new JsonObject();
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack HTTP request to {Path} rejected with 401: {Reason} ({BodyBytes} bytes, body not logged)")]
    private partial void LogRejected(string path, string reason, int bodyBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack event {EventId} was already processed (retry {RetryNum}); acknowledged only")]
    private partial void LogDuplicate(string eventId, string retryNum);
}
