using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Mongo;

namespace Trachea.Tests.Storage;

[SkipUnlessEnvironment(MongoTestEnvironment.UriVariable)]
public sealed class MongoSessionStoreContractTests : SessionStoreContractTests
{
    private protected override async Task<(ISessionStore Sessions, IAsyncDisposable Release)> OpenAsync()
    {
        var (store, context) = await MongoStoreContractTests.OpenAsync();
        return (new MongoSessionStore(context), store);
    }
}
