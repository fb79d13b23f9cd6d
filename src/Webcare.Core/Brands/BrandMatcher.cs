using Webcare.Core.Text;

namespace Webcare.Core.Brands;

/// <summary>The brand a text is about, and the words in it that said so.</summary>
public sealed record BrandMatch(BrandRule Brand, string MatchedText);

/// <summary>Finds which configured brand a mention is about.</summary>
public sealed class BrandMatcher
{
    private readonly IReadOnlyList<CompiledBrand> _brands;

    public BrandMatcher(IEnumerable<BrandRule> brands)
    {
        _brands = brands.Select(Compile).ToList();
    }

    /// <summary>The first brand whose terms occur in the text outside its exclusion phrases, or null.</summary>
    public BrandMatch? Match(string text)
    {
        var folded = TextNormalizer.Fold(text, out var map);
        foreach (var brand in _brands)
        {
            var masked = MaskExclusions(folded, brand.Exclusions);
            foreach (var term in brand.Terms)
            {
                var at = TextSearch.FindWord(masked, term, 0);
                if (at >= 0)
                {
                    var start = map[at];
                    var end = map[at + term.Length - 1] + 1;
                    return new BrandMatch(brand.Rule, text[start..end]);
                }
            }
        }

        return null;
    }

    private static CompiledBrand Compile(BrandRule rule)
    {
        var terms = new List<string>();
        terms.AddRange(rule.Handles.Select(h => "@" + TextNormalizer.Fold(h.TrimStart('@'))));
        terms.AddRange(rule.Hashtags.Select(h => "#" + TextNormalizer.Fold(h.TrimStart('#'))));
        terms.Add(TextNormalizer.Fold(rule.Name));
        terms.AddRange(rule.Aliases.Select(TextNormalizer.Fold));
        var exclusions = rule.Exclusions.Select(TextNormalizer.Fold).Where(e => e.Length > 0).ToList();
        // Longest first, so the evidence is the fullest phrase ("Telvio Mobiel", not "Telvio").
        var ordered = terms.Where(t => t.Trim('@', '#').Length > 0).Distinct().OrderByDescending(t => t.Length).ToList();
        return new CompiledBrand(rule, ordered, exclusions);
    }

    private static string MaskExclusions(string folded, IReadOnlyList<string> exclusions)
    {
        if (exclusions.Count == 0)
        {
            return folded;
        }

        var chars = folded.ToCharArray();
        foreach (var exclusion in exclusions)
        {
            for (var at = TextSearch.FindWord(folded, exclusion, 0); at >= 0; at = TextSearch.FindWord(folded, exclusion, at + 1))
            {
                Array.Fill(chars, ' ', at, exclusion.Length);
            }
        }

        return new string(chars);
    }

    private sealed record CompiledBrand(BrandRule Rule, IReadOnlyList<string> Terms, IReadOnlyList<string> Exclusions);
}
