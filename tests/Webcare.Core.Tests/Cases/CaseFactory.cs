using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Cases;

internal static class CaseFactory
{
    public static readonly Actor Anna = new("slack", "U1", "Anna", new HashSet<Role> { Role.Agent });
    public static readonly Actor Bram = new("discord", "D2", "Bram", new HashSet<Role> { Role.Agent });
    public static readonly Actor Lead = new("slack", "U9", "Lotte", new HashSet<Role> { Role.Agent, Role.Lead });
    public static readonly Actor Manager = new("slack", "U7", "Mia", new HashSet<Role> { Role.Manager });

    public static CaseRecord Case(CaseState state = CaseState.New, string? assignee = null, Origin origin = Origin.Store, bool originConfirmed = false,
        DateTimeOffset? posted = null, Priority priority = Priority.P2, DateTimeOffset? due = null, DateTimeOffset? replied = null)
    {
        var at = posted ?? new DateTimeOffset(2026, 3, 27, 15, 30, 0, TimeSpan.Zero);
        var mention = new Mention("demo", "1", "x", new Author("jan", "Jan", 1200), "Al een uur in de wacht bij Telvio", null, at, Engagement.None);
        var triage = new TriageResult("nl", -0.7, 0.9, true, Intent.Complaint, [], new Reach(1200, 0, 1), priority,
            new OriginGuess(origin, "in de wacht", 0.6), [new RootCauseGuess("waiting_time", "wacht")], "Negative cues", "Sorry!");
        return new CaseRecord(12, new StoredMention(5, mention, "Telvio"), triage, state, 3, assignee, assignee switch { "U1" => "Anna", "D2" => "Bram", null => null, _ => assignee },
            priority, origin, "in de wacht", originConfirmed, ["waiting_time"], false, "Sorry!", at, at, replied, null)
        {
            GuessedOrigin = origin,
            GuessedRootCauses = ["waiting_time"],
            SlaDueAt = due,
        };
    }
}
