using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

internal sealed class MongoRefreshTokenStore(MongoStoreContext context) : IRefreshTokenStore
{
    private static readonly FilterDefinitionBuilder<RefreshTokenDocument> Filter = Builders<RefreshTokenDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<RefreshTokenDocument> Update = Builders<RefreshTokenDocument>.Update;

    public Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var document = RefreshTokenDocument.From(token);
        return MongoFailures.RunAsync(() => context.RefreshTokens.InsertOneAsync(document, cancellationToken: cancellationToken));
    }

    public Task<RefreshTokenRedemption> RedeemAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = MongoDates.ToBson(now);
        // One find-and-modify decides and marks: of concurrent redemptions only one can match used_at absent.
        var redeemable = Filter.And(
            Filter.Eq(t => t.TokenHash, tokenHash),
            Filter.Eq(t => t.UsedAt, null),
            Filter.Eq(t => t.RevokedAt, null),
            Filter.Gt(t => t.ExpiresAt, at));
        var options = new FindOneAndUpdateOptions<RefreshTokenDocument> { ReturnDocument = ReturnDocument.After };
        return MongoFailures.RunAsync(async () =>
        {
            var redeemed = await context.RefreshTokens
                .FindOneAndUpdateAsync(redeemable, Update.Set(t => t.UsedAt, at), options, cancellationToken)
                .ConfigureAwait(false);
            if (redeemed is not null)
            {
                return new RefreshTokenRedemption(RedemptionOutcome.Redeemed, redeemed.ToRecord());
            }

            var existing = await context.RefreshTokens.Find(Filter.Eq(t => t.TokenHash, tokenHash))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return existing?.UsedAt is not null
                ? new RefreshTokenRedemption(RedemptionOutcome.Reused, existing.ToRecord())
                : RefreshTokenRedemption.Invalid;
        });
    }

    public Task<long> RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = Filter.And(Filter.Eq(t => t.UserId, userId), Filter.Eq(t => t.RevokedAt, null));
        var update = Update.Set(t => t.RevokedAt, MongoDates.ToBson(now));
        return MongoFailures.RunAsync(async () =>
            (await context.RefreshTokens.UpdateManyAsync(filter, update, cancellationToken: cancellationToken).ConfigureAwait(false)).ModifiedCount);
    }
}
