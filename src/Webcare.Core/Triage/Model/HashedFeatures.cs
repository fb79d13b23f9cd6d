using Webcare.Core.Triage.Engine;

namespace Webcare.Core.Triage.Model;

/// <summary>
/// Hashed word unigrams and bigrams (negation-marked) and character 3/4-grams inside words. The same code
/// feeds training and run time, so the two cannot drift apart.
/// </summary>
internal static class HashedFeatures
{
    public const int Bits = 18;
    private const uint Mask = (1u << Bits) - 1;
    private const uint Offset = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>Writes feature indexes into <paramref name="buffer"/> and returns how many (duplicates allowed).</summary>
    public static int Extract(ScannedText text, ReadOnlySet negators, Span<int> buffer)
    {
        var n = 0;
        var tokens = text.Tokens;
        uint previous = 0;
        var hasPrevious = false;
        var negatedUntil = -1;
        for (var i = 0; i < tokens.Length && n < buffer.Length - 16; i++)
        {
            ref readonly var t = ref tokens[i];
            if (t.Kind is TokenKind.Handle or TokenKind.Url)
            {
                continue;
            }

            if (t.Kind is TokenKind.Boundary)
            {
                hasPrevious = false;
                negatedUntil = -1;
                continue;
            }

            var word = text.TokenText(t);
            uint h;
            if (t.Kind == TokenKind.Number)
            {
                h = HashString(Offset ^ 0x55u, "#");
            }
            else if (t.Kind is TokenKind.Exclamation or TokenKind.Question)
            {
                h = HashString(Offset ^ 0x77u, t.Kind == TokenKind.Question ? (t.Length > 1 ? "??" : "?") : (t.Length > 1 ? "!!" : "!"));
            }
            else
            {
                h = HashString(Offset, word);
            }

            var negated = i <= negatedUntil;
            var unigram = negated ? Mix(h, 0x9E3779B9u) : h;
            buffer[n++] = (int)(unigram & Mask);
            if (hasPrevious)
            {
                buffer[n++] = (int)(Mix(previous, h) & Mask);
            }

            previous = h;
            hasPrevious = true;
            if (t.Kind == TokenKind.Word && negators.Contains(word))
            {
                negatedUntil = i + 3;
            }

            if (t.Kind == TokenKind.Word && word.Length >= 3)
            {
                n = CharGrams(word, buffer, n);
            }
        }

        buffer[n++] = (int)(HashString(Offset ^ 0x13u, "__bias__") & Mask);
        return n;
    }

    private static int CharGrams(ReadOnlySpan<char> word, Span<int> buffer, int n)
    {
        // "_word_" with boundary marks; 3- and 4-grams.
        var length = word.Length + 2;
        for (var size = 3; size <= 4; size++)
        {
            for (var start = 0; start + size <= length && n < buffer.Length - 2; start++)
            {
                var h = Offset ^ (uint)(size * 0x1F);
                for (var k = start; k < start + size; k++)
                {
                    var c = k == 0 || k == length - 1 ? '_' : word[k - 1];
                    h = (h ^ c) * Prime;
                }

                buffer[n++] = (int)(h & Mask);
            }
        }

        return n;
    }

    private static uint HashString(uint seed, ReadOnlySpan<char> s)
    {
        var h = seed;
        foreach (var c in s)
        {
            h = (h ^ c) * Prime;
        }

        return h;
    }

    private static uint Mix(uint a, uint b)
    {
        var h = (a * 0x85EBCA6Bu) ^ (b + 0x9E3779B9u + (a << 6) + (a >> 2));
        h ^= h >> 15;
        h *= 0xC2B2AE35u;
        h ^= h >> 13;
        return h;
    }

    /// <summary>Upper bound of features for a text of <paramref name="tokens"/> tokens and <paramref name="chars"/> characters.</summary>
    public static int Capacity(int tokens, int chars) => (tokens * 2) + (chars * 2) + 64;
}
