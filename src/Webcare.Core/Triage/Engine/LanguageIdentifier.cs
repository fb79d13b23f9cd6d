namespace Webcare.Core.Triage.Engine;

/// <summary>
/// Character-trigram naive Bayes over hashed buckets, one profile per language (config/triage/&lt;lang&gt;/lid.tsv).
/// Adding a language is adding its profile file.
/// </summary>
internal sealed class LanguageIdentifier
{
    public const int Bits = 16;
    private const int Mask = (1 << Bits) - 1;
    private readonly string[] _languages;
    // Interleaved [bucket * languages + language]: one cache line serves every language for a trigram.
    private readonly float[] _logProb;
    private readonly float[] _unseen;
    private readonly Dictionary<string, ulong>.AlternateLookup<ReadOnlySpan<char>> _words;

    /// <summary>What one common function word of a language (lid-words.txt) adds to that language's log score.</summary>
    public const double WordBonus = 1.5;

    /// <summary>The first 320 folded characters (a long tweet) decide: enough for any language, and the hot path stays short.</summary>
    public const int MaxChars = 320;

    public LanguageIdentifier(
        IReadOnlyList<(string Language, IReadOnlyList<(string Gram, long Count)> Profile)> profiles,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>>? commonWords = null)
    {
        var words = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var l = 0; l < profiles.Count && l < 64; l++)
        {
            if (commonWords is not null && commonWords.TryGetValue(profiles[l].Language, out var list))
            {
                foreach (var word in list)
                {
                    words[word] = words.GetValueOrDefault(word) | (1UL << l);
                }
            }
        }

        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _languages = new string[profiles.Count];
        _logProb = new float[profiles.Count << Bits];
        _unseen = new float[profiles.Count];
        for (var l = 0; l < profiles.Count; l++)
        {
            var (language, profile) = profiles[l];
            _languages[l] = language;
            var counts = new double[1 << Bits];
            double total = 0;
            foreach (var (gram, count) in profile)
            {
                if (gram.Length != 3)
                {
                    continue;
                }

                counts[Hash(gram[0], gram[1], gram[2])] += count;
                total += count;
            }

            // Additive smoothing; the unseen mass is what a trigram absent from the profile costs.
            const double alpha = 0.5;
            var denominator = total + (alpha * counts.Length);
            for (var i = 0; i < counts.Length; i++)
            {
                _logProb[(i * profiles.Count) + l] = (float)Math.Log((counts[i] + alpha) / denominator);
            }

            _unseen[l] = (float)Math.Log(alpha / denominator);
        }
    }

    public IReadOnlyList<string> Languages => _languages;

    /// <summary>The best language, or "und" for text with too few letters to tell.</summary>
    public string Identify(ScannedText text)
    {
        Span<double> bonus = stackalloc double[Math.Max(1, _languages.Length)];
        bonus.Clear();
        foreach (ref readonly var token in text.Tokens)
        {
            if (token.Start >= MaxChars)
            {
                break;
            }

            if (token.Kind == TokenKind.Word && _words.TryGetValue(text.TokenText(token), out var mask))
            {
                for (var l = 0; l < _languages.Length && l < 64; l++)
                {
                    if ((mask & (1UL << l)) != 0)
                    {
                        bonus[l] += WordBonus;
                    }
                }
            }
        }

        var folded = text.Folded;
        return Identify(folded.Length > MaxChars ? folded[..MaxChars] : folded, bonus);
    }

    public string Identify(ReadOnlySpan<char> folded) => Identify(folded, []);

    private string Identify(ReadOnlySpan<char> folded, ReadOnlySpan<double> bonus)
    {
        if (_languages.Length == 0)
        {
            return "und";
        }

        Span<double> scores = stackalloc double[_languages.Length];
        scores.Clear();
        var grams = 0;
        var latin = 0;
        var other = 0;
        char a = ' ', b = ' ';
        var inUrl = false;
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (c <= ' ' || (c > '\u007F' && char.IsWhiteSpace(c)))
            {
                inUrl = false;
            }
            else if (c == '@' || (c == 'h' && folded[i..].StartsWith("http", StringComparison.Ordinal)))
            {
                // Handles and links say nothing about the language.
                inUrl = true;
            }

            if (inUrl)
            {
                c = ' ';
            }

            if (c is >= 'a' and <= 'z' || (c > '\u007F' && char.IsLetter(c)))
            {
                if (c < '\u0250')
                {
                    latin++;
                }
                else
                {
                    other++;
                }
            }
            else
            {
                c = ' ';
            }

            if (c == ' ' && b == ' ')
            {
                a = ' ';
                continue;
            }

            if (!(a == ' ' && b == ' '))
            {
                var row = _logProb.AsSpan(Hash(a, b, c) * scores.Length, scores.Length);
                for (var l = 0; l < scores.Length; l++)
                {
                    scores[l] += row[l];
                }

                grams++;
            }

            a = b;
            b = c;
        }

        // Profiles are Latin-script; a text in another script is not ours to guess.
        if (grams < 4 || other > latin)
        {
            return "und";
        }

        for (var l = 0; l < bonus.Length && l < scores.Length; l++)
        {
            scores[l] += bonus[l];
        }

        var best = 0;
        for (var l = 1; l < scores.Length; l++)
        {
            if (scores[l] > scores[best])
            {
                best = l;
            }
        }

        return _languages[best];
    }

    internal static int Hash(char a, char b, char c) => (int)(((a * 2654435761u) ^ (b * 40503u) ^ (c * 97u) ^ ((uint)c << 11)) & Mask);

    /// <summary>Counts trigrams the way <see cref="Identify(ReadOnlySpan{char})"/> reads them (for building profiles).</summary>
    internal static void CountTrigrams(ReadOnlySpan<char> folded, Dictionary<string, long> counts)
    {
        char a = ' ', b = ' ';
        var inUrl = false;
        Span<char> gram = stackalloc char[3];
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (char.IsWhiteSpace(c))
            {
                inUrl = false;
            }
            else if (c == '@' || (c == 'h' && folded[i..].StartsWith("http", StringComparison.Ordinal)))
            {
                inUrl = true;
            }

            if (inUrl || !char.IsLetter(c))
            {
                c = ' ';
            }

            if (c == ' ' && b == ' ')
            {
                a = ' ';
                continue;
            }

            if (!(a == ' ' && b == ' '))
            {
                gram[0] = a;
                gram[1] = b;
                gram[2] = c;
                var key = new string(gram);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }

            a = b;
            b = c;
        }
    }
}
