-- Tags on posts: the user's own labels ("spring menu", "events"), for filtering the calendar
-- and the post list. Not hashtags: they never go out with the post. Compared without case;
-- stored as first typed.
CREATE TABLE post_tags (
    post_id  INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (post_id, tag)
) WITHOUT ROWID;
CREATE INDEX post_tags_by_tag ON post_tags (tag, post_id);
