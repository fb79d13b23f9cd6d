using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;

namespace Webcare.Sources.Engine;

/// <summary>
/// Runs every enabled source on its own loop. A batch's cursor is saved only after each of its
/// mentions is stored (or recorded as failed), so a crash re-reads instead of losing; dedupe makes
/// re-reading harmless. A failing source backs off exponentially without touching the others.
/// </summary>
public sealed partial class SourceEngine(
    SourcesConfiguration configuration,
    IServiceProvider services,
    IMentionSink sink,
    ISourceCursorStore cursors,
    TimeProvider clock,
    ILogger<SourceEngine> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = configuration.Enabled()
            .Select(s => RunSourceAsync(s.Kind.Create(s.Definition, s.Section, services), s.Definition.Interval, stoppingToken))
            .ToList();
        return Task.WhenAll(loops);
    }

    private async Task RunSourceAsync(IMentionSource source, TimeSpan? interval, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await ReadOnceAsync(source, stoppingToken);
                failures = 0;
                LogRead(source.Name, count);
                if (interval is null)
                {
                    return;
                }

                await Task.Delay(WithJitter(interval.Value), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
                LogSourceFailed(ex, source.Name, failures, backoff);
                try
                {
                    await Task.Delay(WithJitter(backoff), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
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

            await Task.WhenAll(pending);
            count += pending.Count;
            if (batch.Cursor is not null && batch.Cursor != cursor)
            {
                await cursors.SaveCursorAsync(source.Name, batch.Cursor, clock.GetUtcNow(), cancellationToken);
                cursor = batch.Cursor;
            }
        }

        return count;
    }

    private static TimeSpan WithJitter(TimeSpan value) =>
        value + TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * value.TotalMilliseconds * 0.1);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Source {SourceName} delivered {Count} mentions")]
    private partial void LogRead(string sourceName, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {SourceName} failed ({Failures} in a row); next try in {Backoff}")]
    private partial void LogSourceFailed(Exception exception, string sourceName, int failures, TimeSpan backoff);
}
