using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// The assertion key ring in MongoDB. The first key is inserted under the fixed <c>_id</c>
/// <see cref="SigningKeyDocument.InitialId"/>, so of two instances racing on an empty collection one insert fails
/// on the duplicate key and that instance uses the other's key.
/// </summary>
internal sealed class MongoSigningKeyStore(MongoStoreContext context) : ISigningKeyStore
{
    private static readonly FilterDefinitionBuilder<SigningKeyDocument> Filter = Builders<SigningKeyDocument>.Filter;

    public Task<IReadOnlyList<SigningKeyRecord>> ListAsync(CancellationToken cancellationToken) =>
        MongoFailures.RunAsync<IReadOnlyList<SigningKeyRecord>>(async () =>
        {
            var documents = await context.SigningKeys.Find(Filter.Empty).SortBy(k => k.CreatedAt).ThenBy(k => k.Kid)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return documents.Select(d => d.ToRecord()).ToList();
        });

    public Task<bool> InsertInitialAsync(SigningKeyRecord key, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
            await context.SigningKeys.Find(Filter.Empty).Limit(1).AnyAsync(cancellationToken).ConfigureAwait(false) is false
            && await TryInsertAsync(SigningKeyDocument.From(key, SigningKeyDocument.InitialId), cancellationToken).ConfigureAwait(false));

    public Task<bool> InsertAsync(SigningKeyRecord key, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(() => TryInsertAsync(SigningKeyDocument.From(key, key.Kid), cancellationToken));

    public Task<bool> RetireAsync(string kid, DateTimeOffset retiredAt, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var filter = Filter.Eq(k => k.Kid, kid) & Filter.Eq(k => k.RetiredAt, null);
            var update = Builders<SigningKeyDocument>.Update.Set(k => k.RetiredAt, MongoDates.ToBson(retiredAt));
            var result = await context.SigningKeys.UpdateOneAsync(filter, update, cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.ModifiedCount > 0;
        });

    private async Task<bool> TryInsertAsync(SigningKeyDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await context.SigningKeys.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException duplicate) when (MongoFailures.IsDuplicateKey(duplicate))
        {
            return false;
        }
    }
}
