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
    [InlineData("holdout-nl.jsonl", "mention", 0.88, 0.88)] // its 200 mentions: 0.910 before the Dutch review sentences joined training, 0.895 since
    [InlineData("holdout2-en.jsonl", "mention", 0.93, 0.93)]
    [InlineData("holdout2-nl.jsonl", "mention", 0.93, 0.93)]
    [InlineData("holdout3-en.jsonl", "mention", 0.89, 0.88)]
    [InlineData("holdout3-nl.jsonl", "mention", 0.89, 0.88)]
    [InlineData("holdout4-en.jsonl", "mention", 0.90, 0.89)]
    [InlineData("holdout4-nl.jsonl", "mention", 0.90, 0.89)]
    [InlineData("holdout5-en.jsonl", "mention", 0.90, 0.89)]
    [InlineData("holdout5-nl.jsonl", "mention", 0.93, 0.93)]
    [InlineData("holdout6-en.jsonl", "mention", 0.89, 0.88)]
    [InlineData("holdout6-nl.jsonl", "mention", 0.91, 0.91)]
    [InlineData("holdout7-en.jsonl", "mention", 0.91, 0.90)]
    [InlineData("holdout7-nl.jsonl", "mention", 0.92, 0.92)]
    [InlineData("holdout7-nl-review.jsonl", "review", 0.81, 0.83)] // 0.819 at first score, 0.855 since (dev set now)
    [InlineData("holdout8-nl.jsonl", "mention", 0.92, 0.92)]
    [InlineData("holdout8-nl-review.jsonl", "review", 0.86, 0.87)] // 0.897 at first score: the first set to meet the 0.85 target
    [InlineData("inhouse-nl.jsonl", "review", 0.89, 0.89)] // the review sentences of hold-out sets 1-6 are training data now
    public void ShippedTriage_OnHoldoutSet_KeepsTheTargets(string file, string kind, double minF1, double minAccuracy)
    {
        var data = ReadKind(file, kind);

        var report = new Evaluator(fixture.Engine).Run(data, new EvalSettings(ScoreOrigin: true));

        Assert.True(report.Overall.F1 >= minF1, $"{file} {kind}: F1 {report.Overall.F1:0.000} < {minF1}");
        Assert.True(report.Overall.Accuracy >= minAccuracy, $"{file} {kind}: accuracy {report.Overall.Accuracy:0.000} < {minAccuracy}");
    }

    [Theory]
    [InlineData("holdout-en.jsonl", 0.85, 0.75)]
    [InlineData("holdout-nl.jsonl", 0.85, 0.75)]
    [InlineData("holdout2-en.jsonl", 0.82, 0.75)] // store 0.86 / 0.86 at first score, 0.84 / 0.89 since the Dutch review sentences joined training
    [InlineData("holdout2-nl.jsonl", 0.85, 0.75)]
    [InlineData("holdout3-en.jsonl", 0.85, 0.85)]
    [InlineData("holdout3-nl.jsonl", 0.80, 0.80)] // store 0.84 / 0.84
    [InlineData("holdout4-en.jsonl", 0.83, 0.75)] // store 0.86 / 0.83, phone 0.88 / 0.79 at first score
    [InlineData("holdout4-nl.jsonl", 0.88, 0.85)]
    [InlineData("holdout5-en.jsonl", 0.88, 0.85)] // store 0.91 / 0.88, phone 1.00 / 0.91, online 0.91 / 0.88 at first score
    [InlineData("holdout5-nl.jsonl", 0.85, 0.82)] // online 0.875 / 0.84 at first score
    [InlineData("holdout6-en.jsonl", 0.88, 0.85)] // store 0.94 / 0.88, phone 0.97 / 0.91, online 0.91 / 0.97 at first score
    [InlineData("holdout6-nl.jsonl", 0.88, 0.85)] // phone recall 0.68 and online precision 0.875 at first score; fillers and cues since
    [InlineData("holdout7-en.jsonl", 0.88, 0.85)] // store 1.00 / 0.88, phone 0.97 / 0.88, online 0.91 / 0.88 at first score
    [InlineData("holdout7-nl.jsonl", 0.85, 0.70)] // store 1.00 / 0.72, phone 1.00 / 0.88, online 0.88 / 0.88 at first score
    [InlineData("holdout8-nl.jsonl", 0.88, 0.72)] // store 0.90 / 0.76, phone 1.00 / 0.84, online 0.92 / 0.92 at first score
    public void ShippedTriage_OnHoldoutSet_NamesOriginsPreciselyAndFindsMost(string file, double minPrecision, double minRecall)
    {
        var data = LabelledData.Read(Path.Combine(fixture.DataPath, "evaluation", file), new ColumnMap(OriginColumn: "origin"));

        var report = new Evaluator(fixture.Engine).Run(data, new EvalSettings(ScoreOrigin: true));

        foreach (var origin in new[] { Mentions.Origin.Store, Mentions.Origin.Phone, Mentions.Origin.Online })
        {
            var score = report.Origins[origin];
            Assert.True(score.Precision >= minPrecision, $"{file} {origin}: precision {score.Precision:0.000}");
            Assert.True(score.Recall >= minRecall, $"{file} {origin}: recall {score.Recall:0.000}");
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
