using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

internal sealed class SqliteStoreLifecycle(SqliteDatabase database, TimeProvider timeProvider) : IStoreLifecycle
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(database.DataDirectory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TracheaException(ErrorCodes.StoreUnavailable, "The embedded store's data directory cannot be created.", inner: exception);
        }

        await database.ExecuteAsync(SqliteSchema.EnableWal, c => c, cancellationToken).ConfigureAwait(false);

        await database.RunInTransactionAsync(
            async (connection, transaction) =>
            {
                await SqliteSchemaMigration.MigrateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                await connection.Command(SqliteSchema.DeleteExpiredSessions, transaction)
                    .With("@now", timeProvider.GetUtcNow())
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return await connection.Command(SqliteSchema.DeleteExpiredTokens, transaction)
                    .With("@now", timeProvider.GetUtcNow())
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.ReadAsync(
                async connection =>
                {
                    await using var ping = connection.Command("SELECT 1;");
                    return await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TracheaException)
        {
            return false;
        }
    }
}
