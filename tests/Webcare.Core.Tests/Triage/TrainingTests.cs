using Webcare.Core.Triage;
using Webcare.Core.Triage.Data;
using Webcare.Core.Triage.Evaluation;
using Webcare.Core.Triage.Model;

namespace Webcare.Core.Tests.Triage;

public sealed class TrainingTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Triage", "Fixtures", "tiny-train.jsonl");

    [Fact]
    public void Train_SameInputsTwice_GiveByteIdenticalWeights()
    {
        var data = LabelledData.Read(FixturePath, new ColumnMap(LanguageColumn: "lang"));

        var first = SentimentTrainer.Train(fixture.Knowledge, data, l => l == "negative", new TrainSettings(Epochs: 3));
        var second = SentimentTrainer.Train(fixture.Knowledge, data, l => l == "negative", new TrainSettings(Epochs: 3));

        Assert.Equal(12, data.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Train_DifferentSeed_GivesDifferentWeights()
    {
        var data = LabelledData.Read(FixturePath, new ColumnMap(LanguageColumn: "lang"));

        var first = SentimentTrainer.Train(fixture.Knowledge, data, l => l == "negative", new TrainSettings(Epochs: 3, Seed: 1));
        var second = SentimentTrainer.Train(fixture.Knowledge, data, l => l == "negative", new TrainSettings(Epochs: 3, Seed: 2));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Train_WrittenModel_LoadsAndScores()
    {
        var data = LabelledData.Read(FixturePath, new ColumnMap(LanguageColumn: "lang"));
        var bytes = SentimentTrainer.Train(fixture.Knowledge, data, l => l == "negative", new TrainSettings(Epochs: 3));
        var path = Path.Combine(Path.GetTempPath(), $"webcare-model-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        try
        {
            var engine = new TriageEngine(fixture.Knowledge.WithModelFile(path), new TriageOptions(), TriageFixture.RootCauses);

            Assert.True(engine.Triage(new TriageInput("Pakket nooit aangekomen en geen antwoord.", "nl")).IsNegative);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WithModelFile_NotAModel_SaysSo()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webcare-model-{Guid.NewGuid():N}.bin");
        File.WriteAllText(path, "not a model at all, just text");
        try
        {
            var ex = Assert.Throws<TriageDataException>(() => fixture.Knowledge.WithModelFile(path));
            Assert.Contains("magic", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
