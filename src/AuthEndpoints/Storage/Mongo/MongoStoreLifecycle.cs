using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// Creates the indexes idempotently; documents written by earlier releases need no migration (every later
/// field is optional). The revocations TTL follows the access-token lifetime, so a changed lifetime updates it.
/// </summary>
internal sealed class MongoStoreLifecycle(MongoStoreContext context, IOptions<TracheaOptions> options) : IStoreLifecycle
{
    private const int IndexOptionsConflict = 85;

    // Readiness probes run often and must answer quickly even when the server is gone.
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            await context.Users.Indexes.CreateManyAsync(MongoIndexes.Users, cancellationToken).ConfigureAwait(false);
            await context.Apps.Indexes.CreateManyAsync(MongoIndexes.Apps, cancellationToken).ConfigureAwait(false);
            await context.RefreshTokens.Indexes.CreateManyAsync(MongoIndexes.RefreshTokens, cancellationToken).ConfigureAwait(false);
            await CreateRevocationIndexesAsync(cancellationToken).ConfigureAwait(false);
            await context.SigningKeys.Indexes.CreateManyAsync(MongoIndexes.SigningKeys, cancellationToken).ConfigureAwait(false);
            await context.Sessions.Indexes.CreateManyAsync(MongoIndexes.Sessions, cancellationToken).ConfigureAwait(false);
        });

    private async Task CreateRevocationIndexesAsync(CancellationToken cancellationToken)
    {
        var lifetime = TimeSpan.FromMinutes(options.Value.AccessTokenExpireMinutes);
        try
        {
            await context.Revocations.Indexes.CreateManyAsync(MongoIndexes.Revocations(lifetime), cancellationToken).ConfigureAwait(false);
        }
        catch (MongoCommandException conflict) when (conflict.Code == IndexOptionsConflict)
        {
            var retention = (long)MongoIndexes.RevocationRetention(lifetime).TotalSeconds;
            var changeTtl = new BsonDocument
            {
                { "collMod", MongoStoreContext.RevocationsCollection },
                { "index", new BsonDocument { { "name", MongoIndexes.RevocationCreatedAt }, { "expireAfterSeconds", retention } } },
            };
            await context.Database.RunCommandAsync<BsonDocument>(changeTtl, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

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
