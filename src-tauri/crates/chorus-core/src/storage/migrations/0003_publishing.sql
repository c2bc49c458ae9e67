-- Publishing: each post_variants row is the durable publish target for one (post, channel).

-- Non-secret channel settings (service URL, relays, account id) as JSON; secrets live in the
-- OS keychain under secret_ref, never here.
ALTER TABLE channels ADD COLUMN config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config));
ALTER TABLE channels ADD COLUMN secret_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE channels ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';

-- The target state machine:
--   draft -> scheduled -> publishing -> published | failed | missed | unconfirmed
--   scheduled <-> paused (the crisis switch keeps due_at)
ALTER TABLE post_variants ADD COLUMN state TEXT NOT NULL DEFAULT 'draft'
    CHECK (state IN ('draft', 'scheduled', 'publishing', 'published', 'failed', 'missed', 'paused', 'unconfirmed'));
-- When the user wants it out (UTC); next_attempt_at moves with retries, due_at never does.
ALTER TABLE post_variants ADD COLUMN due_at TEXT;
ALTER TABLE post_variants ADD COLUMN next_attempt_at TEXT;
ALTER TABLE post_variants ADD COLUMN attempt_count INTEGER NOT NULL DEFAULT 0;
-- Set by the atomic claim; identifies the engine run that owns a 'publishing' target.
ALTER TABLE post_variants ADD COLUMN claim_token TEXT;
-- Fixed at the first attempt: the creation time written into network records, so a retry
-- produces the identical record (Bluesky createdAt, Nostr created_at).
ALTER TABLE post_variants ADD COLUMN key_created_at TEXT;
ALTER TABLE post_variants ADD COLUMN last_error_code TEXT NOT NULL DEFAULT '';
ALTER TABLE post_variants ADD COLUMN last_error TEXT NOT NULL DEFAULT '';
ALTER TABLE post_variants ADD COLUMN published_at TEXT;
-- 'local' = this app publishes; 'server' = handed to the network's own scheduler (Mastodon).
ALTER TABLE post_variants ADD COLUMN delivery TEXT NOT NULL DEFAULT 'local' CHECK (delivery IN ('local', 'server'));
ALTER TABLE post_variants ADD COLUMN server_schedule_id TEXT;

-- Targets of posts made before v3 take the post's status and time.
UPDATE post_variants SET
    state = (SELECT p.status FROM posts p WHERE p.id = post_variants.post_id),
    due_at = (SELECT p.scheduled_at FROM posts p WHERE p.id = post_variants.post_id),
    next_attempt_at = (SELECT p.scheduled_at FROM posts p WHERE p.id = post_variants.post_id);

CREATE INDEX post_variants_due ON post_variants (state, next_attempt_at);

-- Thread parts after the first (the first is posts.body or the variant's body).
CREATE TABLE post_thread_parts (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 1),
    body      TEXT NOT NULL,
    PRIMARY KEY (post_id, position)
);

-- Media now belongs to a thread segment and carries its alt text for this use.
CREATE TABLE post_media_v3 (
    post_id   INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    segment   INTEGER NOT NULL DEFAULT 0 CHECK (segment >= 0),
    position  INTEGER NOT NULL CHECK (position >= 0),
    media_id  INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE RESTRICT,
    alt       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (post_id, segment, position)
);
INSERT INTO post_media_v3 (post_id, segment, position, media_id, alt)
    SELECT pm.post_id, 0, pm.position, pm.media_id, m.alt_text
    FROM post_media pm JOIN media_assets m ON m.id = pm.media_id;
DROP TABLE post_media;
ALTER TABLE post_media_v3 RENAME TO post_media;

-- What went out, per thread segment, saved as each one goes: a retry resumes after the last.
CREATE TABLE target_segments (
    variant_id    INTEGER NOT NULL REFERENCES post_variants (id) ON DELETE CASCADE,
    segment       INTEGER NOT NULL CHECK (segment >= 0),
    remote_id     TEXT NOT NULL,
    remote_cid    TEXT,
    remote_url    TEXT,
    published_at  TEXT NOT NULL,
    PRIMARY KEY (variant_id, segment)
);

ALTER TABLE publish_attempts ADD COLUMN segment INTEGER;
