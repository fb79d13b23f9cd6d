using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Webcare.Core.Alerts;
using Webcare.Core.Reports.Digest;
using Webcare.Storage;

namespace Webcare.Bot.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The timed jobs: the weekly manager digest and the hourly spike alert, with their options and stores.</summary>
    public static IServiceCollection AddWebcareScheduling(this IServiceCollection services)
    {
        services.AddOptions<DigestOptions>().BindConfiguration(DigestOptions.Section).ValidateOnStart();
        services.AddOptions<SpikeOptions>().BindConfiguration(SpikeOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>();
        services.AddSingleton<IValidateOptions<SpikeOptions>, SpikeOptionsValidator>();

        services.AddWebcareDigestStorage();
        services.AddSingleton<IDigestArchive>(sp => new FileDigestArchive(
            Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<DigestOptions>>().Value.Folder)));
        services.AddSingleton<SpikeDetector>();
        services.AddSingleton<DigestScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestScheduler>());
        services.AddSingleton<SpikeAlertService>();
        services.AddHostedService(sp => sp.GetRequiredService<SpikeAlertService>());
        return services;
    }
}

/// <summary>Keeps digest reports as files under the content root (data/digests by default).</summary>
public sealed class FileDigestArchive(string folder) : IDigestArchive
{
    public async Task<string> SaveAsync(string fileName, byte[] content, CancellationToken cancellationToken)
    {
        if (fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileName.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name.", nameof(fileName));
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        // Write beside and move, so a reader never sees half a report.
        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
