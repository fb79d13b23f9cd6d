using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Chat;
using Webcare.Core.Mentions;
using Webcare.Core.Pipeline;
using Webcare.Core.Reports;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite store behind every store port, migrated before any worker starts.</summary>
    public static IServiceCollection AddWebcareStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteDatabase(Path.Combine(root, path), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SqliteDatabase>>());
        });
        services.AddSingleton<SqliteStore>();
        services.AddSingleton<IIngestStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IIngestFailureStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ICaseStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ISourceCursorStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IReportQueries>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ISourceHealthStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IMentionEditStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ILabelStore>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ISlaWatchStore>(sp => sp.GetRequiredService<SqliteStore>());

        // Registered first among hosted services: hosts start them in order, so the schema is
        // current before any worker touches the database.
        services.AddHostedService<MigrationService>();
        return services;
    }
}

/// <summary>Applies schema migrations at start-up, before the workers run.</summary>
public sealed class MigrationService(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
