namespace Webcare.Core.Tests.Triage;

public sealed class LanguageIdentificationTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    [Theory]
    [InlineData("nl", "Ik heb vorige week een wasmachine besteld en die is nog steeds niet bezorgd, wat moet ik nu doen?")]
    [InlineData("nl", "Het boek viel me een beetje tegen, het verhaal kwam pas laat op gang.")]
    [InlineData("en", "I ordered a washing machine last week and it still has not been delivered, what should I do?")]
    [InlineData("de", "Ich habe letzte Woche eine Waschmaschine bestellt und sie ist immer noch nicht geliefert worden.")]
    [InlineData("fr", "J'ai commandé une machine à laver la semaine dernière et elle n'a toujours pas été livrée.")]
    [InlineData("es", "Pedí una lavadora la semana pasada y todavía no me la han entregado, ¿qué hago?")]
    [InlineData("it", "Ho ordinato una lavatrice la settimana scorsa e non è ancora stata consegnata, cosa devo fare?")]
    [InlineData("pt", "Encomendei uma máquina de lavar na semana passada e ainda não foi entregue, o que faço?")]
    public void IdentifyLanguage_SentenceOfFortyPlusCharacters_IsRight(string expected, string text)
    {
        Assert.Equal(expected, fixture.Knowledge.IdentifyLanguage(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("😡😡😡")]
    [InlineData("Привет, как дела? Это полностью русский текст.")]
    public void IdentifyLanguage_NothingToGoOn_IsUnd(string text)
    {
        Assert.Equal("und", fixture.Knowledge.IdentifyLanguage(text));
    }

    [Fact]
    public void Triage_LanguageHint_Wins()
    {
        Assert.Equal("nl", fixture.Run("ok", "nl-BE").Language);
    }
}
