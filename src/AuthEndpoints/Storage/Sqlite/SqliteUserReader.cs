using Microsoft.Data.Sqlite;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>Reads users with their memberships in a single statement, so the two are one consistent snapshot.</summary>
internal static class SqliteUserReader
{
    private const string Select = """
        SELECT u.id, u.firebase_uid, u.email, u.username, u.password_hash, u.name, u.avatar, u.provider,
               u.phone, u.date_of_birth, u.address, u.is_active, u.created_at, u.updated_at,
               a.app_id, a.role, a.plan, a.joined_at, a.version, a.blocked_at
        FROM users u LEFT JOIN user_apps a ON a.user_id = u.id
        """;

    private const string OrderByJoin = " ORDER BY a.rowid;";

    // LIKE ignores ASCII case; the pattern's own wildcards are escaped by the caller.
    private const string MembersWhere = """
         WHERE u.id IN (
            SELECT m.user_id FROM user_apps m JOIN users x ON x.id = m.user_id
            WHERE m.app_id = @app_id AND (@after IS NULL OR m.user_id > @after)
              AND (@pattern IS NULL OR x.username LIKE @pattern ESCAPE '\' OR x.email LIKE @pattern ESCAPE '\' OR x.name LIKE @pattern ESCAPE '\')
            ORDER BY m.user_id LIMIT @limit)
        ORDER BY u.id, a.rowid;
        """;

    public static async Task<User?> FindAsync(
        SqliteConnection connection, SqliteTransaction? transaction, UserKey key, string value, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(Select + WhereClause(key) + OrderByJoin, transaction).With("@value", value);
        return (await ReadUsersAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public static async Task<IReadOnlyList<User>> ListMembersAsync(
        SqliteConnection connection, string appId, string? prefix, string? afterId, int limit, CancellationToken cancellationToken)
    {
        var pattern = prefix is null ? null : EscapeLike(prefix) + "%";
        await using var command = connection.Command(Select + MembersWhere)
            .With("@app_id", appId).With("@after", afterId).With("@pattern", pattern).With("@limit", limit);
        return await ReadUsersAsync(command, cancellationToken).ConfigureAwait(false);
    }

    // Rows come grouped by user: one per membership (or one with no membership).
    private static async Task<List<User>> ReadUsersAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<User>();
        List<AppMembership> apps = [];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (users.Count == 0 || users[^1].Id != reader.GetString(0))
            {
                apps = [];
                users.Add(ReadUser(reader, apps));
            }

            if (!reader.IsDBNull(14))
            {
                apps.Add(new AppMembership(reader.GetString(14), reader.GetString(15), reader.GetString(16), reader.GetDate(17), reader.GetInt32(18), reader.GetNullableDate(19)));
            }
        }

        return users;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string WhereClause(UserKey key) => key switch
    {
        UserKey.Id => " WHERE u.id = @value",
        UserKey.Username => " WHERE u.username = @value",
        UserKey.Email => " WHERE u.email = @value",
        UserKey.FirebaseUid => " WHERE u.firebase_uid = @value",
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static User ReadUser(SqliteDataReader reader, IReadOnlyList<AppMembership> apps) => new()
    {
        Id = reader.GetString(0),
        FirebaseUid = reader.GetNullableString(1),
        Email = reader.GetNullableString(2),
        Username = reader.GetNullableString(3),
        PasswordHash = reader.GetNullableString(4),
        Name = reader.GetNullableString(5),
        Avatar = reader.GetNullableString(6),
        Provider = reader.GetString(7),
        Phone = reader.GetNullableString(8),
        DateOfBirth = reader.GetNullableString(9),
        Address = SqliteJson.ToAddress(reader.GetNullableString(10)),
        IsActive = reader.GetInt64(11) != 0,
        CreatedAt = reader.GetDate(12),
        UpdatedAt = reader.GetDate(13),
        Apps = apps,
    };
}
