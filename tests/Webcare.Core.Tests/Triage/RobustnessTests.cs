using System.Text;
using Webcare.Core.Mentions;
using Webcare.Core.Triage;

namespace Webcare.Core.Tests.Triage;

/// <summary>Odd input gets a clear result and never an exception; the same input always gives the same verdict.</summary>
public sealed class RobustnessTests(TriageFixture fixture) : IClassFixture<TriageFixture>
{
    public static TheoryData<string> OddTexts() => new()
    {
        "",
        "   \n\t  ",
        "😡😡😡🔥🔥",
        "\uD83D",                                   // a lone high surrogate
        "abc\uDC00def\uD800",                       // lone low and high surrogates inside text
        "Привет, это тест 日本語のテキスト مرحبا and some English",
        "\u200B\u200C\u200D\u2060\uFEFF",           // invisible characters only
        "!!!???...,,,;;;",
        "#####@@@@@ http://x.example/ https://y.example/a?b=c",
        "\0\u0001\u0002 control characters \u007F",
        new string('a', 5000),
        "al # dagen # keer #e keer * wacht*",
    };

    [Theory]
    [MemberData(nameof(OddTexts))]
    public async Task TriageAsync_OddText_ReturnsAVerdictWithoutThrowing(string text)
    {
        var result = await fixture.Engine.TriageAsync(new TriageInput(text), CancellationToken.None);

        Assert.NotNull(result.Language);
        Assert.InRange(result.Probability, 0, 1);
        Assert.InRange(result.Score, -1, 1);
        Assert.False(string.IsNullOrEmpty(result.Why));
        if (result.Origin.Evidence is { } evidence)
        {
            Assert.Contains(evidence, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Triage_EmptyText_IsUndeterminedAndNotNegative()
    {
        var result = fixture.Run("");

        Assert.False(result.IsNegative);
        Assert.Equal(Priority.P4, result.Priority);
    }

    [Fact]
    public void Triage_HundredKilobyteText_IsQuickAndValid()
    {
        var builder = new StringBuilder();
        while (builder.Length < 100_000)
        {
            builder.Append("Al 3 weken geen internet en niemand neemt op. 😡 ");
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = fixture.Run(builder.ToString());
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.True(result.IsNegative);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public void Triage_NullText_IsHandled()
    {
        var result = fixture.Engine.Triage(new TriageInput(null!));

        Assert.False(result.IsNegative);
    }

    [Fact]
    public void Triage_SameInputTwice_GivesIdenticalVerdicts()
    {
        var input = new TriageInput(
            "Got an error online and now on hold for 2 hours. Third time! @telvio",
            null,
            new Author("jan", "Jan de Vries", 1200),
            "x",
            new Engagement(3, 1, 0));

        var first = fixture.Engine.Triage(input);
        var second = fixture.Engine.Triage(input);
        var fresh = fixture.Create(new TriageOptions()).Triage(input);

        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(Describe(first), Describe(fresh));
    }

    [Fact]
    public async Task TriageAsync_ManyThreadsAtOnce_GiveTheSameVerdicts()
    {
        var texts = new[] { "Al 3 weken geen internet.", "Thanks, great help!", "Is the store open on Sunday?", "On hold for 2 hours." };
        var expected = texts.Select(t => Describe(fixture.Run(t))).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Describe(fixture.Run(texts[i % texts.Length])))));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % texts.Length], results[i]);
        }
    }

    private static string Describe(TriageResult r) =>
        string.Join("|", r.Language, r.Score, r.Probability, r.IsNegative, r.Intent, string.Join(",", r.Urgency), r.Priority, r.Origin, string.Join(",", r.RootCauses), r.Why, r.SuggestedReply);
}
