using Microsoft.Data.Sqlite;
using Webcare.Core.Cases;
using Webcare.Core.Reports;
using Webcare.Core.Triage;

namespace Webcare.Storage.Sqlite;

/// <summary>
/// Report queries. Period figures come from the hourly rollup tables (kept by triggers in the
/// writing transaction); only open cases and the reach ranking read the case and mention tables,
/// each through a partial index.
/// </summary>
public sealed partial class SqliteStore
{
    private const long HourMs = 3_600_000;
    private const string OpenStates = "('new','claimed','replied')";
    private const string HourRange = "hour >= $h0 AND hour < $h1 AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)";

    public async Task<SummaryData> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var p = Range(from, to, brand);

        int mentions, negative;
        using (var volume = connection.Command(null, $"SELECT COALESCE(SUM(mentions), 0), COALESCE(SUM(negative), 0) FROM rollup_mentions WHERE {HourRange}", p))
        await using (var reader = await volume.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            mentions = (int)reader.GetInt64(0);
            negative = (int)reader.GetInt64(1);
        }

        var breakdown = await ReadOriginCausesAsync(connection, p, cancellationToken);
        var opened = breakdown.Complaints + breakdown.Dismissed;

        var now = Now;
        var edges = ReportBuckets.OpenAgeEdges;
        var byState = new Dictionary<string, int>();
        var byAge = new int[edges.Count + 1];
        var overdue = 0;
        var ageCase = "CASE " + string.Concat(edges.Select((_, i) => $"WHEN mention_posted_at > $age{i} THEN {i} ")) + $"ELSE {edges.Count} END";
        var openParameters = p.Concat(edges.Select((e, i) => ($"$age{i}", (object?)(now - e).Ms()))).Append(("$now", now.Ms())).ToArray();
        using (var open = connection.Command(null, $"""
            SELECT state, {ageCase}, COUNT(*), COALESCE(SUM(first_replied_at IS NULL AND sla_due_at < $now), 0)
            FROM cases INDEXED BY ix_cases_open
            WHERE state IN {OpenStates} AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
            GROUP BY 1, 2
            """, openParameters))
        await using (var reader = await open.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = (int)reader.GetInt64(2);
                byState[reader.GetString(0)] = byState.GetValueOrDefault(reader.GetString(0)) + count;
                byAge[reader.GetInt32(1)] += count;
                overdue += (int)reader.GetInt64(3);
            }
        }

        var orderedStates = new[] { "new", "claimed", "replied" }.Where(byState.ContainsKey).ToDictionary(s => s, s => byState[s]);

        using var unanswered = connection.Command(null, $"""
            SELECT COUNT(*) FROM cases INDEXED BY ix_cases_open
            WHERE state IN {OpenStates} AND first_replied_at IS NULL AND sla_due_at < $now
              AND mention_posted_at >= $from AND mention_posted_at < $to AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
            """, p.Append(("$now", now.Ms())).ToArray());
        var unansweredOverdue = (int)SqlHelpers.ToLong(await unanswered.ExecuteScalarAsync(cancellationToken));

        var responses = new List<(int, int)>();
        var late = 0;
        using (var histogram = connection.Command(null, $"SELECT minutes, SUM(n), SUM(n * late) FROM rollup_response WHERE {HourRange} GROUP BY minutes HAVING SUM(n) > 0", p))
        await using (var reader = await histogram.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                responses.Add((reader.GetInt32(0), (int)reader.GetInt64(1)));
                late += (int)reader.GetInt64(2);
            }
        }

        var top = breakdown.Causes.Select(kv => (kv.Key, kv.Value.Total)).Where(c => c.Total > 0)
            .OrderByDescending(c => c.Total).ThenBy(c => c.Key, StringComparer.Ordinal).Take(5).ToList();
        return new SummaryData(mentions, negative, opened, orderedStates, breakdown.Origins, top)
        {
            OpenByAge = byAge,
            OpenOverdue = overdue,
            FirstResponses = responses,
            LateReplies = late,
            UnansweredOverdue = unansweredOverdue,
            TopAuthors = await ReadTopAuthorsAsync(connection, p, 5, cancellationToken),
        };
    }

    public async Task<OriginCauseData> GetOriginCausesAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadOriginCausesAsync(connection, Range(from, to, brand), cancellationToken);
    }

    public async Task<OpenCasesData> GetOpenCasesAsync(string? assigneeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var count = connection.Command(null,
            $"SELECT COUNT(*) FROM cases INDEXED BY ix_cases_open WHERE state IN {OpenStates} AND ($assignee IS NULL OR assignee_id = $assignee)",
            ("$assignee", assigneeId));
        var total = (int)SqlHelpers.ToLong(await count.ExecuteScalarAsync(cancellationToken));
        using var list = connection.Command(null, $"""
            SELECT c.id, c.priority, c.state, c.brand, m.author_handle, c.assignee_name, c.mention_posted_at, c.sla_due_at, c.first_replied_at, m.text
            FROM cases c INDEXED BY ix_cases_open JOIN mentions m ON m.id = c.mention_id
            WHERE c.state IN {OpenStates} AND ($assignee IS NULL OR c.assignee_id = $assignee)
            ORDER BY c.first_replied_at IS NOT NULL, COALESCE(c.sla_due_at, c.mention_posted_at), c.id
            LIMIT $limit
            """, ("$assignee", assigneeId), ("$limit", limit));
        await using var reader = await list.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OpenCaseRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OpenCaseRow(reader.Long("id"), (Priority)reader.Long("priority"), ParseState(reader.String("state")), reader.String("brand"),
                reader.String("author_handle"), reader.StringOrNull("assignee_name"), reader.Time("mention_posted_at"), reader.TimeOrNull("sla_due_at"),
                reader.TimeOrNull("first_replied_at"), reader.String("text")));
        }

        return new OpenCasesData(total, rows);
    }

    private static (string, object?)[] Range(DateTimeOffset from, DateTimeOffset to, string? brand) =>
    [
        ("$from", from.Ms()), ("$to", to.Ms()), ("$brand", brand),
        ("$h0", FloorDiv(from.Ms(), HourMs)), ("$h1", FloorDiv(to.Ms() + HourMs - 1, HourMs)),
    ];

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);

    private static async Task<OriginCauseData> ReadOriginCausesAsync(SqliteConnection connection, (string, object?)[] p, CancellationToken cancellationToken)
    {
        var origins = new Dictionary<string, (int Confirmed, int Guessed)>();
        int complaints = 0, dismissed = 0;
        using (var byOrigin = connection.Command(null, $"SELECT origin, origin_confirmed, dismissed, SUM(n) FROM rollup_cases WHERE {HourRange} GROUP BY 1, 2, 3", p))
        await using (var reader = await byOrigin.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var n = (int)reader.GetInt64(3);
                if (reader.GetInt64(2) == 1)
                {
                    dismissed += n;
                    continue;
                }

                complaints += n;
                var current = origins.GetValueOrDefault(reader.GetString(0));
                origins[reader.GetString(0)] = reader.GetInt64(1) == 1 ? (current.Confirmed + n, current.Guessed) : (current.Confirmed, current.Guessed + n);
            }
        }

        var causes = new Dictionary<string, (int Confirmed, int Guessed)>();
        var cross = new Dictionary<(string, string), int>();
        using (var byCause = connection.Command(null, $"SELECT origin, cause, confirmed, SUM(n) FROM rollup_causes WHERE {HourRange} GROUP BY 1, 2, 3", p))
        await using (var reader = await byCause.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var n = (int)reader.GetInt64(3);
                var cause = reader.GetString(1);
                var current = causes.GetValueOrDefault(cause);
                causes[cause] = reader.GetInt64(2) == 1 ? (current.Confirmed + n, current.Guessed) : (current.Confirmed, current.Guessed + n);
                var key = (reader.GetString(0), cause);
                cross[key] = cross.GetValueOrDefault(key) + n;
            }
        }

        return new OriginCauseData(
            complaints,
            dismissed,
            origins.Where(kv => kv.Value.Confirmed + kv.Value.Guessed > 0).ToDictionary(kv => kv.Key, kv => new OriginCount(kv.Value.Confirmed, kv.Value.Guessed)),
            causes.Where(kv => kv.Value.Confirmed + kv.Value.Guessed > 0).ToDictionary(kv => kv.Key, kv => new OriginCount(kv.Value.Confirmed, kv.Value.Guessed)),
            cross.Where(kv => kv.Value > 0).Select(kv => new OriginCauseCell(kv.Key.Item1, kv.Key.Item2, kv.Value)).ToList());
    }

    private static async Task<IReadOnlyList<ReachAuthor>> ReadTopAuthorsAsync(SqliteConnection connection, (string, object?)[] p, int count, CancellationToken cancellationToken)
    {
        // Walks the reach index from the largest audience down and stops at the first few distinct
        // authors in the period, so the cost does not grow with the length of the period.
        using var command = connection.Command(null, """
            SELECT author_handle, author_name, network, author_followers FROM mentions INDEXED BY ix_mentions_reach
            WHERE negative = 1 AND duplicate_of IS NULL AND author_followers IS NOT NULL
              AND posted_at >= $from AND posted_at < $to AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
            ORDER BY author_followers DESC LIMIT 50
            """, p);
        var authors = new List<(string Handle, string? Name, string Network, int Followers)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken) && authors.Count < count)
            {
                var handle = reader.GetString(0);
                var network = reader.GetString(2);
                if (!authors.Any(a => a.Handle == handle && a.Network == network))
                {
                    authors.Add((handle, reader.IsDBNull(1) ? null : reader.GetString(1), network, reader.GetInt32(3)));
                }
            }
        }

        var result = new List<ReachAuthor>();
        foreach (var a in authors)
        {
            using var complaints = connection.Command(null, """
                SELECT COUNT(*) FROM mentions INDEXED BY ix_mentions_reach
                WHERE negative = 1 AND duplicate_of IS NULL AND author_followers = $followers AND posted_at >= $from AND posted_at < $to
                  AND author_handle = $handle AND network = $network AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
                """, p.Concat([("$followers", (object?)a.Followers), ("$handle", a.Handle), ("$network", a.Network)]).ToArray());
            result.Add(new ReachAuthor(a.Handle, a.Name, a.Network, a.Followers, (int)SqlHelpers.ToLong(await complaints.ExecuteScalarAsync(cancellationToken))));
        }

        return result;
    }
}
