-- The style (place, size, colour, band) the workspace last set text on an image with: new
-- text overlays start from it. media::recipe::TextOverlay as JSON, its text empty.
CREATE TABLE workspace_text_styles (
    workspace_id  INTEGER PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    style         TEXT NOT NULL CHECK (json_valid(style))
);
