-- The media library: non-destructive edits, tags, thumbnails and the brand watermark.

-- The edit recipe (media::recipe::Recipe as JSON), applied when rendering; the original file
-- is never touched. One per asset: an edit shows wherever the image is used.
ALTER TABLE media_assets ADD COLUMN recipe TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(recipe));
-- Thumbnails (media/thumbs/<sha256>.jpg) are made in the background.
ALTER TABLE media_assets ADD COLUMN thumb_state TEXT NOT NULL DEFAULT 'pending'
    CHECK (thumb_state IN ('pending', 'ready', 'failed'));
ALTER TABLE media_assets ADD COLUMN thumb_error TEXT NOT NULL DEFAULT '';
CREATE INDEX media_assets_thumbs ON media_assets (thumb_state);

CREATE TABLE media_tags (
    media_id  INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE CASCADE,
    tag       TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
    PRIMARY KEY (media_id, tag)
);
CREATE INDEX media_tags_by_tag ON media_tags (tag);

-- The workspace's brand logo, stamped on images whose recipe asks for it.
CREATE TABLE workspace_watermarks (
    workspace_id  INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    media_id      INTEGER NOT NULL REFERENCES media_assets (id) ON DELETE RESTRICT,
    position      TEXT NOT NULL DEFAULT 'bottomRight'
                  CHECK (position IN ('topLeft', 'topRight', 'bottomLeft', 'bottomRight', 'center')),
    size          REAL NOT NULL DEFAULT 0.15 CHECK (size >= 0.02 AND size <= 0.5),
    opacity       REAL NOT NULL DEFAULT 0.8 CHECK (opacity >= 0 AND opacity <= 1)
);
