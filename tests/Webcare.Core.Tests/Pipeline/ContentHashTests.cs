using Webcare.Core.Pipeline;

namespace Webcare.Core.Tests.Pipeline;

public sealed class ContentHashTests
{
    [Fact]
    public void ContentHash_RepostLinksCaseAndAccents_AreTheSameComplaint()
    {
        var original = MentionProcessor.ContentHash("Al 3 weken géén internet @telvio!! https://t.example/abc");
        var repost = MentionProcessor.ContentHash("RT @sanne_v: al 3 weken geen   internet @Telvio https://t.example/other");

        Assert.Equal(original, repost);
    }

    [Fact]
    public void ContentHash_DifferentWords_Differ()
    {
        Assert.NotEqual(MentionProcessor.ContentHash("al 3 weken geen internet"), MentionProcessor.ContentHash("al 4 weken geen internet"));
    }
}
