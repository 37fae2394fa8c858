namespace Trachea.Tests.Storage;

public sealed class SqliteRevocationStoreContractTests : RevocationStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trachea-revocations-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private protected override Task<StoreUnderTest> OpenStoreAsync() => SqliteStoreContractTests.OpenStoreAsync(Path.Combine(_root, StoreTestData.NewId()));
}
