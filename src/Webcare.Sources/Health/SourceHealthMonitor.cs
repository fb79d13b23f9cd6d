using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Routing;
using Webcare.Sources.Engine;

namespace Webcare.Sources.Health;

/// <summary>
/// Turns poll outcomes into at most one "failing" or "silent" card per incident and one "recovered"
/// card, posted to the ops channel. The alert state lives in SQLite and moves by compare-and-set,
/// so a restart (or a second writer) never repeats an alert.
/// </summary>
public sealed partial class SourceHealthMonitor(
    ISourceHealthStore store,
    IEnumerable<IChatPlatform> platforms,
    IOptions<RoutingOptions> routing,
    ILogger<SourceHealthMonitor> logger)
{
    private readonly IReadOnlyDictionary<string, IChatPlatform> _platforms = platforms.ToDictionary(p => p.Platform, StringComparer.OrdinalIgnoreCase);

    public async Task ObserveAsync(SourceDefinition definition, string kind, SourcePoll poll, CancellationToken cancellationToken)
    {
        var health = await store.RecordPollAsync(definition.Name, poll, cancellationToken);
        if (poll.Error is not null)
        {
            if (health.ConsecutiveFailures >= definition.FailuresBeforeAlert && health.Alert != SourceAlertState.Failing)
            {
                await TransitionAsync(health, SourceAlertState.Failing, FailingCard(definition, kind, health), poll.At, cancellationToken);
            }

            return;
        }

        var alert = health.Alert;
        if (alert == SourceAlertState.Failing || (alert == SourceAlertState.Silent && poll.Items > 0))
        {
            if (await TransitionAsync(health, SourceAlertState.Ok, RecoveredCard(definition, kind, health, alert), poll.At, cancellationToken))
            {
                alert = SourceAlertState.Ok;
            }
        }

        var lastItem = health.LastItemAt ?? health.FirstSeenAt;
        if (alert == SourceAlertState.Ok && poll.Items == 0 && definition.QuietPeriod is { } quiet && poll.At - lastItem >= quiet)
        {
            await TransitionAsync(health with { Alert = alert }, SourceAlertState.Silent, SilentCard(definition, kind, health, lastItem, quiet), poll.At, cancellationToken);
        }
    }

    private async Task<bool> TransitionAsync(SourceHealth health, SourceAlertState next, Card card, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await store.TrySetAlertAsync(health.SourceName, health.Alert, next, now, cancellationToken))
        {
            return false; // Someone else moved it already: they send the card.
        }

        LogAlert(health.SourceName, health.Alert.ToString(), next.ToString());
        var ops = routing.Value.OpsChannel;
        if (!ChatAddress.TryParse(ops, out var channel) || !_platforms.TryGetValue(channel.Platform, out var platform))
        {
            LogNoOpsChannel(health.SourceName, ops ?? string.Empty);
            return true;
        }

        try
        {
            await platform.PostReplyAsync(channel, new Reply(card.Title, card), null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Undo, so the next poll tries the card again instead of the alert being lost.
            LogAlertNotPosted(ex, health.SourceName, channel.ToString());
            await store.TrySetAlertAsync(health.SourceName, next, health.Alert, now, cancellationToken);
            return false;
        }

        return true;
    }

    private static Card FailingCard(SourceDefinition definition, string kind, SourceHealth health) => new(
        $"Source '{definition.Name}' is failing",
        CardTone.Danger,
        [
            new CardField("Kind", kind),
            new CardField("Failures in a row", health.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture)),
            new CardField("Last success", When(health.LastSuccessAt)),
            new CardField("Last error", health.LastError ?? "unknown", Inline: false),
        ],
        Footer: "Mentions from this source are not arriving. One card per incident; a 'recovered' card follows.");

    private static Card SilentCard(SourceDefinition definition, string kind, SourceHealth health, DateTimeOffset lastItem, TimeSpan quiet) => new(
        $"Source '{definition.Name}' is silent",
        CardTone.Warning,
        [
            new CardField("Kind", kind),
            new CardField("Nothing since", When(lastItem)),
            new CardField("Quiet period", quiet.ToString("c", CultureInfo.InvariantCulture)),
            new CardField("Last success", When(health.LastSuccessAt)),
        ],
        Footer: "Polls succeed but return nothing: check the query, the feed URL or the token's scope.");

    private static Card RecoveredCard(SourceDefinition definition, string kind, SourceHealth health, SourceAlertState was) => new(
        $"Source '{definition.Name}' recovered",
        CardTone.Good,
        [
            new CardField("Kind", kind),
            new CardField("Was", was == SourceAlertState.Failing ? "failing" : "silent"),
            new CardField("Last success", When(health.LastSuccessAt)),
        ]);

    private static string When(DateTimeOffset? at) => at is { } value ? value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName} health: {From} -> {To}")]
    private partial void LogAlert(string sourceName, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName} health changed but the ops channel '{OpsChannel}' is not set or has no chat platform; set Webcare:Routing:OpsChannel")]
    private partial void LogNoOpsChannel(string sourceName, string opsChannel);

    [LoggerMessage(Level = LogLevel.Error, Message = "Posting the health card of source {SourceName} to {Channel} failed; will retry on the next poll")]
    private partial void LogAlertNotPosted(Exception exception, string sourceName, string channel);
}
