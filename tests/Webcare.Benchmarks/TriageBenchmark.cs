using BenchmarkDotNet.Attributes;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;

namespace Webcare.Benchmarks;

/// <summary>
/// Full triage (language, rules, model, intent, urgency, origin, root causes, why, reply) of a realistic
/// 280-character mention. Mentions per second = 1 / Mean; allocations per mention = Allocated.
/// Run: dotnet run -c Release --project tests/Webcare.Benchmarks -- --filter '*Triage*' --job short
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmark
{
    private const string Dutch =
        "@telvio Al 3 weken geen internet en jullie klantenservice hangt steeds op. Eerst via de app een storing gemeld, " +
        "daarna 2x gebeld en 45 min in de wacht gestaan. Monteur zou dinsdag komen maar is nooit verschenen. Dit is de " +
        "3e keer dit jaar! Ik zeg mijn abonnement op als dit zo doorgaat 😡";

    private const string English =
        "@huiskes ordered a sofa online 3 weeks ago, paid in full, and the delivery slot got cancelled twice without any " +
        "notice. Called your service line, on hold for 50 minutes, then the line dropped. The store says it's not their " +
        "problem. Still no sofa, no refund, no answer. Really disappointed #huiskes";

    private TriageEngine _engine = null!;
    private TriageInput _dutch = null!;
    private TriageInput _english = null!;

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = TriageDataLoader.Load(FindDataPath());
        _engine = new TriageEngine(knowledge, new TriageOptions(), ["staff", "waiting_time", "product_defect", "billing", "delivery", "website_app", "policy", "availability", "outage", "privacy"]);
        var author = new Author("sanne_v", "Sanne Visser", 840);
        _dutch = new TriageInput(Dutch, null, author, "x", new Engagement(4, 1, 2));
        _english = new TriageInput(English, null, author, "x", new Engagement(4, 1, 2));
    }

    [Benchmark(Baseline = true)]
    public TriageResult DutchMention() => _engine.Triage(_dutch);

    [Benchmark]
    public TriageResult EnglishMention() => _engine.Triage(_english);

    /// <summary>The shipped data beside the binary (copied by Webcare.Bot), else found by walking up to the repository.</summary>
    private static string FindDataPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "triage");
            if (File.Exists(Path.Combine(candidate, "en", "cues.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("config/triage not found beside the benchmark or in any parent folder.");
    }
}
