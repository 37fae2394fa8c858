using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string InsertUser = """
        INSERT INTO users (id, firebase_uid, email, username, password_hash, name, avatar, provider,
                           phone, date_of_birth, address, is_active, created_at, updated_at)
        VALUES (@id, @firebase_uid, @email, @username, @password_hash, @name, @avatar, @provider,
                @phone, @date_of_birth, @address, @is_active, @created_at, @updated_at);
        """;

    // INSERT ... SELECT only when the user exists, so a missing user is told apart from an existing membership.
    private const string InsertMembership = """
        INSERT INTO user_apps (user_id, app_id, role, plan, joined_at, version, blocked_at)
        SELECT @user_id, @app_id, @role, @plan, @joined_at, @version, @blocked_at WHERE EXISTS (SELECT 1 FROM users WHERE id = @user_id)
        ON CONFLICT (user_id, app_id) DO NOTHING;
        """;

    private const string UpdateProfile = """
        UPDATE users SET name = COALESCE(@name, name), avatar = COALESCE(@avatar, avatar),
            phone = COALESCE(@phone, phone), date_of_birth = COALESCE(@date_of_birth, date_of_birth),
            address = COALESCE(@address, address), email = COALESCE(@email, email), updated_at = @now
        WHERE id = @id;
        """;

    private const string UpdateMembership = """
        UPDATE user_apps SET role = COALESCE(@role, role), plan = COALESCE(@plan, plan)
        WHERE user_id = @id AND app_id = @app_id;
        """;

    private const string SetBlocked = "UPDATE user_apps SET blocked_at = @blocked_at WHERE user_id = @id AND app_id = @app_id;";

    private const string Touch = "UPDATE users SET updated_at = @now WHERE id = @id;";

    private const string SetPasswordHash = "UPDATE users SET password_hash = @password_hash, updated_at = @now WHERE id = @id;";

    private const string Deactivate = "UPDATE users SET is_active = 0, updated_at = @now WHERE id = @id;";

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        FindAsync(UserKey.Id, id, cancellationToken);

    public Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        FindAsync(UserKey.Username, username, cancellationToken);

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindAsync(UserKey.Email, email, cancellationToken);

    public Task<User?> FindByFirebaseUidAsync(string firebaseUid, CancellationToken cancellationToken) =>
        FindAsync(UserKey.FirebaseUid, firebaseUid, cancellationToken);

    public Task<IReadOnlyList<User>> ListMembersAsync(string appId, string? prefix, string? afterId, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection => SqliteUserReader.ListMembersAsync(connection, appId, prefix, afterId, limit, cancellationToken),
            cancellationToken);

    public Task InsertAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return database.RunInTransactionAsync(
            async (connection, transaction) =>
            {
                await connection.Command(InsertUser, transaction)
                    .With("@id", user.Id).With("@firebase_uid", user.FirebaseUid).With("@email", user.Email)
                    .With("@username", user.Username).With("@password_hash", user.PasswordHash).With("@name", user.Name)
                    .With("@avatar", user.Avatar).With("@provider", user.Provider).With("@phone", user.Phone)
                    .With("@date_of_birth", user.DateOfBirth).With("@address", SqliteJson.FromAddress(user.Address))
                    .With("@is_active", user.IsActive).With("@created_at", user.CreatedAt).With("@updated_at", user.UpdatedAt)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                foreach (var membership in user.Apps)
                {
                    await InsertMembershipAsync(connection, transaction, user.Id, membership, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken);
    }

    public Task<User?> UpdateProfileAsync(string id, ProfileChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return UpdateThenReadAsync(
            id,
            (connection, transaction) => connection.Command(UpdateProfile, transaction)
                .With("@id", id).With("@name", changes.Name).With("@avatar", changes.Avatar).With("@phone", changes.Phone)
                .With("@date_of_birth", changes.DateOfBirth).With("@address", SqliteJson.FromAddress(changes.Address))
                .With("@email", changes.Email).With("@now", now)
                .ExecuteAsync(cancellationToken),
            cancellationToken);
    }

    public Task<User?> AddMembershipAsync(string id, AppMembership membership, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membership);
        return database.RunInTransactionAsync(
            async (connection, transaction) =>
            {
                if (await InsertMembershipAsync(connection, transaction, id, membership, cancellationToken).ConfigureAwait(false) > 0)
                {
                    await TouchAsync(connection, transaction, id, now, cancellationToken).ConfigureAwait(false);
                }

                return await SqliteUserReader.FindAsync(connection, transaction, UserKey.Id, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<User?> UpdateMembershipAsync(
        string id, string appId, string? role, string? plan, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateThenReadAsync(
            id,
            async (connection, transaction) =>
            {
                var changed = await connection.Command(UpdateMembership, transaction)
                    .With("@id", id).With("@app_id", appId).With("@role", role).With("@plan", plan)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return changed == 0 ? 0 : await TouchAsync(connection, transaction, id, now, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<User?> SetBlockedAsync(string id, string appId, DateTimeOffset? blockedAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateThenReadAsync(
            id,
            async (connection, transaction) =>
            {
                var changed = await connection.Command(SetBlocked, transaction)
                    .With("@id", id).With("@app_id", appId).With("@blocked_at", blockedAt)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return changed == 0 ? 0 : await TouchAsync(connection, transaction, id, now, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public async Task<bool> DeactivateAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Deactivate, c => c.With("@id", id).With("@now", now), cancellationToken).ConfigureAwait(false) > 0;

    public async Task<bool> SetPasswordHashAsync(string id, string passwordHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            SetPasswordHash, c => c.With("@id", id).With("@password_hash", passwordHash).With("@now", now), cancellationToken).ConfigureAwait(false) > 0;

    private Task<User?> FindAsync(UserKey key, string value, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection => SqliteUserReader.FindAsync(connection, null, key, value, cancellationToken),
            cancellationToken);

    /// <summary>In one transaction: runs <paramref name="update"/>, then reads the user back unless it changed no row.</summary>
    private Task<User?> UpdateThenReadAsync(
        string id, Func<SqliteConnection, SqliteTransaction, Task<int>> update, CancellationToken cancellationToken) =>
        database.RunInTransactionAsync(
            async (connection, transaction) => await update(connection, transaction).ConfigureAwait(false) == 0
                ? null
                : await SqliteUserReader.FindAsync(connection, transaction, UserKey.Id, id, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    private static Task<int> InsertMembershipAsync(
        SqliteConnection connection, SqliteTransaction transaction, string userId, AppMembership membership, CancellationToken cancellationToken) =>
        connection.Command(InsertMembership, transaction)
            .With("@user_id", userId).With("@app_id", membership.AppId).With("@role", membership.Role)
            .With("@plan", membership.Plan).With("@joined_at", membership.JoinedAt).With("@version", membership.Version).With("@blocked_at", membership.BlockedAt)
            .ExecuteAsync(cancellationToken);

    private static Task<int> TouchAsync(
        SqliteConnection connection, SqliteTransaction transaction, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.Command(Touch, transaction).With("@id", id).With("@now", now).ExecuteAsync(cancellationToken);
}
