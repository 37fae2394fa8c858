using MongoDB.Bson;
using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

internal sealed class MongoStoreLifecycle(MongoStoreContext context) : IStoreLifecycle
{
    // Readiness probes run often and must answer quickly even when the server is gone.
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            await context.Users.Indexes.CreateManyAsync(MongoIndexes.Users, cancellationToken).ConfigureAwait(false);
            await context.Apps.Indexes.CreateManyAsync(MongoIndexes.Apps, cancellationToken).ConfigureAwait(false);
            await context.RefreshTokens.Indexes.CreateManyAsync(MongoIndexes.RefreshTokens, cancellationToken).ConfigureAwait(false);
        });

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await context.Database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1), cancellationToken: timeout.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is MongoException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
