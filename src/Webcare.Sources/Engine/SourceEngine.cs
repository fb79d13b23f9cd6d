using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Sources.Health;
using Webcare.Sources.Http;

namespace Webcare.Sources.Engine;

/// <summary>
/// Runs every enabled source on its own loop. A batch's cursor is saved only after each of its
/// mentions is stored (or recorded as failed), so a crash re-reads instead of losing; dedupe makes
/// re-reading harmless. A failing source backs off exponentially (capped) without touching the
/// others; a rate-limited one waits exactly as long as the platform asked. Every poll is reported
/// to <see cref="SourceHealthMonitor"/>, which raises the ops alerts.
/// </summary>
public sealed partial class SourceEngine(
    SourcesConfiguration configuration,
    IServiceProvider services,
    IMentionSink sink,
    ISourceCursorStore cursors,
    SourceHealthMonitor health,
    TimeProvider clock,
    ILogger<SourceEngine> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = configuration.Enabled()
            .Select(s => RunSourceAsync(s.Kind.Create(s.Definition, s.Section, services), s.Definition, stoppingToken))
            .ToList();
        return Task.WhenAll(loops);
    }

    /// <summary>Polls one source until <paramref name="stoppingToken"/> fires (or once, when it has no interval).</summary>
    public async Task RunSourceAsync(IMentionSource source, SourceDefinition definition, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var count = await ReadOnceAsync(source, stoppingToken);
                failures = 0;
                LogRead(source.Name, count);
                await ObserveAsync(definition, source, new SourcePoll(clock.GetUtcNow(), count, null), stoppingToken);
                if (definition.Interval is not { } interval)
                {
                    return;
                }

                wait = WithJitter(interval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                if (ex is SourceRateLimitedException limited)
                {
                    wait = limited.RetryAfter + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
                    LogRateLimited(source.Name, limited.Message, wait);
                }
                else
                {
                    wait = WithJitter(Backoff(definition, failures));
                    LogSourceFailed(ex, source.Name, failures, wait);
                }

                await ObserveAsync(definition, source, new SourcePoll(clock.GetUtcNow(), 0, OneLine(ex)), stoppingToken);
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads what the source has after its saved cursor; returns how many mentions it delivered.</summary>
    public async Task<int> ReadOnceAsync(IMentionSource source, CancellationToken cancellationToken)
    {
        var cursor = await cursors.GetCursorAsync(source.Name, cancellationToken);
        var count = 0;
        await foreach (var batch in source.ReadAsync(cursor, cancellationToken))
        {
            var pending = new List<Task<ProcessResult>>(batch.Mentions.Count);
            foreach (var mention in batch.Mentions)
            {
                pending.Add(await sink.SubmitAsync(mention, cancellationToken));
            }

            await Task.WhenAll(pending).WaitAsync(cancellationToken);
            count += pending.Count;
            if (batch.Cursor is not null && batch.Cursor != cursor)
            {
                await cursors.SaveCursorAsync(source.Name, batch.Cursor, clock.GetUtcNow(), cancellationToken);
                cursor = batch.Cursor;
            }
        }

        return count;
    }

    /// <summary>Doubles per failure in a row, from RetryDelay up to MaxRetryDelay.</summary>
    public static TimeSpan Backoff(SourceDefinition definition, int failures)
    {
        var ticks = definition.RetryDelay.Ticks * (double)(1L << Math.Clamp(failures - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(definition.MaxRetryDelay.Ticks, ticks));
    }

    private async Task ObserveAsync(SourceDefinition definition, IMentionSource source, SourcePoll poll, CancellationToken cancellationToken)
    {
        try
        {
            await health.ObserveAsync(definition, source.Kind, poll, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogHealthFailed(ex, source.Name);
        }
    }

    private static string OneLine(Exception ex)
    {
        var message = ex is SourceHttpException or SourceFormatException or SourceRateLimitedException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
        return string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // Up to 10% later, so sources with the same interval do not hit the network in lock-step.
    private static TimeSpan WithJitter(TimeSpan value) =>
        value + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * value.TotalMilliseconds * 0.1);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Source {SourceName} delivered {Count} mentions")]
    private partial void LogRead(string sourceName, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName} failed ({Failures} in a row); next try in {Backoff}")]
    private partial void LogSourceFailed(Exception exception, string sourceName, int failures, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName} is rate-limited ({Reason}); next try in {Wait}")]
    private partial void LogRateLimited(string sourceName, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording the health of source {SourceName} failed")]
    private partial void LogHealthFailed(Exception exception, string sourceName);
}
