using Webcare.Core.Mentions;
using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;

namespace Webcare.Core.Tests.Triage;

/// <summary>Loads the shipped config/triage once per test class (copied to the test output by the csproj).</summary>
public sealed class TriageFixture
{
    public static readonly string[] RootCauses =
        ["staff", "waiting_time", "product_defect", "billing", "delivery", "website_app", "policy", "availability", "outage", "privacy"];

    public TriageFixture()
    {
        DataPath = Path.Combine(AppContext.BaseDirectory, "config", "triage");
        Knowledge = TriageDataLoader.Load(DataPath);
        Engine = Create(new TriageOptions());
    }

    public string DataPath { get; }

    public TriageKnowledge Knowledge { get; }

    public TriageEngine Engine { get; }

    public TriageEngine Create(TriageOptions options) => new(Knowledge, options, RootCauses);

    public TriageResult Run(string text, string? language = null, Author? author = null) =>
        Engine.Triage(new TriageInput(text, language, author));
}
