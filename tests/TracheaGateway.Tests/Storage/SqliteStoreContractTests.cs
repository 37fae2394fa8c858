using Microsoft.Data.Sqlite;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

public sealed class SqliteStoreContractTests : StoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("trachea-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private protected override Task<StoreUnderTest> OpenStoreAsync() => OpenStoreAsync(Path.Combine(_root, NewId()));

    [Fact]
    public async Task Reopen_SameDataDir_KeepsUsersAppsAndTokens()
    {
        var dataDir = Path.Combine(_root, "data");
        var user = User("alice", "alice@example.test");
        var token = Token(user.Id);
        await using (var store = await OpenStoreAsync(dataDir))
        {
            await store.Users.InsertAsync(user, None);
            await store.Apps.InsertAsync(App("demo"), None);
            await store.Tokens.InsertAsync(token, None);
        }

        await using var reopened = await OpenStoreAsync(dataDir);

        AssertSameUser(user, await reopened.Users.FindByEmailAsync("alice@example.test", None));
        Assert.NotNull(await reopened.Apps.FindAsync("demo", None));
        Assert.Equal(RedemptionOutcome.Redeemed, (await reopened.Tokens.RedeemAsync(token.TokenHash, Now, None)).Outcome);
    }

    [Fact]
    public async Task Initialize_NewDataDir_CreatesWalDatabaseFile()
    {
        var dataDir = Path.Combine(_root, "nested", "data");

        await using var store = await OpenStoreAsync(dataDir);

        Assert.True(File.Exists(Path.Combine(dataDir, SqliteDatabase.FileName)));
        Assert.Equal("wal", await ScalarAsync(dataDir, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Connections_WaitForTheWriteLock_SyncAtCheckpoints_AndKeepASmallPageCache()
    {
        var dataDir = Directory.CreateDirectory(Path.Combine(_root, "pragmas")).FullName;
        using var database = new SqliteDatabase(dataDir);

        // Twice: the second read gets the pooled connection, set up once.
        for (var read = 0; read < 2; read++)
        {
            var pragmas = await database.ReadAsync(
                async connection => (await ScalarAsync(connection, "PRAGMA busy_timeout;"), await ScalarAsync(connection, "PRAGMA synchronous;"), await ScalarAsync(connection, "PRAGMA cache_size;")),
                None);

            Assert.Equal((5000L, 1L, -512L), pragmas);
        }
    }

    [Fact]
    public async Task Initialize_ExpiredTokensInFile_DeletesThem()
    {
        var dataDir = Path.Combine(_root, "data");
        await using (var store = await OpenStoreAsync(dataDir))
        {
            await store.Tokens.InsertAsync(Token(NewId(), expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)), None);
            await store.Tokens.InsertAsync(Token(NewId()), None);
        }

        await using var reopened = await OpenStoreAsync(dataDir);

        Assert.Equal(1L, await ScalarAsync(dataDir, "SELECT COUNT(*) FROM refresh_tokens;"));
    }

    [Fact]
    public async Task InsertUser_UsernameDifferingOnlyInCase_ThrowsUsernameTaken()
    {
        await using var store = await OpenStoreAsync();
        await store.Users.InsertAsync(User("alice"), None);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => store.Users.InsertAsync(User("ALICE"), None));

        Assert.Equal(ErrorCodes.UsernameTaken, failure.Error);
    }

    [Fact]
    public async Task Initialize_DataDirIsAFile_ThrowsStoreUnavailableWithoutThePath()
    {
        var blocker = Path.Combine(_root, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "x");
        using var database = new SqliteDatabase(blocker);
        var lifecycle = new SqliteStoreLifecycle(database, TimeProvider.System);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => lifecycle.InitializeAsync(None));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
        Assert.DoesNotContain(_root, failure.Message, StringComparison.Ordinal);
        Assert.False(await lifecycle.PingAsync(None));
        Assert.Equal(ErrorCodes.StoreUnavailable, (await Assert.ThrowsAsync<TracheaException>(
            () => new SqliteUserStore(database).FindByIdAsync(NewId(), None))).Error);
    }

    internal static async Task<StoreUnderTest> OpenStoreAsync(string dataDir)
    {
        var database = new SqliteDatabase(dataDir);
        var lifecycle = new SqliteStoreLifecycle(database, TimeProvider.System);
        await lifecycle.InitializeAsync(None);
        return new StoreUnderTest(
            new SqliteUserStore(database),
            new SqliteAppStore(database),
            new SqliteRefreshTokenStore(database),
            new SqliteRevocationStore(database),
            lifecycle,
            () =>
            {
                database.Dispose();
                return ValueTask.CompletedTask;
            });
    }

    private static async Task<object?> ScalarAsync(string dataDir, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, SqliteDatabase.FileName)};Pooling=False");
        await connection.OpenAsync();
        return await ScalarAsync(connection, sql);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
