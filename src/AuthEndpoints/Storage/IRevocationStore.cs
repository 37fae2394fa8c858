namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// Membership versions and the revocation feed every gateway instance polls. Appending bumps the version in
/// the same write where the store allows it, so a token issued after a revocation always carries the new one.
/// </summary>
internal interface IRevocationStore
{
    /// <summary>
    /// Raises the version of the user's membership of <paramref name="appId"/> (of every membership when null)
    /// and appends one entry per raised membership.
    /// </summary>
    /// <returns>The appended entries; empty when the user or the membership does not exist.</returns>
    Task<IReadOnlyList<RevocationEntry>> RevokeMembershipsAsync(string userId, string? appId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Appends an entry that ends one session (a refresh-token family) only.</summary>
    Task<RevocationEntry> RevokeSessionAsync(string userId, string appId, string sid, DateTimeOffset now, CancellationToken cancellationToken);

    /// <returns>Up to <paramref name="limit"/> entries with a seq above <paramref name="afterSeq"/> created at or after <paramref name="createdFrom"/>, in seq order.</returns>
    Task<IReadOnlyList<RevocationEntry>> ReadAsync(long afterSeq, DateTimeOffset createdFrom, int limit, CancellationToken cancellationToken);

    /// <returns>How many entries created before <paramref name="cutoff"/> were deleted.</returns>
    Task<long> DeleteBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
