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
            SELECT COALESCE(SUM(replied IS NOT NULL AND replied - created_at <= target), 0),
                   COALESCE(SUM((replied IS NOT NULL AND replied - created_at > target) OR (replied IS NULL AND $now - created_at > target)), 0),
                   COALESCE(SUM(replied IS NULL AND $now - created_at <= target), 0)
            FROM (SELECT created_at, first_replied_at AS replied,
                         CASE priority WHEN 1 THEN $t1 WHEN 2 THEN $t2 WHEN 3 THEN $t3 ELSE $t4 END AS target
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

        var causes = new List<RootCauseCount>();
        var rank = 0;
        foreach (var (tag, count) in tags.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (detail && rank++ < 5)
            {
                var (caseId, quote) = await ExampleAsync(connection, range, tag, cancellationToken);
                causes.Add(new RootCauseCount(tag, count, quote, caseId));
            }
            else
            {
                causes.Add(new RootCauseCount(tag, count));
            }
        }

        var notable = detail ? await NotableAsync(connection, range, cancellationToken) : [];
        var perDay = await PerDayAsync(connection, dayStarts, to, cancellationToken);
        return new DigestWeekData(volume.Volume, volume.Negative, opened, median, sla, origins, causes, notable, perDay);
    }

    public async Task<IReadOnlyList<TermSource>> GetNegativeTextsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await TextsAsync(from, to, negativeOnly: true, cancellationToken);

    public async Task<HourCounts> CountAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await CountMentionsAsync(connection, from, to, cancellationToken);
    }

    public async Task<IReadOnlyList<TermSource>> GetTextsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await TextsAsync(from, to, negativeOnly: false, cancellationToken);

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

    private async Task<IReadOnlyList<TermSource>> TextsAsync(DateTimeOffset from, DateTimeOffset to, bool negativeOnly, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, $"""
            SELECT text, language FROM mentions
            WHERE posted_at >= $from AND posted_at < $to AND duplicate_of IS NULL{(negativeOnly ? " AND negative = 1" : string.Empty)}
            """, ("$from", from.Ms()), ("$to", to.Ms()));
        var texts = new List<TermSource>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            texts.Add(new TermSource(reader.GetString(0), reader.GetString(1)));
        }

        return texts;
    }

    /// <summary>The widest-reaching complaint with this tag: the quote a manager is most likely to have heard about.</summary>
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

    private static async Task<IReadOnlyList<NotableCase>> NotableAsync(SqliteConnection connection, (string, object?)[] range, CancellationToken cancellationToken)
    {
        using var command = connection.Command(null, """
            SELECT c.id, c.state, c.priority, c.origin, m.network, m.author_handle, m.author_name, COALESCE(m.author_followers, 0),
                   m.likes + m.reposts + m.replies, m.text, m.url
            FROM cases c JOIN mentions m ON m.id = c.mention_id
            WHERE c.created_at >= $from AND c.created_at < $to
            ORDER BY m.reach DESC, COALESCE(m.author_followers, 0) + 20 * (m.likes + m.reposts + m.replies) DESC, c.id
            LIMIT 5
            """, range);
        var cases = new List<NotableCase>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cases.Add(new NotableCase(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7), reader.GetInt32(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
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
