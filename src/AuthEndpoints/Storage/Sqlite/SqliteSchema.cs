namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// The embedded store's tables. Uniqueness lives in the database: SQLite's UNIQUE lets any number of
/// NULLs coexist, which gives the sparse-index semantics of the MongoDB store.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    // WAL lets readers run beside the single writer; the setting is kept in the file itself.
    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    public const string CreateTables = """
        CREATE TABLE IF NOT EXISTS users (
            id TEXT NOT NULL PRIMARY KEY,
            firebase_uid TEXT UNIQUE,
            email TEXT UNIQUE,
            username TEXT COLLATE NOCASE UNIQUE,
            password_hash TEXT,
            name TEXT,
            avatar TEXT,
            provider TEXT NOT NULL,
            phone TEXT,
            date_of_birth TEXT,
            address TEXT,
            is_active INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS user_apps (
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            app_id TEXT NOT NULL,
            role TEXT NOT NULL,
            plan TEXT NOT NULL,
            joined_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, app_id)
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_user_apps_app_id ON user_apps (app_id);

        CREATE TABLE IF NOT EXISTS apps (
            app_id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            secret_hash TEXT NOT NULL,
            domains TEXT NOT NULL,
            allowed_auth_methods TEXT NOT NULL,
            is_active INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        ) STRICT;

        CREATE TABLE IF NOT EXISTS refresh_tokens (
            token_hash TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            app_id TEXT NOT NULL,
            family_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER,
            revoked_at INTEGER
        ) STRICT;
        CREATE INDEX IF NOT EXISTS ix_refresh_tokens_user_id ON refresh_tokens (user_id);
        CREATE INDEX IF NOT EXISTS ix_refresh_tokens_expires_at ON refresh_tokens (expires_at);

        PRAGMA user_version = 1;
        """;

    // The MongoDB store's TTL index does the same continuously.
    public const string DeleteExpiredTokens = "DELETE FROM refresh_tokens WHERE expires_at <= @now;";
}
