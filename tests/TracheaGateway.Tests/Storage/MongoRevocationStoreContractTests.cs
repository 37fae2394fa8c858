namespace Trachea.Tests.Storage;

[SkipUnlessEnvironment(MongoTestEnvironment.UriVariable)]
public sealed class MongoRevocationStoreContractTests : RevocationStoreContractTests
{
    private protected override async Task<StoreUnderTest> OpenStoreAsync() => (await MongoStoreContractTests.OpenAsync()).Store;
}
