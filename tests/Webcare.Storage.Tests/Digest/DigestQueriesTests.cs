using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Commands;
using Webcare.Core.Reports.Digest;
using Webcare.Core.Team;

namespace Webcare.Storage.Tests.Digest;

public sealed class DigestQueriesTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
    private static readonly string[] Tags = ["staff", "waiting_time", "billing", "delivery", "outage", "website_app"];
    private static readonly string[] Origins = ["store", "phone", "online", "other", "unknown"];
    private static readonly string[] States = ["new", "claimed", "replied", "resolved", "dismissed"];
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Random but reproducible traffic from 21 Sep to 30 Nov 2026, plus rows exactly on week edges.</summary>
    private static async Task SeedAsync(DigestTestDatabase db)
    {
        await db.BeginBatchAsync();
        var random = new Random(47);
        var start = new DateTimeOffset(2026, 9, 21, 0, 0, 0, TimeSpan.Zero);
        var span = (long)(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero) - start).TotalMilliseconds;
        long? previous = null;
        for (var i = 0; i < 1500; i++)
        {
            var posted = start.AddMilliseconds(random.NextInt64(span));
            var negative = random.NextDouble() < 0.35;
            var duplicate = previous is not null && random.NextDouble() < 0.05;
            var words = negative ? "de levering is weer te laat en niemand helpt" : "fijne service vandaag bedankt";
            var id = await db.AddMentionAsync(posted, words, negative, duplicateOf: duplicate ? previous : null,
                reach: random.Next(4), followers: random.Next(50_000), likes: random.Next(30), handle: "user" + i);
            previous = id;
            if (!negative || duplicate || random.NextDouble() < 0.2)
            {
                continue;
            }

            // Cases appear a few minutes after the post, so some cross a week edge the post did not.
            var created = posted.AddMinutes(random.Next(0, 15));
            var priority = random.Next(1, 5);
            var replied = random.NextDouble() < 0.7 ? created.AddMinutes(random.Next(1, 30 * 60)) : (DateTimeOffset?)null;
            var causes = string.Join(",", Tags.Where(_ => random.NextDouble() < 0.25));
            await db.AddCaseAsync(id, created, priority, States[random.Next(States.Length)], Origins[random.Next(Origins.Length)],
                random.NextDouble() < 0.4, causes, replied);
        }

        foreach (var week in new[] { DigestWeek.Of(2026, 47, Amsterdam), DigestWeek.Of(2026, 43, Amsterdam) })
        {
            // On the edges: From is inside the week, To is not.
            foreach (var at in new[] { week.From, week.To, week.To.AddMilliseconds(-1) })
            {
                var id = await db.AddMentionAsync(at, "rand geval storing", negative: true);
                await db.AddCaseAsync(id, at, 2, "new", "store", true, "outage", null);
            }
        }

        await db.CommitBatchAsync();
    }

    [Theory]
    [InlineData(47)] // an ordinary week
    [InlineData(43)] // ends with the 25-hour Sunday of the autumn clock change
    public async Task GetWeekAsync_SeededWeek_MatchesIndependentSqlCounts(int isoWeek)
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        await SeedAsync(db);
        var week = DigestWeek.Of(2026, isoWeek, Amsterdam);
        (string, object)[] range = [("$from", week.From.ToUnixTimeMilliseconds()), ("$last", week.To.ToUnixTimeMilliseconds() - 1)];

        var data = await db.Store.GetWeekAsync(week.DayStarts(), week.To, Now, detail: true, CancellationToken.None);

        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE duplicate_of IS NULL AND posted_at BETWEEN $from AND $last", range), data.Mentions);
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE duplicate_of IS NULL AND negative = 1 AND posted_at BETWEEN $from AND $last", range), data.Negative);
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE created_at BETWEEN $from AND $last", range), data.CasesOpened);
        Assert.True(data.CasesOpened > 20, "the seed should put a fair number of cases in the week");

        foreach (var origin in Origins)
        {
            var confirmed = await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE created_at BETWEEN $from AND $last AND state != 'dismissed' AND origin = $o AND origin_confirmed = 1", [.. range, ("$o", origin)]);
            var guessed = await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE created_at BETWEEN $from AND $last AND state != 'dismissed' AND origin = $o AND origin_confirmed = 0", [.. range, ("$o", origin)]);
            var actual = data.ByOrigin.GetValueOrDefault(origin);
            Assert.Equal((confirmed, guessed), ((long)(actual?.Confirmed ?? 0), (long)(actual?.Guessed ?? 0)));
        }

        foreach (var tag in Tags)
        {
            var expected = await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE created_at BETWEEN $from AND $last AND state != 'dismissed' AND (',' || root_causes || ',') GLOB $g", [.. range, ("$g", $"*,{tag},*")]);
            Assert.Equal(expected, data.RootCauses.FirstOrDefault(r => r.Tag == tag)?.Count ?? 0);
        }

        // SLA and median, recomputed in C# from the raw rows.
        var rows = await db.RowsAsync("SELECT priority, created_at, first_replied_at FROM cases WHERE created_at BETWEEN $from AND $last AND state != 'dismissed'", range);
        int met = 0, breached = 0, pending = 0;
        var responses = new List<double>();
        foreach (var row in rows)
        {
            var target = (long)row[0] switch { 1 => 30, 2 => 60, 3 => 240, _ => 1440 } * 60_000L;
            var created = (long)row[1];
            if (row[2] is long replied)
            {
                responses.Add(replied - created);
                if (replied - created <= target) { met++; } else { breached++; }
            }
            else if (Now.ToUnixTimeMilliseconds() - created > target) { breached++; }
            else { pending++; }
        }

        Assert.Equal(new SlaCounts(met, breached, pending), data.Sla);
        responses.Sort();
        var median = responses.Count % 2 == 1 ? responses[responses.Count / 2] : (responses[(responses.Count / 2) - 1] + responses[responses.Count / 2]) / 2;
        Assert.Equal(median, data.FirstResponseMedian!.Value.TotalMilliseconds, precision: 0);

        // Cases per local day, with day edges computed straight from the time zone.
        for (var d = 0; d < 7; d++)
        {
            var day = System.Globalization.ISOWeek.ToDateTime(2026, isoWeek, DayOfWeek.Monday).AddDays(d);
            var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day, Amsterdam)).ToUnixTimeMilliseconds();
            var to = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1), Amsterdam)).ToUnixTimeMilliseconds();
            Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE created_at >= $a AND created_at < $b", ("$a", from), ("$b", to)), data.CasesPerDay[d]);
        }

        Assert.Equal(data.CasesOpened, data.CasesPerDay.Sum());
        // Notable cases and example quotes come from complaints posted in the week, widest reach first.
        var topReach = await db.ScalarAsync("SELECT MAX(m.reach) FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE m.posted_at BETWEEN $from AND $last", range);
        Assert.Equal(5, data.Notable.Count);
        Assert.Equal(topReach, (await db.RowsAsync("SELECT m.reach FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE c.id = $id", ("$id", data.Notable[0].CaseId)))[0][0]);
        foreach (var cause in data.RootCauses.Take(5))
        {
            Assert.NotNull(cause.ExampleQuote);
            var example = await db.RowsAsync("SELECT c.root_causes, m.posted_at, m.text, c.state FROM cases c JOIN mentions m ON m.id = c.mention_id WHERE c.id = $id", ("$id", cause.ExampleCaseId!.Value));
            Assert.Contains(cause.Tag, ((string)example[0][0]).Split(','));
            Assert.InRange((long)example[0][1], week.From.ToUnixTimeMilliseconds(), week.To.ToUnixTimeMilliseconds() - 1);
            Assert.Equal(cause.ExampleQuote, example[0][2]);
            Assert.NotEqual("dismissed", example[0][3]);
        }
    }

    [Fact]
    public async Task GetWeekAsync_Until_CutsTheWindowShort()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var week = DigestWeek.Of(2026, 47, Amsterdam);
        var early = await db.AddMentionAsync(week.From.AddHours(1), "vroeg", negative: true);
        var late = await db.AddMentionAsync(week.From.AddDays(3), "laat", negative: true);
        await db.AddCaseAsync(early, week.From.AddHours(1), 1, "new", "store", false, "", null);
        await db.AddCaseAsync(late, week.From.AddDays(3), 1, "new", "store", false, "", null);

        var data = await db.Store.GetWeekAsync(week.DayStarts(), week.From.AddDays(2), Now, detail: false, CancellationToken.None);

        Assert.Equal((1, 1), (data.Mentions, data.CasesOpened));
        Assert.Equal([1, 0, 0, 0, 0, 0, 0], data.CasesPerDay);
    }

    [Fact]
    public async Task GetWeekAsync_CaseWithItsOwnDueTime_IsCountedAgainstIt()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var week = DigestWeek.Of(2026, 47, Amsterdam);
        // A P1 complaint on Friday evening, answered on Monday morning: late by the wall clock (30 min),
        // in time by business hours, which is what the case's stored due time says.
        var friday = week.From.AddDays(4).AddHours(20);
        var mention = await db.AddMentionAsync(friday, "storing", negative: true);
        var caseId = await db.AddCaseAsync(mention, friday, 1, "replied", "phone", false, "", friday.AddDays(2).AddHours(13));
        await db.ScalarAsync("UPDATE cases SET sla_due_at = $due WHERE id = $id; SELECT 0",
            ("$due", friday.AddDays(2).AddHours(14).ToUnixTimeMilliseconds()), ("$id", caseId));

        var data = await db.Store.GetWeekAsync(week.DayStarts(), week.To, Now, detail: false, CancellationToken.None);

        Assert.Equal(new SlaCounts(Met: 1, Breached: 0, Pending: 0), data.Sla);
    }

    [Fact]
    public async Task QueryPlan_WeekQueries_UseTheDigestIndexes()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var cases = await db.RowsAsync("EXPLAIN QUERY PLAN SELECT origin, SUM(origin_confirmed) FROM cases WHERE created_at >= 1 AND created_at < 2 AND state <> 'dismissed' GROUP BY origin");
        var mentions = await db.RowsAsync("EXPLAIN QUERY PLAN SELECT COUNT(*), SUM(negative) FROM mentions WHERE posted_at >= 1 AND posted_at < 2 AND duplicate_of IS NULL");

        Assert.Contains(cases, r => r[^1] is string detail && detail.Contains("COVERING INDEX ix_cases_digest", StringComparison.Ordinal));
        Assert.Contains(mentions, r => r[^1] is string detail && detail.Contains("COVERING INDEX ix_mentions_digest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetNegativeTextsAsync_MoreThanTheCap_ReturnsAnEvenSampleAndTheTotal()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var week = DigestWeek.Of(2026, 47, Amsterdam);
        for (var i = 0; i < 100; i++)
        {
            await db.AddMentionAsync(week.From.AddMinutes(i * 60), "klacht " + i, negative: i % 4 != 0);
        }

        var all = await db.Store.GetNegativeTextsAsync(week.From, week.To, 1000, CancellationToken.None);
        var sample = await db.Store.GetNegativeTextsAsync(week.From, week.To, 25, CancellationToken.None);

        Assert.Equal((75, 75), (all.Texts.Count, all.Total));
        Assert.Equal(75, sample.Total);
        Assert.InRange(sample.Texts.Count, 20, 30);
        Assert.InRange(sample.Scale, 2.5, 3.75);
    }

    [Fact]
    public async Task BuildAsync_SeededWeeks_FindsTheEmergingTermAndComparesWithLastWeek()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        await SeedAsync(db);
        var week = DigestWeek.Of(2026, 47, Amsterdam);
        for (var i = 0; i < 8; i++)
        {
            await db.AddMentionAsync(week.From.AddHours(10 + i), "stroomstoring in heel Utrecht, alles plat", negative: true, handle: "s" + i);
        }

        var service = new DigestService(db.Store, Options.Create(new DigestOptions()), Options.Create(new TeamOptions { Name = "Test" }), db.Clock);
        var report = await service.BuildAsync(week, preview: false, CancellationToken.None);
        var previous = await db.Store.GetWeekAsync(week.Previous.DayStarts(), week.Previous.To, Now, detail: false, CancellationToken.None);

        Assert.Contains(report.Terms, t => t.Term == "stroomstoring" && t.Count == 8);
        Assert.DoesNotContain(report.Terms, t => t.Term == "levering");
        Assert.Equal(previous.Mentions, report.Volume.Previous);
        Assert.Equal(previous.CasesOpened, report.CasesOpened.Previous);
        Assert.Equal(5, report.Origins.Count);
    }

    [Fact]
    public async Task DigestCommand_EmptyDatabase_AnswersWithTextAndFiles()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var service = new DigestService(db.Store, Options.Create(new DigestOptions()), Options.Create(new TeamOptions()), db.Clock);
        var command = new DigestCommand(service, db.Clock);
        var actor = Actor.Operator("test", "lead");

        var last = await command.HandleAsync(new CommandRequest("digest", actor), CancellationToken.None);
        var preview = await command.HandleAsync(new CommandRequest("digest preview", actor), CancellationToken.None);
        var wrong = await command.HandleAsync(new CommandRequest("digest 2026-W99", actor), CancellationToken.None);

        Assert.StartsWith("Weekly digest — Webcare — 2026-W48", last.Text, StringComparison.Ordinal);
        Assert.Contains("Mentions 0", last.Text, StringComparison.Ordinal);
        Assert.Equal(2, last.FilesOrEmpty.Count);
        Assert.StartsWith("Digest preview (week so far) — Webcare — 2026-W49", preview.Text, StringComparison.Ordinal);
        Assert.Equal("digest-2026-W49-preview.html", preview.FilesOrEmpty[1].FileName);
        Assert.True(wrong.Ephemeral);
        Assert.Empty(wrong.FilesOrEmpty);
    }

    [Fact]
    public async Task ScheduledRuns_ClaimTwice_SecondIsRefusedUntilReleased()
    {
        await using var db = await DigestTestDatabase.CreateAsync(Now);
        var at = Now.AddMinutes(-5);

        Assert.True(await db.Store.TryClaimAsync("digest", "2026-W47", at, "console:leads", CancellationToken.None));
        Assert.False(await db.Store.TryClaimAsync("digest", "2026-W47", Now, null, CancellationToken.None));
        Assert.Equal(at, await db.Store.GetLastAsync("digest", CancellationToken.None));
        Assert.Null(await db.Store.GetLastAsync("spike", CancellationToken.None));
        await db.Store.ReleaseAsync("digest", "2026-W47", CancellationToken.None);
        Assert.True(await db.Store.TryClaimAsync("digest", "2026-W47", Now, null, CancellationToken.None));
        Assert.Equal(Now, await db.Store.GetInstalledAtAsync(CancellationToken.None));
    }
}
