using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Chat.Slack;

/// <summary>
/// Keeps one Socket Mode connection up: <c>apps.connections.open</c> → WebSocket → <c>hello</c>. On a
/// <c>disconnect</c> warning or refresh it opens the new connection before closing the old; after a
/// failure it reconnects with exponential backoff and jitter; <c>too_many_websockets</c> closes first and
/// backs off; <c>link_disabled</c> and rejected tokens stop the bot with one line. Every envelope is
/// acknowledged first and processed after, once.
/// </summary>
public sealed partial class SlackSocketModeService(
    SlackApiClient api,
    SlackInbound inbound,
    EnvelopeDeduplicator dedupe,
    SlackStartup startup,
    IOptions<SlackOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<SlackSocketModeService> logger) : BackgroundService
{
    private int _connections;

    /// <summary>How many connections reached <c>hello</c> so far (health and tests).</summary>
    public int ConnectedCount => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsSocketMode || !await startup.WaitAcceptedAsync(stoppingToken))
        {
            return;
        }

        SlackSocketConnection? current = null;
        var failures = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (current is null)
                {
                    try
                    {
                        current = await ConnectAsync(stoppingToken);
                        failures = 0;
                    }
                    catch (SlackApiException ex) when (ex.IsAuthError)
                    {
                        StopOnRejectedToken(ex);
                        return;
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        failures++;
                        var delay = Backoff(failures, (ex as SlackApiException)?.RetryAfter);
                        LogConnectFailed(ex.Message, failures, delay.TotalSeconds);
                        await Task.Delay(delay, clock, stoppingToken);
                        continue;
                    }
                }

                var reason = await current.Ended.WaitAsync(stoppingToken);
                LogDisconnect(current.Number, reason);
                switch (reason)
                {
                    case "link_disabled":
                        LogLinkDisabled();
                        await current.CloseAsync();
                        await current.DisposeAsync();
                        current = null;
                        lifetime.StopApplication();
                        return;
                    case "warning" or "refresh_requested":
                        // Routine refresh: the new connection is ready before the old one goes, so nothing falls in a gap.
                        SlackSocketConnection next;
                        try
                        {
                            next = await ConnectAsync(stoppingToken);
                        }
                        catch (SlackApiException ex) when (ex.IsAuthError)
                        {
                            // The app token was rejected (revoked, expired) while connected: the same clear stop as at start-up, not a crashed service.
                            StopOnRejectedToken(ex);
                            return;
                        }
                        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                        {
                            LogConnectFailed(ex.Message, failures + 1, 0);
                            await RetireAsync(current);
                            current = null;
                            continue;
                        }

                        var old = current;
                        current = next;
                        await RetireAsync(old);
                        break;
                    case "too_many_websockets":
                        // Over Slack's per-app limit: close ours first, then back off before asking again.
                        await RetireAsync(current);
                        current = null;
                        failures++;
                        await Task.Delay(Backoff(failures, null), clock, stoppingToken);
                        break;
                    default:
                        await RetireAsync(current);
                        current = null;
                        failures++;
                        await Task.Delay(Backoff(failures, null), clock, stoppingToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync();
                await current.DisposeAsync();
            }
        }
    }

    private void StopOnRejectedToken(SlackApiException rejection)
    {
        LogFatal(rejection.Error);
        lifetime.StopApplication();
    }

    private async Task<SlackSocketConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var url = await api.OpenConnectionAsync(cancellationToken);
        var number = Interlocked.Increment(ref _connections);
        var connection = await SlackSocketConnection.ConnectAsync(number, url, options.Value, OnEnvelopeAsync, LogIgnoredFrame, cancellationToken);
        LogConnected(number);
        return connection;
    }

    private static async Task RetireAsync(SlackSocketConnection connection)
    {
        await connection.CloseAsync();
        await connection.DisposeAsync();
    }

    private async Task OnEnvelopeAsync(SlackSocketConnection connection, JsonObject envelope)
    {
        var envelopeId = (string?)envelope["envelope_id"];
        var type = (string?)envelope["type"] ?? string.Empty;
        if (envelopeId is null)
        {
            return;
        }

        try
        {
            var payload = envelope["payload"] as JsonObject ?? [];
            // An events_api retry may come in a new envelope; the event id is what stays the same.
            var key = type == "events_api" && (string?)payload["event_id"] is { } eventId ? "event:" + eventId : "envelope:" + envelopeId;
            if (!dedupe.TryAdd(key))
            {
                LogDuplicate(envelopeId, type, (int?)envelope["retry_attempt"] ?? 0);
                await connection.AckAsync(envelopeId, null, CancellationToken.None);
                return;
            }

            var result = await inbound.ReceiveAsync(type, payload, CancellationToken.None);
            var acceptsPayload = (bool?)envelope["accepts_response_payload"] ?? false;
            if (!await connection.AckAsync(envelopeId, acceptsPayload ? result.AckPayload : null, CancellationToken.None))
            {
                // Not acknowledged, so Slack redelivers it: it must not count as seen, and its work must not start.
                dedupe.Forget(key);
                LogAckFailed(envelopeId, connection.Number);
                return;
            }

            result.AfterAck?.Invoke();
        }
        catch (Exception ex)
        {
            LogEnvelopeFailed(ex, envelopeId, type);
        }
    }

    /// <summary>Doubling from <see cref="SlackOptions.ReconnectDelay"/> with ±25 % jitter so restarted bots do not reconnect in step.</summary>
    private TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        var value = options.Value;
        var exponential = value.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, value.MaxReconnectDelay.TotalMilliseconds);
        var jittered = capped * (0.75 + (Random.Shared.NextDouble() * 0.5));
        var delay = TimeSpan.FromMilliseconds(jittered);
        return retryAfter is { } after && after > delay ? after : delay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Connection} ready")]
    private partial void LogConnected(int connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Connection} ending: {Reason}")]
    private partial void LogDisconnect(int connection, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connect failed ({Error}); attempt {Failures}, retrying in {DelaySeconds:0.0} s")]
    private partial void LogConnectFailed(string error, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack rejected Webcare:Slack:AppToken ({Error}); create an app-level token with scope connections:write and set Webcare__Slack__AppToken. Stopping.")]
    private partial void LogFatal(string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack says Socket Mode is switched off for this app (link_disabled); enable it under Socket Mode in the app settings. Stopping.")]
    private partial void LogLinkDisabled();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack Socket Mode frame ignored: {Kind}")]
    private partial void LogIgnoredFrame(string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack envelope {EnvelopeId} ({Type}, retry {RetryAttempt}) was already processed; acknowledged again only")]
    private partial void LogDuplicate(string envelopeId, string type, int retryAttempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack envelope {EnvelopeId} could not be acknowledged on connection {Connection}; Slack will redeliver it")]
    private partial void LogAckFailed(string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack envelope {EnvelopeId} ({Type}) failed")]
    private partial void LogEnvelopeFailed(Exception exception, string envelopeId, string type);
}
