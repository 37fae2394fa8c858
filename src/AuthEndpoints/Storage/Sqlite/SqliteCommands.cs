using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>Parameterised commands and typed column reads, so no value is ever spliced into SQL text.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static SqliteCommand With(this SqliteCommand command, string name, DateTimeOffset value) =>
        command.With(name, ToMilliseconds(value));

    public static SqliteCommand With(this SqliteCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value is { } date ? ToMilliseconds(date) : null);

    /// <summary>Executes the command and disposes it.</summary>
    /// <returns>The number of rows changed.</returns>
    public static async Task<int> ExecuteAsync(this SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset GetDate(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableDate(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDate(ordinal);

    // Whole milliseconds since the epoch compare exactly in SQL and match BSON dates' precision.
    private static long ToMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();
}
