using System.Linq.Expressions;
using System.Text.RegularExpressions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>Users as one document each: a user and its memberships are always written together, atomically.</summary>
internal sealed class MongoUserStore(MongoStoreContext context) : IUserStore
{
    private static readonly FilterDefinitionBuilder<UserDocument> Filter = Builders<UserDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<UserDocument> Update = Builders<UserDocument>.Update;
    private static readonly FindOneAndUpdateOptions<UserDocument> ReturnAfter = new() { ReturnDocument = ReturnDocument.After };

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        MongoIds.TryParse(id, out var objectId) ? FindAsync(Filter.Eq(u => u.Id, objectId), cancellationToken) : Task.FromResult<User?>(null);

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindAsync(Filter.Eq(u => u.Username, username), cancellationToken);

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync(Filter.Eq(u => u.Email, email), cancellationToken);

    public Task<User?> FindByFirebaseUidAsync(string firebaseUid, CancellationToken cancellationToken) =>
        FindAsync(Filter.Eq(u => u.FirebaseUid, firebaseUid), cancellationToken);

    public Task<IReadOnlyList<User>> ListMembersAsync(string appId, string? prefix, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var filters = new List<FilterDefinition<UserDocument>>
        {
            Filter.Eq(UserDocument.AppsField + "." + AppMembershipDocument.AppIdField, appId),
        };
        if (afterId is not null)
        {
            filters.Add(Filter.Gt(u => u.Id, MongoIds.Parse(afterId)));
        }

        if (prefix is not null)
        {
            var start = new BsonRegularExpression("^" + Regex.Escape(prefix), "i");
            filters.Add(Filter.Or(Filter.Regex(u => u.Username, start), Filter.Regex(u => u.Email, start), Filter.Regex(u => u.Name, start)));
        }

        return MongoFailures.RunAsync<IReadOnlyList<User>>(async () =>
        {
            var documents = await context.Users.Find(Filter.And(filters)).SortBy(u => u.Id).Limit(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
            return documents.Select(d => d.ToUser()).ToList();
        });
    }

    public Task InsertAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var document = UserDocument.From(user);
        return MongoFailures.RunAsync(() => context.Users.InsertOneAsync(document, cancellationToken: cancellationToken));
    }

    public Task<User?> UpdateProfileAsync(string id, ProfileChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var updates = new List<UpdateDefinition<UserDocument>> { Update.Set(u => u.UpdatedAt, MongoDates.ToBson(now)) };
        AddIfSet(updates, u => u.Name, changes.Name);
        AddIfSet(updates, u => u.Avatar, changes.Avatar);
        AddIfSet(updates, u => u.Phone, changes.Phone);
        AddIfSet(updates, u => u.DateOfBirth, changes.DateOfBirth);
        AddIfSet(updates, u => u.Address, AddressDocument.From(changes.Address));
        AddIfSet(updates, u => u.Email, changes.Email);
        return UpdateAsync(id, Filter.Empty, Update.Combine(updates), cancellationToken);
    }

    public Task<User?> AddMembershipAsync(string id, AppMembership membership, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var notYetMember = Filter.Not(Filter.ElemMatch(u => u.Apps, a => a.AppId == membership.AppId));
        var push = Update.Push(u => u.Apps, AppMembershipDocument.From(membership)).Set(u => u.UpdatedAt, MongoDates.ToBson(now));
        return AddOrFindAsync();

        // Nothing matched: either no such user, or the user is already a member and stays as is.
        async Task<User?> AddOrFindAsync() =>
            await UpdateAsync(id, notYetMember, push, cancellationToken).ConfigureAwait(false)
            ?? await FindByIdAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public Task<User?> UpdateMembershipAsync(
        string id, string appId, string? role, string? plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updates = new List<UpdateDefinition<UserDocument>> { Update.Set(u => u.UpdatedAt, MongoDates.ToBson(now)) };
        // "apps.$" is the element the filter's apps.app_id matched.
        const string Matched = UserDocument.AppsField + ".$.";
        if (role is not null)
        {
            updates.Add(Update.Set(Matched + AppMembershipDocument.RoleField, role));
        }

        if (plan is not null)
        {
            updates.Add(Update.Set(Matched + AppMembershipDocument.PlanField, plan));
        }

        var member = Filter.Eq(UserDocument.AppsField + "." + AppMembershipDocument.AppIdField, appId);
        return UpdateAsync(id, member, Update.Combine(updates), cancellationToken);
    }

    public Task<User?> SetBlockedAsync(string id, string appId, DateTimeOffset? blockedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Field = UserDocument.AppsField + ".$." + AppMembershipDocument.BlockedAtField;
        var change = blockedAt is { } at ? Update.Set(Field, MongoDates.ToBson(at)) : Update.Unset(Field);
        var member = Filter.Eq(UserDocument.AppsField + "." + AppMembershipDocument.AppIdField, appId);
        return UpdateAsync(id, member, Update.Combine(change, Update.Set(u => u.UpdatedAt, MongoDates.ToBson(now))), cancellationToken);
    }

    public Task<bool> SetPasswordHashAsync(string id, string passwordHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateOneAsync(id, Update.Set(u => u.PasswordHash, passwordHash).Set(u => u.UpdatedAt, MongoDates.ToBson(now)), cancellationToken);

    public Task<bool> DeactivateAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateOneAsync(id, Update.Set(u => u.IsActive, false).Set(u => u.UpdatedAt, MongoDates.ToBson(now)), cancellationToken);

    private Task<bool> UpdateOneAsync(string id, UpdateDefinition<UserDocument> update, CancellationToken cancellationToken)
    {
        if (!MongoIds.TryParse(id, out var objectId))
        {
            return Task.FromResult(false);
        }

        return MongoFailures.RunAsync(async () =>
            (await context.Users.UpdateOneAsync(Filter.Eq(u => u.Id, objectId), update, cancellationToken: cancellationToken)
                .ConfigureAwait(false)).MatchedCount > 0);
    }

    private Task<User?> FindAsync(FilterDefinition<UserDocument> filter, CancellationToken cancellationToken) =>
        MongoFailures.RunAsync(async () =>
        {
            var document = await context.Users.Find(filter).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return document?.ToUser();
        });

    /// <summary>One atomic find-and-modify of the user with this id that also matches <paramref name="condition"/>.</summary>
    private Task<User?> UpdateAsync(
        string id, FilterDefinition<UserDocument> condition, UpdateDefinition<UserDocument> update, CancellationToken cancellationToken)
    {
        if (!MongoIds.TryParse(id, out var objectId))
        {
            return Task.FromResult<User?>(null);
        }

        var filter = Filter.And(Filter.Eq(u => u.Id, objectId), condition);
        return MongoFailures.RunAsync(async () =>
        {
            var document = await context.Users.FindOneAndUpdateAsync(filter, update, ReturnAfter, cancellationToken).ConfigureAwait(false);
            return document?.ToUser();
        });
    }

    private static void AddIfSet<T>(List<UpdateDefinition<UserDocument>> updates, Expression<Func<UserDocument, T?>> field, T? value)
        where T : class
    {
        if (value is not null)
        {
            updates.Add(Update.Set(field, value));
        }
    }
}
