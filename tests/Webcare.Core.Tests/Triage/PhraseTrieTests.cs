using Webcare.Core.Triage.Engine;

namespace Webcare.Core.Tests.Triage;

public sealed class PhraseTrieTests
{
    private static readonly PhraseWords NoWords = Fillers();

    [Theory]
    [InlineData("queued at the check-in desk for an hour", "check-in desk")]
    [InlineData("queued at the check in desk for an hour", "check-in desk")]
    [InlineData("the self-checkout charged me twice", "self checkout")]
    [InlineData("stuur het per e-mail", "per e-mail")]
    public void Match_HyphenInsideAWord_JoinsTheHalvesLikeASpace(string text, string pattern)
    {
        var found = MatchedPhrases(text, pattern);

        Assert.Equal([pattern], found);
    }

    [Fact]
    public void Match_HyphenBetweenWords_StillStopsAPhrase()
    {
        // A dash with spaces around it separates clauses; "desk - for" is not one phrase.
        Assert.Empty(MatchedPhrases("I went to the desk - for nothing", "desk for"));
    }

    [Theory]
    [InlineData("de boodschappenbezorger was onbeschoft", true)]
    [InlineData("de pakketbezorger was onbeschoft", true)]
    [InlineData("de bezorger was onbeschoft", false)] // the bare word is its own pattern
    [InlineData("de bezorgers waren onbeschoft", false)]
    public void Match_SuffixPattern_MatchesCompoundsOnly(string text, bool expected)
    {
        var found = MatchedPhrases(text, "*bezorger");

        Assert.Equal(expected, found.Count == 1);
    }

    [Fact]
    public void Match_SuffixPatternInAPhrase_MatchesTheWholePhrase()
    {
        var found = MatchedPhrases("aan de servicebalie geholpen", "aan de *balie");

        Assert.Equal(["aan de *balie"], found);
    }

    [Theory]
    [InlineData("honestly 10/10 would order again", "10/10", true)]
    [InlineData("0/10 would not recommend", "0/10", true)]
    [InlineData("the 10/10 hype is real", "10", false)] // a rating is one token, not the number before the slash
    [InlineData("booked for 12/05/2026 and cancelled", "12/05", false)] // a date is not a rating
    [InlineData("booked for 12/05/2026 and cancelled", "05/2026", false)]
    public void Match_RatingIsOneToken(string text, string pattern, bool expected)
    {
        var found = MatchedPhrases(text, pattern);

        Assert.Equal(expected, found.Count == 1);
    }

    [Theory]
    [InlineData("het apparaat werkt gewoon niet", "werkt niet", "werkt gewoon niet")]
    [InlineData("en hangt dan gewoon op", "hangt op", "hangt dan gewoon op")]
    [InlineData("het apparaat werkt niet", "werkt niet", "werkt niet")]
    public void Match_FillerBetweenAPhrasesWords_IsPassedOver(string text, string pattern, string evidence)
    {
        var found = MatchedSpans(text, pattern, Fillers("gewoon", "dan"));

        Assert.Equal([evidence], found);
    }

    [Theory]
    [InlineData("gewoon werkt niet")] // a phrase starts with its own word, so the span starts at "werkt"
    [InlineData("het werkt toch niet")] // not a filler
    public void Match_FillerRule_NeverWidensThePhraseOrSkipsOtherWords(string text)
    {
        var found = MatchedSpans(text, "werkt niet", Fillers("gewoon"));

        Assert.DoesNotContain(found, span => span.StartsWith("gewoon", StringComparison.Ordinal) || span.Contains("toch", StringComparison.Ordinal));
    }

    private static PhraseWords Fillers(params string[] words) => new(new ReadOnlySet([]), new ReadOnlySet(words));

    private static List<string> MatchedSpans(string text, string pattern, PhraseWords words) =>
        [.. Matches(text, pattern, words).Select(m => m.Span)];

    private static List<string> MatchedPhrases(string text, string pattern) =>
        [.. Matches(text, pattern, NoWords).Select(m => m.Phrase)];

    /// <summary>Every match of one pattern in the text: the cue's phrase and the text span it covered.</summary>
    private static List<(string Phrase, string Span)> Matches(string text, string pattern, PhraseWords words)
    {
        var trie = new PhraseTrie();
        trie.Add(pattern, new Cue(CueKind.Origin, 0.9f, "store", pattern));
        trie.Freeze();
        using var scanned = new ScannedText(text);
        var results = new Match[8];
        var found = new List<(string Phrase, string Span)>();
        for (var i = 0; i < scanned.TokenCount; i++)
        {
            var count = trie.Match(scanned, i, results, words);
            for (var m = 0; m < count; m++)
            {
                var span = scanned.Evidence(results[m].First, results[m].Last);
                found.AddRange(results[m].Cues.Select(c => (c.Phrase, span)));
            }
        }

        return found;
    }
}
