using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Chat.Outbox;
using Webcare.Core.Cases;

namespace Webcare.Bot.Hosting;

/// <summary>Once a minute, turns case cards amber or red when their first-response clock gets there.</summary>
public sealed partial class SlaWatchService(IServiceScopeFactory scopes, OutboxSignal outbox, TimeProvider clock, ILogger<SlaWatchService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first look waits one interval: migrations run in a hosted service registered after this one.
        using var timer = new PeriodicTimer(Interval, clock);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<SlaWatch>().RefreshAsync(stoppingToken) > 0)
                {
                    outbox.Notify();
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing SLA clocks on case cards failed; trying again next minute")]
    private partial void LogRefreshFailed(Exception exception);
}
