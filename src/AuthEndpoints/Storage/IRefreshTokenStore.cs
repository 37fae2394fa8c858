namespace Trachea.AuthEndpoints.Storage;

/// <summary>Refresh tokens, stored by hash. Redemption is atomic in the database itself.</summary>
internal interface IRefreshTokenStore
{
    Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used if it is unused, unrevoked and unexpired, and stores its successor (same user, app
    /// and family, <paramref name="successorHash"/>), in one atomic operation: of any number of concurrent calls
    /// with one hash, at most one gets <see cref="RedemptionOutcome.Redeemed"/>. A token already used gets
    /// <see cref="RedemptionOutcome.Reused"/>, which says whether that successor is still unused and unrevoked.
    /// </summary>
    Task<RefreshTokenRedemption> RotateAsync(
        string tokenHash, string successorHash, DateTimeOffset successorExpiresAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <returns>How many tokens were revoked.</returns>
    Task<long> RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes the user's refresh tokens for one app only.</summary>
    /// <returns>How many tokens were revoked.</returns>
    Task<long> RevokeForAppAsync(string userId, string appId, DateTimeOffset now, CancellationToken cancellationToken);
}
