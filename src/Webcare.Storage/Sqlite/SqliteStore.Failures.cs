using System.Text.Json;
using Webcare.Core.Mentions;

namespace Webcare.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private static readonly JsonSerializerOptions MentionJson = new(JsonSerializerDefaults.Web);

    public async Task RecordFailureAsync(Mention mention, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.Command(null, """
            INSERT INTO ingest_failures (source, external_id, mention_json, error, at) VALUES ($s, $e, $json, $error, $now)
            """, ("$s", mention.SourceName), ("$e", mention.ExternalId), ("$json", JsonSerializer.Serialize(mention, MentionJson)),
            ("$error", error), ("$now", now.Ms()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
