using Microsoft.Extensions.DependencyInjection;
using Webcare.Core.Alerts;
using Webcare.Core.Reports.Digest;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage;

public static class DigestStorageServiceCollectionExtensions
{
    /// <summary>The SQLite store behind the digest, spike-alert and scheduled-run ports (needs AddWebcareStorage).</summary>
    public static IServiceCollection AddWebcareDigestStorage(this IServiceCollection services)
    {
        services.AddSingleton<IDigestQueries>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<ISpikeQueries>(sp => sp.GetRequiredService<SqliteStore>());
        services.AddSingleton<IScheduledRunStore>(sp => sp.GetRequiredService<SqliteStore>());
        return services;
    }
}
