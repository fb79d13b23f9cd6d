using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Evaluation;

namespace Webcare.Core.Tests.Triage;

public sealed class DataAndOptionsTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    [Fact]
    public void Load_ShippedData_HasTheSevenLanguages()
    {
        Assert.Superset(new HashSet<string> { "nl", "en", "de", "fr", "es", "it", "pt" }, fixture.Knowledge.Languages.Keys.ToHashSet());
    }

    [Fact]
    public void Load_NewLanguageFolder_AddsTheLanguageWithoutCode()
    {
        var dir = CopyData();
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sv"));
            File.WriteAllText(Path.Combine(dir, "sv", "cues.json"), "{ \"negators\": [\"inte\"], \"complaint\": { \"ingen internet\": 2.3 } }");
            File.WriteAllText(Path.Combine(dir, "sv", "lexicon.tsv"), "bra\t2\ndålig\t-2\n");
            File.WriteAllText(Path.Combine(dir, "sv", "replies.json"), "{ \"informal\": { \"greeting\": \"Hej {name},\", \"templates\": { \"complaint\": \"Tråkigt att läsa.\" } } }");

            var knowledge = TriageDataLoader.Load(dir);
            var result = new TriageEngine(knowledge, new TriageOptions(), TriageFixture.RootCauses)
                .Triage(new TriageInput("Ingen internet sedan i fredags, dålig service.", "sv", new Mentions.Author("a", "Anna", 1)));

            Assert.Contains("sv", knowledge.Languages.Keys);
            Assert.True(result.IsNegative, result.Why);
            Assert.StartsWith("Hej Anna, tråkigt att läsa.", result.SuggestedReply, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_BrokenCuesFile_NamesTheFile()
    {
        var dir = CopyData();
        try
        {
            File.WriteAllText(Path.Combine(dir, "nl", "cues.json"), "{ \"negators\": [ ");

            var ex = Assert.Throws<TriageDataException>(() => TriageDataLoader.Load(dir));

            Assert.Contains("cues.json", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_MissingFolder_SaysWhereItLooked()
    {
        var ex = Assert.Throws<TriageDataException>(() => TriageDataLoader.Load("/nonexistent/triage"));

        Assert.Contains("/nonexistent/triage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadOptions_NameTheKeys()
    {
        var options = new TriageOptions
        {
            Tone = "casual",
            NegativeThreshold = 1.5,
            AllowedPromises = ["free beer"],
            Llm = new LlmOptions { Enabled = true, Endpoint = "not a url", Model = "" },
        };

        var result = new TriageOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("Webcare:Triage:Tone", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Webcare:Triage:NegativeThreshold", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Webcare:Triage:AllowedPromises", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Webcare:Triage:Llm:Endpoint", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Webcare:Triage:Llm:Model", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new TriageOptionsValidator().Validate(null, new TriageOptions()).Succeeded);
    }

    [Fact]
    public void Evaluator_CountsTheNegativeClass()
    {
        var data = new List<LabelledText>
        {
            new("Al 3 weken geen internet, belachelijk.", "negative", "nl", "unknown"),
            new("Ik sta al een uur in de wacht, schandalig.", "negative", "nl", "phone"),
            new("Top geholpen, dank je wel!", "positive", "nl", "unknown"),
            new("Hoe laat gaat de winkel open?", "neutral", "nl", "unknown"),
        };

        var report = new Evaluator(fixture.Engine).Run(data, new EvalSettings(ScoreOrigin: true));

        Assert.Equal(4, report.Overall.N);
        Assert.Equal(2, report.Overall.TruePositive);
        Assert.Equal(1.0, report.Overall.F1);
        Assert.Equal(1.0, report.Origins[Mentions.Origin.Phone].Recall);
        Assert.Equal(4, report.PerLanguage["nl"].N);
    }

    private string CopyData()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"webcare-triage-{Guid.NewGuid():N}");
        foreach (var file in Directory.GetFiles(fixture.DataPath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(fixture.DataPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return dir;
    }
}
