using Webcare.Core.Reports;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<SummaryData> GetSummaryAsync(DateTimeOffset from, DateTimeOffset to, string? brand, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var range = new (string, object?)[] { ("$from", from.Ms()), ("$to", to.Ms()), ("$brand", brand) };

        using var volume = connection.Command(null, """
            SELECT COUNT(*), COALESCE(SUM(negative), 0) FROM mentions
            WHERE posted_at >= $from AND posted_at < $to AND ($brand IS NULL OR brand = $brand COLLATE NOCASE) AND duplicate_of IS NULL
            """, range);
        int mentions, negative;
        await using (var reader = await volume.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            mentions = reader.GetInt32(0);
            negative = reader.GetInt32(1);
        }

        const string InRange = "mention_posted_at >= $from AND mention_posted_at < $to AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)";
        var opened = (int)SqlHelpers.ToLong(await connection.Command(null, $"SELECT COUNT(*) FROM cases WHERE {InRange}", range).ExecuteScalarAsync(cancellationToken));

        var open = new Dictionary<string, int>();
        using (var byState = connection.Command(null, """
            SELECT state, COUNT(*) FROM cases WHERE state IN ('new','claimed','replied') AND ($brand IS NULL OR brand = $brand COLLATE NOCASE)
            GROUP BY state ORDER BY CASE state WHEN 'new' THEN 0 WHEN 'claimed' THEN 1 ELSE 2 END
            """, range))
        await using (var reader = await byState.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                open[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var origins = new Dictionary<string, OriginCount>();
        using (var byOrigin = connection.Command(null, $"""
            SELECT origin, SUM(origin_confirmed), SUM(1 - origin_confirmed) FROM cases
            WHERE {InRange} AND state <> 'dismissed' GROUP BY origin
            """, range))
        await using (var reader = await byOrigin.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                origins[reader.GetString(0)] = new OriginCount(reader.GetInt32(1), reader.GetInt32(2));
            }
        }

        var causes = new Dictionary<string, int>();
        using (var byCause = connection.Command(null, $"SELECT root_causes FROM cases WHERE {InRange} AND root_causes <> '' AND state <> 'dismissed'", range))
        await using (var reader = await byCause.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                foreach (var tag in reader.GetString(0).Split(','))
                {
                    causes[tag] = causes.GetValueOrDefault(tag) + 1;
                }
            }
        }

        var top = causes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5).Select(kv => (kv.Key, kv.Value)).ToList();
        return new SummaryData(mentions, negative, opened, open, origins, top);
    }
}
