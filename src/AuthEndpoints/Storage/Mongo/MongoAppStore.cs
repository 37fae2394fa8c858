using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

internal sealed class MongoAppStore(MongoStoreContext context) : IAppStore
{
    private static readonly FilterDefinitionBuilder<AppDocument> Filter = Builders<AppDocument>.Filter;

    public Task<AppRegistration?> FindAsync(string appId, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var document = await context.Apps.Find(Filter.Eq(a => a.AppId, appId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document?.ToRegistration();
        });

    public Task<IReadOnlyList<AppRegistration>> ListAsync(CancellationToken cancellationToken) =>
        MongoFailures.RunAsync<IReadOnlyList<AppRegistration>>(async () =>
        {
            var documents = await context.Apps.Find(Filter.Empty).SortBy(a => a.AppId).ToListAsync(cancellationToken).ConfigureAwait(false);
            return documents.Select(d => d.ToRegistration()).ToList();
        });

    public Task<bool> InsertAsync(AppRegistration app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        var document = AppDocument.From(app);
        return MongoFailures.RunAsync(async () =>
        {
            try
            {
                await context.Apps.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (MongoWriteException exception) when (MongoFailures.IsDuplicateKey(exception))
            {
                return false;
            }
        });
    }

    public Task<bool> SetActiveAsync(string appId, bool isActive, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var result = await context.Apps
                .UpdateOneAsync(Filter.Eq(a => a.AppId, appId), Builders<AppDocument>.Update.Set(a => a.IsActive, isActive), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return result.MatchedCount > 0;
        });

    public Task<bool> SetSelfServicePlansAsync(string appId, IReadOnlyList<string> plans, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var result = await context.Apps
                .UpdateOneAsync(Filter.Eq(a => a.AppId, appId), Builders<AppDocument>.Update.Set(a => a.SelfServicePlans, [.. plans]), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return result.MatchedCount > 0;
        });
}
