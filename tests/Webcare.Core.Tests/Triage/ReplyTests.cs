using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Triage;

public sealed class ReplyTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    private static readonly Author Jan = new("jandevries", "Jan de Vries", 120);

    [Fact]
    public void Triage_DutchInformalTone_UsesJeAndTheFirstName()
    {
        var engine = fixture.Create(new TriageOptions { Tone = "informal" });

        var reply = engine.Triage(new TriageInput("Al 3 weken geen internet, belachelijk.", "nl", Jan)).SuggestedReply;

        Assert.StartsWith("Hoi Jan,", reply, StringComparison.Ordinal);
        Assert.Matches(@"\bje\b", reply);
        Assert.DoesNotMatch(@"\bu\b", reply);
    }

    [Fact]
    public void Triage_DutchFormalTone_UsesU()
    {
        var engine = fixture.Create(new TriageOptions { Tone = "formal" });

        var reply = engine.Triage(new TriageInput("Al 3 weken geen internet, belachelijk.", "nl", Jan)).SuggestedReply;

        Assert.StartsWith("Beste Jan,", reply, StringComparison.Ordinal);
        Assert.Matches(@"\b(u|uw)\b", reply);
        Assert.DoesNotMatch(@"\bje\b", reply);
    }

    [Fact]
    public void Triage_SignOffAndDmInvitation_AreConfigurable()
    {
        var withBoth = fixture.Create(new TriageOptions { SignOff = "^Sanne", InviteToDm = true })
            .Triage(new TriageInput("On hold for 2 hours and still no answer.", "en", Jan)).SuggestedReply;
        var withNeither = fixture.Create(new TriageOptions { SignOff = "", InviteToDm = false })
            .Triage(new TriageInput("On hold for 2 hours and still no answer.", "en", Jan)).SuggestedReply;

        Assert.EndsWith("^Sanne", withBoth, StringComparison.Ordinal);
        Assert.Contains("DM", withBoth, StringComparison.Ordinal);
        Assert.DoesNotContain("DM", withNeither, StringComparison.Ordinal);
        Assert.DoesNotContain("^Sanne", withNeither, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_ReplyTemplate_FollowsOriginAndRootCause()
    {
        var reply = fixture.Run("Ik sta al 40 minuten in de wacht, belachelijk.", "nl").SuggestedReply;

        Assert.Contains("wachten aan de telefoon", reply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "You charged me twice, I want my money back!")]
    [InlineData("nl", "Er is dubbel afgeschreven, ik wil mijn geld terug!")]
    public void Triage_RefundNotAllowed_ReplyPromisesNoRefund(string language, string text)
    {
        var reply = fixture.Create(new TriageOptions()).Triage(new TriageInput(text, language)).SuggestedReply;

        Assert.DoesNotContain("refund", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("terugbetal", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("betalen we dat terug", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Triage_RefundAllowed_ReplyMayMentionIt()
    {
        var reply = fixture.Create(new TriageOptions { AllowedPromises = ["refund"] })
            .Triage(new TriageInput("You charged me twice, I want my money back!", "en")).SuggestedReply;

        Assert.Contains("refund", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("de", "Seit 3 Tagen kein Internet und niemand meldet sich.", "Hallo")]
    [InlineData("fr", "Toujours pas de connexion depuis 5 jours, inadmissible.", "Bonjour")]
    [InlineData("es", "Llevo 5 días sin internet y nadie responde.", "Hola")]
    [InlineData("it", "Da 5 giorni senza internet e nessuno risponde.", "Ciao")]
    [InlineData("pt", "Há 5 dias sem internet e ninguém responde.", "Olá")]
    public void Triage_ReplyIsInTheAuthorsLanguage(string language, string text, string greeting)
    {
        var reply = fixture.Run(text, language, Jan).SuggestedReply;

        Assert.StartsWith(greeting, reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Triage_Praise_GetsAThankYouWithoutDm()
    {
        var reply = fixture.Run("Super snel geholpen in de winkel, top!", "nl", Jan).SuggestedReply;

        Assert.Contains("dank", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DM", reply, StringComparison.Ordinal);
    }
}
