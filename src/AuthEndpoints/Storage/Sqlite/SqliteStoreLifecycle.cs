using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

internal sealed class SqliteStoreLifecycle(SqliteDatabase database, TimeProvider timeProvider) : IStoreLifecycle
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(database.Directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new TracheaException(ErrorCodes.StoreUnavailable, "The embedded store's data directory cannot be created.", inner: exception);
        }

        await database.RunAsync(
            async connection =>
            {
                await using (var wal = connection.Command(SqliteSchema.EnableWal))
                {
                    await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);

        await database.RunInTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var create = connection.Command(SqliteSchema.CreateTables, transaction))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using var purge = connection.Command(SqliteSchema.DeleteExpiredTokens, transaction)
                    .With("@now", timeProvider.GetUtcNow());
                return await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await database.RunAsync(
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
