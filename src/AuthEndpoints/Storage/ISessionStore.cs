namespace Trachea.AuthEndpoints.Storage;

/// <summary>Browser sessions, found by the hash of their id; an unreachable database is STORE_UNAVAILABLE.</summary>
internal interface ISessionStore
{
    Task InsertAsync(BrowserSession session, CancellationToken cancellationToken);

    /// <returns>The session, or null when none has this id hash (or it has expired).</returns>
    Task<BrowserSession?> FindAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records that the session was used until <paramref name="lastSeenAt"/>; a no-op for an unknown session.</summary>
    Task TouchAsync(string idHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <returns>False when no session has this id hash.</returns>
    Task<bool> DeleteAsync(string idHash, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user in <paramref name="appId"/> (in every app when null).</summary>
    /// <returns>How many sessions were deleted.</returns>
    Task<long> DeleteForUserAsync(string userId, string? appId, CancellationToken cancellationToken);
}
