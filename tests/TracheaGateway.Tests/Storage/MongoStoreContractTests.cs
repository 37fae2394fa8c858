using MongoDB.Bson;
using MongoDB.Driver;
using Trachea.AuthEndpoints.Storage.Mongo;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

[SkipUnlessEnvironment(MongoTestEnvironment.UriVariable)]
public sealed class MongoStoreContractTests : StoreContractTests
{
    private protected override async Task<StoreUnderTest> OpenStoreAsync() => (await OpenAsync()).Store;

    [MongoFact]
    public async Task Initialize_FreshDatabase_CreatesTheDesignedIndexes()
    {
        var opened = await OpenAsync();
        await using var store = opened.Store;
        var context = opened.Context;

        var users = await IndexesAsync(context.Database, MongoStoreContext.UsersCollection);
        var apps = await IndexesAsync(context.Database, MongoStoreContext.AppsCollection);
        var tokens = await IndexesAsync(context.Database, MongoStoreContext.RefreshTokensCollection);

        Assert.True(users[MongoIndexes.Email]["unique"].AsBoolean);
        Assert.True(users[MongoIndexes.Email]["sparse"].AsBoolean);
        Assert.True(users[MongoIndexes.Username]["sparse"].AsBoolean);
        Assert.True(users[MongoIndexes.FirebaseUid]["sparse"].AsBoolean);
        Assert.Contains(MongoIndexes.UserApps, users.Keys);
        Assert.True(apps[MongoIndexes.AppId]["unique"].AsBoolean);
        Assert.True(tokens[MongoIndexes.TokenHash]["unique"].AsBoolean);
        Assert.Equal(0, tokens[MongoIndexes.ExpiresAt]["expireAfterSeconds"].ToInt32());
    }

    [MongoFact]
    public async Task InsertUser_WithoutOptionalFields_StoresThemAbsentNotNull()
    {
        var opened = await OpenAsync();
        await using var store = opened.Store;
        var context = opened.Context;
        var user = User();

        await store.Users.InsertAsync(user, None);

        var raw = await context.Database.GetCollection<BsonDocument>(MongoStoreContext.UsersCollection)
            .Find(new BsonDocument("_id", ObjectId.Parse(user.Id))).SingleAsync();
        foreach (var optional in new[] { "email", "username", "firebase_uid", "password_hash", "name", "address" })
        {
            Assert.False(raw.Contains(optional), optional);
        }
    }

    /// <summary>A store on a database of its own, dropped when the store is disposed.</summary>
    internal static async Task<(StoreUnderTest Store, MongoStoreContext Context)> OpenAsync()
    {
        var uri = MongoTestEnvironment.Uri ?? throw new InvalidOperationException($"{MongoTestEnvironment.UriVariable} is not set");
        var databaseName = $"trachea_test_{NewId()}";
        var opened = new MongoStoreContext(uri, databaseName);
        var lifecycle = new MongoStoreLifecycle(opened, Microsoft.Extensions.Options.Options.Create(new Trachea.AuthEndpoints.Configuration.TracheaOptions()));
        await lifecycle.InitializeAsync(None);
        var store = new StoreUnderTest(
            new MongoUserStore(opened),
            new MongoAppStore(opened),
            new MongoRefreshTokenStore(opened),
            new MongoRevocationStore(opened),
            lifecycle,
            async () =>
            {
                await opened.Database.Client.DropDatabaseAsync(databaseName);
                opened.Dispose();
            });
        return (store, opened);
    }

    private static async Task<Dictionary<string, BsonDocument>> IndexesAsync(IMongoDatabase database, string collection)
    {
        var indexes = await (await database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
        return indexes.ToDictionary(index => index["name"].AsString);
    }
}
