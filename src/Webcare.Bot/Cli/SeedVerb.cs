using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webcare.Bot.Hosting;
using Webcare.Core.Cases;
using Webcare.Storage.Sqlite;

namespace Webcare.Bot.Cli;

/// <summary><c>webcare seed --database FILE [--cases 1000000]</c>: a year of realistic cases in a fresh database, for benchmarks and demos.</summary>
internal static class SeedVerb
{
    public static Command Create()
    {
        var database = new Option<FileInfo>("--database", "-d") { Description = "The SQLite file to create (must not exist unless --force)", Required = true };
        var cases = new Option<int>("--cases", "-n") { Description = "How many cases", DefaultValueFactory = _ => 1_000_000 };
        var others = new Option<double>("--other-mentions") { Description = "Non-negative mentions per case", DefaultValueFactory = _ => 1.0 };
        var force = new Option<bool>("--force") { Description = "Delete the file first if it exists" };
        var command = new Command("seed", "Write a year of realistic cases (with their mentions and events) into a fresh database.") { database, cases, others, force };
        command.SetAction((result, ct) => RunAsync(result.GetValue(database)!, result.GetValue(cases), result.GetValue(others), result.GetValue(force), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, int count, double others, bool force, CancellationToken cancellationToken)
    {
        if (file.Exists && !force)
        {
            await Console.Error.WriteLineAsync($"{file.FullName} exists; seed writes a fresh database. Pass --force to replace it.");
            return RunVerb.ConfigurationExitCode;
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Delete(file.FullName + suffix);
        }

        using var host = await VerbHost.StartAsync(needsDatabase: true, cancellationToken, new Dictionary<string, string?> { ["Webcare:Storage:Path"] = file.FullName });
        if (host is null)
        {
            return RunVerb.ConfigurationExitCode;
        }

        var services = host.Services;
        var sla = services.GetRequiredService<SlaPolicy>();
        var brands = services.GetRequiredService<IOptions<BrandsOptions>>().Value.Brands.Select(b => b.Name).ToList();
        var plan = new SeedPlan(count, services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeSpan.FromDays(365), brands,
            services.GetRequiredService<IOptions<CaseOptions>>().Value.RootCauses.Distinct().ToList(), sla.DueAt, others);
        var progress = new Progress<int>(done => Console.Error.Write($"\r{done:N0} / {count:N0} cases"));
        var result = await SqliteSeeder.SeedAsync(services.GetRequiredService<SqliteDatabase>(), plan, progress, cancellationToken);
        var size = new FileInfo(file.FullName).Length + (File.Exists(file.FullName + "-wal") ? new FileInfo(file.FullName + "-wal").Length : 0);
        await Console.Out.WriteLineAsync(
            $"\nSeeded {result.Cases:N0} cases, {result.Mentions:N0} mentions, {result.Events:N0} events in {result.Elapsed.TotalSeconds:0.0} s " +
            $"({result.Cases / result.Elapsed.TotalSeconds:N0} cases/s); database {size / 1024.0 / 1024.0:N0} MiB: {file.FullName}");
        return 0;
    }
}
