using Webcare.Core.Triage.Engine;
using Webcare.Core.Triage.Model;

namespace Webcare.Core.Triage.Data;

/// <summary>Everything triage knows, loaded once from config/triage and read-only afterwards.</summary>
public sealed class TriageKnowledge
{
    internal TriageKnowledge(
        IReadOnlyDictionary<string, LanguagePack> languages,
        LanguageIdentifier identifier,
        LinearModel model,
        string fallbackLanguage,
        string directory)
    {
        Languages = languages;
        Identifier = identifier;
        Model = model;
        FallbackLanguage = fallbackLanguage;
        Directory = directory;
    }

    public IReadOnlyDictionary<string, LanguagePack> Languages { get; }

    public string FallbackLanguage { get; }

    public string Directory { get; }

    internal LanguageIdentifier Identifier { get; }

    internal LinearModel Model { get; }

    internal LanguagePack Pack(string language) =>
        Languages.TryGetValue(language, out var pack) ? pack : Languages[FallbackLanguage];

    /// <summary>The same knowledge with other model weights (for `eval --weights` and training).</summary>
    internal TriageKnowledge WithModel(LinearModel model) => new(Languages, Identifier, model, FallbackLanguage, Directory);

    /// <summary>The same knowledge with the weights of another model file (e.g. one just trained).</summary>
    public TriageKnowledge WithModelFile(string path) => WithModel(TriageDataLoader.ReadModel(path));

    /// <summary>The same knowledge with no trained model: the rule scorer alone (for comparisons).</summary>
    public TriageKnowledge WithoutModel() => WithModel(LinearModel.Empty());

    /// <summary>Identifies the language of a text ("und" when it cannot tell).</summary>
    public string IdentifyLanguage(string text)
    {
        using var scan = new ScannedText(text ?? "");
        return Identifier.Identify(scan);
    }
}

/// <summary>One language's cues, lexicon and reply templates (config/triage/&lt;lang&gt;/).</summary>
public sealed class LanguagePack
{
    internal LanguagePack(string code, PhraseTrie trie, PhraseWords words, ReadOnlySet negators, ReplyBook replies)
    {
        Code = code;
        Trie = trie;
        Words = words;
        Negators = negators;
        Replies = replies;
    }

    public string Code { get; }

    internal PhraseTrie Trie { get; }

    internal PhraseWords Words { get; }

    internal ReadOnlySet Negators { get; }

    internal ReplyBook Replies { get; }
}

/// <summary>Reply templates per tone (formal/informal) for one language.</summary>
internal sealed class ReplyBook(IReadOnlyDictionary<string, ReplyTone> tones)
{
    public ReplyTone Tone(string tone) =>
        tones.TryGetValue(tone, out var t) ? t : tones.TryGetValue("formal", out var f) ? f : tones.Values.First();
}

internal sealed record ReplyTone(
    string Greeting,
    string GreetingNoName,
    string DmInvite,
    IReadOnlyDictionary<string, string> Templates,
    IReadOnlyDictionary<string, string> Issues,
    string DefaultIssue,
    bool LowercaseAfterGreeting);

/// <summary>Config data that cannot be loaded; the message names the file and what is wrong.</summary>
public sealed class TriageDataException(string message, Exception? inner = null) : Exception(message, inner);
