using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Webcare.Core.Configuration;
using Webcare.Sources.Engine;
using Webcare.Sources.Replay;

namespace Webcare.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>The source kinds and the engine that polls every configured source.</summary>
    public static IServiceCollection AddWebcareSources(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceKind, ReplayKind>());
        services.AddSingleton<SourcesConfiguration>();
        services.AddSingleton<IStartupCheck, SourcesStartupCheck>();
        services.AddSingleton<SourceEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<SourceEngine>());
        return services;
    }
}
