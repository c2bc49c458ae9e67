-- Chorus schema v1. Instants are TEXT in RFC 3339 UTC with milliseconds and 'Z'
-- (see clock::to_db_instant), so text order is time order. The IANA zone the user chose
-- is stored beside every instant that the user picked in local time.

CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    timezone    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX workspaces_name_unique ON workspaces (name COLLATE NOCASE);

-- An account on a network.
CREATE TABLE channels (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    network       TEXT NOT NULL,
    handle        TEXT NOT NULL,
    display_name  TEXT NOT NULL DEFAULT '',
    service_url   TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'active'
                  CHECK (status IN ('active', 'needs_attention', 'disabled')),
    created_at    TEXT NOT NULL,
    UNIQUE (workspace_id, network, service_url, handle)
);

-- A post written once; post_variants adapt it per channel.
CREATE TABLE posts (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    body          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'missed', 'paused')),
    scheduled_at  TEXT,
    timezone      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX posts_by_schedule ON posts (workspace_id, scheduled_at);

-- One row per (post, channel): the channel's own text and options (NULL body = the post's).
CREATE TABLE post_variants (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE RESTRICT,
    body        TEXT,
    options     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    UNIQUE (post_id, channel_id)
);

-- Files are content-addressed on disk (media/<sha256>); this is the catalogue.
CREATE TABLE media_assets (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name     TEXT NOT NULL,
    mime_type     TEXT NOT NULL,
    byte_size     INTEGER NOT NULL CHECK (byte_size >= 0),
    width         INTEGER,
    height        INTEGER,
    alt_text      TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    UNIQUE (workspace_id, sha256)
);

CREATE TABLE post_media (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    media_id  INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE RESTRICT,
    position  INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (post_id, position)
);

-- Every attempt to publish a variant, kept as the post's activity log.
CREATE TABLE publish_attempts (
    id           INTEGER PRIMARY KEY,
    variant_id   INTEGER NOT NULL REFERENCES post_variants (id) ON DELETE CASCADE,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT NOT NULL
                 CHECK (outcome IN ('in_progress', 'published', 'failed', 'unconfirmed')),
    http_status  INTEGER,
    error_code   TEXT,
    message      TEXT NOT NULL DEFAULT '',
    remote_id    TEXT
);
CREATE INDEX publish_attempts_by_variant ON publish_attempts (variant_id, started_at);

-- Application and user preferences as JSON values.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL CHECK (json_valid(value))
);
