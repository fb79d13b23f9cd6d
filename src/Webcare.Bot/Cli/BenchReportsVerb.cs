using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Commands;
using Webcare.Core.Reports;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Team;

namespace Webcare.Bot.Cli;

/// <summary>
/// <c>webcare bench-reports --database FILE</c>: runs each report the way chat does (dispatcher →
/// handler → SQLite → text) many times and prints p50/p99, the database size and process memory.
/// </summary>
internal static class BenchReportsVerb
{
    public static Command Create()
    {
        var database = new Option<FileInfo>("--database", "-d") { Description = "A database made by 'seed'", Required = true };
        var iterations = new Option<int>("--iterations", "-i") { Description = "Runs per report", DefaultValueFactory = _ => 200 };
        var command = new Command("bench-reports", "Measure report latency (p50/p99), database size and memory on a seeded database.") { database, iterations };
        command.SetAction((result, ct) => RunAsync(result.GetValue(database)!, result.GetValue(iterations), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, int iterations, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"{file.FullName} does not exist; create it with 'webcare seed --database {file.Name}'.");
            return RunVerb.ConfigurationExitCode;
        }

        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken, new Dictionary<string, string?> { ["Webcare:Storage:Path"] = file.FullName });
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var dispatcher = services.GetRequiredService<CommandDispatcher>();
        var queries = services.GetRequiredService<IReportQueries>();
        var clock = services.GetRequiredService<TimeProvider>();
        var zone = services.GetRequiredService<IOptions<TeamOptions>>().Value.ResolveTimeZone();
        var actor = Actor.Operator("cli", "bench");
        var open = await queries.GetOpenCasesAsync(null, 1, cancellationToken);
        var someCase = open.Rows.FirstOrDefault()?.Id ?? 1;

        var commands = new[]
        {
            "summary today", "summary week", "summary month", "origins week", "origins month", "rootcauses week", "rootcauses month",
            "open", $"case {someCase}",
        };
        await Console.Out.WriteLineAsync($"{"report",-22} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        foreach (var text in commands)
        {
            var request = new CommandRequest(text, actor);
            var timings = await MeasureAsync(iterations, () => dispatcher.DispatchAsync(request, cancellationToken));
            await PrintAsync(text, timings);
        }

        // What a weekly digest reads: last full week's summary, and origins/root causes for it and the four weeks before.
        ReportPeriod.TryParse("week", clock.GetUtcNow(), zone, out var thisWeek);
        var lastWeek = thisWeek.Previous;
        var digest = await MeasureAsync(iterations, async () =>
        {
            await queries.GetSummaryAsync(lastWeek.From, lastWeek.To, null, cancellationToken);
            var week = lastWeek;
            for (var i = 0; i < 5; i++, week = week.Previous)
            {
                await queries.GetOriginCausesAsync(week.From, week.To, null, cancellationToken);
            }
        });
        await PrintAsync("digest (weekly reads)", digest);

        // The real weekly digest: every query (two weeks, quotes, notable cases, terms against four weeks), no rendering.
        var digests = services.GetRequiredService<DigestService>();
        DigestWeek.TryParse("last", clock.GetUtcNow(), digests.Zone, out var digestWeek);
        var fullDigest = await MeasureAsync(Math.Max(1, iterations / 10), () => digests.BuildAsync(digestWeek, preview: false, cancellationToken));
        await PrintAsync("digest (full build)", fullDigest);
        var digestQueries = services.GetRequiredService<IDigestQueries>();
        var weekData = await MeasureAsync(Math.Max(1, iterations / 10), () =>
            digestQueries.GetWeekAsync(digestWeek.DayStarts(), digestWeek.To, clock.GetUtcNow(), detail: true, cancellationToken));
        await PrintAsync("digest (one week)", weekData);
        var termTexts = await MeasureAsync(Math.Max(1, iterations / 10), () =>
            digestQueries.GetNegativeTextsAsync(digestWeek.Previous.Previous.Previous.Previous.From, digestWeek.From, DigestService.MaxTermTexts * 4, cancellationToken));
        await PrintAsync("digest (baseline texts)", termTexts);
        var render = await MeasureAsync(Math.Max(1, iterations / 10), async () =>
            DigestService.ToReply(await digests.BuildAsync(digestWeek, preview: false, cancellationToken)));
        await PrintAsync("digest (build + render)", render);

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var size = file.Length + (File.Exists(file.FullName + "-wal") ? new FileInfo(file.FullName + "-wal").Length : 0);
        await Console.Out.WriteLineAsync(
            $"database {size / 1024.0 / 1024.0:N0} MiB · working set {process.WorkingSet64 / 1024.0 / 1024.0:N0} MiB · " +
            $"peak {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB · managed heap {GC.GetTotalMemory(false) / 1024.0 / 1024.0:N1} MiB");
        return 0;
    }

    private static async Task<double[]> MeasureAsync(int iterations, Func<Task> run)
    {
        for (var i = 0; i < Math.Min(10, iterations); i++)
        {
            await run();
        }

        var timings = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            timings[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(timings);
        return timings;
    }

    private static Task PrintAsync(string name, double[] sorted)
    {
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return Console.Out.WriteLineAsync($"{name,-22} {At(0.5),8:0.00} {At(0.99),8:0.00} {sorted[^1],8:0.00}");
    }
}
