using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// The revocation feed in MongoDB. A version is raised in the user document first, then its entries are
/// appended with numbers from the <c>counters</c> collection; two writers may make their entries visible out of
/// <c>seq</c> order, which the poller allows for (RevocationPoller).
/// </summary>
internal sealed class MongoRevocationStore(MongoStoreContext context) : IRevocationStore
{
    private static readonly FilterDefinitionBuilder<RevocationDocument> Filter = Builders<RevocationDocument>.Filter;
    private static readonly FilterDefinitionBuilder<UserDocument> UserFilter = Builders<UserDocument>.Filter;
    private static readonly FindOneAndUpdateOptions<UserDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };
    private static readonly FindOneAndUpdateOptions<CounterDocument> Reserve = new() { ReturnDocument = ReturnDocument.After, IsUpsert = true };

    public Task<IReadOnlyList<RevocationEntry>> RevokeMembershipsAsync(string userId, string? appId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!MongoIds.TryParse(userId, out var objectId))
        {
            return Task.FromResult<IReadOnlyList<RevocationEntry>>([]);
        }

        const string Version = "." + AppMembershipDocument.VersionField;
        var filter = UserFilter.Eq(u => u.Id, objectId);
        UpdateDefinition<UserDocument> raise;
        if (appId is null)
        {
            raise = Builders<UserDocument>.Update.Inc(UserDocument.AppsField + ".$[]" + Version, 1);
        }
        else
        {
            filter &= UserFilter.Eq(UserDocument.AppsField + "." + AppMembershipDocument.AppIdField, appId);
            raise = Builders<UserDocument>.Update.Inc(UserDocument.AppsField + ".$" + Version, 1);
        }

        return MongoFailures.RunAsync<IReadOnlyList<RevocationEntry>>(async () =>
        {
            var user = await context.Users.FindOneAndUpdateAsync(filter, raise, ReturnAfter, cancellationToken).ConfigureAwait(false);
            var raised = user?.Apps.Where(a => appId is null || a.AppId == appId).ToList() ?? [];
            if (raised.Count == 0)
            {
                return [];
            }

            var last = await ReserveAsync(raised.Count, cancellationToken).ConfigureAwait(false);
            var documents = raised.Select((membership, index) => new RevocationDocument
            {
                Id = MongoDB.Bson.ObjectId.GenerateNewId(),
                Seq = last - raised.Count + 1 + index,
                UserId = userId,
                AppId = membership.AppId,
                MinVersion = membership.Version,
                CreatedAt = MongoDates.ToBson(now),
            }).ToList();
            await context.Revocations.InsertManyAsync(documents, cancellationToken: cancellationToken).ConfigureAwait(false);
            return documents.Select(d => d.ToRevocation()).ToList();
        });
    }

    public Task<RevocationEntry> RevokeSessionAsync(string userId, string appId, string sid, DateTimeOffset now, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var document = new RevocationDocument
            {
                Id = MongoDB.Bson.ObjectId.GenerateNewId(),
                Seq = await ReserveAsync(1, cancellationToken).ConfigureAwait(false),
                UserId = userId,
                AppId = appId,
                Sid = sid,
                CreatedAt = MongoDates.ToBson(now),
            };
            await context.Revocations.InsertOneAsync(document, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.ToRevocation();
        });

    public Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterSeq, DateTimeOffset createdFrom, int limit, CancellationToken cancellationToken)
    {
        var filter = Filter.Gt(r => r.Seq, afterSeq) & Filter.Gte(r => r.CreatedAt, MongoDates.ToBson(createdFrom));
        return MongoFailures.RunAsync<IReadOnlyList<RevocationEntry>>(async () =>
        {
            var documents = await context.Revocations.Find(filter).SortBy(r => r.Seq).Limit(limit)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            return documents.Select(d => d.ToRevocation()).ToList();
        });
    }

    public Task<long> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
            (await context.Revocations.DeleteManyAsync(Filter.Lt(r => r.CreatedAt, MongoDates.ToBson(cutoff)), cancellationToken)
                .ConfigureAwait(false)).DeletedCount);

    /// <returns>The last of <paramref name="count"/> consecutive new sequence numbers.</returns>
    private async Task<long> ReserveAsync(int count, CancellationToken cancellationToken)
    {
        var counter = await context.Counters.FindOneAndUpdateAsync(
            Builders<CounterDocument>.Filter.Eq(c => c.Id, CounterDocument.RevocationsId),
            Builders<CounterDocument>.Update.Inc(c => c.Value, count),
            Reserve,
            cancellationToken).ConfigureAwait(false);
        return counter.Value;
    }
}
