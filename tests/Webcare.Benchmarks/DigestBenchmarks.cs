using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Alerts;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Team;
using Webcare.Storage.Sqlite;

namespace Webcare.Benchmarks;

/// <summary>
/// The weekly digest and the hourly spike check on a year of data (1,000,000 cases by default).
/// Run: dotnet run -c Release --project tests/Webcare.Benchmarks -- --filter '*DigestBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private string _folder = string.Empty;
    private SqliteStore _store = null!;
    private DigestService _digests = null!;
    private SpikeDetector _spikes = null!;
    private DigestWeek _week = null!;
    private DateTimeOffset _now;

    [Params(1_000_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "webcare-bench-" + Guid.NewGuid().ToString("N"));
        _now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        (_store, _) = DigestYearSeed.CreateAsync(Path.Combine(_folder, "webcare.db"), Cases, _now).GetAwaiter().GetResult();
        var clock = new FixedTimeProvider(_now);
        _digests = new DigestService(_store, Options.Create(new DigestOptions()), Options.Create(new TeamOptions()), clock);
        _spikes = new SpikeDetector(_store, Options.Create(new SpikeOptions()));
        _week = DigestWeek.Containing(_now, Amsterdam).Previous;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<DigestWeekData> WeekNumbers() => _store.GetWeekAsync(_week.DayStarts(), _week.To, _now, detail: true, CancellationToken.None);

    [Benchmark]
    public Task<DigestReport> WholeDigest() => _digests.BuildAsync(_week, preview: false, CancellationToken.None);

    [Benchmark]
    public Task<SpikeCheck> SpikeCheck() => _spikes.CheckAsync(_now.AddHours(-1), Amsterdam, CancellationToken.None);
}

public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Writes a year of realistic cases (and 50% more mentions that opened none) ending at <c>now</c>.</summary>
public static class DigestYearSeed
{
    private static readonly string[] Origins = ["store", "phone", "online", "other", "unknown"];
    private static readonly string[] Tags = ["staff", "waiting_time", "product_defect", "billing", "delivery", "website_app", "policy", "availability", "outage", "privacy"];
    private static readonly string[] Negative =
    [
        "al 40 minuten in de wacht bij de klantenservice, belachelijk", "pakket weer niet bezorgd terwijl het gisteren zou komen",
        "dubbel afgeschreven deze maand en niemand reageert", "app crasht steeds bij het inloggen", "medewerker in de winkel was erg onvriendelijk",
        "still no internet after three days, terrible service", "my order arrived broken and support keeps ignoring me",
        "charged twice this month, want my money back", "website keeps logging me out during checkout", "on hold for an hour now",
    ];

    public static async Task<(SqliteStore Store, SqliteDatabase Database)> CreateAsync(string path, int cases, DateTimeOffset now)
    {
        var clock = new FixedTimeProvider(now.AddYears(-1).AddDays(-1));
        var database = new SqliteDatabase(path, clock, NullLogger<SqliteDatabase>.Instance);
        await database.MigrateAsync(CancellationToken.None);
        var random = new Random(2026);
        var start = now.AddYears(-1).ToUnixTimeMilliseconds();
        var span = now.ToUnixTimeMilliseconds() - start;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = connection.BeginTransaction();
        using var mention = connection.CreateCommand();
        mention.Transaction = transaction;
        mention.CommandText = """
            INSERT INTO mentions (source, external_id, network, brand, author_handle, author_followers, text, posted_at, received_at, likes, reposts, replies,
                content_hash, language, negative, score, probability, intent, priority, reach, triage_json)
            VALUES ('seed', $ext, 'x', $brand, $handle, $followers, $text, $posted, $posted, $likes, 0, 0, $ext, $lang, $neg, -0.5, 0.8, 'complaint', $priority, $reach, '{}')
            RETURNING id
            """;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$ext", "$brand", "$handle", "$followers", "$text", "$posted", "$likes", "$lang", "$neg", "$priority", "$reach" })
        {
            p[name] = mention.Parameters.Add(name, SqliteType.Text);
        }

        using var @case = connection.CreateCommand();
        @case.Transaction = transaction;
        @case.CommandText = """
            INSERT INTO cases (mention_id, brand, state, priority, origin, origin_confirmed, root_causes, suggested_reply, created_at, updated_at, first_replied_at, mention_posted_at)
            VALUES ($mention, $brand, $state, $priority, $origin, $confirmed, $causes, '', $created, $created, $replied, $posted)
            """;
        var q = new Dictionary<string, SqliteParameter>();
        foreach (var name in new[] { "$mention", "$brand", "$state", "$priority", "$origin", "$confirmed", "$causes", "$created", "$replied", "$posted" })
        {
            q[name] = @case.Parameters.Add(name, SqliteType.Text);
        }

        var total = cases + (cases / 2);
        for (var i = 0; i < total; i++)
        {
            var isCase = i % 3 != 2;
            var posted = start + random.NextInt64(span);
            var priority = random.Next(1, 5);
            var text = isCase ? Negative[random.Next(Negative.Length)] + " #" + random.Next(500).ToString(CultureInfo.InvariantCulture) : "fijne service, dank jullie wel";
            p["$ext"].Value = i.ToString(CultureInfo.InvariantCulture);
            p["$brand"].Value = random.Next(2) == 0 ? "Huiskes" : "Telvio";
            p["$handle"].Value = "user" + random.Next(200_000).ToString(CultureInfo.InvariantCulture);
            p["$followers"].Value = (long)Math.Pow(10, random.NextDouble() * 5.5);
            p["$text"].Value = text;
            p["$posted"].Value = posted;
            p["$likes"].Value = random.Next(50);
            p["$lang"].Value = text.Contains(" the ", StringComparison.Ordinal) || text.StartsWith("my", StringComparison.Ordinal) ? "en" : "nl";
            p["$neg"].Value = isCase ? 1 : 0;
            p["$priority"].Value = priority;
            p["$reach"].Value = random.Next(4);
            var mentionId = (long)(await mention.ExecuteScalarAsync())!;
            if (!isCase)
            {
                continue;
            }

            var created = posted + random.Next(0, 120_000);
            q["$mention"].Value = mentionId;
            q["$brand"].Value = p["$brand"].Value;
            q["$state"].Value = created > now.ToUnixTimeMilliseconds() - (2L * 86_400_000) ? "new" : random.Next(10) == 0 ? "dismissed" : "resolved";
            q["$priority"].Value = priority;
            q["$origin"].Value = Origins[random.Next(Origins.Length)];
            q["$confirmed"].Value = random.Next(3) == 0 ? 1 : 0;
            q["$causes"].Value = string.Join(",", Tags.Where(_ => random.Next(6) == 0));
            q["$created"].Value = created;
            q["$replied"].Value = random.Next(5) == 0 ? DBNull.Value : created + random.Next(60_000, 8 * 3_600_000);
            q["$posted"].Value = posted;
            await @case.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
        return (new SqliteStore(database, clock), database);
    }
}
