namespace Webcare.Core.Mentions;

/// <summary>Whether a source's ops alert is raised, and why.</summary>
public enum SourceAlertState
{
    Ok,
    Failing,
    Silent,
}

/// <summary>What the bot knows about one source's recent polls (for health alerts and <c>/webcare sources</c>).</summary>
public sealed record SourceHealth(
    string SourceName,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastItemAt,
    int ConsecutiveFailures,
    string? LastError,
    SourceAlertState Alert,
    string? ItemsDay,
    int ItemsToday)
{
    /// <summary>Items delivered on <paramref name="day"/> (yyyy-MM-dd, UTC); zero when the counter belongs to another day.</summary>
    public int ItemsOn(string day) => string.Equals(ItemsDay, day, StringComparison.Ordinal) ? ItemsToday : 0;
}

/// <summary>One poll's outcome: <paramref name="Error"/> is null on success.</summary>
public sealed record SourcePoll(DateTimeOffset At, int Items, string? Error);

/// <summary>Keeps source health across restarts, so an alert raised before a restart is not raised again.</summary>
public interface ISourceHealthStore
{
    Task<SourceHealth?> GetHealthAsync(string sourceName, CancellationToken cancellationToken);

    Task<IReadOnlyList<SourceHealth>> GetAllHealthAsync(CancellationToken cancellationToken);

    /// <summary>Records a poll and returns the health after it.</summary>
    Task<SourceHealth> RecordPollAsync(string sourceName, SourcePoll poll, CancellationToken cancellationToken);

    /// <summary>Moves the alert state from <paramref name="expected"/> to <paramref name="next"/>; false when another writer already moved it.</summary>
    Task<bool> TrySetAlertAsync(string sourceName, SourceAlertState expected, SourceAlertState next, DateTimeOffset now, CancellationToken cancellationToken);
}
