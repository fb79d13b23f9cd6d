using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Team;

namespace Webcare.Bot.Scheduling;

/// <summary>
/// Sends the weekly digest at its slot (e.g. Monday 09:00 Europe/Amsterdam). At start-up it sends the latest slot's
/// digest if that week was never sent (the bot was down), and never twice: the sent week is claimed in SQLite first.
/// </summary>
public sealed partial class DigestScheduler(
    DigestService digests,
    IScheduledRunStore runs,
    IDigestArchive archive,
    IEnumerable<IChatPlatform> platforms,
    IOptions<DigestOptions> options,
    IOptions<TeamOptions> team,
    TimeProvider clock,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    public const string Kind = "digest";

    /// <summary>Never sleep longer than this: a suspended laptop or a changed clock is noticed within the hour.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromHours(1);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            LogDisabled();
            return;
        }

        var schedule = o.ToSchedule(team.Value.TimeZone);
        var channel = ChatAddress.Parse(o.Channel);
        LogScheduled(schedule.Day, schedule.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), schedule.Zone.Id, channel.ToString(), schedule.NextAfter(clock.GetUtcNow()));
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = MaxSleep;
            try
            {
                await RunDueAsync(schedule, channel, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex, channel.ToString());
                wait = RetryAfterFailure;
            }

            var untilNext = schedule.NextAfter(clock.GetUtcNow()) - clock.GetUtcNow();
            await Task.Delay(untilNext < wait ? (untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext) : wait, clock, stoppingToken);
        }
    }

    /// <summary>Sends the digest of the latest slot's week unless it was sent already; returns the week sent, or null.</summary>
    public async Task<DigestWeek?> RunDueAsync(DigestSchedule schedule, ChatAddress channel, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var slot = schedule.LatestAtOrBefore(now);
        if (await runs.GetInstalledAtAsync(cancellationToken) is { } installed && slot < installed)
        {
            return null; // The bot did not exist at that slot: nothing was missed.
        }

        var week = schedule.WeekReportedAt(slot);
        if (!await runs.TryClaimAsync(Kind, week.Key, now, channel.ToString(), cancellationToken))
        {
            return null;
        }

        try
        {
            var report = await digests.BuildAsync(week, preview: false, cancellationToken);
            var reply = DigestService.ToReply(report);
            var html = reply.FilesOrEmpty.First(f => f.ContentType == "text/html");
            var path = await archive.SaveAsync(html.FileName, html.Content, cancellationToken);
            var platform = platforms.FirstOrDefault(p => string.Equals(p.Platform, channel.Platform, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"No chat platform '{channel.Platform}' is configured for {DigestOptions.Section}:Channel.");
            await platform.PostReplyAsync(channel, reply, null, cancellationToken);
            LogSent(week.Key, channel.ToString(), path, now - slot);
            return week;
        }
        catch
        {
            // Not delivered: give the week back so the retry may send it (a crash before this line loses it, never doubles it).
            await runs.ReleaseAsync(Kind, week.Key, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest is disabled (Webcare:Digest:Enabled)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest every {Day} at {Time} {TimeZone} to {Channel}; next at {Next}")]
    private partial void LogScheduled(DayOfWeek day, string time, string timeZone, string channel, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the digest of {Week} to {Channel} (report {Path}, {Lateness} after its slot)")]
    private partial void LogSent(string week, string channel, string path, TimeSpan lateness);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending the weekly digest to {Channel} failed; retrying in 5 minutes")]
    private partial void LogFailed(Exception exception, string channel);
}
