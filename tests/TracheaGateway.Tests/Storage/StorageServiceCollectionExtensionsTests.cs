using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Mongo;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Storage;

public sealed class StorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("trachea-di-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task AddTracheaStore_NoMongoUri_RegistersSqliteStoresOnOneDatabase()
    {
        await using var services = new ServiceCollection().AddSingleton(Options.Create(new TracheaOptions { DataDir = _dataDir })).AddTracheaStore().BuildServiceProvider();

        Assert.IsType<SqliteUserStore>(services.GetRequiredService<IUserStore>());
        Assert.IsType<SqliteAppStore>(services.GetRequiredService<IAppStore>());
        Assert.IsType<SqliteRefreshTokenStore>(services.GetRequiredService<IRefreshTokenStore>());
        var lifecycle = Assert.IsType<SqliteStoreLifecycle>(services.GetRequiredService<IStoreLifecycle>());
        Assert.Same(services.GetRequiredService<IUserStore>(), services.GetRequiredService<IUserStore>());
        Assert.Equal(Path.GetFullPath(_dataDir), services.GetRequiredService<SqliteDatabase>().DataDirectory);

        await lifecycle.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_dataDir, SqliteDatabase.FileName)));
    }

    [Fact]
    public async Task AddTracheaStore_MongoUri_RegistersMongoStores()
    {
        // Building the client connects to nothing yet; the address is loopback all the same.
        var options = new TracheaOptions { MongoUri = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200", DataDir = _dataDir };
        await using var services = new ServiceCollection().AddSingleton(Options.Create(options)).AddTracheaStore().BuildServiceProvider();

        Assert.IsType<MongoUserStore>(services.GetRequiredService<IUserStore>());
        Assert.IsType<MongoAppStore>(services.GetRequiredService<IAppStore>());
        Assert.IsType<MongoRefreshTokenStore>(services.GetRequiredService<IRefreshTokenStore>());
        Assert.IsType<MongoStoreLifecycle>(services.GetRequiredService<IStoreLifecycle>());
        Assert.Equal("trachea", services.GetRequiredService<MongoStoreContext>().Database.DatabaseNamespace.DatabaseName);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDir));
    }
}
