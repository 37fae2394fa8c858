using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Startup;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;
using Trachea.Tests.Firebase;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Revocation;

/// <summary>The poller against a real embedded store written by "another process" (a second store object on the same file).</summary>
public sealed class RevocationPollerTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _dataDir = TestDirectories.Create();
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RevocationTable _table = new(Options.Create(new TracheaOptions { AccessTokenExpireMinutes = 15 }));
    private readonly RevocationFeedHealth _health = new();
    private readonly LogCapture _logs = new();
    private readonly SqliteDatabase _database;
    private readonly ILoggerFactory _loggers;

    public RevocationPollerTests()
    {
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _database = new SqliteDatabase(_dataDir);
        new SqliteStoreLifecycle(_database, TimeProvider.System).InitializeAsync(None).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _database.Dispose();
        _loggers.Dispose();
        SqliteCleanup.ReleaseAndDelete(_dataDir);
    }

    [Fact]
    public async Task Poll_EntryWrittenElsewhere_IsAppliedAndOnlyNewEntriesAreReadNext()
    {
        var user = User("alice");
        await new SqliteUserStore(_database).InsertAsync(user, None);
        var poller = Poller(new SqliteRevocationStore(_database));
        await poller.PollOnceAsync(None);
        Assert.False(_table.IsRevoked(user.Id, "demo", 0, null));

        using var elsewhere = new SqliteDatabase(_dataDir);
        var written = await new SqliteRevocationStore(elsewhere).RevokeMembershipsAsync(user.Id, null, _time.GetUtcNow(), None);
        await poller.PollOnceAsync(None);

        Assert.True(_table.IsRevoked(user.Id, "demo", 0, null));
        Assert.False(_table.IsRevoked(user.Id, "demo", 1, null));
        Assert.Equal(written[^1].Seq, poller.LastSeq);
        Assert.True(_health.IsHealthy);
    }

    [Fact]
    public async Task FirstPoll_LoadsOnlyEntriesYoungerThanTheRetention()
    {
        var store = new SqliteRevocationStore(_database);
        await store.RevokeSessionAsync(NewId(), "demo", "too-old", _time.GetUtcNow() - _table.Retention - TimeSpan.FromSeconds(1), None);
        await store.RevokeSessionAsync(NewId(), "demo", "young", _time.GetUtcNow().AddMinutes(-10), None);

        await Poller(store).PollOnceAsync(None);

        Assert.True(_table.IsRevoked("any", "demo", 0, "young"));
        Assert.False(_table.IsRevoked("any", "demo", 0, "too-old"));
    }

    [Fact]
    public async Task Poll_ThreeFailuresInARow_Unhealthy_LoggedOnce_ThenRecovers()
    {
        var store = new FlakyRevocationStore(new SqliteRevocationStore(_database));
        var poller = Poller(store);
        await poller.PollOnceAsync(None);

        store.Failing = true;
        await poller.PollOnceAsync(None);
        await poller.PollOnceAsync(None);
        Assert.True(_health.IsHealthy);
        await poller.PollOnceAsync(None);
        await poller.PollOnceAsync(None);
        Assert.False(_health.IsHealthy);
        Assert.Single(_logs.Entries, e => e.EventId == 2103);

        store.Failing = false;
        await poller.PollOnceAsync(None);
        Assert.True(_health.IsHealthy);
        Assert.Single(_logs.Entries, e => e.EventId == 2104);
    }

    [Fact]
    public void Advance_GapYoungerThanTimeout_StopsBeforeIt_OlderGapIsSkipped()
    {
        var now = _time.GetUtcNow();
        RevocationEntry Entry(long seq, TimeSpan age) => new(seq, "u", "demo", 1, null, now - age);

        Assert.Equal(6, RevocationPoller.Advance(5, [Entry(6, TimeSpan.Zero), Entry(8, TimeSpan.Zero)], now, initial: false));
        Assert.Equal(8, RevocationPoller.Advance(5, [Entry(6, TimeSpan.Zero), Entry(8, TimeSpan.FromSeconds(11))], now, initial: false));
        Assert.Equal(42, RevocationPoller.Advance(0, [Entry(40, TimeSpan.Zero), Entry(41, TimeSpan.Zero), Entry(42, TimeSpan.Zero)], now, initial: true));
        Assert.Equal(5, RevocationPoller.Advance(5, [], now, initial: false));
    }

    private RevocationPoller Poller(IRevocationStore store)
    {
        var readiness = new StoreReadiness();
        readiness.MarkInitialized();
        return new RevocationPoller(
            store, _table, _health, readiness, Options.Create(new TracheaOptions()), _time, _loggers.CreateLogger<RevocationPoller>());
    }

    private sealed class FlakyRevocationStore(IRevocationStore inner) : IRevocationStore
    {
        public bool Failing { get; set; }

        public Task<IReadOnlyList<RevocationEntry>> RevokeMembershipsAsync(string userId, string? appId, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.RevokeMembershipsAsync(userId, appId, now, cancellationToken);

        public Task<RevocationEntry> RevokeSessionAsync(string userId, string appId, string sid, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.RevokeSessionAsync(userId, appId, sid, now, cancellationToken);

        public Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterSeq, DateTimeOffset createdFrom, int limit, CancellationToken cancellationToken) =>
            Failing ? throw new TracheaException(ErrorCodes.StoreUnavailable, "planted outage") : inner.ReadAsync(afterSeq, createdFrom, limit, cancellationToken);

        public Task<long> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => inner.DeleteBeforeAsync(cutoff, cancellationToken);
    }
}
