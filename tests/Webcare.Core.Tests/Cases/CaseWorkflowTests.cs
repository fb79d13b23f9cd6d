using Webcare.Core.Cases;
using Webcare.Core.Mentions;
using static Webcare.Core.Tests.Cases.CaseFactory;

namespace Webcare.Core.Tests.Cases;

public sealed class CaseWorkflowTests
{
    private static readonly string[] Tags = ["staff", "waiting_time", "billing"];
    private static readonly DateTimeOffset Now = new(2026, 3, 27, 16, 0, 0, TimeSpan.Zero);

    private static (CaseChange? Change, string Message) Decide(CaseRecord c, CaseActionKind kind, Actor actor, string? value = null) =>
        CaseWorkflow.Decide(c, new CaseAction(c.Id, kind, actor, value), Tags, Now);

    [Fact]
    public void Decide_HappyPath_NewClaimedRepliedResolved()
    {
        var c = Case();
        var (claim, _) = Decide(c, CaseActionKind.Claim, Anna);
        Assert.Equal(CaseState.Claimed, claim!.To);
        Assert.Equal("U1", claim.AssigneeId);

        var (replied, _) = Decide(Case(CaseState.Claimed, "U1"), CaseActionKind.MarkReplied, Anna);
        Assert.Equal(CaseState.Replied, replied!.To);
        Assert.Equal(Now, replied.FirstRepliedAt);

        var (resolved, message) = Decide(Case(CaseState.Replied, "U1", originConfirmed: true), CaseActionKind.Resolve, Anna);
        Assert.Equal(CaseState.Resolved, resolved!.To);
        Assert.Equal(Now, resolved.ClosedAt);
        Assert.Equal("Anna resolved case #12.", message);
    }

    [Fact]
    public void Decide_ClaimOfClaimedCase_SaysWhoHasIt()
    {
        var (change, message) = Decide(Case(CaseState.Claimed, "U1"), CaseActionKind.Claim, Bram);
        Assert.Null(change);
        Assert.Equal("Case #12 is already claimed by Anna.", message);
    }

    [Theory]
    [InlineData(CaseState.Resolved, CaseActionKind.Claim, "resolved (re-open it first)")]
    [InlineData(CaseState.Dismissed, CaseActionKind.MarkReplied, "dismissed (re-open it first)")]
    [InlineData(CaseState.New, CaseActionKind.Reopen, "new and unclaimed")]
    [InlineData(CaseState.New, CaseActionKind.Release, "new and unclaimed")]
    public void Decide_IllegalTransition_RefusedWithState(CaseState state, CaseActionKind kind, string expected)
    {
        var (change, message) = Decide(Case(state, state == CaseState.New ? null : "U1"), kind, Anna);
        Assert.Null(change);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ResolveNewCase_AsksToClaimFirst()
    {
        var (change, message) = Decide(Case(), CaseActionKind.Resolve, Anna);
        Assert.Null(change);
        Assert.Contains("not claimed yet", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseActionKind.Resolve)]
    [InlineData(CaseActionKind.MarkReplied)]
    [InlineData(CaseActionKind.Release)]
    [InlineData(CaseActionKind.Dismiss)]
    public void Decide_OtherAgentsClaimedCase_RefusedButLeadMay(CaseActionKind kind)
    {
        var claimed = Case(CaseState.Claimed, "U1");
        var (refused, message) = Decide(claimed, kind, Bram);
        Assert.Null(refused);
        Assert.Equal("Case #12 is Anna's; ask Anna or a lead.", message);
        Assert.NotNull(Decide(claimed, kind, Lead).Change);
    }

    [Fact]
    public void Decide_DismissFromEveryOpenState_Allowed()
    {
        foreach (var state in new[] { CaseState.New, CaseState.Claimed, CaseState.Replied })
        {
            var (change, _) = Decide(Case(state, state == CaseState.New ? null : "U1"), CaseActionKind.Dismiss, Anna, "not_relevant");
            Assert.Equal(CaseState.Dismissed, change!.To);
            Assert.Equal("not_relevant", change.Note);
            Assert.Null(change.Label);
        }
    }

    [Fact]
    public void Decide_DismissFalsePositive_StoresNotNegativeLabel()
    {
        var (change, _) = Decide(Case(), CaseActionKind.Dismiss, Anna, "false_positive");
        Assert.Equal(new CaseLabel(CaseLabel.NotNegative, null, [], true), change!.Label);
    }

    [Fact]
    public void Decide_ReopenDismissedFalsePositive_TakesTheLabelBack()
    {
        var (change, _) = Decide(Case(CaseState.Dismissed, "U1"), CaseActionKind.Reopen, Anna);
        Assert.Equal(CaseState.Claimed, change!.To);
        Assert.Null(change.ClosedAt);
        Assert.Equal(CaseLabel.Negative, change.Label!.Label);
    }

    [Fact]
    public void Decide_ConfirmOtherOrigin_KeepsGuessAndLabelsCorrection()
    {
        var c = Case(CaseState.Claimed, "U1", Origin.Store);
        var (change, _) = Decide(c, CaseActionKind.SetOrigin, Anna, "phone");
        Assert.Equal(Origin.Phone, change!.Origin);
        Assert.True(change.OriginConfirmed);
        Assert.Equal("phone (triage guessed store)", change.Note);
        Assert.Equal(Origin.Phone, change.Label!.Origin);
        Assert.True(change.Label!.Corrected);
    }

    [Fact]
    public void Decide_ConfirmSameOrigin_LabelNotACorrection()
    {
        var (change, _) = Decide(Case(CaseState.Claimed, "U1", Origin.Store), CaseActionKind.SetOrigin, Anna, "store");
        Assert.False(change!.Label!.Corrected);
        Assert.Equal(Origin.Store, change.Label.Origin);
    }

    [Fact]
    public void Decide_RootCauseChanged_LabelledAsCorrection()
    {
        var (change, _) = Decide(Case(CaseState.Claimed, "U1"), CaseActionKind.SetRootCause, Anna, "staff, billing");
        Assert.Equal(["staff", "billing"], change!.RootCauses);
        Assert.True(change.RootCausesConfirmed);
        Assert.True(change.Label!.Corrected);
        Assert.Equal(["staff", "billing"], change.Label.RootCauses);
    }

    [Fact]
    public void Decide_UnknownRootCause_ListsKnownOnes()
    {
        var (change, message) = Decide(Case(), CaseActionKind.SetRootCause, Anna, "weather");
        Assert.Null(change);
        Assert.Contains("Known: staff, waiting_time, billing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ResolveWithGuessedOrigin_AcceptedAndAsksForOrigin()
    {
        var (change, message) = Decide(Case(CaseState.Replied, "U1", Origin.Phone), CaseActionKind.Resolve, Anna);
        Assert.Equal(CaseState.Resolved, change!.To);
        Assert.Contains("Where did it begin? Triage guessed phone", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ResolveWithUnknownOrigin_AsksToPickOne()
    {
        var (_, message) = Decide(Case(CaseState.Claimed, "U1", Origin.Unknown), CaseActionKind.Resolve, Anna);
        Assert.Equal("Anna resolved case #12. Where did it begin (store, phone, online)? Please pick it on the card.", message);
    }

    [Fact]
    public void Decide_EditReplyOnClosedCase_Refused()
    {
        var (change, message) = Decide(Case(CaseState.Resolved, "U1"), CaseActionKind.EditReply, Anna, "Hi");
        Assert.Null(change);
        Assert.Contains("re-open", message, StringComparison.Ordinal);
    }
}
