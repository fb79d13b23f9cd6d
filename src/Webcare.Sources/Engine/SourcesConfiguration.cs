using Microsoft.Extensions.Configuration;

namespace Webcare.Sources.Engine;

/// <summary>Reads and checks the <c>Webcare:Sources</c> list.</summary>
public sealed class SourcesConfiguration(IConfiguration configuration, IEnumerable<ISourceKind> kinds)
{
    public const string Section = "Webcare:Sources";

    private readonly IReadOnlyDictionary<string, ISourceKind> _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every configured source, enabled or not (for <c>/webcare sources</c>).</summary>
    public IEnumerable<SourceDefinition> All() =>
        configuration.GetSection(Section).GetChildren().Select(s => TryBind(s).Definition).OfType<SourceDefinition>();

    public IEnumerable<(SourceDefinition Definition, IConfigurationSection Section, ISourceKind Kind)> Enabled()
    {
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var definition = section.Get<SourceDefinition>() ?? new SourceDefinition();
            if (definition.Enabled && _kinds.TryGetValue(definition.Kind, out var kind))
            {
                yield return (definition, section, kind);
            }
        }
    }

    public IEnumerable<string> Validate()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var (definition, bindError) = TryBind(section);
            if (definition is null)
            {
                yield return $"{section.Path}: {bindError}";
                continue;
            }

            if (string.IsNullOrWhiteSpace(definition.Name))
            {
                yield return $"{section.Path}:Name is empty; give each source a unique name, e.g. \"demo\".";
            }
            else if (!names.Add(definition.Name))
            {
                yield return $"{section.Path}:Name '{definition.Name}' is used twice; source names must be unique.";
            }

            if (!_kinds.TryGetValue(definition.Kind, out var kind))
            {
                yield return $"{section.Path}:Kind '{definition.Kind}' is not a known source kind; use one of: {string.Join(", ", _kinds.Keys.Order())}.";
                continue;
            }

            if (definition.Interval is { } interval && interval < TimeSpan.FromSeconds(1))
            {
                yield return $"{section.Path}:Interval {interval} is too short; use at least 00:00:01 (a minute or more is polite to most APIs).";
            }

            if (definition.RetryDelay <= TimeSpan.Zero || definition.MaxRetryDelay < definition.RetryDelay)
            {
                yield return $"{section.Path}:RetryDelay/MaxRetryDelay must be positive with MaxRetryDelay >= RetryDelay; use e.g. 00:00:05 and 00:15:00.";
            }

            if (definition.FailuresBeforeAlert < 1)
            {
                yield return $"{section.Path}:FailuresBeforeAlert must be at least 1; use e.g. 5.";
            }

            if (definition.QuietPeriod is { } quiet && quiet <= TimeSpan.Zero)
            {
                yield return $"{section.Path}:QuietPeriod must be positive (or left out to never alert on silence); use e.g. 06:00:00.";
            }

            if (definition.Enabled)
            {
                foreach (var problem in kind.Validate(section))
                {
                    yield return problem;
                }
            }
        }
    }

    private static (SourceDefinition? Definition, string? Error) TryBind(IConfigurationSection section)
    {
        try
        {
            return (section.Get<SourceDefinition>() ?? new SourceDefinition(), null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.InnerException?.Message ?? ex.Message);
        }
    }
}
