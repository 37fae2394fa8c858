using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>Browser sessions in MongoDB; the unique index on <c>id_hash</c> keeps ids unique.</summary>
internal sealed class MongoSessionStore(MongoStoreContext context) : ISessionStore
{
    private static readonly FilterDefinitionBuilder<SessionDocument> Filter = Builders<SessionDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<SessionDocument> Update = Builders<SessionDocument>.Update;

    public Task InsertAsync(BrowserSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var document = SessionDocument.From(session);
        return MongoFailures.RunAsync(() => context.Sessions.InsertOneAsync(document, cancellationToken: cancellationToken));
    }

    // The TTL monitor runs about once a minute, so an expired document may still be there.
    public Task<BrowserSession?> FindAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var filter = Filter.And(Filter.Eq(s => s.IdHash, idHash), Filter.Gt(s => s.ExpiresAt, MongoDates.ToBson(now)));
            var document = await context.Sessions.Find(filter).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document?.ToSession();
        });

    public Task TouchAsync(string idHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var update = Update.Max(s => s.LastSeenAt, MongoDates.ToBson(lastSeenAt)).Set(s => s.ExpiresAt, MongoDates.ToBson(expiresAt));
        return MongoFailures.RunAsync(() => context.Sessions.UpdateOneAsync(Filter.Eq(s => s.IdHash, idHash), update, cancellationToken: cancellationToken));
    }

    public Task<bool> DeleteAsync(string idHash, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
            (await context.Sessions.DeleteOneAsync(Filter.Eq(s => s.IdHash, idHash), cancellationToken).ConfigureAwait(false)).DeletedCount > 0);

    public Task<long> DeleteForUserAsync(string userId, string? appId, CancellationToken cancellationToken)
    {
        var filter = appId is null
            ? Filter.Eq(s => s.UserId, userId)
            : Filter.And(Filter.Eq(s => s.UserId, userId), Filter.Eq(s => s.AppId, appId));
        return MongoFailures.RunAsync(async () =>
            (await context.Sessions.DeleteManyAsync(filter, cancellationToken).ConfigureAwait(false)).DeletedCount);
    }
}
