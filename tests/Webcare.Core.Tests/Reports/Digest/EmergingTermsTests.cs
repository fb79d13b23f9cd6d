using Webcare.Core.Reports.Digest;

namespace Webcare.Core.Tests.Reports.Digest;

public sealed class EmergingTermsTests
{
    [Fact]
    public void Words_DutchAndEnglishStopWords_AreRemovedPerLanguage()
    {
        Assert.Equal(["storing", "glasvezel", "telvio"], EmergingTerms.Words("De storing van het glasvezel bij #Telvio is er nog", "nl").ToList());
        Assert.Equal(["app", "crashes", "login"], EmergingTerms.Words("The app crashes when I login to it @telvio https://x.example/a", "en").ToList());
    }

    [Fact]
    public void Words_AccentsAndCase_AreFolded()
    {
        Assert.Equal(["cafe", "defecte"], EmergingTerms.Words("CAFÉ défecte", "nl").ToList());
    }

    [Fact]
    public void Find_WordRisingAboveBaseline_IsEmergingAndSteadyWordIsNot()
    {
        var current = Enumerable.Range(0, 10).Select(i => new TermSource(i < 6 ? "storing internet weer" : "levering laat", "nl")).ToList();
        // Baseline: "levering" is always there (4 per week), "storing" never.
        var baseline = Enumerable.Range(0, 16).Select(_ => new TermSource("levering laat", "nl")).ToList();

        var terms = EmergingTerms.Find(current, baseline, baselinePeriods: 4);

        Assert.Contains(terms, t => t.Term == "storing" && t.Count == 6 && t.BaselineAverage == 0);
        Assert.DoesNotContain(terms, t => t.Term == "levering");
    }

    [Fact]
    public void Find_RepeatedWordInOnePost_CountsOnce()
    {
        var current = new[] { new TermSource("kapot kapot kapot kapot", "nl") };
        Assert.Empty(EmergingTerms.Find(current, [], 4));
    }
}
