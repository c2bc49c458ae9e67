//! Thumbnails (256 px JPEG in media/thumbs/), made in the background. The steps are split so
//! the app can hold its database lock only for the quick queries, never while decoding:
//! [`next_pending`] -> [`make`] (no database) -> [`record`].

use super::decode;
use super::library::thumb_path;
use super::store::path_of;
use crate::{CoreError, DataDir, Result};
use image::DynamicImage;
use rusqlite::{Connection, OptionalExtension, params};

pub const THUMB_SIDE: u32 = 256;

/// An asset still waiting for its thumbnail: (id, sha256).
pub fn next_pending(conn: &Connection) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, sha256 FROM media_assets WHERE thumb_state = 'pending' ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Writes the thumbnail of `sha256` (EXIF orientation applied) and returns what metadata the
/// original carries (see `FoundMetadata::stripped`). Touches no database.
pub fn make(dir: &DataDir, sha256: &str) -> std::result::Result<Vec<String>, String> {
    let bytes = std::fs::read(path_of(dir, sha256)).map_err(|e| format!("cannot read: {e}"))?;
    // A JPEG decodes at the eighth of its size nearest above the thumbnail (DCT scaling).
    let decoded = decode::decode_for(&bytes, |w, h| f64::from(THUMB_SIDE) / f64::from(w.max(h)))?;
    let metadata = decoded.metadata.stripped();
    let image = decoded.image;
    // `thumbnail` would enlarge a small image; those are kept as they are.
    let small = if image.width().max(image.height()) > THUMB_SIDE {
        image.thumbnail(THUMB_SIDE, THUMB_SIDE)
    } else {
        image
    };
    let rgb = match small {
        DynamicImage::ImageRgb8(i) => i,
        other => DynamicImage::ImageRgb8(other.to_rgb8()).into_rgb8(),
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&rgb)
        .map_err(|e| format!("cannot encode: {e}"))?;
    let target = thumb_path(dir, sha256);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    let partial = target.with_extension("partial");
    std::fs::write(&partial, &out).map_err(|e| format!("cannot write: {e}"))?;
    std::fs::rename(&partial, &target).map_err(|e| format!("cannot write: {e}"))?;
    Ok(metadata)
}

/// Records the outcome of [`make`] for an asset (and every asset with the same content).
pub fn record(
    conn: &Connection,
    sha256: &str,
    outcome: &std::result::Result<Vec<String>, String>,
) -> Result<()> {
    let (state, error, metadata) = match outcome {
        Ok(found) => (
            "ready",
            String::new(),
            Some(serde_json::to_string(found).map_err(|e| CoreError::Corrupt(e.to_string()))?),
        ),
        Err(e) => ("failed", e.clone(), None),
    };
    conn.execute(
        "UPDATE media_assets SET thumb_state = ?2, thumb_error = ?3, metadata = coalesce(?4, metadata)
         WHERE sha256 = ?1",
        params![sha256, state, error, metadata],
    )?;
    Ok(())
}

/// Makes every pending thumbnail, one at a time; returns how many were made (or failed).
/// Blocking: call it from a worker thread (`spawn_blocking`), never the UI thread.
pub fn process_pending(conn: &Connection, dir: &DataDir) -> Result<usize> {
    let mut done = 0;
    while let Some((_, sha)) = next_pending(conn)? {
        let outcome = make(dir, &sha);
        if let Err(e) = &outcome {
            tracing::warn!("thumbnail of {sha} failed: {e}");
        }
        record(conn, &sha, &outcome)?;
        done += 1;
        if done > 1_000_000 {
            return Err(CoreError::Corrupt("thumbnail queue does not drain".into()));
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::library;
    use crate::media::store::import_image;
    use crate::workspace::{self, NewWorkspace};
    use crate::{Store, SystemClock};

    #[test]
    fn makes_pending_thumbnails_at_most_256_px() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let store = Store::open(dir.database_path()).expect("open");
        let ws = workspace::create(
            store.connection(),
            &SystemClock,
            &NewWorkspace {
                name: "B".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("workspace")
        .id;
        for (i, (w, h)) in [(1200u32, 800u32), (300, 900), (100, 50)]
            .into_iter()
            .enumerate()
        {
            let path = tmp.path().join(format!("p{i}.png"));
            image::RgbImage::from_pixel(w, h, image::Rgb([i as u8, 9, 9]))
                .save(&path)
                .expect("png");
            import_image(store.connection(), &SystemClock, &dir, ws, &path).expect("import");
        }
        assert_eq!(
            process_pending(store.connection(), &dir).expect("thumbs"),
            3
        );
        assert_eq!(process_pending(store.connection(), &dir).expect("again"), 0);
        let items = library::list(store.connection(), &dir, ws, None).expect("list");
        let mut sizes: Vec<(u32, u32)> = items
            .iter()
            .map(|i| {
                assert_eq!(i.thumb_state, "ready");
                let path = i.thumbnail.as_deref().expect("thumbnail");
                image::image_dimensions(path).expect("thumb")
            })
            .collect();
        sizes.sort();
        assert_eq!(sizes, vec![(85, 256), (100, 50), (256, 171)]);
        // Plain PNGs carry nothing personal; the worker has read that.
        assert!(items.iter().all(|i| i.metadata.is_empty()));

        // A photo with GPS in its EXIF: the library says so once its thumbnail is made.
        let jpeg = chorus_media::fixtures::with_exif(
            &chorus_media::fixtures::marked_jpeg(64, 48),
            &chorus_media::fixtures::exif_block(1, true),
        );
        let path = tmp.path().join("gps.jpg");
        std::fs::write(&path, jpeg).expect("write");
        let asset =
            import_image(store.connection(), &SystemClock, &dir, ws, &path).expect("import");
        process_pending(store.connection(), &dir).expect("thumbs");
        let item = library::get(store.connection(), &dir, asset.id).expect("item");
        assert_eq!(item.metadata, ["location (GPS)", "camera details (EXIF)"]);
    }
}
