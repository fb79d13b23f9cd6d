namespace Webcare.Core.Text;

public static class TextSearch
{
    /// <summary>
    /// Finds <paramref name="term"/> in folded text with no word character directly before or after
    /// it, so "hema" does not match inside "hematologie". Returns -1 when absent.
    /// </summary>
    public static int FindWord(string haystack, string term, int from)
    {
        if (term.Length == 0)
        {
            return -1;
        }

        for (var at = haystack.IndexOf(term, from, StringComparison.Ordinal); at >= 0;
             at = haystack.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            var startsClean = at == 0 || !TextNormalizer.IsWordChar(haystack[at - 1]) || !TextNormalizer.IsWordChar(term[0]);
            var end = at + term.Length;
            var endsClean = end == haystack.Length || !TextNormalizer.IsWordChar(haystack[end]) || !TextNormalizer.IsWordChar(term[^1]);
            if (startsClean && endsClean)
            {
                return at;
            }
        }

        return -1;
    }
}
