using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Webcare.Chat.Inbound;

/// <summary>Runs queued interactions, each in its own scope and try/catch, two at a time.</summary>
public sealed partial class InteractionWorker(InteractionQueue queue, IServiceScopeFactory scopes, ILogger<InteractionWorker> logger) : BackgroundService
{
    private const int Parallelism = 2;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => RunAsync(stoppingToken)));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (description, work) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await work(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogWorkFailed(ex, description);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Interaction {Description} failed")]
    private partial void LogWorkFailed(Exception exception, string description);
}
