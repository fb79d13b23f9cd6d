using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Interactions;
using Webcare.Chat.Discord.Rest;
using Webcare.Core.Chat;
using Webcare.Core.Configuration;

namespace Webcare.Chat.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter. Always validated; active only when <c>Webcare__Discord__BotToken</c> is set,
    /// so without it the bot runs exactly as before.
    /// </summary>
    public static IServiceCollection AddWebcareDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.AddSingleton<IStartupCheck, DiscordTokenCheck>();
        if (string.IsNullOrWhiteSpace(configuration[DiscordOptions.Section + ":" + nameof(DiscordOptions.BotToken)]))
        {
            return services; // Not configured: no platform, no connection, nothing changes.
        }

        // No request logging: interaction URLs carry short-lived tokens.
        services.AddHttpClient(DiscordRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<DiscordRestClient>();
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordFatalStop>();
        services.AddSingleton<DiscordGateway>();
        services.AddSingleton<DiscordInteractionRouter>();
        services.AddSingleton<DiscordChatPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<DiscordChatPlatform>());
        services.AddHostedService<DiscordService>();
        return services;
    }
}
