using Webcare.Core.Text;

namespace Webcare.Core.Reports.Digest;

/// <summary>A word that many more posts used this period than in its baseline.</summary>
public sealed record EmergingTerm(string Term, int Count, double BaselineAverage)
{
    public double Ratio => (Count + 1) / (BaselineAverage + 1);
}

/// <summary>Finds word spikes: posts using a word now against the average per equal-length baseline period.</summary>
public static class EmergingTerms
{
    public static IReadOnlyList<EmergingTerm> Find(
        IReadOnlyList<TermSource> current, IReadOnlyList<TermSource> baseline, double baselinePeriods,
        int top = 8, int minimumCount = 3, double minimumRatio = 2.0, double currentScale = 1, double baselineScale = 1)
    {
        var now = CountDocuments(current);
        if (now.Count == 0)
        {
            return [];
        }

        var before = CountDocuments(baseline);
        var periods = Math.Max(0.01, baselinePeriods);
        return now
            .Select(kv => (kv.Key, Count: (int)Math.Round(kv.Value * currentScale)))
            .Where(kv => kv.Count >= minimumCount)
            .Select(kv => new EmergingTerm(kv.Key, kv.Count, before.GetValueOrDefault(kv.Key) * baselineScale / periods))
            .Where(t => t.Ratio >= minimumRatio)
            .OrderByDescending(t => t.Ratio)
            .ThenByDescending(t => t.Count)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(top)
            .ToList();
    }

    /// <summary>In how many posts each word occurs (once per post, so one angry repeated word does not make a trend).</summary>
    public static Dictionary<string, int> CountDocuments(IEnumerable<TermSource> sources)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            seen.Clear();
            foreach (var word in Words(source.Text, source.Language))
            {
                if (seen.Add(word))
                {
                    counts[word] = counts.GetValueOrDefault(word) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Folded words of a post without stop words, handles, links, numbers and very short words.</summary>
    public static IEnumerable<string> Words(string text, string? language)
    {
        var stop = StopWords.For(language);
        foreach (var raw in text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw[0] is '@' || raw.Contains("://", StringComparison.Ordinal) || raw.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var folded = TextNormalizer.Fold(raw);
            var start = 0;
            for (var i = 0; i <= folded.Length; i++)
            {
                if (i < folded.Length && (char.IsLetterOrDigit(folded[i]) || folded[i] == '#'))
                {
                    continue;
                }

                if (i - start >= 3)
                {
                    var word = folded[start..i].TrimStart('#');
                    if (word.Length >= 3 && !word.All(char.IsDigit) && !stop.Contains(word))
                    {
                        yield return word;
                    }
                }

                start = i + 1;
            }
        }
    }
}
