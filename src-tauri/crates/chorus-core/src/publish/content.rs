//! What a target sends: its thread segments, each with text and images, read from the store.

use crate::media;
use crate::media::presets::RenderTarget;
use crate::{CoreError, DataDir, Result};
use chorus_networks::{NetworkKind, OutgoingImage, OutgoingPost};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

/// Per-target options, stored as JSON in `post_variants.options`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TargetOptions {
    pub content_warning: Option<String>,
    pub language: Option<String>,
}

/// The segments of target `target_id`: segment 0 is the variant's own text or the post's,
/// the rest are the post's thread parts.
pub fn load(conn: &Connection, dir: &DataDir, target_id: i64) -> Result<Vec<OutgoingPost>> {
    let (post_id, first, options): (i64, String, String) = conn
        .prepare_cached(
            "SELECT v.post_id, COALESCE(v.body, p.body), v.options
             FROM post_variants v JOIN posts p ON p.id = v.post_id WHERE v.id = ?1",
        )?
        .query_row([target_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let options: TargetOptions = serde_json::from_str(&options)
        .map_err(|e| CoreError::Corrupt(format!("target {target_id} options: {e}")))?;
    let network: String = conn
        .prepare_cached(
            "SELECT c.network FROM post_variants v JOIN channels c ON c.id = v.channel_id WHERE v.id = ?1",
        )?
        .query_row([target_id], |r| r.get(0))?;
    let render_to = NetworkKind::parse(&network).and_then(crate::media::render_target);
    let mut texts = vec![first];
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM post_thread_parts WHERE post_id = ?1 ORDER BY position",
    )?;
    for body in stmt.query_map([post_id], |r| r.get::<_, String>(0))? {
        texts.push(body?);
    }
    let mut segments = Vec::with_capacity(texts.len());
    for (i, text) in texts.into_iter().enumerate() {
        segments.push(OutgoingPost {
            text,
            images: images(conn, dir, post_id, i as u32, render_to)?,
            content_warning: options.content_warning.clone(),
            language: options.language.clone(),
        });
    }
    Ok(segments)
}

/// media id, sha256, mime type, alt text, width, height.
type ImageRow = (i64, String, String, String, Option<u32>, Option<u32>);

/// The segment's images, each rendered for the network (its recipe applied, fitted to the
/// network's dimension and byte limits, metadata removed). Should a render fail, the original
/// goes, and the network's own refusal tells the user.
fn images(
    conn: &Connection,
    dir: &DataDir,
    post_id: i64,
    segment: u32,
    render_to: Option<RenderTarget>,
) -> Result<Vec<OutgoingImage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.id, m.sha256, m.mime_type, pm.alt, m.width, m.height
         FROM post_media pm JOIN media_assets m ON m.id = pm.media_id
         WHERE pm.post_id = ?1 AND pm.segment = ?2 ORDER BY pm.position",
    )?;
    let rows: Vec<ImageRow> = stmt
        .query_map(params![post_id, segment], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(media_id, sha, mime_type, alt, width, height)| {
            if let Some(target) = render_to {
                match media::library::render_for(conn, dir, media_id, &[target]) {
                    Ok(mut out) if !out.is_empty() => {
                        let r = out.remove(0);
                        return Ok(OutgoingImage {
                            bytes: r.bytes,
                            mime_type: r.summary.mime_type,
                            alt,
                            width: r.summary.width,
                            height: r.summary.height,
                        });
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!("image {media_id} not rendered for {target:?}: {e}"),
                }
            }
            let path = media::path_of(dir, &sha);
            let bytes = std::fs::read(&path).map_err(|e| {
                CoreError::io(format!("the image file {} is missing", path.display()), e)
            })?;
            Ok(OutgoingImage {
                bytes,
                mime_type,
                alt,
                width: width.unwrap_or(0),
                height: height.unwrap_or(0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::recipe::{AspectPreset, Crop, Recipe};
    use crate::workspace::{self, NewWorkspace};
    use crate::{Store, SystemClock};

    #[test]
    fn each_network_gets_the_image_rendered_to_its_limits() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let store = Store::open(dir.database_path()).expect("open");
        let conn = store.connection();
        let ws = workspace::create(
            conn,
            &SystemClock,
            &NewWorkspace {
                name: "B".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("workspace")
        .id;
        // A 3000x2000 noisy PNG: several MB, far over Bluesky's 1,000,000 bytes.
        let mut seed = 7u32;
        let img = image::RgbImage::from_fn(3000, 2000, |x, _| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            image::Rgb([(seed >> 24) as u8, (x % 256) as u8, (seed >> 16) as u8])
        });
        let path = tmp.path().join("market.png");
        img.save(&path).expect("png");
        let asset = media::import_image(conn, &SystemClock, &dir, ws, &path).expect("import");
        assert!(asset.byte_size > 1_000_000);
        media::library::set_recipe(
            conn,
            asset.id,
            &Recipe {
                crop: Some(Crop::centered(AspectPreset::Square, 3000, 2000)),
                ..Default::default()
            },
        )
        .expect("recipe");
        conn.execute_batch(&format!(
            "INSERT INTO channels (id, workspace_id, network, handle, created_at) VALUES
                (1, {ws}, 'bluesky', 'shop.test', 'x'), (2, {ws}, 'mastodon', '@shop', 'x');
             INSERT INTO posts (id, workspace_id, body, timezone, created_at, updated_at)
                VALUES (5, {ws}, 'Market day', 'UTC', 'x', 'x');
             INSERT INTO post_variants (id, post_id, channel_id) VALUES (10, 5, 1), (11, 5, 2);
             INSERT INTO post_media (post_id, segment, position, media_id, alt)
                VALUES (5, 0, 0, {}, 'Stalls');",
            asset.id
        ))
        .expect("seed");
        let bluesky = load(conn, &dir, 10).expect("load");
        let image = &bluesky[0].images[0];
        assert!(
            image.bytes.len() <= 1_000_000,
            "{} bytes",
            image.bytes.len()
        );
        assert_eq!(image.mime_type, "image/jpeg");
        // Pure noise does not fit 1,000,000 bytes at 2000 px even at low quality: it shrinks.
        assert!(
            image.width == image.height && image.width <= 2000,
            "{}x{}",
            image.width,
            image.height
        );
        assert_eq!(image.alt, "Stalls");
        let decoded = image::load_from_memory(&image.bytes).expect("decode");
        assert_eq!(
            (decoded.width(), decoded.height()),
            (image.width, image.height)
        );
        let mastodon = load(conn, &dir, 11).expect("load");
        let image = &mastodon[0].images[0];
        assert_eq!((image.width, image.height), (2000, 2000));
        assert!(image.bytes.len() <= 8_000_000);
    }
}
