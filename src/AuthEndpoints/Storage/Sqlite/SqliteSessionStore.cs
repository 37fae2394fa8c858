using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>Browser sessions in the embedded file; the primary key on <c>id_hash</c> keeps ids unique.</summary>
internal sealed class SqliteSessionStore(SqliteDatabase database) : ISessionStore
{
    private const string Columns = "id_hash, user_id, app_id, sid, created_at, last_seen_at, expires_at";

    private const string Insert = $"""
        INSERT INTO sessions ({Columns})
        VALUES (@id_hash, @user_id, @app_id, @sid, @created_at, @last_seen_at, @expires_at);
        """;

    private const string Find = $"SELECT {Columns} FROM sessions WHERE id_hash = @id_hash AND expires_at > @now;";

    private const string Touch = """
        UPDATE sessions SET last_seen_at = MAX(last_seen_at, @last_seen_at), expires_at = @expires_at
        WHERE id_hash = @id_hash;
        """;

    private const string Delete = "DELETE FROM sessions WHERE id_hash = @id_hash;";

    private const string DeleteForUser = "DELETE FROM sessions WHERE user_id = @user_id AND (@app_id IS NULL OR app_id = @app_id);";

    public Task InsertAsync(BrowserSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return database.ExecuteAsync(
            Insert,
            c => c.With("@id_hash", session.IdHash).With("@user_id", session.UserId).With("@app_id", session.AppId)
                .With("@sid", session.Sid).With("@created_at", session.CreatedAt).With("@last_seen_at", session.LastSeenAt)
                .With("@expires_at", session.ExpiresAt),
            cancellationToken);
    }

    public Task<BrowserSession?> FindAsync(string idHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                await using var command = connection.Command(Find).With("@id_hash", idHash).With("@now", now);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
            },
            cancellationToken);

    public Task TouchAsync(string idHash, DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            Touch, c => c.With("@id_hash", idHash).With("@last_seen_at", lastSeenAt).With("@expires_at", expiresAt), cancellationToken);

    public async Task<bool> DeleteAsync(string idHash, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Delete, c => c.With("@id_hash", idHash), cancellationToken).ConfigureAwait(false) > 0;

    public async Task<long> DeleteForUserAsync(string userId, string? appId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(DeleteForUser, c => c.With("@user_id", userId).With("@app_id", appId), cancellationToken).ConfigureAwait(false);

    private static BrowserSession Read(SqliteDataReader reader) => new()
    {
        IdHash = reader.GetString(0),
        UserId = reader.GetString(1),
        AppId = reader.GetString(2),
        Sid = reader.GetString(3),
        CreatedAt = reader.GetDate(4),
        LastSeenAt = reader.GetDate(5),
        ExpiresAt = reader.GetDate(6),
    };
}
