using System.Buffers;
using System.Globalization;
using System.Text;

namespace Webcare.Core.Triage.Engine;

internal enum TokenKind : byte
{
    Word,
    Number,
    Emoji,
    Exclamation,
    Question,
    Boundary,
    Handle,
    Url,
}

/// <summary>One token of a mention: where it sits in the folded buffer and in the original text.</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public int OrigStart;
    public int OrigEnd;
    public TokenKind Kind;
    public bool Caps;
    public bool Hashtag;
}

/// <summary>
/// Folds and tokenizes a mention into pooled buffers (no per-token strings), so the hot path stays
/// allocation-light. Every token keeps the index range of the original text, so evidence is always a
/// real substring. Must never throw, whatever the input (lone surrogates, 100 kB, control characters).
/// </summary>
internal sealed class ScannedText : IDisposable
{
    public const int MaxChars = 8_000;

    private char[] _folded;
    private int[] _map;
    private Token[] _tokens;

    public ScannedText(string text)
    {
        Original = text;
        // A mention is short; a 100 kB paste is triaged on its first part so one post cannot stall the pipeline.
        var length = Math.Min(text.Length, MaxChars);
        _folded = ArrayPool<char>.Shared.Rent(Math.Max(16, length));
        _map = ArrayPool<int>.Shared.Rent(Math.Max(16, length + 1));
        _tokens = ArrayPool<Token>.Shared.Rent(Math.Max(16, (length / 2) + 2));
        FoldedLength = FoldInto(text.AsSpan(0, length), _folded, _map);
        _map[FoldedLength] = length;
        TokenCount = Tokenize();
        CountLetters(text.AsSpan(0, length));
    }

    public string Original { get; }

    public int FoldedLength { get; }

    public int TokenCount { get; }

    public int UpperLetters { get; private set; }

    public int Letters { get; private set; }

    public ReadOnlySpan<char> Folded => _folded.AsSpan(0, FoldedLength);

    public ReadOnlySpan<Token> Tokens => _tokens.AsSpan(0, TokenCount);

    public ReadOnlySpan<char> TokenText(in Token token) => _folded.AsSpan(token.Start, token.Length);

    /// <summary>Whether token <paramref name="index"/> is a number: digits, or a number word ("drie", "three").</summary>
    public bool IsNumberAt(int index, ReadOnlySet numberWords)
    {
        ref readonly var token = ref _tokens[index];
        return token.Kind == TokenKind.Number || numberWords.Contains(TokenText(token));
    }

    /// <summary>The original text of tokens [first, last], a real substring of the input.</summary>
    public string Evidence(int first, int last)
    {
        var start = _tokens[first].OrigStart;
        var end = _tokens[last].OrigEnd;
        return Original.Substring(start, Math.Max(0, end - start));
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_folded);
        ArrayPool<int>.Shared.Return(_map);
        ArrayPool<Token>.Shared.Return(_tokens);
        _folded = [];
        _map = [];
        _tokens = [];
    }

    /// <summary>Folds a whole string the same way (for dictionary keys at load time).</summary>
    public static string FoldKey(string text)
    {
        var folded = new char[text.Length];
        var map = new int[text.Length + 1];
        var n = FoldInto(text, folded, map);
        return new string(folded, 0, n).Trim();
    }

    private static int FoldInto(ReadOnlySpan<char> text, char[] folded, int[] map)
    {
        var table = FoldTable.Instance;
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var f = table[text[i]];
            if (f != '\0')
            {
                folded[n] = f;
                map[n] = i;
                n++;
            }
        }

        return n;
    }

    private void CountLetters(ReadOnlySpan<char> text)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        Letters = letters;
        UpperLetters = upper;
    }

    private int Tokenize()
    {
        var s = _folded.AsSpan(0, FoldedLength);
        var count = 0;
        var i = 0;
        while (i < s.Length && count < _tokens.Length - 1)
        {
            var c = s[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || char.IsWhiteSpace(c) || IsJoiningHyphen(s, i))
            {
                // A hyphen inside a word ("check-in", "e-mail", "self-checkout") joins its halves into one phrase,
                // so it must not be a boundary that stops cue phrases; the halves stay separate words.
                i++;
                continue;
            }

            int start = i;
            TokenKind kind;
            var hashtag = false;
            if (IsWordChar(c) || ((c == '@' || c == '#') && i + 1 < s.Length && IsWordChar(s[i + 1])))
            {
                if (c == '@' || c == '#')
                {
                    hashtag = c == '#';
                    kind = c == '@' ? TokenKind.Handle : TokenKind.Word;
                    i++;
                    if (hashtag)
                    {
                        start = i;
                    }
                }
                else
                {
                    kind = char.IsDigit(c) ? TokenKind.Number : TokenKind.Word;
                }

                while (i < s.Length && (IsWordChar(s[i]) || (s[i] == '\'' && i + 1 < s.Length && char.IsLetter(s[i + 1]) && i > start)))
                {
                    i++;
                }

                if (kind == TokenKind.Number)
                {
                    i = RatingEnd(s, start, i);
                }

                if (kind == TokenKind.Word && i - start >= 4 && IsUrlStart(s, start, i))
                {
                    while (i < s.Length && !char.IsWhiteSpace(s[i]))
                    {
                        i++;
                    }

                    kind = TokenKind.Url;
                }
            }
            else if (c == '!' || c == '?')
            {
                while (i < s.Length && (s[i] == '!' || s[i] == '?'))
                {
                    i++;
                }

                kind = s.Slice(start, i - start).Contains('?') ? TokenKind.Question : TokenKind.Exclamation;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i += 2;
                kind = TokenKind.Emoji;
            }
            else if (char.IsSurrogate(c))
            {
                i++; // a lone surrogate carries nothing: skip it
                continue;
            }
            else
            {
                var category = char.GetUnicodeCategory(c);
                i++;
                if (category is UnicodeCategory.OtherSymbol)
                {
                    kind = TokenKind.Emoji;
                }
                else if (c is '.' or ',' or ';' or ':' or '\u2026' or '(' or ')' or '"' or '-' or '\u2013' or '\u2014' or '/')
                {
                    kind = TokenKind.Boundary;
                }
                else
                {
                    continue;
                }
            }

            ref var t = ref _tokens[count++];
            t.Start = start;
            t.Length = i - start;
            t.Kind = kind;
            t.Hashtag = hashtag;
            t.OrigStart = _map[start];
            t.OrigEnd = i < FoldedLength ? _map[i - 1] + 1 : _map[FoldedLength - 1] + 1;
            if (t.OrigEnd < t.OrigStart)
            {
                t.OrigEnd = t.OrigStart;
            }

            // Include the low surrogate of an emoji in the original range.
            if (kind == TokenKind.Emoji && t.Length == 2)
            {
                t.OrigEnd = _map[start + 1] + 1;
            }

            t.Caps = false;
            if (kind == TokenKind.Word && t.Length >= 2)
            {
                t.Caps = IsAllCaps(Original.AsSpan(t.OrigStart, t.OrigEnd - t.OrigStart));
            }
        }

        return count;
    }

    private static bool IsAllCaps(ReadOnlySpan<char> original)
    {
        var letters = 0;
        foreach (var c in original)
        {
            if (char.IsLetter(c))
            {
                if (!char.IsUpper(c))
                {
                    return false;
                }

                letters++;
            }
        }

        return letters >= 2;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> s, int start, int end)
    {
        var word = s.Slice(start, end - start);
        var rest = s[end..];
        return (word is "http" or "https" && rest.StartsWith("://", StringComparison.Ordinal))
            || (word is "www" && rest.StartsWith(".", StringComparison.Ordinal));
    }

    internal static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// A score such as "10/10" or "1/5" is one token, so a rating can be a cue; otherwise the slash is a boundary.
    /// Returns the end of the rating when the digits in [start, end) are followed by "/" and more digits, else end.
    /// </summary>
    internal static int RatingEnd(ReadOnlySpan<char> s, int start, int end)
    {
        if (end + 1 >= s.Length || s[end] != '/' || !char.IsAsciiDigit(s[end + 1]) || (start > 0 && s[start - 1] == '/'))
        {
            return end;
        }

        for (var k = start; k < end; k++)
        {
            if (!char.IsAsciiDigit(s[k]))
            {
                return end;
            }
        }

        var i = end + 1;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        // "12/05/2026" is a date, not a rating: leave it to the slash rule.
        return i < s.Length && s[i] == '/' ? end : i;
    }

    internal static bool IsJoiningHyphen(ReadOnlySpan<char> s, int i) =>
        s[i] is '-' or '\u2010' && i > 0 && i + 1 < s.Length && IsWordChar(s[i - 1]) && IsWordChar(s[i + 1]);
}

/// <summary>
/// Lower case, no diacritics, typographic apostrophes straightened, invisible characters dropped ('\0').
/// Computed once for the whole BMP; read-only afterwards.
/// </summary>
internal static class FoldTable
{
    public static readonly char[] Instance = Build();

    private static char[] Build()
    {
        var table = new char[65536];
        Span<char> one = stackalloc char[1];
        for (var i = 0; i < table.Length; i++)
        {
            var c = (char)i;
            if (c < 128)
            {
                table[i] = c == '\0' ? '\0' : char.ToLowerInvariant(c);
                continue;
            }

            if (Text.TextNormalizer.IsInvisible(c) || c is '\uFE0F' or '\uFE0E')
            {
                table[i] = '\0';
                continue;
            }

            if (char.IsSurrogate(c))
            {
                table[i] = c;
                continue;
            }

            if (c is '\u2019' or '\u2018' or '\u00B4' or '`')
            {
                table[i] = '\'';
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                table[i] = ' ';
                continue;
            }

            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                table[i] = '\0';
                continue;
            }

            if (category is UnicodeCategory.OtherNotAssigned or UnicodeCategory.Control or UnicodeCategory.PrivateUse)
            {
                table[i] = category == UnicodeCategory.Control ? ' ' : c;
                continue;
            }

            table[i] = Decompose(c);
        }

        return table;
    }

    private static char Decompose(char c)
    {
        if (c < '\u00C0' || c > '\u024F')
        {
            // Outside Latin-1 Supplement / Latin Extended the only fold we need is case.
            return char.ToLowerInvariant(c);
        }

        string decomposed;
        try
        {
            decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            return char.ToLowerInvariant(c);
        }

        foreach (var part in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                return char.ToLowerInvariant(part);
            }
        }

        return char.ToLowerInvariant(c);
    }
}
