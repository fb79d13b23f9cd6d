using System.Text.Json;
using Webcare.Chat.Console;
using Webcare.Core.Chat;
using Webcare.Core.Triage;

namespace Webcare.Bot.Tests;

public sealed class PipelineEndToEndTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] SampleLines = File.ReadAllLines(TestHost.SamplePath);

    [Fact]
    public async Task Replay_SampleFile_PostsExactlyOneCardPerCaseAndNoneForTheRest()
    {
        await using var bot = TestHost.Create(TestHost.NewDatabasePath());

        await bot.RunUntilIdleAsync(SampleLines.Length, Timeout);

        var cases = await bot.ScalarAsync("SELECT COUNT(*) FROM cases");
        var postedCaseIds = bot.Chat.Posted.Select(p => p.Card.CaseId!.Value).ToList();
        Assert.True(cases > 10, $"only {cases} cases from {SampleLines.Length} sample mentions");
        Assert.Equal(postedCaseIds.Count, postedCaseIds.Distinct().Count());
        Assert.Equal(cases, postedCaseIds.Count);
        // Every mention triage called negative opened a case, unless it repeats an earlier complaint or
        // joined its author's open case as a follow-up.
        Assert.Equal(0, await bot.ScalarAsync(
            "SELECT COUNT(*) FROM mentions m WHERE m.negative = 1 AND m.duplicate_of IS NULL AND m.case_id IS NULL"));
        Assert.True(await bot.ScalarAsync("SELECT COUNT(*) FROM mentions m WHERE m.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.mention_id = m.id)") >= 1,
            "the sample's follow-ups should join their author's case");
        // No mention triage called not negative has a case.
        Assert.Equal(0, await bot.ScalarAsync("SELECT COUNT(*) FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.negative = 0"));
        // Exact re-deliveries are stored once; non-brand look-alikes are not stored at all.
        var uniqueIds = SampleLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()).Distinct().Count();
        var aboutNoBrand = SampleLines.Count(l => JsonDocument.Parse(l).RootElement.GetProperty("labelBrand").GetString() == "none");
        Assert.Equal(uniqueIds - aboutNoBrand, await bot.ScalarAsync("SELECT COUNT(*) FROM mentions"));
    }

    [Fact]
    public async Task Replay_RepostOfAComplaint_OpensNoSecondCase()
    {
        await using var bot = TestHost.Create(TestHost.NewDatabasePath());

        await bot.RunUntilIdleAsync(SampleLines.Length, Timeout);

        var reposts = await bot.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE duplicate_of IS NOT NULL");
        Assert.True(reposts >= 3, $"expected the sample's reposts to be recognised, found {reposts}");
        Assert.Equal(0, await bot.ScalarAsync("SELECT COUNT(*) FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.duplicate_of IS NOT NULL"));
    }

    [Fact]
    public async Task Restart_OnTheSameDatabase_PostsNothingNewAndLosesNothing()
    {
        var path = TestHost.NewDatabasePath();
        long casesAfterFirstRun;
        await using (var first = TestHost.Create(path))
        {
            await first.RunUntilIdleAsync(SampleLines.Length, Timeout);
            casesAfterFirstRun = await first.ScalarAsync("SELECT COUNT(*) FROM cases");
        }

        // Forget the cursor too: re-reading everything must still be a no-op thanks to dedupe.
        await using (var wipe = TestHost.Create(path))
        {
            await wipe.Database.MigrateAsync(CancellationToken.None);
            await wipe.ScalarAsync("DELETE FROM source_cursors; SELECT 0");
            Assert.Equal(0, await wipe.ScalarAsync("SELECT COUNT(*) FROM source_cursors"));
        }

        await using var second = TestHost.Create(path);
        await second.RunUntilIdleAsync(SampleLines.Length, Timeout);

        Assert.Empty(second.Chat.Posted);
        Assert.Equal(casesAfterFirstRun, await second.ScalarAsync("SELECT COUNT(*) FROM cases"));
        Assert.Equal(casesAfterFirstRun, await second.ScalarAsync("SELECT COUNT(*) FROM chat_posts"));
    }

    [Fact]
    public async Task Processing_OneMentionThrows_OthersGoOnAndTheFailureIsKept()
    {
        var poisoned = JsonDocument.Parse(SampleLines.First(l => l.Contains("\"labelSentiment\":\"negative\"", StringComparison.Ordinal)))
            .RootElement.GetProperty("text").GetString()!;
        await using var bot = TestHost.Create(TestHost.NewDatabasePath(), services: s =>
            TestHost.DecorateTriage(s, inner => new ThrowingTriage(inner, poisoned)));

        await bot.RunUntilIdleAsync(SampleLines.Length, Timeout);

        Assert.Equal(1, await bot.ScalarAsync("SELECT COUNT(*) FROM ingest_failures"));
        Assert.True(bot.Chat.Posted.Count > 10);
        Assert.DoesNotContain(bot.Chat.Posted, p => p.Card.CustomerText == poisoned);
    }

    [Fact]
    public async Task HostileTexts_ReachTheCardUnaltered_AndTheConsoleRendererEscapesThem()
    {
        await using var bot = TestHost.Create(TestHost.NewDatabasePath(), services: s =>
            TestHost.DecorateTriage(s, inner => new AlwaysNegativeTriage(inner)));
        await bot.RunUntilIdleAsync(SampleLines.Length, Timeout);
        var hostile = SampleLines
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("labelBrand").GetString() != "none")
            .Select(e => e.GetProperty("text").GetString()!)
            .Where(t => t.Contains("@everyone", StringComparison.Ordinal) || t.Contains("<!channel>", StringComparison.Ordinal)
                || t.Contains('\u202E') || t.Contains('\u200B') || t.Length > 4000 || t.Contains("<script>", StringComparison.Ordinal))
            .ToList();
        Assert.True(hostile.Count >= 5, "the sample must carry hostile texts");
        var console = new ConsoleChatPlatform(TextWriter.Null, Microsoft.Extensions.Options.Options.Create(new ConsoleChatOptions { Color = "never" }), true);

        foreach (var text in hostile)
        {
            var card = bot.Chat.Posted.Select(p => p.Card).FirstOrDefault(c => c.CustomerText == text);
            Assert.True(card is not null, "hostile text did not reach a card unaltered: " + text[..Math.Min(60, text.Length)]);
            var rendered = console.Render(ChatAddress.Parse("console:test"), card, "new");
            Assert.DoesNotContain(rendered, c => c is '\u202E' or '\u200B' or '\u200D' or '\uFEFF' or '\u001B');
        }
    }

    private sealed class ThrowingTriage(ITriage inner, string poisonedText) : ITriage
    {
        public ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken) =>
            input.Text == poisonedText ? throw new InvalidOperationException("triage exploded") : inner.TriageAsync(input, cancellationToken);
    }

    private sealed class AlwaysNegativeTriage(ITriage inner) : ITriage
    {
        public async ValueTask<TriageResult> TriageAsync(TriageInput input, CancellationToken cancellationToken)
        {
            var result = await inner.TriageAsync(input, cancellationToken);
            return result with { IsNegative = true, Intent = Intent.Complaint };
        }
    }
}
