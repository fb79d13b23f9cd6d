using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Engine;
using Webcare.Core.Triage.Model;

namespace Webcare.Core.Tests.Triage;

/// <summary>Per language: negation, contrast, sarcasm, factual complaints, questions and praise with a negative word.</summary>
public sealed class NegativityTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    [Theory]
    [InlineData("nl", "Al 3 weken geen internet en niemand belt terug.")]
    [InlineData("nl", "Dit is de 3e keer dat mijn pakket kwijt is.")]
    [InlineData("nl", "Ik sta nu 40 minuten in de wacht bij de klantenservice.")]
    [InlineData("en", "On hold for 2 hours and still no answer.")]
    [InlineData("en", "Third time this week the app logs me out before I can pay.")]
    [InlineData("en", "Ordered on the 3rd, still not delivered.")]
    [InlineData("de", "Seit 3 Tagen kein Internet und niemand meldet sich.")]
    [InlineData("fr", "Toujours pas de connexion depuis 5 jours.")]
    [InlineData("es", "Llevo 5 días sin internet y nadie responde.")]
    [InlineData("it", "Da 5 giorni senza internet e nessuno risponde.")]
    [InlineData("pt", "Há 5 dias sem internet e ninguém responde.")]
    public void Triage_FactualComplaintWithoutSentimentWords_IsNegativeComplaint(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.True(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
        Assert.Equal(Intent.Complaint, result.Intent);
        Assert.True(result.Score < 0);
    }

    [Theory]
    [InlineData("nl", "Het eten was niet slecht, echt prima geholpen.")]
    [InlineData("nl", "Geen enkel probleem gehad bij het overstappen, top!")]
    [InlineData("en", "Not bad at all, quick delivery and friendly staff.")]
    [InlineData("en", "No complaints, the engineer fixed it in ten minutes.")]
    [InlineData("de", "Das Essen war nicht schlecht, danke!")]
    [InlineData("fr", "Pas mal du tout, livraison rapide, merci !")]
    [InlineData("es", "No está mal, entrega rápida, gracias.")]
    [InlineData("it", "Non male, consegna veloce, grazie!")]
    [InlineData("pt", "Nada mal, entrega rápida, obrigado!")]
    public void Triage_PraiseWithANegativeWord_IsNotNegative(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.False(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
        Assert.Equal(Intent.Praise, result.Intent);
    }

    [Theory]
    [InlineData("slecht", "slechte")]
    [InlineData("saai", "saaie")]
    [InlineData("vies", "vieze")]
    [InlineData("traag", "trage")]
    [InlineData("mooi", "mooie")]
    [InlineData("kapot", "kapotte")]
    public void Lexicon_DutchInflectedAdjective_WeighsAsItsBaseForm(string adjective, string inflected)
    {
        // Pattern lists Dutch adjectives in their base form only; the inflected form before a noun is what reviews use.
        var pack = fixture.Knowledge.Pack("nl");
        var weight = LexiconOf(pack, $"een {inflected} ding");

        // The base form itself may be a complaint cue (kapot, saai), so compare with its lexicon line, not its score.
        var baseLine = File.ReadLines(Path.Combine(fixture.DataPath, "nl", "lexicon.tsv")).Single(l => l.StartsWith(adjective + "\t", StringComparison.Ordinal));
        Assert.NotEqual(0, weight);
        Assert.Equal(double.Parse(baseLine.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture), weight, precision: 5);
    }

    [Fact]
    public void Lexicon_InflectedFormOfAnExcludedWord_CarriesNoValence()
    {
        // "groot" and "heel" are excluded as ambiguous, so "de grote hal" and "de hele dag" stay neutral.
        Assert.Equal(0, LexiconOf(fixture.Knowledge.Pack("nl"), "De hele dag in de grote hal."));
    }

    [Fact]
    public void Triage_DutchInflectedAdjectives_MakeAPlainReviewNegative()
    {
        var result = fixture.Run("Echt een saaie en trage app.", "nl");

        Assert.True(result.IsNegative, $"p={result.Probability}: {result.Why}");
        Assert.Contains("\"saaie\"", result.Why, StringComparison.Ordinal);
    }

    private static double LexiconOf(LanguagePack pack, string text)
    {
        using var scan = new ScannedText(text);
        return MentionAnalysis.Analyze(scan, pack, LinearModel.Empty(), "nl").Lexicon;
    }

    [Theory]
    [InlineData("nl", "Tot nu toe valt er echt niks op aan te merken.", "niks op aan te merken")]
    [InlineData("en", "Still not a single complaint after two years with them.", "not a single complaint")]
    public void Triage_LongerPraiseStartingInsideAComplaintPhrase_SaysWhatTheWordsMean(string language, string text, string praise)
    {
        // "echt niks" and "still not" are complaint cues; the praise phrase that starts inside them runs further.
        var result = fixture.Run(text, language);

        Assert.False(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
        Assert.Contains($"\"{praise}\" (praise)", result.Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "@TableTap 10/10 app, got a table for my mum's birthday in about 20 seconds", false)]
    [InlineData("en", "5 stars to the delivery guy who waited while I ran down 3 flights of stairs", false)]
    [InlineData("nl", "Bestelling binnen een dag in huis, 10/10 zou weer bestellen", false)]
    [InlineData("en", "0/10 would not order again, food arrived an hour late", true)]
    [InlineData("nl", "1/5, de helft van de bestelling ontbrak", true)]
    public void Triage_RatingNotation_CountsAsTheScoreItGives(string language, string text, bool negative)
    {
        var result = fixture.Run(text, language);

        Assert.True(negative == result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
    }

    [Theory]
    [InlineData("nl", "De bezorging was goed.", "De bezorging was niet goed.")]
    [InlineData("en", "The service was good.", "The service was not good.")]
    [InlineData("de", "Der Service war gut.", "Der Service war nicht gut.")]
    [InlineData("fr", "Le service était bon.", "Le service n'était pas bon.")]
    [InlineData("es", "El servicio fue bueno.", "El servicio no fue bueno.")]
    public void Triage_Negation_FlipsAPositiveWord(string language, string positive, string negated)
    {
        var plain = fixture.Run(positive, language);
        var flipped = fixture.Run(negated, language);

        Assert.True(flipped.Probability > plain.Probability, $"{negated}: {flipped.Probability} vs {plain.Probability}");
        Assert.False(plain.IsNegative);
    }

    [Theory]
    [InlineData("nl", "De service was goed, maar de levering duurde belachelijk lang.")]
    [InlineData("en", "The staff were nice but the delivery took three weeks.")]
    [InlineData("de", "Der Service war gut, aber die Lieferung war eine Katastrophe.")]
    [InlineData("fr", "Le produit est bien mais la livraison est une honte.")]
    public void Triage_ContrastWithNegativeSecondHalf_IsNegative(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.True(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
    }

    [Fact]
    public void Triage_ContrastWithPositiveSecondHalf_IsNotNegative()
    {
        var result = fixture.Run("De levering duurde even, maar de bezorger was super vriendelijk en alles was top.", "nl");

        Assert.False(result.IsNegative, result.Why);
    }

    [Theory]
    [InlineData("nl", "Lekker dan, weer geen tv vanavond 🙄")]
    [InlineData("nl", "Bedankt voor niks, goed bezig hoor.")]
    [InlineData("en", "Thanks for nothing, great job as always 🙄")]
    [InlineData("en", "Oh great, another outage. Love waiting for the engineer.")]
    [InlineData("de", "Na toll, schon wieder kein Netz.")]
    [InlineData("fr", "Merci pour rien, comme d'habitude.")]
    public void Triage_SarcasmMarkers_AreNegative(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.True(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
    }

    [Theory]
    [InlineData("nl", "Tot hoe laat is de winkel in Utrecht open?")]
    [InlineData("nl", "Kan ik mijn bestelling ook ophalen in plaats van laten bezorgen?")]
    [InlineData("en", "What time does your store in Leeds open on Sunday?")]
    [InlineData("en", "Do you ship to Belgium?")]
    [InlineData("de", "Wann öffnet die Filiale am Samstag?")]
    [InlineData("fr", "Le magasin est-il ouvert le dimanche ?")]
    [InlineData("es", "¿A qué hora abre la tienda el sábado?")]
    [InlineData("it", "A che ora apre il negozio domenica?")]
    [InlineData("pt", "Qual é o horário da loja no domingo?")]
    public void Triage_PlainQuestion_IsQuestionNotComplaint(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.False(result.IsNegative, $"{text} → p={result.Probability}: {result.Why}");
        Assert.Equal(Intent.Question, result.Intent);
        Assert.Equal(Priority.P4, result.Priority);
    }

    [Fact]
    public void Triage_Capitals_AndRepeatedPunctuation_RaiseNegativity()
    {
        var calm = fixture.Run("the delivery was bad.", "en");
        var shouted = fixture.Run("the delivery was BAD!!!", "en");

        Assert.True(shouted.Probability > calm.Probability);
    }

    [Fact]
    public void Triage_AngryEmoji_AreNegative()
    {
        var result = fixture.Run("@telvio internet weer weg 😡😡😡", "nl");

        Assert.True(result.IsNegative, result.Why);
    }

    [Fact]
    public void Triage_Spam_IsSpamAndNotNegative()
    {
        var result = fixture.Run("Earn money from home!! Click here for free followers and a crypto giveaway", "en");

        Assert.Equal(Intent.Spam, result.Intent);
        Assert.False(result.IsNegative);
        Assert.Equal("", result.SuggestedReply);
    }

    [Theory]
    [InlineData("Ik stap over naar een andere provider als dit niet wordt opgelost.", Urgency.ChurnThreat)]
    [InlineData("Ik ga naar de Consumentenbond en neem een advocaat als dit zo blijft.", Urgency.LegalThreat)]
    [InlineData("De waterkoker werd zo heet dat er rook uitkwam, levensgevaarlijk!", Urgency.Safety)]
    [InlineData("In mijn account zie ik de gegevens van iemand anders, is dit een datalek?", Urgency.DataLeak)]
    public void Triage_UrgencyCues_AreFlagged(string text, Urgency expected)
    {
        var result = fixture.Run(text, "nl");

        Assert.Contains(expected, result.Urgency);
        Assert.True(result.IsNegative, result.Why);
    }

    [Fact]
    public void Triage_SafetyComplaint_IsP1()
    {
        var result = fixture.Run("The kettle caught fire in my kitchen, this is dangerous.", "en");

        Assert.Equal(Priority.P1, result.Priority);
    }

    [Fact]
    public void Triage_NegativeFromLargeAccount_HasMediaViralAndP1()
    {
        var result = fixture.Engine.Triage(new TriageInput(
            "Three weeks without internet and nobody at @telvio cares. Unacceptable.",
            "en",
            new Mentions.Author("bigvoice", "Big Voice", 250_000)));

        Assert.Contains(Urgency.MediaViral, result.Urgency);
        Assert.Equal(Priority.P1, result.Priority);
        Assert.Equal(3, result.Reach.Level);
    }

    [Fact]
    public void Triage_WhyLine_NamesTheStrongestCue()
    {
        var result = fixture.Run("Al 3 weken geen internet, belachelijk.", "nl");

        Assert.StartsWith("Negative", result.Why, StringComparison.Ordinal);
        Assert.Contains("geen internet", result.Why, StringComparison.Ordinal);
    }
}
