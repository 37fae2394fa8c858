using Trachea.AuthEndpoints.Storage;

namespace Trachea.Tests.Sessions;

/// <summary>Counts the reads of a session's record and of its user that reach the store.</summary>
internal sealed class StoreReads
{
    private int _sessions;
    private int _users;

    public int Sessions => Volatile.Read(ref _sessions);

    public int Users => Volatile.Read(ref _users);

    public void Reset()
    {
        Interlocked.Exchange(ref _sessions, 0);
        Interlocked.Exchange(ref _users, 0);
    }

    public ISessionStore Wrap(ISessionStore inner) => new CountingSessions(inner, this);

    public IUserStore Wrap(IUserStore inner) => CountingFindById.Wrap(inner, () => Interlocked.Increment(ref _users));

    private sealed class CountingSessions(ISessionStore inner, StoreReads reads) : ISessionStore
    {
        public Task InsertAsync(BrowserSession session, CancellationToken cancellationToken) => inner.InsertAsync(session, cancellationToken);

        public Task<BrowserSession?> FindAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref reads._sessions);
            return inner.FindAsync(idHash, now, cancellationToken);
        }

        public Task TouchAsync(string idHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
            inner.TouchAsync(idHash, lastSeenAt, expiresAt, cancellationToken);

        public Task<bool> DeleteAsync(string idHash, CancellationToken cancellationToken) => inner.DeleteAsync(idHash, cancellationToken);

        public Task<long> DeleteForUserAsync(string userId, string? appId, CancellationToken cancellationToken) =>
            inner.DeleteForUserAsync(userId, appId, cancellationToken);
    }
}
