using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Webcare.Bot.Hosting;
using Webcare.Core.Routing;
using Webcare.Sources.Engine;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Cli;

internal static class RunVerb
{
    public const int ConfigurationExitCode = 2;
    public const int StartFailedExitCode = 1;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var host = WebcareHost.CreateBuilder().Build();
        var problems = ConfigurationCheck.Run(host.Services);
        if (problems.Count > 0)
        {
            await VerbHost.PrintProblemsAsync(problems);
            return ConfigurationExitCode;
        }

        await PrintBannerAsync(host.Services);
        try
        {
            await host.RunAsync(cancellationToken);
            // A platform that cannot go on (e.g. Discord rejecting the token) stops the host and sets the exit code.
            return Environment.ExitCode;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or StartupFailedException)
        {
            await Console.Error.WriteLineAsync($"Webcare Bot could not start: {ex.Message}");
            return StartFailedExitCode;
        }
    }

    private static async Task PrintBannerAsync(IServiceProvider services)
    {
        var database = services.GetRequiredService<SqliteDatabase>();
        var sources = services.GetRequiredService<SourcesConfiguration>().Enabled().Select(s => $"{s.Definition.Name} ({s.Definition.Kind})");
        var routing = services.GetRequiredService<IOptions<RoutingOptions>>().Value;
        var channels = routing.Routes.Select(r => r.Channel).Append(routing.DefaultChannel).Distinct();
        await Console.Error.WriteLineAsync(
            $"Webcare Bot — sources: {string.Join(", ", sources)} · channels: {string.Join(", ", channels)} · database: {database.FilePath}. Press Ctrl+C to stop.");
    }
}

/// <summary>A start-up failure whose message is already fit for the user.</summary>
public sealed class StartupFailedException(string message) : Exception(message);
