using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Hosting;

/// <summary>
/// Writes the time into a file beside the database every <see cref="Interval"/>, so a container
/// health check (<c>webcare health</c>) can tell a live bot from a hung one without a network port.
/// </summary>
public sealed partial class HeartbeatService(SqliteDatabase database, TimeProvider clock, ILogger<HeartbeatService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static string PathFor(string databasePath) => Path.Combine(Path.GetDirectoryName(databasePath) ?? ".", "heartbeat");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = PathFor(database.FilePath);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await File.WriteAllTextAsync(path, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), stoppingToken);
            }
            catch (IOException ex)
            {
                LogHeartbeatFailed(ex, path);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write the heartbeat file {Path}")]
    private partial void LogHeartbeatFailed(Exception exception, string path);
}
