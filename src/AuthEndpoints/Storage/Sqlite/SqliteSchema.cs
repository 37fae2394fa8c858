namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>
/// The embedded store's tables. Uniqueness lives in the database: SQLite's UNIQUE lets any number of
/// NULLs coexist, which gives the sparse-index semantics of the MongoDB store. The schema version is the
/// file's <c>user_version</c>; a new file is created at version 1 and brought forward by the same
/// <see cref="Migrations"/> an upgraded data directory runs, so that path is exercised on every start.
/// </summary>
internal static class SqliteSchema
{
    public static int Version => Migrations.Length + 1;

    // WAL lets readers run beside the single writer; the setting is kept in the file itself.
    public const string EnableWal = "PRAGMA journal_mode = WAL;";

    public const string CreateVersion1 = """
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

        """;

    /// <summary>
    /// The statements that take the schema from version <c>index + 1</c> to <c>index + 2</c>, one statement per
    /// entry: run one at a time, a failing statement always surfaces (in a batch, a later statement's error can be lost).
    /// </summary>
    public static readonly string[][] Migrations =
    [
        // 1 -> 2: membership versions and the revocation feed (docs/revocation.md).
        [
            "ALTER TABLE user_apps ADD COLUMN version INTEGER NOT NULL DEFAULT 0;",
            """
            CREATE TABLE revocations (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id TEXT NOT NULL,
                app_id TEXT NOT NULL,
                min_version INTEGER,
                sid TEXT,
                created_at INTEGER NOT NULL
            ) STRICT;
            """,
            "CREATE INDEX ix_revocations_created_at ON revocations (created_at);",
        ],

        // 2 -> 3: the plans an app's members may choose themselves (docs/store-schema.md).
        [
            """ALTER TABLE apps ADD COLUMN self_service_plans TEXT NOT NULL DEFAULT '["free"]';""",
        ],

        // 3 -> 4: an app may block one member (docs/http-api.md, management API).
        [
            "ALTER TABLE user_apps ADD COLUMN blocked_at INTEGER;",
        ],

        // 4 -> 5: the assertion key ring (docs/assertion.md).
        [
            """
            CREATE TABLE signing_keys (
                kid TEXT NOT NULL PRIMARY KEY,
                public_jwk TEXT NOT NULL,
                private_key TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                signs_from INTEGER NOT NULL,
                retired_at INTEGER
            ) STRICT;
            """,
        ],

        // 5 -> 6: browser sessions (docs/browser-sessions.md); the hash of the id is the key.
        [
            """
            CREATE TABLE sessions (
                id_hash TEXT NOT NULL PRIMARY KEY,
                user_id TEXT NOT NULL,
                app_id TEXT NOT NULL,
                sid TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                last_seen_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) STRICT;
            """,
            "CREATE INDEX ix_sessions_user_id ON sessions (user_id);",
            "CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);",
        ],
    ];

    // The MongoDB store's TTL index does the same continuously.
    public const string DeleteExpiredTokens = "DELETE FROM refresh_tokens WHERE expires_at <= @now;";

    public const string DeleteExpiredSessions = "DELETE FROM sessions WHERE expires_at <= @now;";
}
