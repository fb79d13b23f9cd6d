using Webcare.Core.Mentions;
using Webcare.Core.Text;

namespace Webcare.Core.Triage;

/// <summary>
/// A small keyword triage so the pipeline runs end to end. It is deliberately simple; the
/// measured, multilingual engine replaces it behind <see cref="ITriage"/>.
/// </summary>
public sealed class KeywordTriage : ITriage
{
    private static readonly Dictionary<string, string[]> StopWords = new()
    {
        ["nl"] = ["de", "het", "een", "en", "niet", "ik", "je", "van", "is", "dat", "op", "met", "al", "geen", "nog", "mijn", "wel", "maar", "weer", "bij"],
        ["en"] = ["the", "and", "is", "not", "i", "you", "my", "to", "of", "it", "for", "on", "with", "this", "no", "still", "again", "was", "but", "your"],
        ["de"] = ["der", "die", "das", "und", "nicht", "ich", "ist", "mit", "ein", "eine", "kein", "noch", "mein", "schon", "aber", "wieder", "seit", "bei"],
        ["fr"] = ["le", "la", "les", "et", "est", "pas", "je", "une", "un", "mon", "ma", "avec", "pour", "toujours", "encore", "mais", "depuis", "chez"],
    };

    private static readonly string[] NegativeCues =
    [
        "slecht", "boos", "belachelijk", "schandalig", "waardeloos", "kapot", "geen internet", "nog steeds", "wachten", "in de wacht",
        "opzeggen", "klacht", "niet geleverd", "nooit", "terugbetaling", "fout", "storing", "al weken", "al dagen", "3e keer", "weer geen",
        "bad", "worst", "terrible", "awful", "broken", "still no", "still not", "on hold", "waiting", "refund", "cancel", "never", "complaint",
        "ridiculous", "disappointed", "useless", "third time", "charged twice", "no answer", "hung up", "rude", "error", "crash",
        "schlecht", "kaputt", "immer noch", "warte", "kündigen", "enttäuscht", "nie", "unverschämt",
        "nul", "honte", "toujours pas", "attente", "rembourse", "panne", "inadmissible", "déçu", "jamais",
    ];

    private static readonly string[] PositiveCues =
    [
        "top", "super", "bedankt", "dank je", "dankjewel", "geweldig geholpen", "tevreden", "snel geholpen", "niet slecht", "vriendelijk",
        "thanks", "thank you", "great", "love", "awesome", "excellent", "not bad", "no complaints", "helpful", "amazing",
        "danke", "toll", "zufrieden", "merci", "génial", "parfait",
    ];

    private static readonly (string Cue, Origin Origin)[] OriginCues =
    [
        ("in de winkel", Origin.Store), ("filiaal", Origin.Store), ("kassa", Origin.Store), ("in the store", Origin.Store), ("at the till", Origin.Store), ("in store", Origin.Store), ("im laden", Origin.Store), ("en magasin", Origin.Store),
        ("in de wacht", Origin.Phone), ("gebeld", Origin.Phone), ("klantenservice gebeld", Origin.Phone), ("on hold", Origin.Phone), ("called", Origin.Phone), ("call centre", Origin.Phone), ("hotline", Origin.Phone), ("warteschleife", Origin.Phone), ("au téléphone", Origin.Phone),
        ("webshop", Origin.Online), ("website", Origin.Online), ("de app", Origin.Online), ("the app", Origin.Online), ("online besteld", Origin.Online), ("ordered online", Origin.Online), ("checkout", Origin.Online), ("site web", Origin.Online),
    ];

    public ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken)
    {
        var folded = TextNormalizer.Fold(input.Text ?? string.Empty, out var map);
        var language = input.LanguageHint ?? GuessLanguage(folded);
        var negatives = NegativeCues.Where(c => TextSearch.FindWord(folded, c, 0) >= 0).ToList();
        var positives = PositiveCues.Where(c => TextSearch.FindWord(folded, c, 0) >= 0).ToList();
        var score = Math.Clamp((positives.Count - (1.5 * negatives.Count)) / 3.0, -1, 1);
        var isSpam = folded.Contains("win een", StringComparison.Ordinal) || folded.Contains("klik hier", StringComparison.Ordinal) || folded.Contains("crypto", StringComparison.Ordinal);
        var isNegative = !isSpam && score < 0;
        var intent = isSpam ? Intent.Spam : isNegative ? Intent.Complaint : folded.Contains('?', StringComparison.Ordinal) ? Intent.Question : score > 0 ? Intent.Praise : Intent.Other;
        var reach = Reach.From(input.Author, input.Engagement);
        var origin = input.OriginHint is { } hint ? new OriginGuess(hint.Origin, hint.Evidence, 0.9) : GuessOrigin(input.Text ?? string.Empty, folded, map);
        var priority = !isNegative ? Priority.P4 : reach.Level >= 2 ? Priority.P1 : reach.Level == 1 || negatives.Count >= 3 ? Priority.P2 : Priority.P3;
        var urgency = reach.Level >= 3 && isNegative ? new[] { Urgency.MediaViral } : [];
        var why = isNegative ? "Negative cues: " + string.Join(", ", negatives.Take(3)) : positives.Count > 0 ? "Positive cues: " + string.Join(", ", positives.Take(3)) : "No strong cues";
        var name = input.Author?.Name ?? "there";
        var reply = language == "nl"
            ? $"Hoi {name}, wat vervelend om te lezen. Wil je ons een DM sturen met je klantnummer? Dan zoeken we het direct voor je uit."
            : $"Hi {name}, sorry to read this. Could you send us a DM with your customer number? We'll look into it right away.";
        var probability = isNegative ? Math.Min(0.99, 0.6 + (0.1 * negatives.Count)) : Math.Max(0.01, 0.4 - (0.1 * positives.Count));
        return ValueTask.FromResult(new TriageResult(
            language, score, probability, isNegative, intent, urgency, reach, priority, origin, [], why, reply));
    }

    private static string GuessLanguage(string folded)
    {
        var words = folded.Split([' ', '\n', '\t', ',', '.', '!', '?', ':', ';'], StringSplitOptions.RemoveEmptyEntries);
        var best = "und";
        var bestHits = 0;
        foreach (var (language, stopWords) in StopWords)
        {
            var hits = words.Count(w => stopWords.Contains(w));
            if (hits > bestHits)
            {
                best = language;
                bestHits = hits;
            }
        }

        return best;
    }

    private static OriginGuess GuessOrigin(string text, string folded, int[] map)
    {
        var first = OriginCues
            .Select(c => (c.Origin, c.Cue, At: TextSearch.FindWord(folded, c.Cue, 0)))
            .Where(c => c.At >= 0)
            .OrderBy(c => c.At)
            .FirstOrDefault();
        if (first.Cue is null)
        {
            return OriginGuess.Unknown;
        }

        var evidence = text[map[first.At]..(map[first.At + first.Cue.Length - 1] + 1)];
        return new OriginGuess(first.Origin, evidence, 0.6);
    }
}
