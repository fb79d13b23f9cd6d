using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Chat.Outbox;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;

namespace Webcare.Bot.Pipeline;

/// <summary>
/// The bounded queue between sources and processing. One consumer keeps mentions in arrival
/// order; each mention gets its own scope and try/catch, so one bad mention never stops the rest.
/// </summary>
public sealed partial class MentionPipeline(
    IServiceScopeFactory scopes,
    IIngestFailureStore failures,
    OutboxSignal outboxSignal,
    TimeProvider clock,
    ILogger<MentionPipeline> logger) : BackgroundService, IMentionSink
{
    public const int Capacity = 256;
    private const int MaxAttempts = 3;

    private readonly Channel<(Mention Mention, TaskCompletionSource<ProcessResult> Done)> _queue =
        Channel.CreateBounded<(Mention, TaskCompletionSource<ProcessResult>)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public async ValueTask<Task<ProcessResult>> SubmitAsync(Mention mention, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<ProcessResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((mention, done), cancellationToken);
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (mention, done) in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                var result = await ProcessWithRetriesAsync(mention, stoppingToken);
                if (result.CaseId is not null)
                {
                    outboxSignal.Notify();
                }

                done.TrySetResult(result);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: anything still queued is re-read from the sources' saved cursors.
            // Release whoever waits for those mentions, so a source or webhook never blocks shutdown.
            while (_queue.Reader.TryRead(out var abandoned))
            {
                abandoned.Done.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task<ProcessResult> ProcessWithRetriesAsync(Mention mention, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<MentionProcessor>().ProcessAsync(mention, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogMentionFailed(ex, mention.SourceName, mention.ExternalId, attempt);
                if (attempt >= MaxAttempts)
                {
                    await RecordFailureAsync(mention, ex, stoppingToken);
                    return new ProcessResult(MentionOutcome.Failed);
                }
            }
        }
    }

    private async Task RecordFailureAsync(Mention mention, Exception error, CancellationToken stoppingToken)
    {
        try
        {
            await failures.RecordFailureAsync(mention, $"{error.GetType().Name}: {error.Message}", clock.GetUtcNow(), stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailureNotRecorded(ex, mention.SourceName, mention.ExternalId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Processing mention {SourceName}/{ExternalId} failed (attempt {Attempt})")]
    private partial void LogMentionFailed(Exception exception, string sourceName, string externalId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mention {SourceName}/{ExternalId} failed and could not be recorded either")]
    private partial void LogFailureNotRecorded(Exception exception, string sourceName, string externalId);
}
