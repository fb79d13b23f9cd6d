using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Webcare.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>The optional local listener (off unless <c>Webcare:Http:Enabled</c>).</summary>
    public static IServiceCollection AddWebcareHttp(this IServiceCollection services)
    {
        services.AddOptions<LocalListenerOptions>().BindConfiguration(LocalListenerOptions.Section).ValidateOnStart();
        services.TryAddSingleton<LocalHttpListener>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalHttpListener>());
        return services;
    }

    public static IServiceCollection AddEndpointModule<TModule>(this IServiceCollection services)
        where TModule : class, IEndpointModule
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEndpointModule, TModule>());
        return services;
    }
}
