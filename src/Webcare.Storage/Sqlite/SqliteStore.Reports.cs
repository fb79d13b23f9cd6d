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
    private const string BrandIs = "($brand IS NULL OR brand = $brand COLLATE NOCASE)";

    public async Task<SummaryData> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var p = Range(from, to, brand);

        int mentions, negative;
        using (var volume = connection.Command(null, $"SELECT COALESCE(SUM(mentions), 0), COALESCE(SUM(negative), 0) FROM ({Rolled("rollup_mentions", "mentions, negative")})", p))
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
        using (var histogram = connection.Command(null, $"SELECT minutes, SUM(n), SUM(n * late) FROM ({Rolled("rollup_response", "minutes, late, n")}) GROUP BY minutes HAVING SUM(n) > 0", p))
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
            FROM (
                -- Rank the open cases first, then read the text of only the few shown.
                SELECT id, mention_id, priority, state, brand, assignee_name, mention_posted_at, sla_due_at, first_replied_at
                FROM cases INDEXED BY ix_cases_open
                WHERE state IN {OpenStates} AND ($assignee IS NULL OR assignee_id = $assignee)
                ORDER BY first_replied_at IS NOT NULL, COALESCE(sla_due_at, mention_posted_at), id
                LIMIT $limit) c
            JOIN mentions m ON m.id = c.mention_id
            ORDER BY c.first_replied_at IS NOT NULL, COALESCE(c.sla_due_at, c.mention_posted_at), c.id
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

    /// <summary>
    /// Parameters of a report window: the hours [$h0, $h1) it covers, split into whole UTC days
    /// [$d0, $d1) read from the daily rollups and the edge hours [$h0, $e0) and [$e1, $h1) read from
    /// the hourly ones — a month is about 30 daily buckets and a couple of hourly ones.
    /// </summary>
    private static (string, object?)[] Range(DateTimeOffset from, DateTimeOffset to, string? brand)
    {
        var h0 = FloorDiv(from.Ms(), HourMs);
        var h1 = FloorDiv(to.Ms() + HourMs - 1, HourMs);
        var d0 = FloorDiv(h0 + 23, 24);
        var d1 = FloorDiv(h1, 24);
        var (e0, e1) = d1 > d0 ? (d0 * 24, d1 * 24) : (h1, h1);
        if (d1 <= d0)
        {
            d0 = d1 = 0;
        }

        return
        [
            ("$from", from.Ms()), ("$to", to.Ms()), ("$brand", brand),
            ("$h0", h0), ("$h1", h1), ("$d0", d0), ("$d1", d1), ("$e0", e0), ("$e1", e1),
        ];
    }

    private static string Rolled(string table, string columns) => $"""
        SELECT {columns} FROM {table}_daily WHERE day >= $d0 AND day < $d1 AND {BrandIs}
        UNION ALL SELECT {columns} FROM {table} WHERE hour >= $h0 AND hour < $e0 AND {BrandIs}
        UNION ALL SELECT {columns} FROM {table} WHERE hour >= $e1 AND hour < $h1 AND {BrandIs}
        """;

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b) < 0 ? 1 : 0);

    private static async Task<OriginCauseData> ReadOriginCausesAsync(SqliteConnection connection, (string, object?)[] p, CancellationToken cancellationToken)
    {
        var origins = new Dictionary<string, (int Confirmed, int Guessed)>();
        int complaints = 0, dismissed = 0;
        using (var byOrigin = connection.Command(null, $"SELECT origin, origin_confirmed, dismissed, SUM(n) FROM ({Rolled("rollup_cases", "origin, origin_confirmed, dismissed, n")}) GROUP BY 1, 2, 3", p))
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
        using (var byCause = connection.Command(null, $"SELECT origin, cause, confirmed, SUM(n) FROM ({Rolled("rollup_causes", "origin, cause, confirmed, n")}) GROUP BY 1, 2, 3", p))
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

    /// <summary>Followers from which a complaint is "big reach" (reach level 2); most periods have five such authors.</summary>
    private const int BigReach = 10_000;

    private static async Task<IReadOnlyList<ReachAuthor>> ReadTopAuthorsAsync(SqliteConnection connection, (string, object?)[] p, int count, CancellationToken cancellationToken)
    {
        // Big accounts first, from a small partial index; only a quiet period falls back to all of its complaints.
        var authors = await ReadReachAsync(connection, p, "ix_mentions_big_reach", $"AND author_followers >= {BigReach}", count, cancellationToken);
        return authors.Count >= count ? authors : await ReadReachAsync(connection, p, "ix_mentions_reach", string.Empty, count, cancellationToken);
    }

    private static async Task<IReadOnlyList<ReachAuthor>> ReadReachAsync(SqliteConnection connection, (string, object?)[] p, string index, string filter, int count, CancellationToken cancellationToken)
    {
        using var command = connection.Command(null, $"""
            SELECT author_handle, network, author_followers FROM mentions INDEXED BY {index}
            WHERE negative = 1 AND duplicate_of IS NULL {filter}
              AND posted_at >= $from AND posted_at < $to AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
            ORDER BY author_followers DESC LIMIT 50
            """, p);
        var authors = new List<ReachAuthor>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var handle = reader.GetString(0);
            var network = reader.GetString(1);
            var known = authors.FindIndex(a => a.Handle == handle && a.Network == network);
            if (known >= 0)
            {
                authors[known] = authors[known] with { Complaints = authors[known].Complaints + 1 };
            }
            else if (authors.Count < count)
            {
                authors.Add(new ReachAuthor(handle, null, network, reader.IsDBNull(2) ? 0 : reader.GetInt32(2), 1));
            }
        }

        return authors;
    }
}
