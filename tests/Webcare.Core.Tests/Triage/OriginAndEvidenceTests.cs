using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Triage;

public sealed class OriginAndEvidenceTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    [Theory]
    [InlineData("en", "Got an error online and now on hold for 2 hours.", Origin.Online)]
    [InlineData("en", "Started with a failed payment on the website, then the call centre hung up on me.", Origin.Online)]
    [InlineData("en", "Been on hold for an hour after the app charged me twice.", Origin.Online)]
    [InlineData("nl", "Online besteld, daarna drie keer gebeld en nog steeds niks.", Origin.Online)]
    [InlineData("nl", "Na een foutmelding in de app heb ik gebeld en stond ik een uur in de wacht.", Origin.Online)]
    // "after five days I called" dates the call; it does not put the call first.
    [InlineData("nl", "Online besteld met levering binnen 24 uur, na vijf dagen gebeld en toen bleek het niet eens op voorraad.", Origin.Online)]
    [InlineData("en", "Ordered on your website, after 3 days I called and they had lost it.", Origin.Online)]
    public void Triage_BeganOnlineContinuedOnThePhone_OriginIsOnline(string language, string text, Origin expected)
    {
        var result = fixture.Run(text, language);

        Assert.True(result.IsNegative, result.Why);
        Assert.Equal(expected, result.Origin.Origin);
        Assert.InRange(result.Origin.Confidence, 0.3, 0.95);
    }

    [Theory]
    [InlineData("nl", "Gisteren in de winkel geholpen door een onbeschofte medewerker.", Origin.Store, "in de winkel")]
    [InlineData("en", "The cashier at the store was really rude to me.", Origin.Store, "cashier")]
    [InlineData("en", "On hold for 2 hours and still no answer.", Origin.Phone, "On hold")]
    [InlineData("nl", "Ik sta al 40 minuten in de wacht, belachelijk.", Origin.Phone, "in de wacht")]
    [InlineData("de", "Seit einer Stunde in der Warteschleife, unverschämt.", Origin.Phone, "Warteschleife")]
    [InlineData("en", "Your website keeps throwing an error at checkout, so annoying.", Origin.Online, "website")]
    [InlineData("nl", "De medewerker hangt dan gewoon op terwijl ik nog praat. Schandalig.", Origin.Phone, "hangt dan gewoon op")] // fillers inside a cue
    [InlineData("nl", "Een uur lang de hotline proberen te bereiken, niemand neemt op.", Origin.Phone, "hotline")]
    [InlineData("nl", "Ge belt naar de klantenlijn en na een half uur valt de verbinding weg. Belachelijk.", Origin.Phone, "belt naar")]
    [InlineData("nl", "Mijn paswoord resetten lukt al drie dagen niet, de link is steeds verlopen.", Origin.Online, "paswoord")]
    [InlineData("en", "45 min hold and then the line went dead. Useless.", Origin.Phone, "45 min hold")]
    [InlineData("en", "My account got banned for no reason and the appeal was rejected in minutes.", Origin.Online, "account got banned")]
    public void Triage_ExplicitChannelCue_GivesOriginWithEvidence(string language, string text, Origin expected, string evidencePart)
    {
        var result = fixture.Run(text, language);

        Assert.Equal(expected, result.Origin.Origin);
        Assert.NotNull(result.Origin.Evidence);
        Assert.Contains(evidencePart, result.Origin.Evidence, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(result.Origin.Evidence, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Al 3 weken geen internet, belachelijk.")]
    [InlineData("Worst service ever, never again.")]
    public void Triage_NoChannelCue_OriginIsUnknown(string text)
    {
        var result = fixture.Run(text);

        Assert.Equal(Origin.Unknown, result.Origin.Origin);
        Assert.Null(result.Origin.Evidence);
    }

    [Theory]
    [InlineData("nl", "Kan ik bij jullie een gezamenlijke rekening online openen of moet ik langskomen?")]
    [InlineData("en", "Is there a number for calling from abroad?")]
    public void Triage_PlainQuestionAboutAChannel_HasNoOrigin(string language, string text)
    {
        var result = fixture.Run(text, language);

        Assert.Equal(Origin.Unknown, result.Origin.Origin);
    }

    [Theory]
    [InlineData("en", "@AskPlay bought a pack on the PlayStation Store and it never showed up, money gone", Origin.Online)]
    [InlineData("en", "@Paybay why is my money on hold? nobody explains anything, this is a disgrace", Origin.Unknown)]
    [InlineData("nl", "De ober zei dat we niet moesten zeuren over de koude pasta, echt schandalig", Origin.Store)]
    [InlineData("nl", "De koerier gooide het pakket gewoon over het hek, doos kapot", Origin.Other)]
    // Phrases in which a channel word names no channel (the cue files' "notOrigin" lists).
    [InlineData("en", "@Streamly that so called premium plan still buffers every night, useless", Origin.Unknown)]
    [InlineData("en", "@SwiftPost the app says delivered but nothing came, where is my parcel", Origin.Unknown)]
    [InlineData("nl", "Ik zet straks een review online want mijn pakket is al 2 weken zoek, belachelijk", Origin.Unknown)]
    [InlineData("en", "called to report a gas leak and got put on hold for 40 minutes @GasNet", Origin.Phone)]
    // Hyphenated cues and Dutch compounds.
    [InlineData("en", "the guy at the check-in desk charged me 70 euros for 1kg over, ridiculous", Origin.Store)]
    [InlineData("nl", "De boodschappenbezorger had de helft van mijn bestelling niet bij zich, belachelijk", Origin.Other)]
    [InlineData("nl", "De baliemedewerker van de gemeente was ontzettend onbeschoft", Origin.Store)]
    // An online account is the online channel: logging in, passwords, a hacked or locked account.
    [InlineData("en", "@GameVault locked out of my account for 3 days now, password reset mail never arrives", Origin.Online)]
    // Two channel cues that share words: the heavier one says what they mean ("la tienda" is part of "tienda online").
    [InlineData("es", "Pedí en la tienda online y el pedido llegó roto, nadie responde", Origin.Online)]
    // The other languages have notOrigin lists and account cues too.
    [InlineData("it", "Il sito dice consegnato ma non ho ricevuto niente, ho chiamato tre volte", Origin.Phone)]
    [InlineData("fr", "Mon chat a renversé le colis, mais le livreur l'a jeté par-dessus la clôture, inadmissible", Origin.Other)]
    [InlineData("de", "Die Hotline hat einfach aufgelegt, seit drei Tagen keine Lösung", Origin.Phone)]
    [InlineData("pt", "Esqueci a senha e o app não deixa recuperar, péssimo", Origin.Online)]
    [InlineData("nl", "@VestaBank mijn pas is ingeslikt door de geldautomaat op de Markt en nu 5 werkdagen wachten op een nieuwe", Origin.Store)]
    public void Triage_ChannelWordsThatMeanSomethingElse_AreReadInContext(string language, string text, Origin expected)
    {
        var result = fixture.Run(text, language);

        Assert.True(result.IsNegative, result.Why);
        Assert.Equal(expected, result.Origin.Origin);
    }

    [Fact]
    public void Triage_QuestionWithStoreWord_HasNoOrigin()
    {
        // Origin is where a complaint began; a question about a store is not a complaint.
        var result = fixture.Run("Is the store in Leeds open on Sunday?", "en");

        Assert.Equal(Origin.Unknown, result.Origin.Origin);
    }

    [Fact]
    public void Triage_OriginHintFromSource_Wins()
    {
        var result = fixture.Engine.Triage(new TriageInput("Terrible, never again.", "en", OriginHint: new OriginHint(Origin.Store, "Google review of the Leeds store")));

        Assert.Equal(Origin.Store, result.Origin.Origin);
    }

    [Theory]
    [InlineData("nl", "Al 2 weken wacht ik op mijn pakket en er is dubbel afgeschreven.", "delivery", "billing")]
    [InlineData("en", "Charged twice and the parcel never arrived.", "billing", "delivery")]
    [InlineData("en", "The staff in the store were rude and the app crashed at checkout.", "staff", "website_app")]
    public void Triage_RootCauses_AreTaggedWithEvidence(string language, string text, string first, string second)
    {
        var result = fixture.Run(text, language);
        var tags = result.RootCauses.Select(r => r.Tag).ToList();

        Assert.Contains(first, tags);
        Assert.Contains(second, tags);
    }

    [Fact]
    public void Triage_RootCauseTagNotConfigured_IsLeftOut()
    {
        var engine = new TriageEngine(fixture.Knowledge, new TriageOptions(), ["staff"]);

        var result = engine.Triage(new TriageInput("Charged twice and the cashier was rude.", "en"));

        Assert.Equal(["staff"], result.RootCauses.Select(r => r.Tag));
    }

    [Theory]
    [InlineData("Got an error ONLINE and now on hold for 2 hours!!! 😡 Third time this month.")]
    [InlineData("Gisteren in de WINKEL: kassière was onbeschoft, al 3 weken wacht ik op mijn geld terug. #huiskes")]
    [InlineData("Naïeve vraag: waarom krijg ik géén antwoord? Ik heb 2× gebeld en de app crasht…")]
    [InlineData("Seit 3 Tagen kein Internet, Warteschleife 45 Min., Techniker kam nicht. Unverschämt!")]
    [InlineData("Commande en ligne jamais reçue, au téléphone on m'a raccroché au nez. Inadmissible.")]
    [InlineData("@telvio\u200B geen\u00A0internet\u200D al 3 weken 😡😡 in de wacht bij de klantenservice")]
    public void Triage_EveryEvidenceString_IsARealSubstringOfTheText(string text)
    {
        var result = fixture.Run(text);

        if (result.Origin.Evidence is { } origin)
        {
            Assert.Contains(origin, text, StringComparison.Ordinal);
        }

        Assert.All(result.RootCauses, r => Assert.Contains(r.Evidence, text, StringComparison.Ordinal));
        Assert.NotEmpty(result.RootCauses);
    }
}
