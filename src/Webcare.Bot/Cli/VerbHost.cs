using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webcare.Bot.Hosting;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Cli;

/// <summary>The bot's services without its workers, for one-shot CLI verbs.</summary>
internal static class VerbHost
{
    /// <summary>Builds the host, checks configuration and (when asked) migrates the database; null after printing why it cannot.</summary>
    public static async Task<IHost?> StartAsync(bool needsDatabase, CancellationToken cancellationToken, IDictionary<string, string?>? overrides = null)
    {
        var host = WebcareHost.CreateBuilder(overrides: overrides).Build();
        var problems = ConfigurationCheck.Run(host.Services);
        if (problems.Count > 0)
        {
            await PrintProblemsAsync(problems);
            host.Dispose();
            return null;
        }

        if (needsDatabase)
        {
            await host.Services.GetRequiredService<SqliteDatabase>().MigrateAsync(cancellationToken);
        }

        return host;
    }

    public static async Task PrintProblemsAsync(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync("Configuration error: " + problem);
        }
    }
}
