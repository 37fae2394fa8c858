using Microsoft.Data.Sqlite;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Storage;

/// <summary>A data directory written by the release with schema version 1 (checked in as SQL) opens with this one.</summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    private const string AliceId = "65a1b2c3d4e5f60718293a4b";
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dataDir = Directory.CreateTempSubdirectory("trachea-migration-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public async Task Initialize_Version1DataDir_MigratesInPlaceAndKeepsEverything()
    {
        await WriteVersion1FileAsync();

        await using var store = await SqliteStoreContractTests.OpenStoreAsync(_dataDir);

        var alice = await store.Users.FindByUsernameAsync("alice", None);
        Assert.NotNull(alice);
        Assert.Equal((AliceId, "alice@example.test", "Alice", "Springfield"), (alice.Id, alice.Email, alice.Name, alice.Address!.City));
        Assert.Equal(
            [("demo", Roles.Admin, Plans.Pro, 0), ("shop", Roles.Member, Plans.Free, 0)],
            alice.Apps.Select(a => (a.AppId, a.Role, a.Plan, a.Version)));
        Assert.All(alice.Apps, a => Assert.Null(a.BlockedAt));
        var demo = await store.Apps.FindAsync("demo", None);
        Assert.Equal("Demo", demo!.Name);
        Assert.Equal([Plans.Free], demo.SelfServicePlans);
        Assert.Equal(
            RedemptionOutcome.Redeemed,
            (await store.Tokens.RedeemAsync("5d41402abc4b2a76b9719d911017c592ae4d5f2c7fbc2e1b5a2f1d0e4b5c6d7e", DateTimeOffset.UtcNow, None)).Outcome);
        Assert.Equal((long)SqliteSchema.Version, await ScalarAsync("PRAGMA user_version;"));
        using (var keys = new SqliteDatabase(_dataDir))
        {
            Assert.Empty(await new SqliteSigningKeyStore(keys).ListAsync(None));
        }

        var revoked = Assert.Single(await store.Revocations.RevokeMembershipsAsync(AliceId, "demo", DateTimeOffset.UtcNow, None));
        Assert.Equal(1, revoked.MinVersion);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM sessions;"));
    }

    [Fact]
    public async Task Initialize_Version2DataDir_AddsSelfServicePlansAndKeepsTheApps()
    {
        await WriteVersion1FileAsync();
        foreach (var statement in SqliteSchema.Migrations[0])
        {
            await ExecuteAsync(statement);
        }

        await ExecuteAsync("PRAGMA user_version = 2;");
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM pragma_table_info('apps') WHERE name = 'self_service_plans';"));

        await using var store = await SqliteStoreContractTests.OpenStoreAsync(_dataDir);

        Assert.Equal((long)SqliteSchema.Version, await ScalarAsync("PRAGMA user_version;"));
        Assert.All(await store.Apps.ListAsync(None), app => Assert.Equal([Plans.Free], app.SelfServicePlans));
        Assert.NotEmpty(await store.Apps.ListAsync(None));
    }

    [Fact]
    public async Task Initialize_FileFromANewerRelease_RefusesAndChangesNothing()
    {
        await WriteVersion1FileAsync();
        await ExecuteAsync("PRAGMA user_version = 9;");
        using var database = new SqliteDatabase(_dataDir);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => new SqliteStoreLifecycle(database, TimeProvider.System).InitializeAsync(None));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
        Assert.Contains("schema version 9", failure.Message, StringComparison.Ordinal);
        Assert.Equal(9L, await ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM pragma_table_info('user_apps') WHERE name = 'version';"));
    }

    [Fact]
    public async Task Initialize_MigrationFails_RollsBackToTheVersion1File()
    {
        await WriteVersion1FileAsync();
        // A table in the way makes the migration's second statement fail after its first has run.
        await ExecuteAsync("CREATE TABLE revocations (x TEXT);");
        using var database = new SqliteDatabase(_dataDir);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => new SqliteStoreLifecycle(database, TimeProvider.System).InitializeAsync(None));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
        Assert.Contains($"from schema version 1 to {SqliteSchema.Version} failed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM pragma_table_info('user_apps') WHERE name = 'version';"));
        Assert.Equal(2L, await ScalarAsync("SELECT COUNT(*) FROM user_apps;"));
    }

    private async Task WriteVersion1FileAsync() =>
        await ExecuteAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "trachea-schema-v1.sql")));

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private SqliteConnection Open() => new($"Data Source={Path.Combine(_dataDir, SqliteDatabase.FileName)};Pooling=False");
}
