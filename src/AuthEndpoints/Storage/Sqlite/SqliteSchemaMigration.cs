using Microsoft.Data.Sqlite;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// Brings a data directory's file to <see cref="SqliteSchema.Version"/> inside the caller's transaction: on any
/// failure the transaction rolls back, so the file stays exactly as the earlier release left it.
/// </summary>
internal static class SqliteSchemaMigration
{
    public static async Task MigrateAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var current = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > SqliteSchema.Version)
        {
            throw new TracheaException(
                ErrorCodes.StoreUnavailable,
                $"The embedded store's file has schema version {current}, written by a newer release; this release reads versions up to {SqliteSchema.Version}. Nothing was changed.");
        }

        try
        {
            if (current == 0)
            {
                await connection.Command(SqliteSchema.CreateVersion1, transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                current = 1;
            }

            for (var version = current; version < SqliteSchema.Version; version++)
            {
                foreach (var statement in SqliteSchema.Migrations[version - 1])
                {
                    await connection.Command(statement, transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (SqliteException failure)
        {
            // SQLite's message names the schema object at fault, never a value.
            throw new TracheaException(
                ErrorCodes.StoreUnavailable,
                $"Upgrading the embedded store from schema version {current} to {SqliteSchema.Version} failed ({failure.Message}); nothing was changed.",
                inner: failure);
        }

        // PRAGMA takes no parameters; the value is our own integer.
        await connection.Command($"PRAGMA user_version = {SqliteSchema.Version};", transaction).ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("PRAGMA user_version;", transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
