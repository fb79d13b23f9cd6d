using System.Text.Json;
using Webcare.Core.Mentions;

namespace Webcare.Core.Triage.Evaluation;

/// <summary>What to score besides negativity.</summary>
public sealed record EvalSettings(string NegativeLabel = "negative", bool ScoreOrigin = false, bool ScoreLanguage = false, int MinLidChars = 40);

/// <summary>
/// Runs triage over labelled texts and scores the negative class (precision, recall, F1, accuracy, confusion
/// matrix), per language, and optionally origin (per store/phone/online) and language identification.
/// </summary>
public sealed class Evaluator(TriageEngine engine)
{
    public EvalReport Run(IReadOnlyList<LabelledText> data, EvalSettings settings)
    {
        var report = new EvalReport();
        foreach (var item in data)
        {
            var verdict = engine.Triage(new TriageInput(item.Text, settings.ScoreLanguage ? null : item.Language));
            var actual = string.Equals(item.Label.Trim(), settings.NegativeLabel, StringComparison.OrdinalIgnoreCase);
            report.Overall.Add(actual, verdict.IsNegative);
            var language = item.Language is { Length: > 0 } l ? l.Trim().ToLowerInvariant() : verdict.Language;
            if (!report.PerLanguage.TryGetValue(language, out var counts))
            {
                counts = new BinaryCounts();
                report.PerLanguage[language] = counts;
            }

            counts.Add(actual, verdict.IsNegative);
            if (settings.ScoreLanguage && item.Language is { Length: > 0 })
            {
                var correct = string.Equals(verdict.Language, language, StringComparison.Ordinal);
                report.Lid.Add(correct);
                if (item.Text.Trim().Length >= settings.MinLidChars)
                {
                    report.LidLong.Add(correct);
                }
            }

            if (settings.ScoreOrigin && item.Origin is not null)
            {
                OriginNames.TryParse(item.Origin, out var labelled);
                foreach (var origin in EvalReport.ScoredOrigins)
                {
                    report.Origins[origin].Add(labelled == origin, verdict.Origin.Origin == origin);
                }

                var predictedChannel = verdict.Origin.Origin is Mentions.Origin.Store or Mentions.Origin.Phone or Mentions.Origin.Online;
                var labelledChannel = labelled is Mentions.Origin.Store or Mentions.Origin.Phone or Mentions.Origin.Online;
                if (predictedChannel)
                {
                    report.OriginPredicted++;
                    if (verdict.Origin.Origin == labelled)
                    {
                        report.OriginCorrect++;
                    }
                }

                if (labelledChannel)
                {
                    report.OriginLabelled++;
                }
            }
        }

        return report;
    }
}

public sealed class EvalReport
{
    public static readonly Origin[] ScoredOrigins = [Mentions.Origin.Store, Mentions.Origin.Phone, Mentions.Origin.Online];

    public BinaryCounts Overall { get; } = new();

    public SortedDictionary<string, BinaryCounts> PerLanguage { get; } = new(StringComparer.Ordinal);

    public Dictionary<Origin, BinaryCounts> Origins { get; } = ScoredOrigins.ToDictionary(o => o, _ => new BinaryCounts());

    public int OriginPredicted { get; set; }

    public int OriginCorrect { get; set; }

    public int OriginLabelled { get; set; }

    public Tally Lid { get; } = new();

    public Tally LidLong { get; } = new();

    public void Write(Utf8JsonWriter json, bool scoredOrigin, bool scoredLanguage)
    {
        json.WriteStartObject();
        WriteCounts(json, Overall);
        json.WriteStartObject("confusion");
        json.WriteNumber("truePositive", Overall.TruePositive);
        json.WriteNumber("falsePositive", Overall.FalsePositive);
        json.WriteNumber("falseNegative", Overall.FalseNegative);
        json.WriteNumber("trueNegative", Overall.TrueNegative);
        json.WriteEndObject();
        json.WriteStartObject("perLanguage");
        foreach (var (language, counts) in PerLanguage)
        {
            json.WriteStartObject(language);
            WriteCounts(json, counts);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        if (scoredOrigin)
        {
            json.WriteStartObject("origin");
            foreach (var (origin, counts) in Origins.OrderBy(o => o.Key))
            {
                json.WriteStartObject(origin.ToName());
                json.WriteNumber("labelled", counts.TruePositive + counts.FalseNegative);
                json.WriteNumber("predicted", counts.TruePositive + counts.FalsePositive);
                json.WriteNumber("precision", Math.Round(counts.Precision, 4));
                json.WriteNumber("recall", Math.Round(counts.Recall, 4));
                json.WriteEndObject();
            }

            json.WriteStartObject("channels");
            json.WriteNumber("labelled", OriginLabelled);
            json.WriteNumber("predicted", OriginPredicted);
            json.WriteNumber("precision", OriginPredicted == 0 ? 0 : Math.Round((double)OriginCorrect / OriginPredicted, 4));
            json.WriteNumber("recall", OriginLabelled == 0 ? 0 : Math.Round((double)OriginCorrect / OriginLabelled, 4));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (scoredLanguage)
        {
            json.WriteStartObject("languageId");
            json.WriteNumber("n", Lid.N);
            json.WriteNumber("accuracy", Math.Round(Lid.Accuracy, 4));
            json.WriteNumber("nLong", LidLong.N);
            json.WriteNumber("accuracyLong", Math.Round(LidLong.Accuracy, 4));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter json, BinaryCounts counts)
    {
        json.WriteNumber("n", counts.N);
        json.WriteNumber("negatives", counts.TruePositive + counts.FalseNegative);
        json.WriteNumber("precision", Math.Round(counts.Precision, 4));
        json.WriteNumber("recall", Math.Round(counts.Recall, 4));
        json.WriteNumber("f1", Math.Round(counts.F1, 4));
        json.WriteNumber("accuracy", Math.Round(counts.Accuracy, 4));
    }
}

public sealed class Tally
{
    public int N { get; private set; }

    public int Correct { get; private set; }

    public double Accuracy => N == 0 ? 0 : (double)Correct / N;

    public void Add(bool correct)
    {
        N++;
        if (correct)
        {
            Correct++;
        }
    }
}
