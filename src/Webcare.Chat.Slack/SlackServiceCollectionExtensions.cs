using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Chat;
using Webcare.Http;

namespace Webcare.Chat.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Slack, when a bot token is configured (<c>Webcare__Slack__BotToken</c>); otherwise nothing is
    /// registered and the bot runs exactly as without this line.
    /// </summary>
    public static IServiceCollection AddWebcareSlack(this IServiceCollection services, IConfiguration configuration)
    {
        if (!SlackOptions.IsConfigured(configuration))
        {
            return services;
        }

        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton(sp => new SlackApiClient(
            sp.GetRequiredService<IOptions<SlackOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SlackApiClient>>()));
        services.AddSingleton<SlackRoles>();
        services.AddSingleton<SlackChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SlackChatPlatform>());
        services.AddSingleton<SlackInbound>();
        services.AddSingleton(new EnvelopeDeduplicator());
        services.AddSingleton<SlackStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackStartup>());

        var mode = configuration.GetSection(SlackOptions.Section)["Mode"];
        if (string.Equals(mode, "http", StringComparison.OrdinalIgnoreCase))
        {
            services.AddEndpointModule<SlackHttpEndpoints>();
        }
        else
        {
            services.AddSingleton<SlackSocketModeService>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketModeService>());
        }

        return services;
    }
}
