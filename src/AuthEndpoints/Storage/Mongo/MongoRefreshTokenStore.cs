using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

internal sealed class MongoRefreshTokenStore(MongoStoreContext context) : IRefreshTokenStore
{
    private static readonly FilterDefinitionBuilder<RefreshTokenDocument> Filter = Builders<RefreshTokenDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<RefreshTokenDocument> Update = Builders<RefreshTokenDocument>.Update;
    private static readonly FindOneAndUpdateOptions<RefreshTokenDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };

    public Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var document = RefreshTokenDocument.From(token);
        return MongoFailures.RunAsync(() => context.RefreshTokens.InsertOneAsync(document, cancellationToken: cancellationToken));
    }

    public Task<RefreshTokenRedemption> RotateAsync(
        string tokenHash, string successorHash, DateTimeOffset successorExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = MongoDates.ToBson(now);
        // One find-and-modify decides and marks: of concurrent redemptions only one can match used_at absent.
        var redeemable = Filter.And(
            Filter.Eq(t => t.TokenHash, tokenHash),
            Filter.Eq(t => t.UsedAt, null),
            Filter.Eq(t => t.RevokedAt, null),
            Filter.Gt(t => t.ExpiresAt, at));
        return MongoFailures.RunAsync(async () =>
        {
            var existing = await FindAsync(Filter.Eq(t => t.TokenHash, tokenHash), cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return RefreshTokenRedemption.Invalid;
            }

            // Without a multi-document transaction the successor is written first, so that a concurrent caller that
            // finds the token used also finds its successor.
            var inserted = existing.UsedAt is null && await InsertSuccessorAsync(existing, successorHash, successorExpiresAt, cancellationToken).ConfigureAwait(false);
            var redeemed = await context.RefreshTokens
                .FindOneAndUpdateAsync(redeemable, Update.Set(t => t.UsedAt, at), ReturnAfter, cancellationToken)
                .ConfigureAwait(false);
            if (redeemed is not null)
            {
                return new RefreshTokenRedemption(RedemptionOutcome.Redeemed, redeemed.ToRecord());
            }

            var current = await FindAsync(Filter.Eq(t => t.TokenHash, tokenHash), cancellationToken).ConfigureAwait(false);
            if (current?.UsedAt is null)
            {
                if (inserted)
                {
                    await context.RefreshTokens.DeleteOneAsync(Filter.Eq(t => t.TokenHash, successorHash), cancellationToken).ConfigureAwait(false);
                }

                return RefreshTokenRedemption.Invalid;
            }

            var live = Filter.And(
                Filter.Eq(t => t.TokenHash, successorHash), Filter.Eq(t => t.UsedAt, null), Filter.Eq(t => t.RevokedAt, null), Filter.Gt(t => t.ExpiresAt, at));
            return new RefreshTokenRedemption(
                RedemptionOutcome.Reused, current.ToRecord(), await FindAsync(live, cancellationToken).ConfigureAwait(false) is not null);
        });
    }

    public Task<long> RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RevokeAsync(Filter.Eq(t => t.UserId, userId), now, cancellationToken);

    public Task<long> RevokeForAppAsync(string userId, string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RevokeAsync(Filter.And(Filter.Eq(t => t.UserId, userId), Filter.Eq(t => t.AppId, appId)), now, cancellationToken);

    private Task<long> RevokeAsync(FilterDefinition<RefreshTokenDocument> tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var filter = Filter.And(tokens, Filter.Eq(t => t.RevokedAt, null));
        var update = Update.Set(t => t.RevokedAt, MongoDates.ToBson(now));
        return MongoFailures.RunAsync(async () =>
            (await context.RefreshTokens.UpdateManyAsync(filter, update, cancellationToken: cancellationToken).ConfigureAwait(false)).ModifiedCount);
    }

    private Task<RefreshTokenDocument?> FindAsync(FilterDefinition<RefreshTokenDocument> filter, CancellationToken cancellationToken) =>
        context.RefreshTokens.Find(filter).FirstOrDefaultAsync(cancellationToken)!;

    /// <returns>False when a concurrent rotation of the same token has stored the successor already.</returns>
    private async Task<bool> InsertSuccessorAsync(
        RefreshTokenDocument predecessor, string successorHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var successor = RefreshTokenDocument.From(new RefreshTokenRecord
        {
            TokenHash = successorHash,
            UserId = predecessor.UserId,
            AppId = predecessor.AppId,
            FamilyId = predecessor.FamilyId,
            ExpiresAt = expiresAt,
        });
        try
        {
            await context.RefreshTokens.InsertOneAsync(successor, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MongoWriteException duplicate) when (MongoFailures.IsDuplicateKey(duplicate))
        {
            return false;
        }
    }
}
