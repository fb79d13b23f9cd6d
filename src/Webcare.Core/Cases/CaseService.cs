using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webcare.Core.Cases;

/// <summary>The one path every case action takes, whether it came from a chat button or the CLI.</summary>
public sealed partial class CaseService(
    ICaseStore store,
    IOptions<CaseOptions> options,
    TimeProvider clock,
    ILogger<CaseService> logger)
{
    private const int MaxAttempts = 5;

    public async Task<CaseActionResult> ApplyAsync(CaseAction action, CancellationToken cancellationToken)
    {
        if (!AccessPolicy.CanAct(action.Actor, action.Kind))
        {
            return CaseActionResult.Refused($"{action.Actor.DisplayName}, you need the agent or lead role to do that.");
        }

        // Optimistic concurrency: when two agents click at once, the loser re-reads and is told who won.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetCaseAsync(action.CaseId, cancellationToken);
            if (current is null)
            {
                return CaseActionResult.Refused($"There is no case #{action.CaseId}.");
            }

            var now = clock.GetUtcNow();
            var (change, message) = CaseWorkflow.Decide(current, action, options.Value.RootCauses, now);
            if (change is null)
            {
                return CaseActionResult.Refused(message, current);
            }

            var caseEvent = new CaseEvent(current.Id, now, action.Actor.UserId, action.Actor.DisplayName, action.Actor.Platform,
                change.EventKind, current.State, change.To, change.Note);
            if (await store.TryApplyAsync(current.Id, current.Version, change, caseEvent, cancellationToken))
            {
                LogApplied(current.Id, change.EventKind, action.Actor.Platform);
                var updated = await store.GetCaseAsync(current.Id, cancellationToken);
                return CaseActionResult.Done(message, updated!);
            }
        }

        return CaseActionResult.Refused($"Case #{action.CaseId} is changing fast; please try again.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {EventKind} via {Platform}")]
    private partial void LogApplied(long caseId, string eventKind, string platform);
}
