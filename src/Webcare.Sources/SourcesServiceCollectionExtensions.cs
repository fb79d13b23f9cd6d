using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Webcare.Core.Commands;
using Webcare.Core.Configuration;
using Webcare.Http;
using Webcare.Sources.Engine;
using Webcare.Sources.Health;
using Webcare.Sources.Http;
using Webcare.Sources.Replay;
using Webcare.Sources.Bluesky;
using Webcare.Sources.GoogleReviews;
using Webcare.Sources.Mastodon;
using Webcare.Sources.Reddit;
using Webcare.Sources.Rss;
using Webcare.Sources.Webhook;
using Webcare.Sources.X;

namespace Webcare.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>The source kinds, the engine that polls every configured source, source health and the webhook ingest.</summary>
    public static IServiceCollection AddWebcareSources(this IServiceCollection services)
    {
        services.AddHttpClient(SourceHttp.ClientName, client =>
        {
            client.DefaultRequestHeaders.UserAgent.ParseAdd(SourceHttp.UserAgent);
            client.Timeout = TimeSpan.FromSeconds(30);
            client.MaxResponseContentBufferSize = 32 * 1024 * 1024; // A runaway feed must not eat the bot's memory.
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, ReplayKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, RssKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, MastodonKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, BlueskyKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, RedditKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, XKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, GoogleReviewsKind>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, WebhookKind>());
        services.AddEndpointModule<WebhookEndpoints>();
        services.AddSingleton<SourcesConfiguration>();
        services.AddSingleton<IStartupCheck, SourcesStartupCheck>();
        services.AddSingleton<SourceHealthMonitor>();
        services.AddScoped<ICommandHandler, SourcesCommand>();
        services.AddSingleton<SourceEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<SourceEngine>());
        return services;
    }
}
