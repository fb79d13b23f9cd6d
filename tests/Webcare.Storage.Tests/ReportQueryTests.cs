using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webcare.Core.Cases;
using Webcare.Core.Commands;
using Webcare.Core.Reports;
using Webcare.Core.Reports.CaseHistory;
using Webcare.Core.Reports.Open;
using Webcare.Core.Reports.Origins;
using Webcare.Core.Reports.Summary;
using Webcare.Core.Team;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage.Tests;

public sealed class ReportQueryTests
{
    // A whole hour, so the window matches the hourly rollups exactly.
    private static readonly DateTimeOffset End = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetSummaryAndOriginCauses_SeededWeekAfterAgentChanges_MatchIndependentSqlCounts()
    {
        await using var db = await TestDatabase.CreateAsync(End);
        var plan = new SeedPlan(3000, End, TimeSpan.FromDays(14), ["Telvio", "Huiskes"], new CaseOptions().RootCauses, db.Sla.DueAt, 1.5, RandomSeed: 7, BatchSize: 1000);
        await SqliteSeeder.SeedAsync(db.Database, plan, null, CancellationToken.None);

        // Agents change cases after the fact, so the update triggers are checked as well as the inserts.
        var service = db.CaseService();
        var lead = new Actor("slack", "L1", "Lotte", new HashSet<Role> { Role.Agent, Role.Lead });
        var ids = (await db.RowsAsync("SELECT id, state FROM cases WHERE mention_posted_at >= $from ORDER BY id", ("$from", End.AddDays(-7).ToUnixTimeMilliseconds()))).ToList();
        var origins = new[] { "store", "phone", "online", "other" };
        for (var i = 0; i < ids.Count; i += 7)
        {
            var id = (long)ids[i][0]!;
            var state = (string)ids[i][1]!;
            await service.ApplyAsync(new CaseAction(id, CaseActionKind.SetOrigin, lead, origins[i % 4]), CancellationToken.None);
            await service.ApplyAsync(new CaseAction(id, CaseActionKind.SetRootCause, lead, i % 2 == 0 ? "billing" : "staff,delivery"), CancellationToken.None);
            var kind = state is "new" or "claimed" ? CaseActionKind.MarkReplied : state == "dismissed" ? CaseActionKind.Reopen : CaseActionKind.Reopen;
            await service.ApplyAsync(new CaseAction(id, kind, lead), CancellationToken.None);
            if (i % 3 == 0)
            {
                await service.ApplyAsync(new CaseAction(id, CaseActionKind.Dismiss, lead, "false_positive"), CancellationToken.None);
            }
        }

        var from = End.AddDays(-7);
        var range = new (string, object?)[] { ("$from", from.ToUnixTimeMilliseconds()), ("$to", End.ToUnixTimeMilliseconds()) };
        var summary = await db.Store.GetSummaryAsync(from, End, null, CancellationToken.None);
        var breakdown = await db.Store.GetOriginCausesAsync(from, End, null, CancellationToken.None);

        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL", range), summary.Mentions);
        Assert.Equal(await db.ScalarAsync("SELECT SUM(negative) FROM mentions WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL", range), summary.Negative);
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE mention_posted_at >= $from AND mention_posted_at < $to", range), summary.CasesOpened);
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE mention_posted_at >= $from AND mention_posted_at < $to AND state = 'dismissed'", range), breakdown.Dismissed);

        var caseRows = await db.RowsAsync("""
            SELECT origin, origin_confirmed, root_causes, root_causes_confirmed, first_replied_at, mention_posted_at, sla_due_at, state
            FROM cases WHERE mention_posted_at >= $from AND mention_posted_at < $to
            """, range);
        var complaints = caseRows.Where(r => (string)r[7]! != "dismissed").ToList();
        Assert.Equal(complaints.Count, breakdown.Complaints);
        foreach (var group in complaints.GroupBy(r => (string)r[0]!))
        {
            var expected = new OriginCount(group.Count(r => (long)r[1]! == 1), group.Count(r => (long)r[1]! == 0));
            Assert.Equal(expected, breakdown.Origins[group.Key]);
            Assert.Equal(expected, summary.ByOrigin[group.Key]);
        }

        Assert.Equal(complaints.Select(r => (string)r[0]!).Distinct().Count(), breakdown.Origins.Count);
        var tags = complaints.Where(r => ((string)r[2]!).Length > 0)
            .SelectMany(r => ((string)r[2]!).Split(',').Select(t => (Origin: (string)r[0]!, Tag: t, Confirmed: (long)r[3]! == 1))).ToList();
        foreach (var group in tags.GroupBy(t => t.Tag))
        {
            Assert.Equal(new OriginCount(group.Count(t => t.Confirmed), group.Count(t => !t.Confirmed)), breakdown.Causes[group.Key]);
        }

        Assert.Equal(tags.Select(t => t.Tag).Distinct().Count(), breakdown.Causes.Count);
        var cross = tags.GroupBy(t => (t.Origin, t.Tag)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(cross.Count, breakdown.Cross.Count);
        Assert.All(breakdown.Cross, cell => Assert.Equal(cross[(cell.Origin, cell.Cause)], cell.Count));
        Assert.Equal(tags.GroupBy(t => t.Tag).Select(g => g.Count()).OrderDescending().Take(5), summary.TopRootCauses.Select(t => t.Count));

        // First response: recompute the nearest-rank median and p90 from raw minutes (the seed keeps most under 2 h, where buckets are exact).
        var replied = caseRows.Where(r => r[4] is not null).ToList();
        var minutes = replied.Select(r => Math.Max(0, ((long)r[4]! - (long)r[5]!) / 60000)).Order().ToList();
        static long Bucket(long m) => m < 120 ? m : m < 1440 ? m / 10 * 10 : m < 10080 ? m / 60 * 60 : 10080;
        long Rank(double p) => minutes.Select(Bucket).Order().ElementAt((int)Math.Ceiling(p * minutes.Count) - 1);
        Assert.Equal(minutes.Count, summary.FirstResponses.Sum(b => b.Count));
        Assert.Equal(TimeSpan.FromMinutes(Rank(0.5)), ReportBuckets.Percentile(summary.FirstResponses, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(Rank(0.9)), ReportBuckets.Percentile(summary.FirstResponses, 0.9));
        Assert.Equal(replied.Count(r => (long)r[4]! > (long)r[6]!), summary.LateReplies);
        Assert.Equal(caseRows.Count(r => (string)r[7]! is "new" or "claimed" or "replied" && r[4] is null && (long)r[6]! < End.ToUnixTimeMilliseconds()), summary.UnansweredOverdue);
        Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE state IN ('new','claimed','replied')"), summary.OpenByState.Values.Sum());
        Assert.Equal(summary.OpenByState.Values.Sum(), summary.OpenByAge.Sum());

        // Windows inside one UTC day, across a day boundary, and of whole days read the right buckets too.
        foreach (var (a, b) in new[] { (End.AddHours(-5), End), (End.AddHours(-30), End.AddHours(-2)), (End.AddHours(-58), End.AddHours(-10)) })
        {
            var window = new (string, object?)[] { ("$from", a.ToUnixTimeMilliseconds()), ("$to", b.ToUnixTimeMilliseconds()) };
            var part = await db.Store.GetSummaryAsync(a, b, "telvio", CancellationToken.None);
            Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM mentions WHERE posted_at >= $from AND posted_at < $to AND brand = 'Telvio'", window), part.Mentions);
            Assert.Equal(await db.ScalarAsync("SELECT COUNT(*) FROM cases WHERE mention_posted_at >= $from AND mention_posted_at < $to AND brand = 'Telvio'", window), part.CasesOpened);
        }

        var top = summary.TopAuthors[0];
        Assert.Equal(await db.ScalarAsync("SELECT MAX(author_followers) FROM mentions WHERE negative = 1 AND posted_at >= $from AND posted_at < $to", range), top.Followers);
        Assert.True(summary.SlaBreaches > 0);
    }

    [Fact]
    public async Task Handlers_EmptyDatabase_EveryCommandAnswers()
    {
        await using var db = await TestDatabase.CreateAsync(End);
        var team = Options.Create(new TeamOptions());
        var cards = new CaseCardBuilder(Options.Create(new CaseOptions()), db.Clock, db.Sla);
        ICommandHandler[] handlers =
        [
            new SummaryCommand(db.Store, team, db.Clock),
            new OpenCommand(db.Store, db.Sla, db.Clock),
            new OriginsCommand(db.Store, team, db.Clock),
            new RootCausesCommand(db.Store, team, db.Clock),
            new CaseCommand(db.Store, cards, db.Sla, team, db.Clock),
        ];
        var dispatcher = new CommandDispatcher(handlers, NullLogger<CommandDispatcher>.Instance);
        var actor = new Actor("slack", "U1", "Anna", new HashSet<Role> { Role.Agent });
        var expectations = new Dictionary<string, string>
        {
            ["summary"] = "Mentions: 0 · negative: 0 (0%) · cases opened: 0",
            ["summary week"] = "First response: no replies yet",
            ["summary month Telvio"] = "Where complaints began: no complaints",
            ["open"] = "No open cases.",
            ["open mine"] = "You have no open cases.",
            ["origins"] = "No complaints in this period yet.",
            ["origins month"] = "No complaints in this period yet.",
            ["rootcauses"] = "No complaints in this period yet.",
            ["rootcauses today"] = "No complaints in this period yet.",
            ["case 1"] = "There is no case #1.",
            ["case"] = "Which case?",
            ["summary yesterday"] = "Unknown period 'yesterday'",
            ["help"] = "/webcare rootcauses",
        };
        foreach (var (command, expected) in expectations)
        {
            var reply = await dispatcher.DispatchAsync(new CommandRequest(command, actor), CancellationToken.None);
            Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("failed", reply.Text, StringComparison.Ordinal);
            Assert.True(reply.Text.Split('\n').Length <= 20, command);
        }
    }

    [Fact]
    public async Task CaseCommand_ExistingCase_ShowsHistoryAndCard()
    {
        await using var db = await TestDatabase.CreateAsync(End);
        var id = await db.OpenCaseAsync("jan", "Telvio al dagen storing", End.AddMinutes(-20));
        var anna = new Actor("slack", "U1", "Anna", new HashSet<Role> { Role.Agent });
        await db.CaseService().ApplyAsync(new CaseAction(id, CaseActionKind.Claim, anna), CancellationToken.None);
        var command = new CaseCommand(db.Store, new CaseCardBuilder(Options.Create(new CaseOptions()), db.Clock, db.Sla), db.Sla, Options.Create(new TeamOptions()), db.Clock);
        var reply = await command.HandleAsync(new CommandRequest($"case {id}", anna), CancellationToken.None);
        Assert.Contains($"Case #{id} · P2 · Telvio · claimed · Anna", reply.Text, StringComparison.Ordinal);
        Assert.Contains("claim      new→claimed · Anna (slack)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(id, reply.Card!.CaseId);
    }
}
