using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Webcare.Chat.Console;
using Webcare.Chat.Inbound;
using Webcare.Chat.Outbox;
using Webcare.Core.Chat;

namespace Webcare.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The outbox, the inbound interaction queue, and the console chat.</summary>
    public static IServiceCollection AddWebcareChat(this IServiceCollection services)
    {
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConsoleChatOptions>().BindConfiguration(ConsoleChatOptions.Section);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<OutboxDispatcher>();
        services.AddHostedService<OutboxService>();
        services.AddSingleton<InteractionQueue>();
        services.AddHostedService<InteractionWorker>();

        services.TryAddSingleton(System.Console.Out);
        services.TryAddSingleton(System.Console.In);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPlatform, ConsoleChatPlatform>(sp => new ConsoleChatPlatform(
            sp.GetRequiredService<TextWriter>(), sp.GetRequiredService<IOptions<ConsoleChatOptions>>(), System.Console.IsOutputRedirected)));
        services.AddHostedService(sp => new ConsoleInputService(
            sp.GetRequiredService<TextReader>(), sp.GetRequiredService<InteractionQueue>(),
            sp.GetRequiredService<IOptions<ConsoleChatOptions>>(), System.Console.IsInputRedirected));
        return services;
    }
}
