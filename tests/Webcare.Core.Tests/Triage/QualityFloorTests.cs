using Webcare.Core.Triage.Evaluation;

namespace Webcare.Core.Tests.Triage;

/// <summary>
/// Guards the measured quality of the shipped model and cues: a change to cues, lexicons or model.bin that loses
/// the targets on the in-repository hold-out sets fails here. The floors sit a little under the figures in
/// docs/triage.md, so a real regression fails and noise does not.
/// </summary>
public sealed class QualityFloorTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    [Theory]
    [InlineData("holdout-en.jsonl", "mention", 0.88, 0.85)]
    [InlineData("holdout-nl.jsonl", "review", 0.85, 0.85)]
    public void ShippedTriage_OnHoldoutSet_KeepsTheTargets(string file, string kind, double minF1, double minAccuracy)
    {
        var data = ReadKind(file, kind);

        var report = new Evaluator(fixture.Engine).Run(data, new EvalSettings(ScoreOrigin: true));

        Assert.True(report.Overall.F1 >= minF1, $"{file} {kind}: F1 {report.Overall.F1:0.000} < {minF1}");
        Assert.True(report.Overall.Accuracy >= minAccuracy, $"{file} {kind}: accuracy {report.Overall.Accuracy:0.000} < {minAccuracy}");
    }

    [Theory]
    [InlineData("holdout-en.jsonl")]
    [InlineData("holdout-nl.jsonl")]
    public void ShippedTriage_OnHoldoutSet_NamesStoreAndPhoneOriginsPrecisely(string file)
    {
        var data = LabelledData.Read(Path.Combine(fixture.DataPath, "evaluation", file), new ColumnMap(OriginColumn: "origin"));

        var report = new Evaluator(fixture.Engine).Run(data, new EvalSettings(ScoreOrigin: true));

        foreach (var origin in new[] { Mentions.Origin.Store, Mentions.Origin.Phone })
        {
            Assert.True(report.Origins[origin].Precision >= 0.88, $"{file} {origin}: precision {report.Origins[origin].Precision:0.000}");
        }
    }

    private List<LabelledText> ReadKind(string file, string kind)
    {
        var path = Path.Combine(fixture.DataPath, "evaluation", file);
        var kinds = File.ReadLines(path).Select(KindOf).ToList();
        var rows = LabelledData.Read(path, new ColumnMap(OriginColumn: "origin"));
        return [.. rows.Where((_, i) => kinds[i] == kind)];
    }

    private static string? KindOf(string line)
    {
        using var document = System.Text.Json.JsonDocument.Parse(line);
        return document.RootElement.GetProperty("kind").GetString();
    }
}
