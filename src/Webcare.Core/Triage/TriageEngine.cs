using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webcare.Core.Mentions;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Engine;
using Webcare.Core.Triage.Llm;

namespace Webcare.Core.Triage;

/// <summary>
/// The measured, multilingual triage: language identification, a rule scorer combined with a hashed
/// logistic-regression model, intent, urgency, reach, priority, origin and root causes with evidence,
/// and a template reply (optionally redrafted by an LLM). All language knowledge is data in config/triage.
/// </summary>
public sealed partial class TriageEngine : ITriage
{
    private readonly TriageKnowledge _knowledge;
    private readonly TriageOptions _options;
    private readonly HashSet<string> _rootCauseTags;
    private readonly IReplyDrafter? _drafter;
    private readonly ILogger _logger;

    public TriageEngine(
        TriageKnowledge knowledge,
        TriageOptions options,
        IReadOnlyCollection<string> rootCauseTags,
        IReplyDrafter? drafter = null,
        ILogger<TriageEngine>? logger = null)
    {
        _knowledge = knowledge;
        _options = options;
        _rootCauseTags = new HashSet<string>(rootCauseTags, StringComparer.Ordinal);
        _drafter = drafter;
        _logger = logger ?? NullLogger<TriageEngine>.Instance;
    }

    public async ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken)
    {
        var result = Triage(input);
        if (_drafter is null || result.Intent is not (Intent.Complaint or Intent.Question))
        {
            return result;
        }

        var drafted = await _drafter.DraftAsync(
            new ReplyDraftRequest(
                input.Text ?? "",
                result.Language,
                _options.Tone,
                result.Intent.ToName(),
                result.Origin.Origin.ToName(),
                [.. result.RootCauses.Select(r => r.Tag)],
                ReplyComposer.FirstName(input.Author),
                result.SuggestedReply,
                _options.AllowedPromises,
                _options.SignOff),
            cancellationToken);
        return drafted is not null && IsAcceptableDraft(drafted, result.Language) ? result with { SuggestedReply = drafted } : result;
    }

    /// <summary>The synchronous core: deterministic, never throws.</summary>
    public TriageResult Triage(TriageInput input)
    {
        try
        {
            return Run(input);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // One odd mention must not stop the pipeline; say so on the card instead.
            LogTriageFailed(_logger, ex);
            return new TriageResult(
                "und", 0, 0.5, false, Intent.Other, [], Reach.From(input.Author, input.Engagement), Priority.P4,
                OriginGuess.Unknown, [], "Triage could not read this mention; please check it by hand.", "");
        }
    }

    private TriageResult Run(TriageInput input)
    {
        var text = input.Text ?? "";
        using var scan = new ScannedText(text);
        var language = ChooseLanguage(input.LanguageHint, scan);
        var pack = _knowledge.Pack(language);
        var signals = MentionAnalysis.Analyze(scan, pack, _knowledge.Model, language);
        var model = _knowledge.Model;
        var logit = model.Combine(signals.Lexicon, signals.Cues, signals.ModelLogit);
        var probability = scan.TokenCount == 0 ? 0.0 : 1.0 / (1.0 + Math.Exp(-logit));
        var spam = signals.SpamCues > 0 && signals.Cues > -2;
        var negative = !spam && probability >= _options.NegativeThreshold;
        var score = Math.Clamp(1.0 - (2.0 * probability), -1.0, 1.0);
        var sentiment = signals.Lexicon + signals.Cues;

        var intent = spam ? Intent.Spam
            : negative ? Intent.Complaint
            : signals.Question ? Intent.Question
            : sentiment >= 1.0 || signals.PraiseCues > 0 ? Intent.Praise
            : Intent.Other;

        var reach = Reach.From(input.Author, input.Engagement);
        var urgency = new List<Urgency>();
        foreach (var (flag, _) in signals.Urgency)
        {
            if (TriageNames.TryParseUrgency(flag, out var u) && !urgency.Contains(u))
            {
                urgency.Add(u);
            }
        }

        if (negative && reach.Level >= 3 && !urgency.Contains(Urgency.MediaViral))
        {
            urgency.Add(Urgency.MediaViral);
        }

        urgency.Sort();
        // Origin is where a complaint began: only guessed for negative mentions, and only from an explicit cue. A plain
        // question about a channel ("can I open an account online?") names a channel it has not used yet.
        var askingAboutChannel = signals.QuestionOpening && signals.Cues >= 0;
        var origin = input.OriginHint is { } hint
            ? new OriginGuess(hint.Origin, hint.Evidence, 0.95)
            : negative && !askingAboutChannel ? signals.Origin : OriginGuess.Unknown;
        var rootCauses = negative || intent == Intent.Question
            ? signals.RootCauses.Where(r => _rootCauseTags.Contains(r.Tag)).Select(r => new RootCauseGuess(r.Tag, r.Evidence)).ToList()
            : [];
        var priority = Prioritise(negative, probability, urgency, reach);
        var why = Why(negative, spam, probability, signals, origin, urgency);
        var reply = ReplyComposer.Compose(pack, _options, intent, origin.Origin, rootCauses.Count > 0 ? rootCauses[0].Tag : null, input.Author);
        return new TriageResult(
            language, Math.Round(score, 4), Math.Round(probability, 4), negative, intent, urgency, reach, priority, origin, rootCauses, why, reply);
    }

    private string ChooseLanguage(string? hint, ScannedText scan)
    {
        if (!string.IsNullOrWhiteSpace(hint))
        {
            var code = hint.Trim().ToLowerInvariant();
            var dash = code.IndexOfAny(['-', '_']);
            if (dash > 0)
            {
                code = code[..dash];
            }

            if (_knowledge.Languages.ContainsKey(code))
            {
                return code;
            }
        }

        var detected = _knowledge.Identifier.Identify(scan);
        return _knowledge.Languages.ContainsKey(detected) ? detected : detected == "und" ? _knowledge.FallbackLanguage : detected;
    }

    private static Priority Prioritise(bool negative, double probability, List<Urgency> urgency, Reach reach)
    {
        var critical = urgency.Contains(Urgency.Safety) || urgency.Contains(Urgency.DataLeak) || urgency.Contains(Urgency.LegalThreat);
        if (!negative)
        {
            return critical ? Priority.P2 : Priority.P4;
        }

        if (critical || urgency.Contains(Urgency.MediaViral) || (reach.Level >= 2 && probability >= 0.8))
        {
            return Priority.P1;
        }

        if (urgency.Contains(Urgency.ChurnThreat) || reach.Level >= 1 || probability >= 0.9)
        {
            return Priority.P2;
        }

        return Priority.P3;
    }

    private static string Why(bool negative, bool spam, double probability, Signals signals, OriginGuess origin, List<Urgency> urgency)
    {
        if (spam)
        {
            return "Looks like spam or promotion.";
        }

        var parts = new List<string>(4);
        foreach (var (value, label, evidence) in signals.Top)
        {
            if (negative ? value < 0 : value > 0)
            {
                parts.Add($"\"{Shorten(evidence)}\" ({label})");
            }
        }

        if (signals.Shouting && negative)
        {
            parts.Add("all capitals");
        }

        // Invariant culture: the same mention gives the same why-line on every machine.
        var percent = Math.Round(probability * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        var head = negative ? $"Negative ({percent})" : $"Not negative ({percent} negative)";
        var line = parts.Count > 0 ? head + ": " + string.Join(", ", parts) : head + (negative ? ": tone of the text as a whole" : "");
        if (urgency.Count > 0)
        {
            line += "; urgent: " + string.Join(", ", urgency.Select(u => u.ToName()));
        }

        if (origin.Origin is not Origin.Unknown && origin.Evidence is not null)
        {
            line += $"; began {origin.Origin.ToName()} (\"{Shorten(origin.Evidence)}\")";
        }

        return line;
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private bool IsAcceptableDraft(string draft, string language)
    {
        if (draft.Length is 0 or > 1000)
        {
            return false;
        }

        // The model must not promise what the configuration does not allow; check with the language's promise cues.
        using var scan = new ScannedText(draft);
        var signals = MentionAnalysis.Analyze(scan, _knowledge.Pack(language), _knowledge.Model, language);
        foreach (var (promise, _) in signals.Promises)
        {
            if (!_options.AllowedPromises.Contains(promise))
            {
                LogDraftRejected(_logger, promise);
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Triage failed on one mention; returning a neutral verdict")]
    private static partial void LogTriageFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM draft promised {Promise}, which the configuration does not allow; using the template reply")]
    private static partial void LogDraftRejected(ILogger logger, string promise);
}
