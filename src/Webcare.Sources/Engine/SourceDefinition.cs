using Microsoft.Extensions.Configuration;

namespace Webcare.Sources.Engine;

/// <summary>One entry of <c>Webcare:Sources</c>: the settings every source kind shares.</summary>
public sealed class SourceDefinition
{
    public string Name { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public bool Enabled { get; set; } = true;

    /// <summary>How often to poll; a source that streams or replays once leaves it empty.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>First wait after a failed poll; it doubles per failure in a row up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed polls in a row before one "source failing" card goes to the ops channel.</summary>
    public int FailuresBeforeAlert { get; set; } = 5;

    /// <summary>How long the source may deliver nothing before one "source silent" card; empty means never.</summary>
    public TimeSpan? QuietPeriod { get; set; }
}

/// <summary>A kind of source ("replay", "rss", …): validates its own settings and creates sources.</summary>
public interface ISourceKind
{
    string Kind { get; }

    /// <summary>Problems with the settings at <paramref name="section"/>, each one line naming the key and the fix.</summary>
    IEnumerable<string> Validate(IConfigurationSection section);

    Core.Mentions.IMentionSource Create(SourceDefinition definition, IConfigurationSection section, IServiceProvider services);
}
