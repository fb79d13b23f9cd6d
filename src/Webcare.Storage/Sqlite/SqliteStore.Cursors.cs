namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public async Task<string?> GetCursorAsync(string sourceName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, "SELECT cursor FROM source_cursors WHERE source = $s", ("$s", sourceName));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveCursorAsync(string sourceName, string? cursor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, """
            INSERT INTO source_cursors (source, cursor, updated_at) VALUES ($s, $c, $now)
            ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """, ("$s", sourceName), ("$c", cursor), ("$now", now.Ms()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
