using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Webcare.Storage.Sqlite;

internal static class SqlHelpers
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static long Ms(this DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset Time(this SqliteDataReader reader, string column) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal(column)));

    public static DateTimeOffset? TimeOrNull(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
    }

    public static string? StringOrNull(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static string String(this SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static long Long(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));

    public static int? IntOrNull(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
    }

    public static long ToLong(object? scalar) => Convert.ToInt64(scalar, CultureInfo.InvariantCulture);

    /// <summary>SQLite's error for a UNIQUE or PRIMARY KEY violation.</summary>
    public static bool IsUniqueViolation(this SqliteException ex) => ex.SqliteErrorCode == 19 && ex.SqliteExtendedErrorCode is 2067 or 1555;
}
