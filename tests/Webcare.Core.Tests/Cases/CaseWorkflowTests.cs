using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Cases;

public sealed class CaseWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] RootCauses = ["staff", "waiting_time"];
    private static readonly Actor Anna = new("slack", "U1", "Anna", new HashSet<Role> { Role.Agent });
    private static readonly Actor Bram = new("discord", "U2", "Bram", new HashSet<Role> { Role.Agent });

    [Fact]
    public void Decide_ClaimNewCase_AssignsTheAgent()
    {
        var (change, _) = CaseWorkflow.Decide(Case(CaseState.New), new CaseAction(1, CaseActionKind.Claim, Anna), RootCauses, Now);

        Assert.NotNull(change);
        Assert.Equal(CaseState.Claimed, change.To);
        Assert.Equal("U1", change.AssigneeId);
    }

    [Fact]
    public void Decide_ClaimCaseSomeoneElseHas_RefusesAndNamesTheHolder()
    {
        var claimed = Case(CaseState.Claimed) with { AssigneeId = "U1", AssigneeName = "Anna" };

        var (change, message) = CaseWorkflow.Decide(claimed, new CaseAction(1, CaseActionKind.Claim, Bram), RootCauses, Now);

        Assert.Null(change);
        Assert.Contains("Anna", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_MarkReplied_RecordsFirstResponseOnce()
    {
        var (first, _) = CaseWorkflow.Decide(Case(CaseState.Claimed), new CaseAction(1, CaseActionKind.MarkReplied, Anna), RootCauses, Now);
        var replied = Case(CaseState.Replied) with { FirstRepliedAt = Now };
        var reopened = replied with { State = CaseState.Claimed };
        var (second, _) = CaseWorkflow.Decide(reopened, new CaseAction(1, CaseActionKind.MarkReplied, Anna), RootCauses, Now.AddHours(1));

        Assert.Equal(Now, first!.FirstRepliedAt);
        Assert.Equal(Now, second!.FirstRepliedAt);
    }

    [Theory]
    [InlineData(CaseState.New, CaseActionKind.Reopen)]
    [InlineData(CaseState.Resolved, CaseActionKind.Claim)]
    [InlineData(CaseState.Resolved, CaseActionKind.Dismiss)]
    [InlineData(CaseState.Dismissed, CaseActionKind.Resolve)]
    [InlineData(CaseState.New, CaseActionKind.Resolve)]
    [InlineData(CaseState.Replied, CaseActionKind.MarkReplied)]
    public void Decide_IllegalTransition_IsRefusedWithAMessage(CaseState state, CaseActionKind kind)
    {
        var (change, message) = CaseWorkflow.Decide(Case(state), new CaseAction(1, kind, Anna), RootCauses, Now);

        Assert.Null(change);
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Theory]
    [InlineData(CaseState.New)]
    [InlineData(CaseState.Claimed)]
    [InlineData(CaseState.Replied)]
    public void Decide_DismissFromAnyOpenState_ClosesTheCase(CaseState state)
    {
        var (change, _) = CaseWorkflow.Decide(Case(state), new CaseAction(1, CaseActionKind.Dismiss, Anna, "false_positive"), RootCauses, Now);

        Assert.Equal(CaseState.Dismissed, change!.To);
        Assert.Equal(Now, change.ClosedAt);
        Assert.Equal("false_positive", change.Note);
    }

    [Fact]
    public void Decide_SetOrigin_ConfirmsWithoutChangingState()
    {
        var (change, _) = CaseWorkflow.Decide(Case(CaseState.Claimed), new CaseAction(1, CaseActionKind.SetOrigin, Anna, "phone"), RootCauses, Now);

        Assert.Equal(CaseState.Claimed, change!.To);
        Assert.Equal(Origin.Phone, change.Origin);
        Assert.True(change.OriginConfirmed);
    }

    [Theory]
    [InlineData("origin", "unknown")]
    [InlineData("origin", "the moon")]
    [InlineData("rootcause", "aliens")]
    public void Decide_UnknownOriginOrRootCause_IsRefused(string verb, string value)
    {
        CaseActionId.TryParseVerb(verb, out var kind);

        var (change, _) = CaseWorkflow.Decide(Case(CaseState.Claimed), new CaseAction(1, kind, Anna, value), RootCauses, Now);

        Assert.Null(change);
    }

    internal static CaseRecord Case(CaseState state)
    {
        var mention = new Mention("demo", "1", "x", new Author("klant", "Klant", 10), "Slechte service", null, Now, Engagement.None);
        var triage = new TriageResult("nl", -0.5, 0.9, true, Intent.Complaint, [], new Reach(10, 0, 0), Priority.P3,
            OriginGuess.Unknown, [], "why", "reply");
        return new CaseRecord(1, new StoredMention(1, mention, "Telvio"), triage, state, 0, null, null, Priority.P3,
            Origin.Unknown, null, false, [], false, "reply", Now, Now, null, null);
    }
}
