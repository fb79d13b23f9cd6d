using Webcare.Core.Triage;

namespace Webcare.Core.Cases;

/// <summary>An open, unanswered case as the SLA watch sees it; <see cref="Shown"/> is the colour its cards last got (0 green, 1 amber, 2 red).</summary>
public sealed record SlaWatchItem(long CaseId, Priority Priority, DateTimeOffset PostedAt, DateTimeOffset? DueAt, int Shown);

public interface ISlaWatchStore
{
    Task<IReadOnlyList<SlaWatchItem>> GetUnansweredOpenCasesAsync(CancellationToken cancellationToken);

    /// <summary>In one transaction: remembers the colour shown and queues a card update for every message of the case.</summary>
    Task MarkSlaShownAsync(long caseId, int shown, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// Cards are static messages; this turns a card amber and then red when its clock gets there,
/// by queueing one card update per colour change (never more than two per case).
/// </summary>
public sealed class SlaWatch(ISlaWatchStore store, SlaPolicy sla, TimeProvider clock)
{
    /// <summary>Queues updates for cards whose colour changed; returns how many cases changed.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var item in await store.GetUnansweredOpenCasesAsync(cancellationToken))
        {
            var rank = Rank(item, now);
            if (rank > item.Shown)
            {
                await store.MarkSlaShownAsync(item.CaseId, rank, now, cancellationToken);
                changed++;
            }
        }

        return changed;
    }

    private int Rank(SlaWatchItem item, DateTimeOffset now)
    {
        var due = item.DueAt ?? sla.DueAt(item.Priority, item.PostedAt);
        if (now >= due)
        {
            return 2;
        }

        var total = sla.Calendar.Between(item.PostedAt, due);
        var left = sla.Calendar.Between(now, due);
        return total > TimeSpan.Zero && 1 - (left / total) >= sla.AmberAt ? 1 : 0;
    }
}
