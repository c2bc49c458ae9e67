-- The unified inbox: mentions, replies, quotes and comments from every channel, one row each.
-- (channel_id, remote_id) is unique, so a sync that sees an item twice stores it once.

CREATE TABLE inbox_items (
    id                  INTEGER PRIMARY KEY,
    channel_id          INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    network             TEXT NOT NULL,
    remote_id           TEXT NOT NULL,
    remote_cid          TEXT,
    remote_url          TEXT,
    web_url             TEXT,
    kind                TEXT NOT NULL CHECK (kind IN ('mention', 'reply', 'quote', 'comment')),
    author_id           TEXT NOT NULL DEFAULT '',
    author_name         TEXT NOT NULL DEFAULT '',
    author_handle       TEXT NOT NULL DEFAULT '',
    author_avatar_url   TEXT,
    -- Plain text (what search and notifications use) and, for networks that send HTML,
    -- the HTML after sanitizing: nothing unsanitized is ever stored.
    text                TEXT NOT NULL DEFAULT '',
    html                TEXT,
    images              TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(images)),
    in_reply_to_id      TEXT,
    in_reply_to_cid     TEXT,
    in_reply_to_text    TEXT,
    -- Our published segment this answers, when it answers one of ours.
    our_post_id         INTEGER REFERENCES posts (id) ON DELETE SET NULL,
    root_id             TEXT NOT NULL,
    root_cid            TEXT,
    root_url            TEXT,
    -- Groups a conversation: channel id and the thread's root.
    conversation_key    TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    fetched_at          TEXT NOT NULL,
    read                INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
    done                INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    starred             INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    liked               INTEGER NOT NULL DEFAULT 0 CHECK (liked IN (0, 1)),
    assignee            TEXT,
    UNIQUE (channel_id, remote_id)
);
CREATE INDEX inbox_items_newest ON inbox_items (created_at DESC, id DESC);
CREATE INDEX inbox_items_conversation ON inbox_items (conversation_key, created_at);
CREATE INDEX inbox_items_channel ON inbox_items (channel_id, created_at DESC);

CREATE TABLE inbox_tags (
    item_id  INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
    PRIMARY KEY (item_id, tag)
) WITHOUT ROWID;
CREATE INDEX inbox_tags_by_tag ON inbox_tags (tag, item_id);

-- Where each channel's sync left off; moved only in the transaction that stores the items.
CREATE TABLE inbox_cursors (
    channel_id  INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    cursor      TEXT NOT NULL,
    synced_at   TEXT NOT NULL
);

-- Unread items per channel, kept by triggers, so the badge count never scans the items.
CREATE TABLE inbox_unread (
    channel_id  INTEGER PRIMARY KEY REFERENCES channels (id) ON DELETE CASCADE,
    unread      INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER inbox_unread_insert AFTER INSERT ON inbox_items WHEN new.read = 0 BEGIN
    INSERT INTO inbox_unread (channel_id, unread) VALUES (new.channel_id, 1)
        ON CONFLICT (channel_id) DO UPDATE SET unread = unread + 1;
END;
CREATE TRIGGER inbox_unread_delete AFTER DELETE ON inbox_items WHEN old.read = 0 BEGIN
    UPDATE inbox_unread SET unread = unread - 1 WHERE channel_id = old.channel_id;
END;
CREATE TRIGGER inbox_unread_update AFTER UPDATE OF read ON inbox_items WHEN old.read <> new.read BEGIN
    INSERT INTO inbox_unread (channel_id, unread) VALUES (new.channel_id, 0)
        ON CONFLICT (channel_id) DO NOTHING;
    UPDATE inbox_unread SET unread = unread + (CASE WHEN new.read = 0 THEN 1 ELSE -1 END)
        WHERE channel_id = new.channel_id;
END;

-- Our answers from the inbox: saved before sending, so a crash leaves a record to retry with
-- the same idempotency key.
CREATE TABLE inbox_replies (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES inbox_items (id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
    remote_id   TEXT,
    remote_cid  TEXT,
    remote_url  TEXT,
    error       TEXT,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX inbox_replies_by_item ON inbox_replies (item_id);

-- Canned responses; {name}, {handle}, {network} are filled in from the item answered.
CREATE TABLE saved_replies (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Full-text search over the text and the author (external content: no second copy).
CREATE VIRTUAL TABLE inbox_fts USING fts5 (
    text,
    author_name,
    author_handle,
    content = 'inbox_items',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER inbox_fts_insert AFTER INSERT ON inbox_items BEGIN
    INSERT INTO inbox_fts (rowid, text, author_name, author_handle)
        VALUES (new.id, new.text, new.author_name, new.author_handle);
END;
CREATE TRIGGER inbox_fts_delete AFTER DELETE ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, text, author_name, author_handle)
        VALUES ('delete', old.id, old.text, old.author_name, old.author_handle);
END;
CREATE TRIGGER inbox_fts_update AFTER UPDATE OF text, author_name, author_handle ON inbox_items BEGIN
    INSERT INTO inbox_fts (inbox_fts, rowid, text, author_name, author_handle)
        VALUES ('delete', old.id, old.text, old.author_name, old.author_handle);
    INSERT INTO inbox_fts (rowid, text, author_name, author_handle)
        VALUES (new.id, new.text, new.author_name, new.author_handle);
END;
