//! What a target sends: its thread segments, each with text and images, read from the store.

use crate::media;
use crate::{CoreError, DataDir, Result};
use chorus_networks::{OutgoingImage, OutgoingPost};
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
            images: images(conn, dir, post_id, i as u32)?,
            content_warning: options.content_warning.clone(),
            language: options.language.clone(),
        });
    }
    Ok(segments)
}

/// sha256, mime type, alt text, width, height.
type ImageRow = (String, String, String, Option<u32>, Option<u32>);

fn images(
    conn: &Connection,
    dir: &DataDir,
    post_id: i64,
    segment: u32,
) -> Result<Vec<OutgoingImage>> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.sha256, m.mime_type, pm.alt, m.width, m.height
         FROM post_media pm JOIN media_assets m ON m.id = pm.media_id
         WHERE pm.post_id = ?1 AND pm.segment = ?2 ORDER BY pm.position",
    )?;
    let rows: Vec<ImageRow> = stmt
        .query_map(params![post_id, segment], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(sha, mime_type, alt, width, height)| {
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
