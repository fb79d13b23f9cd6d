using System.Text;
using Microsoft.Data.Sqlite;
using Webcare.Core.Alerts;
using Webcare.Core.Reports;
using Webcare.Core.Reports.Digest;

namespace Webcare.Storage.Sqlite;

/// <summary>
/// The weekly digest's and the spike alert's queries. Each is a range scan on ix_cases_digest /
/// ix_mentions_digest (migration 3), so a week stays a small slice of a year of data.
/// </summary>
public sealed partial class SqliteStore : IDigestQueries, ISpikeQueries, IScheduledRunStore
{
    private const string CaseRange = "created_at >= $from AND created_at < $to";

    public async Task<DigestWeekData> GetWeekAsync(IReadOnlyList<DateTimeOffset> dayStarts, DateTimeOffset until, DateTimeOffset now, bool detail, CancellationToken cancellationToken)
    {
        if (dayStarts.Count < 2)
        {
            throw new ArgumentException("A window needs at least two day starts.", nameof(dayStarts));
        }

        var from = dayStarts[0];
        var to = until < dayStarts[^1] ? until : dayStarts[^1];
        await using var connection = await OpenAsync(cancellationToken);
        var range = new (string, object?)[]
        {
            ("$from", from.Ms()), ("$to", to.Ms()), ("$now", now.Ms()),
            ("$t1", (long)SlaTargets.For(1).TotalMilliseconds), ("$t2", (long)SlaTargets.For(2).TotalMilliseconds),
            ("$t3", (long)SlaTargets.For(3).TotalMilliseconds), ("$t4", (long)SlaTargets.For(4).TotalMilliseconds),
        };

        var volume = await CountMentionsAsync(connection, from, to, cancellationToken);
        var opened = (int)SqlHelpers.ToLong(await connection.Command(null, $"SELECT COUNT(*) FROM cases WHERE {CaseRange}", range).ExecuteScalarAsync(cancellationToken));

        SlaCounts sla;
        using (var command = connection.Command(null, $"""
            SELECT COALESCE(SUM(replied IS NOT NULL AND replied <= due), 0),
                   COALESCE(SUM((replied IS NOT NULL AND replied > due) OR (replied IS NULL AND $now > due)), 0),
                   COALESCE(SUM(replied IS NULL AND $now <= due), 0)
            FROM (SELECT first_replied_at AS replied,
                         -- The case's own due time (business hours and holidays, set when it opened); fixed
                         -- wall-clock targets only for cases stored without one.
                         COALESCE(sla_due_at, created_at + CASE priority WHEN 1 THEN $t1 WHEN 2 THEN $t2 WHEN 3 THEN $t3 ELSE $t4 END) AS due
                  FROM cases WHERE {CaseRange} AND state <> 'dismissed')
            """, range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            sla = new SlaCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
        }

        var responses = new List<long>();
        using (var command = connection.Command(null, $"""
            SELECT first_replied_at - created_at FROM cases
            WHERE {CaseRange} AND state <> 'dismissed' AND first_replied_at IS NOT NULL ORDER BY 1
            """, range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                responses.Add(reader.GetInt64(0));
            }
        }

        TimeSpan? median = responses.Count == 0
            ? null
            : TimeSpan.FromMilliseconds(responses.Count % 2 == 1
                ? responses[responses.Count / 2]
                : (responses[(responses.Count / 2) - 1] + responses[responses.Count / 2]) / 2.0);

        var origins = new Dictionary<string, OriginCount>(StringComparer.Ordinal);
        using (var command = connection.Command(null, $"""
            SELECT origin, SUM(origin_confirmed), SUM(1 - origin_confirmed) FROM cases
            WHERE {CaseRange} AND state <> 'dismissed' GROUP BY origin
            """, range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                origins[reader.GetString(0)] = new OriginCount(reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        var tags = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var command = connection.Command(null, $"SELECT root_causes FROM cases WHERE {CaseRange} AND state <> 'dismissed' AND root_causes <> ''", range))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                foreach (var tag in reader.GetString(0).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
                {
                    tags[tag] = tags.GetValueOrDefault(tag) + 1;
                }
            }
        }

        // Examples and notable cases come from the widest-reaching complaints posted in the window, picked on a
        // covering index first, so only a few hundred rows are read in full instead of every case of the week.
        var candidates = detail ? await CandidatesAsync(connection, from, to, 300, cancellationToken) : [];
        var causes = new List<RootCauseCount>();
        var rank = 0;
        foreach (var (tag, count) in tags.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (detail && rank++ < 5)
            {
                var example = candidates.FirstOrDefault(c => c.Case.State != "dismissed" && c.RootCauses.Split(',').Contains(tag, StringComparer.Ordinal));
                var (caseId, quote) = example.Case is not null ? (example.Case.CaseId, example.Case.Text) : await ExampleAsync(connection, range, tag, cancellationToken);
                causes.Add(new RootCauseCount(tag, count, quote, caseId));
            }
            else
            {
                causes.Add(new RootCauseCount(tag, count));
            }
        }

        var notable = candidates.Take(5).Select(c => c.Case).ToList();
        var perDay = await PerDayAsync(connection, dayStarts, to, cancellationToken);
        return new DigestWeekData(volume.Volume, volume.Negative, opened, median, sla, origins, causes, notable, perDay);
    }

    public async Task<TermSample> GetNegativeTextsAsync(DateTimeOffset from, DateTimeOffset to, int maxTexts, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var total = (await CountMentionsAsync(connection, from, to, cancellationToken)).Negative;
        // Above maxTexts, every k-th row by id: an even spread over the window, and the rest of the rows are never read.
        var step = Math.Max(1, (total + maxTexts - 1) / Math.Max(1, maxTexts));
        using var command = connection.Command(null, """
            SELECT text, language FROM mentions
            WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL AND negative = 1 AND id % $step = 0
            """, ("$from", from.Ms()), ("$to", to.Ms()), ("$step", step));
        var texts = new List<TermSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts.Add(new TermSource(reader.GetString(0), reader.GetString(1)));
        }

        return new TermSample(texts, total);
    }

    public async Task<HourCounts> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await CountMentionsAsync(connection, from, to, cancellationToken);
    }

    public async Task<IReadOnlyList<TermSource>> GetTextsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "SELECT text, language FROM mentions WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL",
            ("$from", from.Ms()), ("$to", to.Ms()));
        var texts = new List<TermSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts.Add(new TermSource(reader.GetString(0), reader.GetString(1)));
        }

        return texts;
    }

    public async Task<bool> TryClaimAsync(string kind, string key, DateTimeOffset at, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null,
            "INSERT INTO scheduled_runs (kind, key, at, detail) VALUES ($kind, $key, $at, $detail) ON CONFLICT (kind, key) DO NOTHING",
            ("$kind", kind), ("$key", key), ("$at", at.Ms()), ("$detail", detail));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseAsync(string kind, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "DELETE FROM scheduled_runs WHERE kind = $kind AND key = $key", ("$kind", kind), ("$key", key));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<DateTimeOffset?> GetLastAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT MAX(at) FROM scheduled_runs WHERE kind = $kind", ("$kind", kind));
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<DateTimeOffset?> GetInstalledAtAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT MIN(applied_at) FROM schema_version");
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    private static async Task<HourCounts> CountMentionsAsync(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        using var command = connection.Command(null, """
            SELECT COUNT(*), COALESCE(SUM(negative), 0) FROM mentions
            WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL
            """, ("$from", from.Ms()), ("$to", to.Ms()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new HourCounts(reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>The widest-reaching complaint with this tag (fallback when none of the top candidates has it).</summary>
    private static async Task<(long? CaseId, string? Quote)> ExampleAsync(SqliteConnection connection, (string, object?)[] range, string tag, CancellationToken cancellationToken)
    {
        using var command = connection.Command(null, """
            SELECT c.id, m.text FROM cases c JOIN mentions m ON m.id = c.mention_id
            WHERE c.created_at >= $from AND c.created_at < $to AND c.state <> 'dismissed'
              AND instr(',' || c.root_causes || ',', ',' || $tag || ',') > 0
            ORDER BY m.reach DESC, COALESCE(m.author_followers, 0) + 20 * (m.likes + m.reposts + m.replies) DESC, c.id
            LIMIT 1
            """, [.. range, ("$tag", tag)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (null, null);
    }

    /// <summary>Cases of the highest-reach complaints posted in [from, to), widest first, with their root-cause tags.</summary>
    private static async Task<List<(NotableCase Case, string RootCauses)>> CandidatesAsync(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.Command(null, """
            WITH top AS (
                SELECT id, reach, COALESCE(author_followers, 0) + 20 * (likes + reposts + replies) AS weight FROM mentions
                WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL AND negative = 1
                ORDER BY reach DESC, weight DESC, id
                LIMIT $limit)
            SELECT c.id, c.state, c.priority, c.origin, m.network, m.author_handle, m.author_name, COALESCE(m.author_followers, 0),
                   m.likes + m.reposts + m.replies, m.text, m.url, c.root_causes
            FROM top JOIN mentions m ON m.id = top.id JOIN cases c ON c.mention_id = top.id
            ORDER BY top.reach DESC, top.weight DESC, top.id
            """, ("$from", from.Ms()), ("$to", to.Ms()), ("$limit", limit));
        var cases = new List<(NotableCase, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add((new NotableCase(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)), reader.GetString(11)));
        }

        return cases;
    }

    /// <summary>Cases opened per local day: one row, one column per day, bucketed by the days' UTC starts.</summary>
    private static async Task<IReadOnlyList<int>> PerDayAsync(SqliteConnection connection, IReadOnlyList<DateTimeOffset> dayStarts, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var days = dayStarts.Count - 1;
        var sql = new StringBuilder("SELECT ");
        var parameters = new List<(string, object?)> { ("$from", dayStarts[0].Ms()), ("$to", to.Ms()) };
        for (var d = 0; d <= days; d++)
        {
            parameters.Add(($"$d{d}", dayStarts[d].Ms()));
        }

        for (var d = 0; d < days; d++)
        {
            sql.Append(d == 0 ? string.Empty : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"COALESCE(SUM(created_at >= $d{d} AND created_at < $d{d + 1}), 0)");
        }

        sql.Append(" FROM cases WHERE ").Append(CaseRange);
        using var command = connection.Command(null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = new int[days];
        for (var d = 0; d < days; d++)
        {
            counts[d] = reader.GetInt32(d);
        }

        return counts;
    }
}
