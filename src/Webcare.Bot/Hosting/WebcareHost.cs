using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Webcare.Bot.Pipeline;
using Webcare.Bot.Scheduling;
using Webcare.Chat;
using Webcare.Chat.Slack;
using Webcare.Chat.Discord;
using Webcare.Core.Pipeline;
using Webcare.Http;
using Webcare.Sources;
using Webcare.Storage;

namespace Webcare.Bot.Hosting;

/// <summary>Builds the bot's host the same way for the worker, the CLI verbs and the end-to-end tests.</summary>
public static class WebcareHost
{
    /// <summary>
    /// Configuration comes from <c>config/appsettings.json</c>, then <c>config/appsettings.{Environment}.json</c>,
    /// then environment variables (<c>Webcare__Storage__Path</c> overrides <c>Webcare:Storage:Path</c>), then <paramref name="overrides"/>.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string? contentRoot = null, IDictionary<string, string?>? overrides = null)
    {
        var root = contentRoot ?? FindContentRoot();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = root,
            DisableDefaults = true,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("WEBCARE_ENVIRONMENT") ?? Environments.Production,
        });

        builder.Configuration
            .AddJsonFile(Path.Combine(root, "config", "appsettings.json"), optional: false, reloadOnChange: false)
            .AddJsonFile(Path.Combine(root, "config", $"appsettings.{builder.Environment.EnvironmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        // Logs go to stderr so stdout carries only what a user asked for: cards, reports, JSON.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        builder.Services.AddWebcareCore();
        builder.Services.AddWebcareStorage();
        builder.Services.AddWebcareChat();
        builder.Services.AddWebcarePipeline();
        builder.Services.AddWebcareSources();
        builder.Services.AddWebcareHttp();
        builder.Services.AddWebcareSlack(builder.Configuration);
        builder.Services.AddWebcareScheduling();
        builder.Services.AddWebcareDiscord(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddWebcarePipeline(this IServiceCollection services)
    {
        services.AddSingleton<MentionPipeline>();
        services.AddSingleton<IMentionSink>(sp => sp.GetRequiredService<MentionPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<MentionPipeline>());
        services.AddHostedService<HeartbeatService>();
        return services;
    }

    /// <summary>The repository (or install) folder that holds <c>config/appsettings.json</c>: the current directory first, then beside the binary.</summary>
    public static string FindContentRoot()
    {
        foreach (var candidate in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (File.Exists(Path.Combine(candidate, "config", "appsettings.json")))
            {
                return candidate;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
