using System.Globalization;
using System.Text;

namespace Webcare.Core.Text;

/// <summary>Folds text for matching: lower case, no diacritics, no invisible characters.</summary>
public static class TextNormalizer
{
    /// <summary>
    /// Returns a folded copy of <paramref name="text"/>. Every character of the result maps to one
    /// character of the input at the same index (<paramref name="map"/>), so a match can be cut
    /// from the original text as evidence.
    /// </summary>
    public static string Fold(string text, out int[] map)
    {
        var builder = new StringBuilder(text.Length);
        var indexes = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsInvisible(c))
            {
                continue;
            }

            var folded = FoldChar(c);
            if (folded != '\0')
            {
                builder.Append(folded);
                indexes.Add(i);
            }
        }

        map = indexes.ToArray();
        return builder.ToString();
    }

    public static string Fold(string text) => Fold(text, out _);

    /// <summary>Zero-width and bidirectional control characters: they hide words from naive matching.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
        || (c >= '\u200E' && c <= '\u200F')
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');

    private static char FoldChar(char c)
    {
        if (c < 128)
        {
            return char.ToLowerInvariant(c);
        }

        if (char.IsSurrogate(c))
        {
            return c;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                return char.ToLowerInvariant(part);
            }
        }

        return '\0';
    }

    /// <summary>A word character for brand boundaries: letters, digits, and the handle underscore.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
