using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Alerts;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Routing;
using Webcare.Core.Team;

namespace Webcare.Bot.Scheduling;

/// <summary>
/// Every hour, checks the hour that just ended against the same hour of the last four weeks and posts one alert
/// card to the ops channel on a spike. The cooldown and the alerted hour live in SQLite, so a restart never repeats an alert.
/// </summary>
public sealed partial class SpikeAlertService(
    SpikeDetector detector,
    IScheduledRunStore runs,
    IEnumerable<IChatPlatform> platforms,
    IOptions<SpikeOptions> options,
    IOptions<RoutingOptions> routing,
    IOptions<TeamOptions> team,
    TimeProvider clock,
    ILogger<SpikeAlertService> logger) : BackgroundService
{
    public const string Kind = "spike";

    /// <summary>Mentions arrive a little late (polling); look at an hour once it has settled.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    public ChatAddress Channel => ChatAddress.Parse(
        !string.IsNullOrWhiteSpace(options.Value.Channel) ? options.Value.Channel
        : !string.IsNullOrWhiteSpace(routing.Value.OpsChannel) ? routing.Value.OpsChannel
        : routing.Value.DefaultChannel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled();
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var thisHour = TruncateToHour(now - Settle);
            try
            {
                await CheckHourAsync(thisHour.AddHours(-1), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex, thisHour.AddHours(-1));
            }

            var next = thisHour.AddHours(1) + Settle - clock.GetUtcNow();
            await Task.Delay(next > TimeSpan.Zero ? next : TimeSpan.Zero, clock, stoppingToken);
        }
    }

    /// <summary>Checks one hour; posts and returns the alert when it is a spike outside the cooldown, else null.</summary>
    public async Task<SpikeCheck?> CheckHourAsync(DateTimeOffset hourStart, CancellationToken cancellationToken)
    {
        var check = await detector.CheckAsync(hourStart, team.Value.ResolveTimeZone(), cancellationToken);
        if (!check.IsSpike)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (await runs.GetLastAsync(Kind, cancellationToken) is { } last && now - last < options.Value.Cooldown)
        {
            LogCooldown(hourStart, check.Reason!, last);
            return null;
        }

        if (!await runs.TryClaimAsync(Kind, check.Key, now, check.Reason, cancellationToken))
        {
            return null;
        }

        var channel = Channel;
        try
        {
            var platform = platforms.FirstOrDefault(p => string.Equals(p.Platform, channel.Platform, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"No chat platform '{channel.Platform}' is configured for the spike alert channel.");
            await platform.PostCardAsync(channel, check.Card!, "spike-" + check.Key, cancellationToken);
            LogAlerted(hourStart, check.Reason!, channel.ToString());
            return check;
        }
        catch
        {
            await runs.ReleaseAsync(Kind, check.Key, CancellationToken.None);
            throw;
        }
    }

    private static DateTimeOffset TruncateToHour(DateTimeOffset time) =>
        new(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spike alert is disabled (Webcare:Spikes:Enabled)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spike in the hour from {HourStart}: {Reason}; alerted {Channel}")]
    private partial void LogAlerted(DateTimeOffset hourStart, string reason, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spike in the hour from {HourStart} ({Reason}) not alerted: cooldown since {LastAlert}")]
    private partial void LogCooldown(DateTimeOffset hourStart, string reason, DateTimeOffset lastAlert);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the hour from {HourStart} for a spike failed")]
    private partial void LogFailed(Exception exception, DateTimeOffset hourStart);
}
