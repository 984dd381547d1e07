-- Times are Unix milliseconds (BIGINT). {{identity}} is filled by SqlDialect.

CREATE TABLE users (
    id {{identity}},
    email TEXT NOT NULL UNIQUE,              -- stored lower-case
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('Agent', 'Manager', 'Admin')),
    password_hash TEXT NOT NULL,
    security_stamp TEXT NOT NULL,            -- changes whenever a signed-in session must end
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT NULL,
    disabled_at BIGINT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_tokens (
    id {{identity}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,         -- SHA-256 of the token; the token itself is never stored
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NULL,
    revoked_at BIGINT NULL
);

CREATE TABLE pages (
    id TEXT PRIMARY KEY,                     -- the Facebook Page id
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    access_token_protected TEXT NULL,        -- encrypted with Data Protection; never shown or logged
    created_at BIGINT NOT NULL
);

CREATE TABLE saved_replies (
    id {{identity}},
    owner_user_id BIGINT NULL REFERENCES users (id) ON DELETE CASCADE,  -- NULL: a team reply
    title TEXT NOT NULL,
    shortcut TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
    body TEXT NOT NULL,
    archived_at BIGINT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX saved_replies_team_shortcut ON saved_replies (shortcut, language) WHERE owner_user_id IS NULL;

-- Small facts about this installation, such as which demo data has been loaded.
CREATE TABLE app_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- ASP.NET Core Data Protection keys, kept with the data so cookies and encrypted tokens survive restarts.
CREATE TABLE data_protection_keys (
    friendly_name TEXT PRIMARY KEY,
    xml TEXT NOT NULL
);
