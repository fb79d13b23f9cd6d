using Microsoft.Extensions.Configuration;
using Webcare.Core.Configuration;

namespace Webcare.Chat.Discord.Hosting;

/// <summary>The bot token is a secret: it may come from the environment (or a secret store), never from a JSON file in config/.</summary>
internal sealed class DiscordTokenCheck(IConfiguration configuration) : IStartupCheck
{
    private const string Key = DiscordOptions.Section + ":" + nameof(DiscordOptions.BotToken);

    public IEnumerable<string> Check()
    {
        if (configuration is not IConfigurationRoot root)
        {
            yield break;
        }

        foreach (var provider in root.Providers)
        {
            // Matched by name so this project needs no file-configuration package.
            if (provider.GetType().Name.StartsWith("Json", StringComparison.Ordinal)
                && provider.TryGet(Key, out var token) && !string.IsNullOrWhiteSpace(token))
            {
                yield return $"{Key} is set in a JSON config file ({provider}); remove it there and set the environment variable Webcare__Discord__BotToken instead.";
            }
        }
    }
}
