using Microsoft.Data.Sqlite;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Storage;

public sealed class SqliteSigningKeyStoreContractTests : SigningKeyStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trachea-signing-keys-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private protected override async Task<OpenedKeys> OpenAsync()
    {
        var dataDir = Path.Combine(_root, StoreTestData.NewId());
        await using (await SqliteStoreContractTests.OpenStoreAsync(dataDir))
        {
        }

        return Open(dataDir);
    }

    // Each handle has a database object of its own, as another process would.
    private static OpenedKeys Open(string dataDir)
    {
        var database = new SqliteDatabase(dataDir);
        return new OpenedKeys(
            new SqliteSigningKeyStore(database),
            async kid =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteDatabase.FileName)};Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT private_key FROM signing_keys WHERE kid = $kid;";
                command.Parameters.AddWithValue("$kid", kid);
                return (string)(await command.ExecuteScalarAsync())!;
            },
            () => Task.FromResult(Open(dataDir)),
            () =>
            {
                database.Dispose();
                return ValueTask.CompletedTask;
            });
    }
}
