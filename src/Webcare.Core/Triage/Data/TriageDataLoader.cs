using System.Globalization;
using System.Text.Json;
using Webcare.Core.Triage.Engine;
using Webcare.Core.Triage.Model;

namespace Webcare.Core.Triage.Data;

/// <summary>
/// Loads config/triage: one folder per language (cues.json, lexicon*.tsv, lid.tsv, replies.json), a shared
/// folder "common" (emoji.tsv, rating.tsv: applied to every language) and model.bin. A new language is a new folder.
/// </summary>
public static class TriageDataLoader
{
    public const string ModelFile = "model.bin";

    public static TriageKnowledge Load(string directory, string fallbackLanguage = "en")
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new TriageDataException($"triage data folder '{directory}' does not exist; it ships as config/triage in the repository.");
        }

        var common = new List<(string Term, float Valence, string Label)>();
        var commonDir = Path.Combine(directory, "common");
        if (System.IO.Directory.Exists(commonDir))
        {
            foreach (var file in System.IO.Directory.GetFiles(commonDir, "*.tsv").Order(StringComparer.Ordinal))
            {
                // The file name is the label shown in "why": emoji.tsv → "emoji", rating.tsv → "rating".
                var label = Path.GetFileNameWithoutExtension(file);
                common.AddRange(ReadLexicon(file).Select(entry => (entry.Term, entry.Valence, label)));
            }
        }

        var packs = new SortedDictionary<string, LanguagePack>(StringComparer.Ordinal);
        var profiles = new List<(string, IReadOnlyList<(string, long)>)>();
        var commonWords = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        foreach (var languageDir in System.IO.Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var code = Path.GetFileName(languageDir);
            var cuesPath = Path.Combine(languageDir, "cues.json");
            if (!File.Exists(cuesPath))
            {
                continue;
            }

            packs[code] = LoadPack(code, languageDir, common);
            var lidPath = Path.Combine(languageDir, "lid.tsv");
            if (File.Exists(lidPath))
            {
                profiles.Add((code, ReadProfile(lidPath)));
            }

            var wordsPath = Path.Combine(languageDir, "lid-words.txt");
            if (File.Exists(wordsPath))
            {
                commonWords[code] = ReadWords(wordsPath);
            }
        }

        if (!packs.ContainsKey(fallbackLanguage))
        {
            throw new TriageDataException($"triage data folder '{directory}' has no '{fallbackLanguage}/cues.json' for the fallback language.");
        }

        var modelPath = Path.Combine(directory, ModelFile);
        LinearModel model;
        try
        {
            model = File.Exists(modelPath) ? LinearModel.Read(File.ReadAllBytes(modelPath)) : LinearModel.Empty();
        }
        catch (InvalidDataException ex)
        {
            throw new TriageDataException($"{modelPath}: {ex.Message}", ex);
        }

        return new TriageKnowledge(packs, new LanguageIdentifier(profiles, commonWords), model, fallbackLanguage, directory);
    }

    internal static LinearModel ReadModel(string path)
    {
        try
        {
            return LinearModel.Read(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new TriageDataException($"{path}: {ex.Message}", ex);
        }
    }

    private static LanguagePack LoadPack(string code, string dir, List<(string Term, float Valence, string Label)> common)
    {
        var cuesPath = Path.Combine(dir, "cues.json");
        CueFile cues;
        try
        {
            cues = JsonSerializer.Deserialize<CueFile>(File.ReadAllText(cuesPath), JsonOptions) ?? new CueFile();
        }
        catch (JsonException ex)
        {
            throw new TriageDataException($"{cuesPath}: invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        var trie = new PhraseTrie();
        foreach (var (term, valence, label) in common)
        {
            Add(trie, term, new Cue(CueKind.Lexicon, valence, label, term));
        }

        foreach (var file in System.IO.Directory.GetFiles(dir, "lexicon*.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var (term, valence) in ReadLexicon(file))
            {
                Add(trie, term, new Cue(CueKind.Lexicon, valence, "lexicon", term));
            }
        }

        foreach (var n in cues.Negators)
        {
            Add(trie, n, new Cue(CueKind.Negator, 0, "negation", n));
        }

        foreach (var (phrase, weight) in cues.Intensifiers)
        {
            Add(trie, phrase, new Cue(CueKind.Intensifier, weight, "intensifier", phrase));
        }

        foreach (var c in cues.Contrast)
        {
            Add(trie, c, new Cue(CueKind.Contrast, 0, "contrast", c));
        }

        foreach (var (phrase, weight) in cues.Complaint)
        {
            Add(trie, phrase, new Cue(CueKind.Complaint, -Math.Abs(weight), "complaint", phrase));
        }

        foreach (var (phrase, weight) in cues.Praise)
        {
            Add(trie, phrase, new Cue(CueKind.Praise, Math.Abs(weight), "praise", phrase));
        }

        foreach (var (phrase, weight) in cues.Sarcasm)
        {
            Add(trie, phrase, new Cue(CueKind.Sarcasm, -Math.Abs(weight), "sarcasm", phrase));
        }

        foreach (var q in cues.QuestionStarts)
        {
            Add(trie, q, new Cue(CueKind.QuestionStart, 0, "question", q));
        }

        foreach (var s in cues.Spam)
        {
            Add(trie, s, new Cue(CueKind.Spam, 0, "spam", s));
        }

        foreach (var (flag, phrases) in cues.Urgency)
        {
            if (!TriageNames.TryParseUrgency(flag, out _))
            {
                throw new TriageDataException($"{cuesPath}: urgency '{flag}' is unknown; use legal_threat, safety, data_leak, churn_threat or media_viral.");
            }

            foreach (var p in phrases)
            {
                Add(trie, p, new Cue(CueKind.Urgency, 0, flag, p));
            }
        }

        foreach (var (origin, phrases) in cues.Origin)
        {
            if (!Mentions.OriginNames.TryParse(origin, out _))
            {
                throw new TriageDataException($"{cuesPath}: origin '{origin}' is unknown; use store, phone, online or other.");
            }

            foreach (var (phrase, confidence) in phrases)
            {
                Add(trie, phrase, new Cue(CueKind.Origin, confidence, origin, phrase));
            }
        }

        foreach (var m in cues.OriginEarlier)
        {
            Add(trie, m, new Cue(CueKind.OriginEarlier, 0, "earlier", m));
        }

        foreach (var m in cues.NotOrigin)
        {
            Add(trie, m, new Cue(CueKind.NotOrigin, 0, "not-origin", m));
        }

        foreach (var (tag, phrases) in cues.RootCauses)
        {
            foreach (var p in phrases)
            {
                Add(trie, p, new Cue(CueKind.RootCause, 0, tag, p));
            }
        }

        foreach (var (promise, phrases) in cues.Promises)
        {
            foreach (var p in phrases)
            {
                Add(trie, p, new Cue(CueKind.Promise, 0, promise, p));
            }
        }

        trie.Freeze();
        var replies = LoadReplies(Path.Combine(dir, "replies.json"));
        return new LanguagePack(
            code,
            trie,
            new PhraseWords(new ReadOnlySet(cues.NumberWords.Select(ScannedText.FoldKey)), new ReadOnlySet(cues.Fillers.Select(ScannedText.FoldKey))),
            new ReadOnlySet(cues.Negators.Where(n => !n.Contains(' ', StringComparison.Ordinal)).Select(ScannedText.FoldKey)),
            replies);
    }

    private static void Add(PhraseTrie trie, string phrase, Cue cue)
    {
        var folded = ScannedText.FoldKey(phrase);
        if (folded.Length > 0)
        {
            trie.Add(folded, cue);
        }
    }

    private static ReplyBook LoadReplies(string path)
    {
        if (!File.Exists(path))
        {
            throw new TriageDataException($"{path} is missing: every language folder needs reply templates.");
        }

        Dictionary<string, ToneFile>? file;
        try
        {
            file = JsonSerializer.Deserialize<Dictionary<string, ToneFile>>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new TriageDataException($"{path}: invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }

        if (file is null || file.Count == 0)
        {
            throw new TriageDataException($"{path} has no tones; add \"formal\" and/or \"informal\".");
        }

        var tones = new Dictionary<string, ReplyTone>(StringComparer.Ordinal);
        foreach (var (name, tone) in file)
        {
            if (!tone.Templates.ContainsKey("complaint"))
            {
                throw new TriageDataException($"{path}: tone '{name}' needs at least a \"complaint\" template.");
            }

            tones[name] = new ReplyTone(tone.Greeting, tone.GreetingNoName, tone.DmInvite, tone.Templates, tone.Issues, tone.DefaultIssue, tone.LowercaseAfterGreeting);
        }

        return new ReplyBook(tones);
    }

    internal static IEnumerable<(string Term, float Valence)> ReadLexicon(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !float.TryParse(line.AsSpan(tab + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
            {
                throw new TriageDataException($"{path}:{lineNumber}: expected 'term<TAB>valence'.");
            }

            yield return (line[..tab], valence);
        }
    }

    private static HashSet<string> ReadWords(string path)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            foreach (var word in line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(ScannedText.FoldKey(word));
            }
        }

        return words;
    }

    internal static IReadOnlyList<(string Gram, long Count)> ReadProfile(string path)
    {
        var list = new List<(string, long)>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            if (tab == 3 && long.TryParse(line.AsSpan(tab + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
            {
                list.Add((line[..3].Replace('_', ' '), count));
            }
        }

        return list;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed class CueFile
    {
        public List<string> NumberWords { get; set; } = [];

        public List<string> Fillers { get; set; } = [];

        public List<string> Negators { get; set; } = [];

        public Dictionary<string, float> Intensifiers { get; set; } = [];

        public List<string> Contrast { get; set; } = [];

        public Dictionary<string, float> Complaint { get; set; } = [];

        public Dictionary<string, float> Praise { get; set; } = [];

        public Dictionary<string, float> Sarcasm { get; set; } = [];

        public List<string> QuestionStarts { get; set; } = [];

        public List<string> Spam { get; set; } = [];

        public Dictionary<string, List<string>> Urgency { get; set; } = [];

        public Dictionary<string, Dictionary<string, float>> Origin { get; set; } = [];

        public List<string> OriginEarlier { get; set; } = [];

        /// <summary>Phrases in which a channel word is not a channel: "a game called", "the app says delivered".</summary>
        public List<string> NotOrigin { get; set; } = [];

        public Dictionary<string, List<string>> RootCauses { get; set; } = [];

        public Dictionary<string, List<string>> Promises { get; set; } = [];
    }

    private sealed class ToneFile
    {
        public string Greeting { get; set; } = "{name},";

        public string GreetingNoName { get; set; } = "";

        public string DmInvite { get; set; } = "";

        public Dictionary<string, string> Templates { get; set; } = [];

        public Dictionary<string, string> Issues { get; set; } = [];

        public string DefaultIssue { get; set; } = "";

        /// <summary>"Hoi Jan, wat vervelend…": lower-case the template's first letter after a greeting ending in a comma.</summary>
        public bool LowercaseAfterGreeting { get; set; } = true;
    }
}
