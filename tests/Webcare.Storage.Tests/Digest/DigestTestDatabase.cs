using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Webcare.Storage.Sqlite;

namespace Webcare.Storage.Tests;

/// <summary>A clock that says what the test tells it to.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A migrated SQLite file in the temp folder, deleted afterwards, with helpers to write rows directly.</summary>
public sealed class DigestTestDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webcare-tests-" + Guid.NewGuid().ToString("N"));
    private long _external;
    private SqliteConnection? _batch;
    private SqliteTransaction? _transaction;

    private DigestTestDatabase(DateTimeOffset now)
    {
        Directory.CreateDirectory(_folder);
        Clock = new FixedClock(now);
        Database = new SqliteDatabase(Path.Combine(_folder, "webcare.db"), Clock, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteStore(Database, Clock);
    }

    public FixedClock Clock { get; }

    public SqliteDatabase Database { get; }

    public SqliteStore Store { get; }

    public static async Task<DigestTestDatabase> CreateAsync(DateTimeOffset now)
    {
        var db = new DigestTestDatabase(now);
        await db.Database.MigrateAsync(CancellationToken.None);
        return db;
    }

    /// <summary>Until <see cref="CommitBatchAsync"/>, rows are written on one connection in one transaction (seeding thousands stays fast).</summary>
    public async Task BeginBatchAsync()
    {
        _batch = await Database.OpenAsync(CancellationToken.None);
        _transaction = _batch.BeginTransaction();
    }

    public async Task CommitBatchAsync()
    {
        await _transaction!.CommitAsync();
        await _transaction.DisposeAsync();
        await _batch!.DisposeAsync();
        (_batch, _transaction) = (null, null);
    }

    private async Task<(SqliteCommand Command, SqliteConnection? Owned)> WriteCommandAsync()
    {
        if (_batch is not null)
        {
            var batched = _batch.CreateCommand();
            batched.Transaction = _transaction;
            return (batched, null);
        }

        var connection = await Database.OpenAsync(CancellationToken.None);
        return (connection.CreateCommand(), connection);
    }

    public async Task<long> AddMentionAsync(DateTimeOffset postedAt, string text, bool negative, string language = "nl", long? duplicateOf = null,
        int reach = 0, int followers = 100, int likes = 0, string handle = "klant")
    {
        var (command, owned) = await WriteCommandAsync();
        await using var connection = owned;
        using var disposeCommand = command;
        command.CommandText = """
            INSERT INTO mentions (source, external_id, network, brand, author_handle, author_followers, text, posted_at, received_at, likes,
                content_hash, duplicate_of, language, negative, score, probability, intent, priority, reach, triage_json)
            VALUES ('test', $ext, 'x', 'Telvio', $handle, $followers, $text, $posted, $posted, $likes, $ext, $dup, $lang, $neg, 0, 0.5, 'complaint', 3, $reach, '{}')
            RETURNING id
            """;
        command.Parameters.AddWithValue("$ext", (++_external).ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$handle", handle);
        command.Parameters.AddWithValue("$followers", followers);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$posted", postedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$likes", likes);
        command.Parameters.AddWithValue("$dup", (object?)duplicateOf ?? DBNull.Value);
        command.Parameters.AddWithValue("$lang", language);
        command.Parameters.AddWithValue("$neg", negative ? 1 : 0);
        command.Parameters.AddWithValue("$reach", reach);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<long> AddCaseAsync(long mentionId, DateTimeOffset createdAt, int priority, string state, string origin, bool originConfirmed,
        string rootCauses, DateTimeOffset? firstRepliedAt)
    {
        var (command, owned) = await WriteCommandAsync();
        await using var connection = owned;
        using var disposeCommand = command;
        command.CommandText = """
            INSERT INTO cases (mention_id, brand, state, priority, origin, origin_confirmed, root_causes, suggested_reply, created_at, updated_at,
                first_replied_at, mention_posted_at)
            VALUES ($mention, 'Telvio', $state, $priority, $origin, $confirmed, $causes, '', $created, $created, $replied,
                (SELECT posted_at FROM mentions WHERE id = $mention))
            RETURNING id
            """;
        command.Parameters.AddWithValue("$mention", mentionId);
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$priority", priority);
        command.Parameters.AddWithValue("$origin", origin);
        command.Parameters.AddWithValue("$confirmed", originConfirmed ? 1 : 0);
        command.Parameters.AddWithValue("$causes", rootCauses);
        command.Parameters.AddWithValue("$created", createdAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$replied", (object?)firstRepliedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<List<object[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<object[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
