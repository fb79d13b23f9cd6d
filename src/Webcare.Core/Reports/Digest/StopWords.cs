using System.Collections.Frozen;

namespace Webcare.Core.Reports.Digest;

/// <summary>Words too common to be news, per ISO 639-1 language. Stored folded (lower case, no accents).</summary>
public static class StopWords
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> ByLanguage = new Dictionary<string, FrozenSet<string>>
    {
        ["en"] = Set("""
            the a an and or but if then than so not no nor too very can cannot could would should will just don dont didnt doesnt isnt
            wasnt arent cant wont im ive youre its it's this that these those there here what which who whom whose when where why how
            all any both each few more most other some such only own same again once ever even also still yet about above after
            before below between into through during over under until against from with without for of off out on in at to by up
            down is are was were be been being have has had having do does did doing get got getting my me mine our ours we us you
            your yours he him his she her hers they them their theirs i it one two now today yesterday week day days time
            please thanks thank really much many like just via amp http https www com
            """),
        ["nl"] = Set("""
            de het een en of maar als dan dus niet geen te zeer kan kon kunnen zou zouden zal zullen moet moeten mag wil willen
            dit dat deze die daar hier wat welke wie waar waarom hoe wanneer alle alles elk elke ieder iets niets nog ook al weer
            even toch wel pas maar over onder tussen na voor tijdens sinds tot tegen van met zonder om op in aan bij uit door naar
            is zijn was waren ben bent wordt worden werd werden heb hebt heeft hebben had hadden doe doet deed doen krijg krijgt
            kreeg mijn me mij ons onze wij we jij je jou jouw jullie u uw hij hem zijn zij ze haar hun hen ik er het
            een twee nu vandaag gisteren week dag dagen keer tijd graag bedankt dank echt veel heel zo nou ja nee http https www com
            """),
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> All = ByLanguage.Values.SelectMany(s => s).ToFrozenSet();

    /// <summary>Stop words of <paramref name="language"/>; every known list when the language is unknown.</summary>
    public static FrozenSet<string> For(string? language) =>
        language is not null && ByLanguage.TryGetValue(language, out var set) ? set : All;

    private static FrozenSet<string> Set(string words) =>
        words.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);
}
