namespace Webcare.Core.Triage.Engine;

/// <summary>What a matched phrase means. One phrase can mean several things (e.g. "on hold": complaint and phone).</summary>
internal enum CueKind : byte
{
    Lexicon,
    Negator,
    Intensifier,
    Contrast,
    Complaint,
    Praise,
    Sarcasm,
    QuestionStart,
    Spam,
    Urgency,
    Origin,
    OriginEarlier,
    NotOrigin,
    RootCause,
    Promise,
}

/// <summary>A compiled cue: its kind, a weight, and a label (urgency name, origin, root-cause tag).</summary>
internal sealed record Cue(CueKind Kind, float Weight, string Label, string Phrase);

/// <summary>
/// A trie over folded tokens. A pattern token may be a word, "#" (any number or number word), a prefix ending in
/// "*" ("wacht*" matches "wachten", "gewacht" does not) or a suffix starting with "*" ("*bezorger" matches
/// "pakketbezorger", not "bezorger" itself). Lookups use spans: no strings per token.
/// </summary>
internal sealed class PhraseTrie
{
    private readonly Node _root = new();
    private bool _frozen;

    public int MaxDepth { get; private set; }

    public void Add(string foldedPhrase, Cue cue)
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The trie is frozen.");
        }

        var parts = SplitPattern(foldedPhrase);
        if (parts.Count == 0)
        {
            return;
        }

        var node = _root;
        foreach (var part in parts)
        {
            node = node.Child(part);
        }

        node.Cues.Add(cue);
        MaxDepth = Math.Max(MaxDepth, parts.Count);
    }

    public void Freeze()
    {
        _root.Freeze();
        _frozen = true;
    }

    /// <summary>
    /// Writes every phrase that starts at token <paramref name="first"/> into <paramref name="results"/>, shortest
    /// first, and returns how many. Patterns never span a boundary token (punctuation) or a handle/URL; a filler
    /// word of <paramref name="words"/> may stand between a pattern's words.
    /// </summary>
    public int Match(ScannedText text, int first, Span<Match> results, PhraseWords words)
    {
        var found = 0;
        MatchFrom(_root, text, first, first, results, ref found, words);
        return found;
    }

    private static void MatchFrom(Node node, ScannedText text, int first, int at, Span<Match> results, ref int found, PhraseWords words)
    {
        var tokens = text.Tokens;
        if (at >= tokens.Length || found >= results.Length)
        {
            return;
        }

        ref readonly var token = ref tokens[at];
        if (token.Kind is TokenKind.Boundary or TokenKind.Handle or TokenKind.Url or TokenKind.Exclamation or TokenKind.Question)
        {
            return;
        }

        var word = text.TokenText(token);
        if (node.Lookup is { } lookup && lookup.TryGetValue(word, out var next))
        {
            Visit(next, text, first, at, results, ref found, words);
        }

        if (node.NumberChild is { } number && text.IsNumberAt(at, words.Numbers))
        {
            Visit(number, text, first, at, results, ref found, words);
        }

        if (node.Prefixes is { } prefixes)
        {
            foreach (var (prefix, child) in prefixes)
            {
                if (word.Length > prefix.Length && word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    Visit(child, text, first, at, results, ref found, words);
                }
            }
        }

        // "*bezorger" matches the compounds Dutch and German build freely: "pakketbezorger", "boodschappenbezorger".
        if (node.Suffixes is { } suffixes)
        {
            foreach (var (suffix, child) in suffixes)
            {
                if (word.Length > suffix.Length && word.EndsWith(suffix, StringComparison.Ordinal))
                {
                    Visit(child, text, first, at, results, ref found, words);
                }
            }
        }

        // "werkt gewoon niet", "hangt dan gewoon op", "doesn't even work": a filler between a phrase's words is passed
        // over, so the data needs one phrase, not one per filler. Never at the start: a phrase begins with its own word.
        if (at > first && words.Fillers.Contains(word))
        {
            MatchFrom(node, text, first, at + 1, results, ref found, words);
        }
    }

    private static void Visit(Node node, ScannedText text, int first, int at, Span<Match> results, ref int found, PhraseWords words)
    {
        if (node.CueArray is { Length: > 0 } cues && found < results.Length)
        {
            results[found++] = new Match(first, at, cues);
        }

        MatchFrom(node, text, first, at + 1, results, ref found, words);
    }

    private static List<string> SplitPattern(string phrase)
    {
        // Emoji and punctuation-free words: split on spaces; the tokenizer splits emoji apart, so do the same.
        var parts = new List<string>();
        foreach (var raw in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var i = 0;
            while (i < raw.Length)
            {
                if (char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length)
                {
                    parts.Add(raw.Substring(i, 2));
                    i += 2;
                }
                else if (ScannedText.IsJoiningHyphen(raw, i))
                {
                    i++; // the scanner drops a hyphen inside a word, so "check-in desk" is the words check, in, desk
                }
                else if (!ScannedText.IsWordChar(raw[i]) && raw[i] is not '#' and not '*' and not '\'')
                {
                    parts.Add(raw.Substring(i, 1));
                    i++;
                }
                else
                {
                    var start = i;
                    while (i < raw.Length && (ScannedText.IsWordChar(raw[i]) || raw[i] is '#' or '*' or '\''))
                    {
                        i++;
                    }

                    i = ScannedText.RatingEnd(raw, start, i);
                    parts.Add(raw[start..i]);
                }
            }
        }

        return parts;
    }

    private sealed class Node
    {
        private Dictionary<string, Node>? _children;
        private List<(string Prefix, Node Child)>? _prefixes;
        private List<(string Suffix, Node Child)>? _suffixes;

        public List<Cue> Cues { get; } = [];

        public Cue[]? CueArray { get; private set; }

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>>? Lookup { get; private set; }

        public Node? NumberChild { get; private set; }

        public (string Prefix, Node Child)[]? Prefixes { get; private set; }

        public (string Suffix, Node Child)[]? Suffixes { get; private set; }

        public Node Child(string part)
        {
            if (part == "#")
            {
                return NumberChild ??= new Node();
            }

            if (part.Length > 1 && part[^1] == '*')
            {
                return AffixChild(_prefixes ??= [], part[..^1]);
            }

            if (part.Length > 1 && part[0] == '*')
            {
                return AffixChild(_suffixes ??= [], part[1..]);
            }

            _children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!_children.TryGetValue(part, out var child))
            {
                child = new Node();
                _children[part] = child;
            }

            return child;
        }

        private static Node AffixChild(List<(string Affix, Node Child)> affixes, string affix)
        {
            foreach (var (a, c) in affixes)
            {
                if (a == affix)
                {
                    return c;
                }
            }

            var node = new Node();
            affixes.Add((affix, node));
            return node;
        }

        public void Freeze()
        {
            CueArray = Cues.Count > 0 ? [.. Cues] : null;
            if (_children is not null)
            {
                Lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
                foreach (var child in _children.Values)
                {
                    child.Freeze();
                }
            }

            NumberChild?.Freeze();
            if (_prefixes is not null)
            {
                // Longest prefix first, so the more specific pattern is reported first.
                Prefixes = [.. _prefixes.OrderByDescending(p => p.Prefix.Length).ThenBy(p => p.Prefix, StringComparer.Ordinal)];
                foreach (var (_, child) in Prefixes)
                {
                    child.Freeze();
                }
            }

            if (_suffixes is not null)
            {
                Suffixes = [.. _suffixes.OrderByDescending(p => p.Suffix.Length).ThenBy(p => p.Suffix, StringComparer.Ordinal)];
                foreach (var (_, child) in Suffixes)
                {
                    child.Freeze();
                }
            }
        }
    }
}

/// <summary>Tokens [First, Last] matched a phrase carrying <see cref="Cues"/>.</summary>
internal readonly record struct Match(int First, int Last, Cue[] Cues);

/// <summary>
/// The word classes a language gives the trie: number words ("drie") for "#", and fillers ("gewoon", "just") that may
/// stand between a phrase's words without breaking it.
/// </summary>
internal sealed record PhraseWords(ReadOnlySet Numbers, ReadOnlySet Fillers);

/// <summary>A read-only set of folded words with span lookups.</summary>
internal sealed class ReadOnlySet
{
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public ReadOnlySet(IEnumerable<string> words)
    {
        var set = new HashSet<string>(words, StringComparer.Ordinal);
        _lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<char> word) => _lookup.Contains(word);
}
