using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

internal sealed class SqliteRefreshTokenStore(SqliteDatabase database) : IRefreshTokenStore
{
    private const string Columns = "token_hash, user_id, app_id, family_id, expires_at, used_at, revoked_at";

    private const string Insert = $"""
        INSERT INTO refresh_tokens ({Columns})
        VALUES (@token_hash, @user_id, @app_id, @family_id, @expires_at, @used_at, @revoked_at);
        """;

    // One statement decides and marks: of concurrent redemptions only one can match used_at IS NULL.
    private const string Redeem = $"""
        UPDATE refresh_tokens SET used_at = @now
        WHERE token_hash = @token_hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now
        RETURNING {Columns};
        """;

    private const string Find = $"SELECT {Columns} FROM refresh_tokens WHERE token_hash = @token_hash;";

    private const string RevokeAll = "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @user_id AND revoked_at IS NULL;";

    public Task InsertAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.ExecuteAsync(
            Insert,
            c => c.With("@token_hash", token.TokenHash).With("@user_id", token.UserId).With("@app_id", token.AppId)
                .With("@family_id", token.FamilyId).With("@expires_at", token.ExpiresAt)
                .With("@used_at", token.UsedAt).With("@revoked_at", token.RevokedAt),
            cancellationToken);
    }

    public Task<RefreshTokenRedemption> RedeemAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection =>
            {
                var redeemed = await ReadOneAsync(
                    connection.Command(Redeem).With("@token_hash", tokenHash).With("@now", now), cancellationToken).ConfigureAwait(false);
                if (redeemed is not null)
                {
                    return new RefreshTokenRedemption(RedemptionOutcome.Redeemed, redeemed);
                }

                var existing = await ReadOneAsync(
                    connection.Command(Find).With("@token_hash", tokenHash), cancellationToken).ConfigureAwait(false);
                return existing?.UsedAt is not null
                    ? new RefreshTokenRedemption(RedemptionOutcome.Reused, existing)
                    : RefreshTokenRedemption.Invalid;
            },
            cancellationToken);

    public async Task<long> RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(RevokeAll, c => c.With("@user_id", userId).With("@now", now), cancellationToken).ConfigureAwait(false);

    private static async Task<RefreshTokenRecord?> ReadOneAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new RefreshTokenRecord
            {
                TokenHash = reader.GetString(0),
                UserId = reader.GetString(1),
                AppId = reader.GetString(2),
                FamilyId = reader.GetString(3),
                ExpiresAt = reader.GetDate(4),
                UsedAt = reader.GetNullableDate(5),
                RevokedAt = reader.GetNullableDate(6),
            };
        }
    }
}
