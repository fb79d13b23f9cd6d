using System.Buffers;
using Webcare.Core.Mentions;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Model;

namespace Webcare.Core.Triage.Engine;

/// <summary>A cue that counted, with its evidence span, for the why-line.</summary>
internal readonly record struct Contribution(double Value, string Label, int First, int Last);

/// <summary>The raw signals of one mention before they are turned into a verdict.</summary>
internal sealed class Signals
{
    public required string Language { get; init; }

    public double Lexicon { get; set; }

    public double Cues { get; set; }

    public double ModelLogit { get; set; }

    public double Probability { get; set; }

    public bool Sarcasm { get; set; }

    public bool Question { get; set; }

    /// <summary>Opens with a question word and has a question mark: an information request unless cues say otherwise.</summary>
    public bool QuestionOpening { get; set; }

    public bool Shouting { get; set; }

    public int SpamCues { get; set; }

    public int PraiseCues { get; set; }

    public List<(string Flag, string Evidence)> Urgency { get; } = [];

    public List<(string Tag, string Evidence)> RootCauses { get; } = [];

    public List<(string Promise, string Evidence)> Promises { get; } = [];

    public OriginGuess Origin { get; set; } = OriginGuess.Unknown;

    public List<(double Value, string Label, string Evidence)> Top { get; } = [];
}

/// <summary>
/// One pass over the tokens: phrase matches from the language's trie feed the rule scorer (VADER-style
/// negation, intensifiers, contrast, capitals, punctuation, emoji, complaint cues), the detectors
/// (urgency, origin, root causes, spam, questions) and the hashed features of the linear model.
/// </summary>
internal static class MentionAnalysis
{
    private const double NegationScalar = -0.74;
    private const double CapsBoost = 0.733;
    private const int MaxMatchesPerToken = 8;
    private const double UrgencyWeight = -1.5;
    private const double QuestionDamping = 0.6;

    public static Signals Analyze(ScannedText text, LanguagePack pack, LinearModel model, string language)
    {
        var signals = new Signals { Language = language };
        var tokens = text.Tokens;
        var matchBuffer = ArrayPool<Match>.Shared.Rent(Math.Max(16, tokens.Length * 2));
        var contributions = ArrayPool<Contribution>.Shared.Rent(Math.Max(16, tokens.Length));
        var featureBuffer = ArrayPool<int>.Shared.Rent(HashedFeatures.Capacity(tokens.Length, text.FoldedLength));
        try
        {
            var matchCount = CollectMatches(text, pack, matchBuffer);
            var matches = matchBuffer.AsSpan(0, matchCount);
            var contributionCount = Score(text, matches, contributions, signals);
            Detect(text, matches, pack.Words.Numbers, signals);
            if (signals.QuestionOpening && signals.Cues < 0)
            {
                // "How do I cancel …?" asks for information; the complaint words in it weigh less.
                signals.Cues *= QuestionDamping;
            }

            Explain(text, contributions.AsSpan(0, contributionCount), signals);

            var n = HashedFeatures.Extract(text, pack.Negators, featureBuffer);
            signals.ModelLogit = model.Logit(featureBuffer.AsSpan(0, n));
            return signals;
        }
        finally
        {
            ArrayPool<Match>.Shared.Return(matchBuffer);
            ArrayPool<Contribution>.Shared.Return(contributions);
            ArrayPool<int>.Shared.Return(featureBuffer);
        }
    }

    private static int CollectMatches(ScannedText text, LanguagePack pack, Match[] buffer)
    {
        var count = 0;
        for (var i = 0; i < text.TokenCount && count < buffer.Length; i++)
        {
            var room = Math.Min(MaxMatchesPerToken, buffer.Length - count);
            count += pack.Trie.Match(text, i, buffer.AsSpan(count, room), pack.Words);
        }

        return count;
    }

    private static int Score(ScannedText text, ReadOnlySpan<Match> matches, Contribution[] contributions, Signals signals)
    {
        var tokens = text.Tokens;
        var shouting = text.Letters >= 12 && text.UpperLetters >= text.Letters * 0.8;
        signals.Shouting = shouting;
        var count = 0;
        var lastContrast = -1;
        var lastNegator = -10;
        var lastBoundary = -1;
        var intensity = 0.0;
        var intensityAt = -10;
        var consumedUntil = -1;
        var m = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind == TokenKind.Boundary)
            {
                lastBoundary = i;
            }

            // Best sentiment-bearing phrase starting here: the longest one.
            Match? best = null;
            var bestKind = CueKind.Negator;
            while (m < matches.Length && matches[m].First < i)
            {
                m++;
            }

            for (var k = m; k < matches.Length && matches[k].First == i; k++)
            {
                foreach (var cue in matches[k].Cues)
                {
                    switch (cue.Kind)
                    {
                        case CueKind.Negator:
                            lastNegator = matches[k].Last;
                            break;
                        case CueKind.Contrast when i > consumedUntil:
                            lastContrast = i;
                            break;
                        case CueKind.Intensifier when i > consumedUntil:
                            intensity = cue.Weight;
                            intensityAt = matches[k].Last;
                            break;
                        case var kind when IsSentiment(kind):
                            if (best is null || matches[k].Last > best.Value.Last
                                || (matches[k].Last == best.Value.Last && Rank(cue.Kind) > Rank(bestKind)))
                            {
                                best = matches[k];
                                bestKind = cue.Kind;
                            }

                            break;
                    }
                }
            }

            if (best is not { } match || i <= consumedUntil || LongerPhraseStartsInside(matches, m, match))
            {
                continue;
            }

            consumedUntil = match.Last;
            var value = 0.0;
            var label = "lexicon";
            foreach (var cue in match.Cues)
            {
                if (cue.Kind == bestKind)
                {
                    value = cue.Weight;
                    label = cue.Label;
                    break;
                }
            }

            if (bestKind == CueKind.Lexicon)
            {
                if (i - intensityAt is > 0 and <= 2 && value != 0)
                {
                    value += Math.Sign(value) * intensity;
                }

                if (!shouting && AnyCaps(tokens, match.First, match.Last) && value != 0)
                {
                    value += Math.Sign(value) * CapsBoost;
                }

                if (i - lastNegator is > 0 and <= 3 && lastNegator > lastBoundary)
                {
                    value *= NegationScalar;
                    label = "negated";
                }
            }
            else if (bestKind == CueKind.Sarcasm)
            {
                signals.Sarcasm = true;
            }
            else if (bestKind == CueKind.Praise)
            {
                // "als dit niet wordt opgelost": a negated praise cue is no praise.
                if (i - lastNegator is > 0 and <= 3 && lastNegator > lastBoundary)
                {
                    value *= NegationScalar;
                    label = "negated";
                }
                else
                {
                    signals.PraiseCues++;
                }
            }

            if (value != 0 && count < contributions.Length)
            {
                contributions[count++] = new Contribution(value, bestKind == CueKind.Lexicon ? label : bestKind.ToString().ToLowerInvariant(), match.First, match.Last);
            }
        }

        double lexicon = 0, cues = 0;
        var exclamations = 0;
        var questions = 0;
        foreach (ref readonly var t in tokens)
        {
            if (t.Kind == TokenKind.Exclamation)
            {
                exclamations += t.Length;
            }
            else if (t.Kind == TokenKind.Question)
            {
                questions += t.Length;
            }
        }

        for (var c = 0; c < count; c++)
        {
            ref var contribution = ref contributions[c];
            var value = contribution.Value;
            if (lastContrast >= 0)
            {
                // "X, but Y": what follows the contrast word carries the message (VADER's rule).
                value *= contribution.First < lastContrast ? 0.5 : 1.5;
            }

            // Sarcasm turns what reads as praise (a word, an emoji, a rating, a praise cue) against the brand; a negated
            // complaint word ("not bad") is left as it is. Complaint and sarcasm cues are never positive.
            if (signals.Sarcasm && value > 0 && contribution.Label != "negated")
            {
                value *= -0.5;
            }

            contribution = contribution with { Value = value };
            if (contribution.Label is "complaint" or "praise" or "sarcasm")
            {
                cues += value;
            }
            else
            {
                lexicon += value;
            }
        }

        var total = lexicon + cues;
        if (total != 0)
        {
            lexicon += Math.Sign(total) * Math.Min(4, exclamations) * 0.292;
            if (questions > 1)
            {
                lexicon += Math.Sign(total) * Math.Min(0.96, questions * 0.18);
            }
        }

        if (shouting)
        {
            cues -= 1.0;
        }

        signals.Lexicon = lexicon;
        signals.Cues = cues;
        signals.Question = questions > 0;
        return count;
    }

    /// <summary>
    /// True when a longer sentiment phrase starts inside <paramref name="match"/> and runs past its end: in "echt niks op
    /// aan te merken" the praise "niks op aan te merken" says what the words mean, not the complaint "echt niks".
    /// </summary>
    private static bool LongerPhraseStartsInside(ReadOnlySpan<Match> matches, int from, Match match)
    {
        for (var k = from; k < matches.Length && matches[k].First <= match.Last; k++)
        {
            var other = matches[k];
            if (other.First > match.First && other.Last > match.Last && other.Last - other.First > match.Last - match.First
                && HasSentimentCue(other))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasSentimentCue(Match match)
    {
        foreach (var cue in match.Cues)
        {
            if (IsSentiment(cue.Kind))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kinds that carry sentiment and compete for a span in the rule score.</summary>
    private static bool IsSentiment(CueKind kind) => kind is CueKind.Lexicon or CueKind.Complaint or CueKind.Praise or CueKind.Sarcasm;

    private static int Rank(CueKind kind) => kind switch
    {
        CueKind.Sarcasm => 4,
        CueKind.Praise => 3,
        CueKind.Complaint => 2,
        _ => 1,
    };

    private static bool AnyCaps(ReadOnlySpan<Token> tokens, int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            if (tokens[i].Caps)
            {
                return true;
            }
        }

        return false;
    }

    private const float StrongOriginCue = 0.62f;

    private static void Detect(ScannedText text, ReadOnlySpan<Match> matches, ReadOnlySet numberWords, Signals signals)
    {
        var earlierMarkers = 0UL;
        var firstWord = FirstContentToken(text.Tokens);
        Origin? chosen = null;
        var chosenFirst = int.MaxValue;
        var chosenLast = 0;
        var chosenConfidence = 0.0;
        var chosenEarlier = false;
        var channels = 0;
        var seenChannels = 0;
        foreach (var match in matches)
        {
            foreach (var cue in match.Cues)
            {
                switch (cue.Kind)
                {
                    case CueKind.QuestionStart when match.First == firstWord:
                        signals.Question = true;
                        signals.QuestionOpening = HasQuestionMark(text.Tokens);
                        break;
                    case CueKind.Spam:
                        signals.SpamCues++;
                        break;
                    case CueKind.Urgency:
                        // A legal, safety, privacy or churn threat is itself a sign of a complaint; media attention is not.
                        if (AddOnce(signals.Urgency, cue.Label, text.Evidence(match.First, match.Last)) && cue.Label != "media_viral")
                        {
                            signals.Cues += UrgencyWeight;
                        }

                        break;
                    case CueKind.RootCause:
                        AddOnce(signals.RootCauses, cue.Label, text.Evidence(match.First, match.Last));
                        break;
                    case CueKind.Promise:
                        AddOnce(signals.Promises, cue.Label, text.Evidence(match.First, match.Last));
                        break;
                    case CueKind.OriginEarlier:
                        // "after five days I called" dates the call, it does not put it first.
                        if (match.Last < 64 && !FollowedByNumber(text, match.Last, numberWords))
                        {
                            earlierMarkers |= 1UL << match.Last;
                        }

                        break;
                }
            }
        }

        foreach (var match in matches)
        {
            foreach (var cue in match.Cues)
            {
                if (cue.Kind != CueKind.Origin || !Mentions.OriginNames.TryParse(cue.Label, out var origin)
                    || OverruledByOverlap(matches, match, cue))
                {
                    continue;
                }

                var bit = 1 << (int)origin;
                if ((seenChannels & bit) == 0)
                {
                    seenChannels |= bit;
                    channels++;
                }

                // "after / na / first / began …" right before a channel cue marks where it began.
                var earlier = false;
                for (var back = 1; back <= 4 && match.First - back >= 0; back++)
                {
                    var at = match.First - back;
                    if (at < 64 && (earlierMarkers & (1UL << at)) != 0)
                    {
                        earlier = true;
                        break;
                    }
                }

                // A weak cue ("staff", "desk") names a channel only when no clear cue does: "the staff on the phone"
                // began on the phone.
                var strong = cue.Weight >= StrongOriginCue;
                var chosenStrong = chosenConfidence >= StrongOriginCue;
                var better = chosen is null
                    || (earlier && !chosenEarlier)
                    || (earlier == chosenEarlier && strong && !chosenStrong)
                    || (earlier == chosenEarlier && strong == chosenStrong && match.First < chosenFirst)
                    || (earlier == chosenEarlier && strong == chosenStrong && match.First == chosenFirst && cue.Weight > chosenConfidence);
                if (better)
                {
                    chosen = origin;
                    chosenFirst = match.First;
                    chosenLast = match.Last;
                    chosenConfidence = cue.Weight;
                    chosenEarlier = earlier;
                }
            }
        }

        if (chosen is { } o)
        {
            // Several channels make the "where it began" call less certain.
            var confidence = channels > 1 ? chosenConfidence * 0.85 : chosenConfidence;
            signals.Origin = new OriginGuess(o, text.Evidence(chosenFirst, chosenLast), Math.Round(confidence, 2));
        }
    }

    /// <summary>
    /// Whether the words under a channel cue mean something else, judged from the cues that share words with it:
    /// a <c>notOrigin</c> phrase ("a game called X", "the app says delivered") names no channel, and a heavier (or,
    /// equally heavy, longer) cue of another channel says what the words mean ("la tienda online", "the app store").
    /// </summary>
    private static bool OverruledByOverlap(ReadOnlySpan<Match> matches, Match channel, Cue cue)
    {
        foreach (var m in matches)
        {
            if (m.First > channel.Last || channel.First > m.Last)
            {
                continue;
            }

            var sameSpan = m.First == channel.First && m.Last == channel.Last;
            foreach (var other in m.Cues)
            {
                if (other.Kind == CueKind.NotOrigin)
                {
                    return true;
                }

                if (!sameSpan && other.Kind == CueKind.Origin && other.Label != cue.Label
                    && (other.Weight > cue.Weight || (other.Weight == cue.Weight && m.Last - m.First > channel.Last - channel.First)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool FollowedByNumber(ScannedText text, int index, ReadOnlySet numberWords) =>
        index + 1 < text.TokenCount && text.IsNumberAt(index + 1, numberWords);

    private static bool HasQuestionMark(ReadOnlySpan<Token> tokens)
    {
        foreach (ref readonly var t in tokens)
        {
            if (t.Kind == TokenKind.Question)
            {
                return true;
            }
        }

        return false;
    }

    private static int FirstContentToken(ReadOnlySpan<Token> tokens)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind is TokenKind.Word or TokenKind.Number)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AddOnce(List<(string, string)> list, string label, string evidence)
    {
        foreach (var (existing, _) in list)
        {
            if (existing == label)
            {
                return false;
            }
        }

        list.Add((label, evidence));
        return true;
    }

    private static void Explain(ScannedText text, ReadOnlySpan<Contribution> contributions, Signals signals)
    {
        // Keep the three strongest cues by absolute value, in a deterministic order.
        Span<int> best = [-1, -1, -1];
        for (var c = 0; c < contributions.Length; c++)
        {
            var v = Math.Abs(contributions[c].Value);
            for (var slot = 0; slot < best.Length; slot++)
            {
                if (best[slot] < 0 || v > Math.Abs(contributions[best[slot]].Value))
                {
                    for (var move = best.Length - 1; move > slot; move--)
                    {
                        best[move] = best[move - 1];
                    }

                    best[slot] = c;
                    break;
                }
            }
        }

        foreach (var index in best)
        {
            if (index >= 0)
            {
                var c = contributions[index];
                signals.Top.Add((c.Value, c.Label, text.Evidence(c.First, c.Last)));
            }
        }
    }
}
