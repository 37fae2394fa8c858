using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Storage;

public sealed class SqliteSessionStoreContractTests : SessionStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trachea-sessions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private protected override async Task<(ISessionStore Sessions, IAsyncDisposable Release)> OpenAsync()
    {
        var database = new SqliteDatabase(Path.Combine(_root, StoreTestData.NewId()));
        await new SqliteStoreLifecycle(database, TimeProvider.System).InitializeAsync(None);
        return (new SqliteSessionStore(database), new Release(database));
    }

    private sealed class Release(SqliteDatabase database) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            database.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
