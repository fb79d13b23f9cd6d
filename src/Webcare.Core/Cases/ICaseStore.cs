namespace Webcare.Core.Cases;

/// <summary>Reads and changes cases. Implementations apply a change only if the case is still at the version it was read at.</summary>
public interface ICaseStore
{
    Task<CaseRecord?> GetCaseAsync(long caseId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseEvent>> GetEventsAsync(long caseId, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: applies <paramref name="change"/> if the case is still at
    /// <paramref name="expectedVersion"/>, appends the event, and queues a card update for every
    /// chat message that shows the case. Returns false (changing nothing) when another change won.
    /// </summary>
    Task<bool> TryApplyAsync(long caseId, long expectedVersion, CaseChange change, CaseEvent caseEvent, CancellationToken cancellationToken);
}
