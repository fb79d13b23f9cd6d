using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Chat.Discord.Gateway;
using Webcare.Chat.Discord.Hosting;
using Webcare.Chat.Discord.Interactions;
using Webcare.Chat.Discord.Rest;
using Webcare.Core.Chat;

namespace Webcare.Chat.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter. Always validated; active only when <c>Webcare__Discord__BotToken</c> is set,
    /// so without it the bot runs exactly as before.
    /// </summary>
    public static IServiceCollection AddWebcareDiscord(this IServiceCollection services)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.AddHttpClient(DiscordRestClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<DiscordRestClient>();
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordFatalStop>();
        services.AddSingleton<DiscordGateway>();
        services.AddSingleton<DiscordInteractionRouter>();
        services.AddSingleton<DiscordChatPlatform>();
        // Only a configured Discord takes discord: addresses; otherwise the outbox reports them as unconfigured, as before.
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<IOptions<DiscordOptions>>().Value.Enabled
            ? sp.GetRequiredService<DiscordChatPlatform>()
            : new DisabledDiscordPlatform());
        services.AddHostedService<DiscordService>();
        return services;
    }
}
