namespace Webcare.Core.Alerts;

/// <summary>Section <c>Webcare:Spikes</c>: the hourly volume / negativity spike alert.</summary>
public sealed class SpikeOptions
{
    public const string Section = "Webcare:Spikes";

    public bool Enabled { get; set; } = true;

    /// <summary>Alert when the hour's volume or negative share exceeds this multiple of the same hour's 4-week baseline.</summary>
    public double Multiple { get; set; } = 3.0;

    /// <summary>Quiet hours never alert: at least this many mentions in the hour.</summary>
    public int MinimumVolume { get; set; } = 20;

    /// <summary>No second alert within this time after one (remembered in the database, so restarts do not repeat it).</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Chat address for alerts; empty means Webcare:Routing:OpsChannel, then the default channel.</summary>
    public string? Channel { get; set; }
}
