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

    private const string InsertSuccessor = """
        INSERT INTO refresh_tokens (token_hash, user_id, app_id, family_id, expires_at)
        VALUES (@successor_hash, @user_id, @app_id, @family_id, @expires_at);
        """;

    private const string SuccessorLive = """
        SELECT COUNT(*) FROM refresh_tokens
        WHERE token_hash = @successor_hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @now;
        """;

    private const string RevokeAll = "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @user_id AND revoked_at IS NULL;";

    private const string RevokeForApp =
        "UPDATE refresh_tokens SET revoked_at = @now WHERE user_id = @user_id AND app_id = @app_id AND revoked_at IS NULL;";

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

    public Task<RefreshTokenRedemption> RotateAsync(
        string tokenHash, string successorHash, DateTimeOffset successorExpiresAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(
            async (connection, transaction) =>
            {
                var redeemed = await ReadOneAsync(
                    connection.Command(Redeem, transaction).With("@token_hash", tokenHash).With("@now", now), cancellationToken).ConfigureAwait(false);
                if (redeemed is not null)
                {
                    await connection.Command(InsertSuccessor, transaction)
                        .With("@successor_hash", successorHash).With("@user_id", redeemed.UserId).With("@app_id", redeemed.AppId)
                        .With("@family_id", redeemed.FamilyId).With("@expires_at", successorExpiresAt)
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new RefreshTokenRedemption(RedemptionOutcome.Redeemed, redeemed);
                }

                var existing = await ReadOneAsync(
                    connection.Command(Find, transaction).With("@token_hash", tokenHash), cancellationToken).ConfigureAwait(false);
                if (existing?.UsedAt is null)
                {
                    return RefreshTokenRedemption.Invalid;
                }

                await using var live = connection.Command(SuccessorLive, transaction).With("@successor_hash", successorHash).With("@now", now);
                return new RefreshTokenRedemption(
                    RedemptionOutcome.Reused, existing, await live.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is > 0L);
            },
            cancellationToken);

    public async Task<long> RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(RevokeAll, c => c.With("@user_id", userId).With("@now", now), cancellationToken).ConfigureAwait(false);

    public async Task<long> RevokeForAppAsync(string userId, string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(RevokeForApp, c => c.With("@user_id", userId).With("@app_id", appId).With("@now", now), cancellationToken).ConfigureAwait(false);

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
