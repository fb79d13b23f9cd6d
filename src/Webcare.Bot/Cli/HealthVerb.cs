using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webcare.Bot.Hosting;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare health</c>: exit 0 when the running bot wrote its heartbeat recently, 1 otherwise (for container health checks).</summary>
internal static class HealthVerb
{
    private static readonly TimeSpan MaxAge = HeartbeatService.Interval * 4;

    public static Command Create()
    {
        var command = new Command("health", "Exit 0 if the running bot's heartbeat is fresh, 1 if it is stale or missing.");
        command.SetAction(async (_, ct) =>
        {
            using var host = WebcareHost.CreateBuilder().Build();
            var path = HeartbeatService.PathFor(host.Services.GetRequiredService<SqliteDatabase>().FilePath);
            var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            if (!File.Exists(path)
                || !DateTimeOffset.TryParse(await File.ReadAllTextAsync(path, ct), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var beat))
            {
                await Console.Error.WriteLineAsync($"unhealthy: no heartbeat at {path}");
                return 1;
            }

            var age = now - beat;
            var healthy = age <= MaxAge;
            await (healthy ? Console.Out : Console.Error).WriteLineAsync($"{(healthy ? "healthy" : "unhealthy")}: last heartbeat {age.TotalSeconds:0} s ago");
            return healthy ? 0 : 1;
        });
        return command;
    }
}
