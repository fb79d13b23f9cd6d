using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webcare.Core.Mentions;
using Webcare.Sources.Engine;

namespace Webcare.Sources.Replay;

/// <summary>The <c>replay</c> source kind.</summary>
public sealed class ReplayKind(IHostEnvironment environment) : ISourceKind
{
    public const string KindName = "replay";

    public string Kind => KindName;

    public IEnumerable<string> Validate(IConfigurationSection section)
    {
        ReplayOptions options;
        try
        {
            options = Bind(section);
        }
        catch (InvalidOperationException ex)
        {
            return [$"{section.Path}: {ex.InnerException?.Message ?? ex.Message}"];
        }

        var problems = new List<string>();
        var path = Resolve(options.Path);
        if (!File.Exists(path))
        {
            problems.Add($"{section.Path}:Path '{options.Path}' does not exist (looked at {path}); point it at a JSON Lines file of mentions.");
        }

        if (options.Duration < TimeSpan.Zero)
        {
            problems.Add($"{section.Path}:Duration must not be negative; use e.g. 00:00:20.");
        }

        if (options.Timestamps.ToLowerInvariant() is not ("live" or "original"))
        {
            problems.Add($"{section.Path}:Timestamps '{options.Timestamps}' is not valid; use live or original.");
        }

        return problems;
    }

    public IMentionSource Create(SourceDefinition definition, IConfigurationSection section, IServiceProvider services)
    {
        var options = Bind(section);
        return new ReplaySource(definition.Name, Resolve(options.Path), options,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ReplaySource>>());
    }

    private static ReplayOptions Bind(IConfigurationSection section) => section.Get<ReplayOptions>() ?? new ReplayOptions();

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
}
