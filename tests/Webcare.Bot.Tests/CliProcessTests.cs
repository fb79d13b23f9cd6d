using System.Diagnostics;

namespace Webcare.Bot.Tests;

/// <summary>Runs the built <c>webcare</c> binary as a user would, from the repository root.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task Run_BadTimeZoneFromEnvironment_ExitsWithCodeTwoAndOneLine()
    {
        var (exit, stdout, stderr) = await RunAsync(["run"], new() { ["Webcare__Team__TimeZone"] = "Mars/Olympus" });

        Assert.Equal(2, exit);
        Assert.Equal(
            "Configuration error: Webcare:Team:TimeZone 'Mars/Olympus' is not a known IANA time zone; use e.g. Europe/Amsterdam or Europe/Brussels.",
            stderr.Trim());
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout);
    }

    [Fact]
    public async Task Summary_AfterTheBotRan_PrintsRealCountsFromSqlite()
    {
        var summary = await RunThenSummarizeTodayAsync();
        if (summary.CrossedMidnight)
        {
            // Stamped live, the mentions fell on two days, and "today" holds only some of them: start over.
            summary = await RunThenSummarizeTodayAsync();
        }

        Assert.False(summary.CrossedMidnight, "two runs in a row crossed the team's midnight");
        Assert.Equal(0, summary.Exit);
        Assert.Contains($"negative: {summary.Negatives} (", summary.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_ClaimTwice_SecondIsRefusedWithTheHolderNamed()
    {
        var path = await RunDemoAsync();

        var env = new Dictionary<string, string?> { ["Webcare__Storage__Path"] = path };
        var first = await RunAsync(["case", "1", "claim", "--as", "anna"], env);
        var second = await RunAsync(["case", "1", "claim", "--as", "bram"], env);
        var origin = await RunAsync(["case", "1", "origin", "store", "--as", "bram"], env);

        Assert.Equal(0, first.Exit);
        Assert.Contains("claimed case #1", first.Stdout, StringComparison.Ordinal);
        Assert.Equal(3, second.Exit);
        Assert.Contains("already claimed by anna", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, origin.Exit);
    }

    [Fact]
    public async Task Triage_JsonLinesIn_OneVerdictPerLineWithErrorsInPlace()
    {
        var input = "{\"text\":\"Al 3 weken geen internet @telvio, belachelijk\"}\nnot json\n{\"text\":\"Thanks @huiskes, great help!\",\"author\":{\"handle\":\"a\",\"followers\":10}}\n";

        var (exit, stdout, _) = await RunAsync(["triage"], [], input);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, exit);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"negative\":true", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"line\":2", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"error\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"negative\":false", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_FreshHeartbeatThenNone_ExitsZeroThenOne()
    {
        var path = await RunDemoAsync();

        var env = new Dictionary<string, string?> { ["Webcare__Storage__Path"] = path };
        var healthy = await RunAsync(["health"], env);
        File.Delete(Path.Combine(Path.GetDirectoryName(path)!, "heartbeat"));
        var missing = await RunAsync(["health"], env);

        Assert.Equal(0, healthy.Exit);
        Assert.Equal(1, missing.Exit);
        Assert.Contains("no heartbeat", missing.Stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs the bot over the sample replay, then <c>summary --period today</c> on its database. The replay stamps
    /// each mention with the moment it is read, and "today" is the team's day when the CLI runs: all mentions count
    /// only when the whole run stays inside one team day, which <c>CrossedMidnight</c> reports.
    /// </summary>
    private static async Task<(long Negatives, int Exit, string Stdout, bool CrossedMidnight)> RunThenSummarizeTodayAsync()
    {
        const string TeamZone = "Europe/Amsterdam";
        var started = DateTimeOffset.UtcNow;
        var path = TestHost.NewDatabasePath();
        long negatives;
        await using (var bot = TestHost.Create(path))
        {
            await bot.RunUntilIdleAsync(File.ReadAllLines(TestHost.SamplePath).Length, TimeSpan.FromSeconds(60));
            negatives = await bot.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE negative = 1 AND duplicate_of IS NULL");
        }

        // The zone is passed, not read from the config, so the CLI's day is the one checked here.
        var (exit, stdout, _) = await RunAsync(["summary", "--period", "today"], new() { ["Webcare__Storage__Path"] = path, ["Webcare__Team__TimeZone"] = TeamZone });
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TeamZone);
        var crossed = TimeZoneInfo.ConvertTime(started, zone).Date != TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).Date;
        return (negatives, exit, stdout, crossed);
    }

    /// <summary>Runs the bot over the sample replay into a fresh database and returns its path.</summary>
    private static async Task<string> RunDemoAsync()
    {
        var path = TestHost.NewDatabasePath();
        await using var bot = TestHost.Create(path);
        await bot.RunUntilIdleAsync(File.ReadAllLines(TestHost.SamplePath).Length, TimeSpan.FromSeconds(60));
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, Dictionary<string, string?> environment, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = TestHost.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "webcare.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
