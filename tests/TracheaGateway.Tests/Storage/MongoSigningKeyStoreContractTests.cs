using MongoDB.Bson;
using MongoDB.Driver;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage.Mongo;

namespace Trachea.Tests.Storage;

[SkipUnlessEnvironment(MongoTestEnvironment.UriVariable)]
public sealed class MongoSigningKeyStoreContractTests : SigningKeyStoreContractTests
{
    private protected override async Task<OpenedKeys> OpenAsync()
    {
        var uri = MongoTestEnvironment.Uri ?? throw new InvalidOperationException($"{MongoTestEnvironment.UriVariable} is not set");
        var databaseName = $"trachea_test_{StoreTestData.NewId()}";
        var context = new MongoStoreContext(uri, databaseName);
        await new MongoStoreLifecycle(context, Microsoft.Extensions.Options.Options.Create(new TracheaOptions())).InitializeAsync(None);
        return Open(uri, databaseName, context, owner: true);
    }

    private static OpenedKeys Open(string uri, string databaseName, MongoStoreContext context, bool owner) => new(
        new MongoSigningKeyStore(context),
        async kid =>
        {
            var raw = await context.Database.GetCollection<BsonDocument>(MongoStoreContext.SigningKeysCollection)
                .Find(new BsonDocument("kid", kid)).SingleAsync();
            return raw["private_key"].AsString;
        },
        () => Task.FromResult(Open(uri, databaseName, new MongoStoreContext(uri, databaseName), owner: false)),
        async () =>
        {
            if (owner)
            {
                await context.Database.Client.DropDatabaseAsync(databaseName);
            }

            context.Dispose();
        });
}
