using Webcare.Core.Brands;

namespace Webcare.Core.Tests.Brands;

public sealed class BrandMatcherTests
{
    private static readonly BrandMatcher Matcher = new(
    [
        new BrandRule { Name = "Hema", Handles = ["@hema"], Hashtags = ["#hema"] },
        new BrandRule { Name = "Telvio", Aliases = ["Telvio Mobiel"], Handles = ["@telvio"], Hashtags = ["#telvio"], Exclusions = ["Telvio Arena"] },
        new BrandRule { Name = "Café Noël", Aliases = ["Huiskes.nl"] },
    ]);

    [Theory]
    [InlineData("Ik sta al een uur bij de HEMA in de rij", "Hema", "HEMA")]
    [InlineData("Waarom is @hema altijd zo druk?", "Hema", "@hema")]
    [InlineData("Weer eens #Hema taart gehaald", "Hema", "#Hema")]
    [InlineData("Telvio Mobiel doet het weer niet", "Telvio", "Telvio Mobiel")]
    [InlineData("Lekker gegeten bij cafe noel", "Café Noël", "cafe noel")]
    [InlineData("Besteld op huiskes.nl, nog niets ontvangen", "Café Noël", "huiskes.nl")]
    [InlineData("Hu\u200Biskes.nl maar ook TEL\u200Dvio", "Telvio", "TEL\u200Dvio")]
    public void Match_BrandTermPresent_ReturnsBrandAndOriginalWords(string text, string brand, string matched)
    {
        var match = Matcher.Match(text);

        Assert.NotNull(match);
        Assert.Equal(brand, match.Brand.Name);
        Assert.Equal(matched, match.MatchedText);
    }

    [Theory]
    [InlineData("Afspraak op de afdeling hematologie morgen")]
    [InlineData("De hemaatjes van mijn dochter")]
    [InlineData("Telviology is a great conference")]
    [InlineData("Mijn handle is @hema_fan")]
    [InlineData("Wat een wedstrijd in de Telvio Arena gisteren!")]
    [InlineData("")]
    public void Match_LookAlikeOrExcludedOnly_ReturnsNull(string text)
    {
        Assert.Null(Matcher.Match(text));
    }

    [Fact]
    public void Match_ExcludedPhraseAndRealMention_StillMatchesTheRealMention()
    {
        var match = Matcher.Match("Na de wedstrijd in de Telvio Arena deed mijn @telvio abonnement het niet meer");

        Assert.NotNull(match);
        Assert.Equal("@telvio", match.MatchedText);
    }
}
