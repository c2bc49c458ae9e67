-- What personal or device metadata each original carries ("location (GPS)", ...), as a JSON
-- list, read when its thumbnail is made; NULL until then. Publishing never copies any of it;
-- the library shows a note on images whose location is removed.
ALTER TABLE media_assets ADD COLUMN metadata TEXT CHECK (metadata IS NULL OR json_valid(metadata));
-- Assets from before: their thumbnails are made again once, which reads it.
UPDATE media_assets SET thumb_state = 'pending';
