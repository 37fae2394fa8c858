-- The embedded store's file as written by the release whose schema version was 1.
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

-- Rows as the release before schema version 2 wrote them (dates are milliseconds since the epoch).
INSERT INTO users (id, firebase_uid, email, username, password_hash, name, avatar, provider, phone, date_of_birth, address, is_active, created_at, updated_at)
VALUES ('65a1b2c3d4e5f60718293a4b', NULL, 'alice@example.test', 'alice', '$2a$04$abcdefghijklmnopqrstuu5ZkGvLwHcKoWCeS0Y7m6dJ1bTqP3N2', 'Alice', NULL, 'username', NULL, NULL,
        '{"street":"1 Main St","city":"Springfield","state":"IL","country":"US","zip":"62701"}', 1, 1764000000000, 1764000000000);
INSERT INTO user_apps (user_id, app_id, role, plan, joined_at) VALUES ('65a1b2c3d4e5f60718293a4b', 'demo', 'admin', 'pro', 1764000000000);
INSERT INTO user_apps (user_id, app_id, role, plan, joined_at) VALUES ('65a1b2c3d4e5f60718293a4b', 'shop', 'member', 'free', 1764000100000);
INSERT INTO apps (app_id, name, secret_hash, domains, allowed_auth_methods, is_active, created_at)
VALUES ('demo', 'Demo', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '["demo.example.test"]', '["username"]', 1, 1763900000000);
INSERT INTO refresh_tokens (token_hash, user_id, app_id, family_id, expires_at, used_at, revoked_at)
VALUES ('5d41402abc4b2a76b9719d911017c592ae4d5f2c7fbc2e1b5a2f1d0e4b5c6d7e', '65a1b2c3d4e5f60718293a4b', 'demo', 'family-1', 4102444800000, NULL, NULL);
