using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Engine;
using Webcare.Core.Triage.Evaluation;

namespace Webcare.Core.Triage.Model;

/// <summary>Training settings; the defaults are what the shipped model was trained with.</summary>
/// <param name="NeutralPrior">Probability given to a text with no cue at all; 0 (the default) fits it from the data. Set it
/// when the training mix is not like real mentions, e.g. balanced positive/negative reviews with no neutral class.</param>
/// <param name="ModelWeightCap">Upper bound of the model's weight in the combiner; lower it to make a model trained out of
/// domain only nudge the rule scorer.</param>
public sealed record TrainSettings(
    int Epochs = 20, double LearningRate = 0.5, double L2 = 1e-6, ulong Seed = 20261122, double NeutralPrior = 0, double ModelWeightCap = 5);

/// <summary>
/// Trains the hashed logistic regression and the combiner with the rule scorer. Deterministic: a fixed
/// seed (SplitMix64, not System.Random), a fixed order of operations, and one thread, so the same inputs
/// give byte-identical weights.
/// </summary>
public static class SentimentTrainer
{
    /// <summary>Trains on <paramref name="data"/>; <paramref name="isNegative"/> maps a label to the negative class.</summary>
    public static byte[] Train(TriageKnowledge knowledge, IReadOnlyList<LabelledText> data, Func<string, bool> isNegative, TrainSettings settings)
    {
        var examples = Prepare(knowledge, data, isNegative);
        var order = Shuffle(examples.Count, settings.Seed);

        // Cross-fit: the combiner must see model scores on texts the model did not train on.
        var outOfFold = new double[examples.Count];
        for (var fold = 0; fold < 2; fold++)
        {
            var train = order.Where((_, position) => position % 2 != fold).ToArray();
            var weights = Fit(examples, train, settings);
            for (var position = fold; position < order.Length; position += 2)
            {
                var e = examples[order[position]];
                outOfFold[order[position]] = Score(weights, e.Features);
            }
        }

        var (lexiconWeight, cueWeight, modelWeight, fittedBias) = FitCombiner(examples, outOfFold);
        modelWeight = Math.Min(modelWeight, settings.ModelWeightCap);
        var bias = settings.NeutralPrior is > 0 and < 1 ? Math.Log(settings.NeutralPrior / (1 - settings.NeutralPrior)) : fittedBias;
        var final = Fit(examples, order, settings);
        var floats = new float[final.Length];
        for (var i = 0; i < final.Length; i++)
        {
            // Round tiny weights to zero: they change nothing and bloat the file.
            floats[i] = Math.Abs(final[i]) < 1e-4 ? 0f : (float)final[i];
        }

        var model = new LinearModel(floats, (float)lexiconWeight, (float)cueWeight, (float)modelWeight, (float)bias);
        using var stream = new MemoryStream();
        model.Write(stream);
        return stream.ToArray();
    }

    /// <summary>One line naming the combiner's weights, so a retrain shows how much it trusts rules versus model.</summary>
    public static string Describe(byte[] modelFile)
    {
        var model = LinearModel.Read(modelFile);
        return FormattableString.Invariant(
            $"combiner: logit = {model.LexiconWeight:0.###}·lexicon + {model.CueWeight:0.###}·cues + {model.ModelWeight:0.###}·model + {model.Bias:0.###}");
    }

    internal sealed record Example(int[] Features, double Lexicon, double Cues, bool Negative, double Weight);

    private static List<Example> Prepare(TriageKnowledge knowledge, IReadOnlyList<LabelledText> data, Func<string, bool> isNegative)
    {
        var empty = LinearModel.Empty();
        var examples = new List<Example>(data.Count);
        var negatives = data.Count(d => isNegative(d.Label));
        var positives = data.Count - negatives;
        foreach (var item in data)
        {
            using var scan = new ScannedText(item.Text);
            var language = item.Language is { Length: > 0 } l && knowledge.Languages.ContainsKey(l) ? l : knowledge.Identifier.Identify(scan);
            var pack = knowledge.Pack(knowledge.Languages.ContainsKey(language) ? language : knowledge.FallbackLanguage);
            var signals = MentionAnalysis.Analyze(scan, pack, empty, language);
            var buffer = new int[HashedFeatures.Capacity(scan.TokenCount, scan.FoldedLength)];
            var n = HashedFeatures.Extract(scan, pack.Negators, buffer);
            var negative = isNegative(item.Label);
            // Balance the classes so the model's prior does not follow one data set's mix.
            var weight = negative ? data.Count / (2.0 * Math.Max(1, negatives)) : data.Count / (2.0 * Math.Max(1, positives));
            examples.Add(new Example(buffer[..n], signals.Lexicon, signals.Cues, negative, weight));
        }

        return examples;
    }

    private static double[] Fit(List<Example> examples, int[] order, TrainSettings settings)
    {
        var w = new double[1 << HashedFeatures.Bits];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var rate = settings.LearningRate / (1 + (0.5 * epoch));
            foreach (var index in order)
            {
                var e = examples[index];
                var scale = 1.0 / Math.Sqrt(e.Features.Length);
                var z = Score(w, e.Features);
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var gradient = (p - (e.Negative ? 1 : 0)) * e.Weight;
                foreach (var f in e.Features)
                {
                    w[f] -= rate * ((gradient * scale) + (settings.L2 * w[f]));
                }
            }
        }

        return w;
    }

    private static double Score(double[] w, int[] features)
    {
        double sum = 0;
        foreach (var f in features)
        {
            sum += w[f];
        }

        return features.Length == 0 ? 0 : sum / Math.Sqrt(features.Length);
    }

    /// <summary>Full-batch gradient descent on four numbers; the lexicon and cue weights may not go negative.</summary>
    private static (double Lexicon, double Cues, double Model, double Bias) FitCombiner(List<Example> examples, double[] modelScores)
    {
        double a = 0.5, c = 0.5, b = 0.5, bias = 0;
        const double rate = 0.05;
        const double l2 = 1e-3;
        var total = examples.Sum(e => e.Weight);
        for (var iteration = 0; iteration < 3000; iteration++)
        {
            double ga = 0, gc = 0, gb = 0, gbias = 0;
            for (var i = 0; i < examples.Count; i++)
            {
                var e = examples[i];
                var z = (a * -e.Lexicon) + (c * -e.Cues) + (b * modelScores[i]) + bias;
                var p = 1.0 / (1.0 + Math.Exp(-z));
                var g = (p - (e.Negative ? 1 : 0)) * e.Weight;
                ga += g * -e.Lexicon;
                gc += g * -e.Cues;
                gb += g * modelScores[i];
                gbias += g;
            }

            a = Math.Max(0.05, a - (rate * ((ga / total) + (l2 * a))));
            c = Math.Max(0.05, c - (rate * ((gc / total) + (l2 * c))));
            b = Math.Max(0, b - (rate * ((gb / total) + (l2 * b))));
            bias -= rate * gbias / total;
        }

        // The rule scorer measures positivity; the combiner works in "negative" logits.
        return (-a, -c, b, bias);
    }

    private static int[] Shuffle(int count, ulong seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var state = seed;
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)(SplitMix64(ref state) % (ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Builds a language's character-trigram profile (lid.tsv) from plain texts.</summary>
public static class LidProfileBuilder
{
    public const int ProfileSize = 5000;

    public static string Build(IEnumerable<string> texts, string language, string source)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var folded = ScannedText.FoldKey(text);
            LanguageIdentifier.CountTrigrams(folded, counts);
        }

        var writer = new System.Text.StringBuilder();
        writer.Append("# ").Append(language).Append(" character-trigram profile (top ").Append(ProfileSize).Append("), '_' = word boundary; built by `webcare train` from: ").Append(source).Append('\n');
        foreach (var (gram, count) in counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(ProfileSize))
        {
            writer.Append(gram.Replace(' ', '_')).Append('\t').Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        return writer.ToString();
    }
}
