using Webcare.Core.Cases;

namespace Webcare.Core.Tests.Cases;

public sealed class CaseActionIdTests
{
    private static readonly Actor Agent = new("test", "U1", "Anna", new HashSet<Role> { Role.Agent });

    [Theory]
    [InlineData(CaseActionKind.Claim)]
    [InlineData(CaseActionKind.MarkReplied)]
    [InlineData(CaseActionKind.Resolve)]
    [InlineData(CaseActionKind.Reopen)]
    public void TryParse_FormattedId_RoundTrips(CaseActionKind kind)
    {
        var id = CaseActionId.Format(42, kind);

        Assert.True(CaseActionId.TryParse(id, null, Agent, out var action));
        Assert.Equal(42, action.CaseId);
        Assert.Equal(kind, action.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("case:42")]
    [InlineData("case:-1:claim")]
    [InlineData("case:0:claim")]
    [InlineData("case:42:explode")]
    [InlineData("case:42:claim:extra")]
    [InlineData("case:4 2:claim")]
    [InlineData("case:99999999999999999999999:claim")]
    [InlineData("other:42:claim")]
    public void TryParse_MalformedId_IsRejected(string? id)
    {
        Assert.False(CaseActionId.TryParse(id, null, Agent, out _));
    }

    [Fact]
    public void TryParse_OriginWithoutValue_IsRejected()
    {
        Assert.False(CaseActionId.TryParse("case:7:origin", null, Agent, out _));
        Assert.True(CaseActionId.TryParse("case:7:origin", "store", Agent, out var action));
        Assert.Equal("store", action.Value);
    }

    [Fact]
    public void TryParse_ValueLongerThanAModalAllows_IsRejected()
    {
        Assert.False(CaseActionId.TryParse("case:7:edit", new string('x', 3001), Agent, out _));
    }
}
