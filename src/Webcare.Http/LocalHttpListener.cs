using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Http;

/// <summary>
/// Runs a small Kestrel server inside the bot when <c>Webcare:Http:Enabled</c> is true. Endpoints
/// resolve their services from the bot's own container, so they share its store and queues.
/// </summary>
public sealed partial class LocalHttpListener(
    IServiceProvider services,
    IEnumerable<IEndpointModule> modules,
    IOptions<LocalListenerOptions> options,
    ILogger<LocalHttpListener> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address actually bound (useful when the configured port is 0).</summary>
    public Uri? BoundAddress { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (!value.Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(value.Url);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = value.MaxRequestBodyBytes;
        });
        builder.Services.AddSingleton(services.GetRequiredService<ILoggerFactory>());
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        foreach (var module in modules)
        {
            module.Map(app);
        }

        await app.StartAsync(cancellationToken);
        _app = app;
        var addresses = app.Urls.FirstOrDefault();
        BoundAddress = addresses is null ? null : new Uri(addresses);
        LogListening(addresses ?? value.Url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local HTTP listener on {Url}")]
    private partial void LogListening(string url);
}
