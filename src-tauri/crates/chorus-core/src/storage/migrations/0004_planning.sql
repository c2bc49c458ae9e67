-- Planning: posting slots per channel, recurring series, and the composer's autosave buffer.

-- Weekly posting times per channel, in the workspace's local clock time (so 09:00 stays 09:00
-- across daylight-saving changes). weekday: 1 = Monday ... 7 = Sunday (ISO 8601).
CREATE TABLE posting_slots (
    id          INTEGER PRIMARY KEY,
    channel_id  INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    minute      INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
    UNIQUE (channel_id, weekday, minute)
);

-- A recurring post is stored as one post per occurrence (each can be moved or edited on its
-- own, and each goes through the same publishing engine); they share a series.
CREATE TABLE post_series (
    id            INTEGER PRIMARY KEY,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- RFC 5545 RRULE (FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10), expanded in `timezone` from `starts_at`.
    rrule         TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    starts_at     TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
ALTER TABLE posts ADD COLUMN series_id INTEGER REFERENCES post_series (id) ON DELETE SET NULL;
CREATE INDEX posts_by_series ON posts (series_id) WHERE series_id IS NOT NULL;

-- What the composer holds, written continuously while the user types, so that closing the
-- window, a crash or a power cut loses nothing. `slot` is "new" or "post:<id>".
CREATE TABLE composer_autosave (
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slot          TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (json_valid(state)),
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, slot)
);

-- How many thread parts and images each post has, kept exact by triggers: the calendar shows
-- both on every card, and counting them per post at each view change cost more than the rest
-- of the range query together (benches/calendar_range.rs).
ALTER TABLE posts ADD COLUMN thread_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN image_count INTEGER NOT NULL DEFAULT 0;
UPDATE posts SET
    thread_count = (SELECT count(*) FROM post_thread_parts t WHERE t.post_id = posts.id),
    image_count = (SELECT count(*) FROM post_media m WHERE m.post_id = posts.id);

CREATE TRIGGER post_thread_parts_count_insert AFTER INSERT ON post_thread_parts BEGIN
    UPDATE posts SET thread_count = thread_count + 1 WHERE id = new.post_id;
END;
CREATE TRIGGER post_thread_parts_count_delete AFTER DELETE ON post_thread_parts BEGIN
    UPDATE posts SET thread_count = thread_count - 1 WHERE id = old.post_id;
END;
CREATE TRIGGER post_media_count_insert AFTER INSERT ON post_media BEGIN
    UPDATE posts SET image_count = image_count + 1 WHERE id = new.post_id;
END;
CREATE TRIGGER post_media_count_delete AFTER DELETE ON post_media BEGIN
    UPDATE posts SET image_count = image_count - 1 WHERE id = old.post_id;
END;

-- The calendar reads every target's state per post; with the state in the index it never
-- visits the (wide) target rows.
CREATE INDEX post_variants_by_post_state ON post_variants (post_id, channel_id, state);
