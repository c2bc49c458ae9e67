//! The library's catalogue: listing and search, tags, alt text, edit recipes, "used in",
//! guarded deletion, the brand watermark, and rendering an asset for a network.

use super::decode::{self, Decoded};
use super::presets::RenderTarget;
use super::recipe::{Recipe, TextOverlay};
use super::render::{self, Rendered, Watermark, WatermarkPosition};
use super::store::path_of;
use crate::{CoreError, DataDir, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One image in the library, as the library view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LibraryItem {
    pub id: i64,
    pub workspace_id: i64,
    pub sha256: String,
    pub file_name: String,
    pub mime_type: String,
    pub byte_size: i64,
    pub width: u32,
    pub height: u32,
    pub alt_text: String,
    pub tags: Vec<String>,
    pub recipe: Recipe,
    /// "pending", "ready" or "failed".
    pub thumb_state: String,
    /// Absolute path of the 256 px thumbnail, once made.
    pub thumbnail: Option<String>,
    /// Absolute path of the original.
    pub path: String,
    /// How many posts use it.
    pub used_in: u32,
    /// Personal or device metadata the original carries and publishing removes, e.g.
    /// "location (GPS)"; empty until its thumbnail is made (which reads it).
    pub metadata: Vec<String>,
}

/// A post that uses an asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MediaUse {
    pub post_id: i64,
    /// The post's text, shortened.
    pub excerpt: String,
    pub status: String,
    pub scheduled_at: Option<String>,
}

/// The workspace's brand watermark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WatermarkSettings {
    pub media_id: i64,
    pub position: WatermarkPosition,
    /// Logo width as a fraction of the image width, 0.02..0.5.
    pub size: f32,
    /// 0..1.
    pub opacity: f32,
}

pub fn thumb_path(dir: &DataDir, sha256: &str) -> std::path::PathBuf {
    dir.media_dir().join("thumbs").join(format!("{sha256}.jpg"))
}

const SELECT: &str = "SELECT m.id, m.workspace_id, m.sha256, m.file_name, m.mime_type, m.byte_size,
        m.width, m.height, m.alt_text, m.recipe, m.thumb_state,
        (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM media_tags t WHERE t.media_id = m.id ORDER BY tag)),
        (SELECT count(DISTINCT post_id) FROM post_media pm WHERE pm.media_id = m.id),
        m.metadata
     FROM media_assets m";

fn item(dir: &DataDir, r: &rusqlite::Row<'_>) -> rusqlite::Result<LibraryItem> {
    let sha256: String = r.get(2)?;
    let recipe: String = r.get(9)?;
    let thumb_state: String = r.get(10)?;
    let tags: Option<String> = r.get(11)?;
    let metadata: Option<String> = r.get(13)?;
    Ok(LibraryItem {
        id: r.get(0)?,
        workspace_id: r.get(1)?,
        file_name: r.get(3)?,
        mime_type: r.get(4)?,
        byte_size: r.get(5)?,
        width: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
        height: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
        alt_text: r.get(8)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
        // A recipe that no longer parses (written by a newer version) shows as unedited.
        recipe: serde_json::from_str(&recipe).unwrap_or_default(),
        thumbnail: (thumb_state == "ready").then(|| thumb_path(dir, &sha256).display().to_string()),
        thumb_state,
        path: path_of(dir, &sha256).display().to_string(),
        sha256,
        used_in: r.get(12)?,
        metadata: metadata
            .and_then(|m| serde_json::from_str(&m).ok())
            .unwrap_or_default(),
    })
}

/// The workspace's images, newest first; `search` matches file name, tags and alt text
/// (case-insensitive, every word must match).
pub fn list(
    conn: &Connection,
    dir: &DataDir,
    workspace_id: i64,
    search: Option<&str>,
) -> Result<Vec<LibraryItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE m.workspace_id = ?1 ORDER BY m.created_at DESC, m.id DESC"
    ))?;
    let all = stmt
        .query_map([workspace_id], |r| item(dir, r))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let words: Vec<String> = search
        .unwrap_or_default()
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    Ok(all
        .into_iter()
        .filter(|i| {
            let hay = format!("{} {} {}", i.file_name, i.tags.join(" "), i.alt_text).to_lowercase();
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect())
}

pub fn get(conn: &Connection, dir: &DataDir, media_id: i64) -> Result<LibraryItem> {
    conn.query_row(&format!("{SELECT} WHERE m.id = ?1"), [media_id], |r| {
        item(dir, r)
    })
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "image",
        id: media_id,
    })
}

fn normalize_tag(tag: &str) -> Result<String> {
    let t = tag.trim().trim_start_matches('#').to_lowercase();
    if t.is_empty() || t.chars().count() > 64 {
        return Err(CoreError::validation(
            "tags",
            format!("a tag must be 1 to 64 characters, not {tag:?}"),
        ));
    }
    Ok(t)
}

pub fn add_tags(conn: &Connection, media_id: i64, tags: &[String]) -> Result<()> {
    exists(conn, media_id)?;
    for tag in tags {
        conn.execute(
            "INSERT OR IGNORE INTO media_tags (media_id, tag) VALUES (?1, ?2)",
            params![media_id, normalize_tag(tag)?],
        )?;
    }
    Ok(())
}

pub fn remove_tags(conn: &Connection, media_id: i64, tags: &[String]) -> Result<()> {
    exists(conn, media_id)?;
    for tag in tags {
        conn.execute(
            "DELETE FROM media_tags WHERE media_id = ?1 AND tag = ?2",
            params![media_id, normalize_tag(tag)?],
        )?;
    }
    Ok(())
}

/// The default alt text, used when the image is attached to a post.
pub fn set_alt(conn: &Connection, media_id: i64, alt: &str) -> Result<()> {
    if alt.chars().count() > 2000 {
        return Err(CoreError::validation(
            "alt",
            "alt text is limited to 2000 characters (Bluesky and Mastodon's limit is 1500-2000)",
        ));
    }
    exists(conn, media_id)?;
    conn.execute(
        "UPDATE media_assets SET alt_text = ?2 WHERE id = ?1",
        params![media_id, alt.trim()],
    )?;
    Ok(())
}

pub fn set_recipe(conn: &Connection, media_id: i64, recipe: &Recipe) -> Result<()> {
    recipe.validate()?;
    exists(conn, media_id)?;
    let json = serde_json::to_string(recipe)
        .map_err(|e| CoreError::Corrupt(format!("recipe does not serialize: {e}")))?;
    conn.execute(
        "UPDATE media_assets SET recipe = ?2 WHERE id = ?1",
        params![media_id, json],
    )?;
    if let Some(text) = &recipe.text {
        // Its style becomes the workspace's: the next text overlay starts from it.
        let style = serde_json::to_string(&TextOverlay {
            text: String::new(),
            ..text.clone()
        })
        .map_err(|e| CoreError::Corrupt(format!("text style does not serialize: {e}")))?;
        conn.execute(
            "INSERT INTO workspace_text_styles (workspace_id, style)
             SELECT workspace_id, ?2 FROM media_assets WHERE id = ?1
             ON CONFLICT (workspace_id) DO UPDATE SET style = excluded.style",
            params![media_id, style],
        )?;
    }
    Ok(())
}

/// The style the workspace last set text on an image with (its text empty), if any.
pub fn text_style(conn: &Connection, workspace_id: i64) -> Result<Option<TextOverlay>> {
    let style: Option<String> = conn
        .query_row(
            "SELECT style FROM workspace_text_styles WHERE workspace_id = ?1",
            [workspace_id],
            |r| r.get(0),
        )
        .optional()?;
    // A style a newer version wrote and this one cannot read is as good as none.
    Ok(style.and_then(|s| serde_json::from_str(&s).ok()))
}

fn exists(conn: &Connection, media_id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM media_assets WHERE id = ?1",
            [media_id],
            |r| r.get(0),
        )
        .optional()?;
    found.map(|_| ()).ok_or(CoreError::NotFound {
        what: "image",
        id: media_id,
    })
}

/// The posts that use an image, soonest first.
pub fn used_in(conn: &Connection, media_id: i64) -> Result<Vec<MediaUse>> {
    exists(conn, media_id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT p.id, p.body, p.status, p.scheduled_at FROM post_media pm
         JOIN posts p ON p.id = pm.post_id WHERE pm.media_id = ?1
         ORDER BY p.scheduled_at IS NULL, p.scheduled_at, p.id",
    )?;
    let uses = stmt
        .query_map([media_id], |r| {
            let body: String = r.get(1)?;
            let mut excerpt: String = body.chars().take(40).collect();
            if body.chars().count() > 40 {
                excerpt.push('…');
            }
            Ok(MediaUse {
                post_id: r.get(0)?,
                excerpt,
                status: r.get(2)?,
                scheduled_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(uses)
}

/// Deletes an image no post uses (and its file when no other workspace has it). A post that
/// uses it, scheduled or not, is named in the refusal.
pub fn delete(conn: &Connection, dir: &DataDir, media_id: i64) -> Result<()> {
    let asset = get(conn, dir, media_id)?;
    if let Some(first) = used_in(conn, media_id)?.first() {
        let when = match (&first.status[..], &first.scheduled_at) {
            ("scheduled", Some(at)) => format!("scheduled for {at}"),
            (status, _) => status.to_owned(),
        };
        return Err(CoreError::Conflict(format!(
            "{} is used by post {} (\"{}\", {when}); remove it from the post first",
            asset.file_name, first.post_id, first.excerpt
        )));
    }
    let logo: Option<i64> = conn
        .query_row(
            "SELECT workspace_id FROM workspace_watermarks WHERE media_id = ?1",
            [media_id],
            |r| r.get(0),
        )
        .optional()?;
    if logo.is_some() {
        return Err(CoreError::Conflict(format!(
            "{} is the workspace's watermark logo; choose another logo first",
            asset.file_name
        )));
    }
    conn.execute("DELETE FROM media_assets WHERE id = ?1", [media_id])?;
    let others: i64 = conn.query_row(
        "SELECT count(*) FROM media_assets WHERE sha256 = ?1",
        [&asset.sha256],
        |r| r.get(0),
    )?;
    if others == 0 {
        for path in [path_of(dir, &asset.sha256), thumb_path(dir, &asset.sha256)] {
            if let Err(e) = std::fs::remove_file(&path)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                tracing::warn!("could not remove {}: {e}", path.display());
            }
        }
    }
    Ok(())
}

pub fn set_watermark(conn: &Connection, workspace_id: i64, w: &WatermarkSettings) -> Result<()> {
    if !(0.02..=0.5).contains(&w.size) {
        return Err(CoreError::validation(
            "size",
            format!(
                "the logo size must be 0.02 to 0.5 of the image width, not {}",
                w.size
            ),
        ));
    }
    if !(0.0..=1.0).contains(&w.opacity) {
        return Err(CoreError::validation(
            "opacity",
            format!("opacity must be between 0 and 1, not {}", w.opacity),
        ));
    }
    let owner: Option<i64> = conn
        .query_row(
            "SELECT workspace_id FROM media_assets WHERE id = ?1",
            [w.media_id],
            |r| r.get(0),
        )
        .optional()?;
    if owner != Some(workspace_id) {
        return Err(CoreError::validation(
            "mediaId",
            format!("image {} is not in this workspace's library", w.media_id),
        ));
    }
    let position = serde_json::to_value(w.position)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "bottomRight".into());
    conn.execute(
        "INSERT INTO workspace_watermarks (workspace_id, media_id, position, size, opacity)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (workspace_id) DO UPDATE SET media_id = ?2, position = ?3, size = ?4, opacity = ?5",
        params![workspace_id, w.media_id, position, w.size, w.opacity],
    )?;
    Ok(())
}

pub fn watermark(conn: &Connection, workspace_id: i64) -> Result<Option<WatermarkSettings>> {
    let row: Option<(i64, String, f64, f64)> = conn
        .query_row(
            "SELECT media_id, position, size, opacity FROM workspace_watermarks WHERE workspace_id = ?1",
            [workspace_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(media_id, position, size, opacity)| {
        let position = serde_json::from_value(serde_json::Value::String(position.clone()))
            .map_err(|_| CoreError::Corrupt(format!("watermark position {position:?}")))?;
        Ok(WatermarkSettings {
            media_id,
            position,
            size: size as f32,
            opacity: opacity as f32,
        })
    })
    .transpose()
}

/// The asset decoded at no less than `least_scale(width, height)` of its size (see
/// `decode::decode_for`).
fn load_decoded(
    dir: &DataDir,
    sha256: &str,
    file_name: &str,
    least_scale: impl FnOnce(u32, u32) -> f64,
) -> Result<Decoded> {
    let path = path_of(dir, sha256);
    let bytes = std::fs::read(&path)
        .map_err(|e| CoreError::io(format!("the image file {} is missing", path.display()), e))?;
    decode::decode_for(&bytes, least_scale).map_err(|why| {
        CoreError::validation("images", format!("{file_name} cannot be used: {why}"))
    })
}

/// Everything needed to render an asset, read from the database in one short step so the
/// slow part ([`RenderPlan::render`]) runs without holding the database.
#[derive(Debug, Clone)]
pub struct RenderPlan {
    pub media_id: i64,
    pub sha256: String,
    pub file_name: String,
    pub recipe: Recipe,
    /// The watermark settings and the logo's (sha256, file name), when the recipe asks for it
    /// and the workspace has one.
    pub watermark: Option<(WatermarkSettings, String, String)>,
}

pub fn plan(conn: &Connection, dir: &DataDir, media_id: i64) -> Result<RenderPlan> {
    let asset = get(conn, dir, media_id)?;
    let watermark = match (asset.recipe.watermark, watermark(conn, asset.workspace_id)?) {
        (true, Some(settings)) => {
            let logo = get(conn, dir, settings.media_id)?;
            Some((settings, logo.sha256, logo.file_name))
        }
        _ => None,
    };
    Ok(RenderPlan {
        media_id,
        sha256: asset.sha256,
        file_name: asset.file_name,
        recipe: asset.recipe,
        watermark,
    })
}

impl RenderPlan {
    /// Decodes once and renders for each target (no database).
    pub fn render(&self, dir: &DataDir, targets: &[RenderTarget]) -> Result<Vec<Rendered>> {
        let presets: Vec<_> = targets.iter().map(|t| t.preset()).collect();
        let decoded = load_decoded(dir, &self.sha256, &self.file_name, |w, h| {
            render::least_scale(w, h, &self.recipe, &presets)
        })?;
        let mark = match &self.watermark {
            Some((settings, sha, name)) => Some(Watermark {
                logo: load_decoded(dir, sha, name, |_, _| 1.0)?.image.to_rgba8(),
                position: settings.position,
                size: settings.size,
                opacity: settings.opacity,
            }),
            None => None,
        };
        render::render(&decoded, &self.recipe, &presets, mark.as_ref()).map_err(|why| {
            CoreError::validation(
                "images",
                format!("{} cannot be rendered: {why}", self.file_name),
            )
        })
    }

    /// Renders and writes each output to media/previews/<sha256>-<target>.<ext>, for the
    /// editor's per-channel preview (the very bytes that would be published).
    pub fn write_previews(
        &self,
        dir: &DataDir,
        targets: &[RenderTarget],
    ) -> Result<Vec<RenderPreview>> {
        let folder = dir.media_dir().join("previews");
        std::fs::create_dir_all(&folder)
            .map_err(|e| CoreError::io(format!("cannot create {}", folder.display()), e))?;
        self.render(dir, targets)?
            .into_iter()
            .map(|r| {
                let ext = if r.summary.mime_type == "image/png" {
                    "png"
                } else {
                    "jpg"
                };
                let path = folder.join(format!(
                    "{}-{}.{ext}",
                    self.sha256,
                    r.summary.target.as_str()
                ));
                std::fs::write(&path, &r.bytes)
                    .map_err(|e| CoreError::io(format!("cannot write {}", path.display()), e))?;
                Ok(RenderPreview {
                    summary: r.summary,
                    path: path.display().to_string(),
                })
            })
            .collect()
    }
}

/// A rendered output on disk, with its final size and format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RenderPreview {
    pub summary: render::RenderSummary,
    /// Absolute path of the rendered file (under the media library).
    pub path: String,
}

/// Renders an asset, its recipe and the workspace watermark applied, for each target.
#[tracing::instrument(skip(conn, dir))]
pub fn render_for(
    conn: &Connection,
    dir: &DataDir,
    media_id: i64,
    targets: &[RenderTarget],
) -> Result<Vec<Rendered>> {
    plan(conn, dir, media_id)?.render(dir, targets)
}

/// A new attachment as each network will receive it (no recipe yet): what the networks'
/// checks look at when a post is made, so a 5 MB phone photo is judged by the ≤1 MB JPEG
/// Bluesky will get, not refused for the original's size. One output per target, in order.
pub fn fit_attachment(
    image: &super::store::LoadedImage,
    alt: &str,
    targets: &[RenderTarget],
) -> Result<Vec<chorus_networks::OutgoingImage>> {
    let file = image.path.display();
    let presets: Vec<_> = targets.iter().map(|t| t.preset()).collect();
    let recipe = Recipe::default();
    let decoded = decode::decode_for(&image.bytes, |w, h| {
        render::least_scale(w, h, &recipe, &presets)
    })
    .map_err(|why| CoreError::validation("images", format!("{file} cannot be used: {why}")))?;
    let out = render::render(&decoded, &recipe, &presets, None).map_err(|why| {
        CoreError::validation("images", format!("{file} cannot be rendered: {why}"))
    })?;
    Ok(out
        .into_iter()
        .map(|r| chorus_networks::OutgoingImage {
            bytes: r.bytes,
            mime_type: r.summary.mime_type,
            alt: alt.to_owned(),
            width: r.summary.width,
            height: r.summary.height,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::recipe::{AspectPreset, Crop};
    use crate::media::store::import_image;
    use crate::workspace::{self, NewWorkspace};
    use crate::{Store, SystemClock};
    use std::path::Path;

    fn setup() -> (tempfile::TempDir, DataDir, Store, i64) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let store = Store::open(dir.database_path()).expect("open");
        let w = workspace::create(
            store.connection(),
            &SystemClock,
            &NewWorkspace {
                name: "B".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("workspace");
        (tmp, dir, store, w.id)
    }

    fn import(store: &Store, dir: &DataDir, ws: i64, path: &Path, rgb: [u8; 3]) -> i64 {
        image::RgbImage::from_pixel(300, 200, image::Rgb(rgb))
            .save(path)
            .expect("png");
        import_image(store.connection(), &SystemClock, dir, ws, path)
            .expect("import")
            .id
    }

    #[test]
    fn tags_alt_and_search() {
        let (tmp, dir, store, ws) = setup();
        let conn = store.connection();
        let a = import(
            &store,
            &dir,
            ws,
            &tmp.path().join("shopfront.png"),
            [1, 2, 3],
        );
        let b = import(&store, &dir, ws, &tmp.path().join("cake.png"), [9, 8, 7]);
        add_tags(conn, a, &["#Summer".into(), "sale".into()]).expect("tag");
        set_alt(conn, b, "A lemon cake on the counter").expect("alt");
        let names = |s: &str| -> Vec<String> {
            list(conn, &dir, ws, Some(s))
                .expect("list")
                .into_iter()
                .map(|i| i.file_name)
                .collect()
        };
        assert_eq!(names("summer"), vec!["shopfront.png"]);
        assert_eq!(names("LEMON counter"), vec!["cake.png"]);
        assert_eq!(names("png").len(), 2);
        assert_eq!(
            get(conn, &dir, a).expect("get").tags,
            vec!["sale", "summer"]
        );
        remove_tags(conn, a, &["sale".into()]).expect("untag");
        assert_eq!(get(conn, &dir, a).expect("get").tags, vec!["summer"]);
        assert_eq!(
            add_tags(conn, a, &["  ".into()])
                .expect_err("empty")
                .field(),
            Some("tags")
        );
    }

    #[test]
    fn delete_is_refused_naming_the_post_that_uses_it() {
        let (tmp, dir, store, ws) = setup();
        let conn = store.connection();
        let id = import(&store, &dir, ws, &tmp.path().join("menu.png"), [5, 5, 5]);
        conn.execute(
            "INSERT INTO posts (id, workspace_id, body, status, scheduled_at, timezone, created_at, updated_at)
             VALUES (41, ?1, 'Our new menu is here', 'scheduled', '2026-12-24T09:00:00Z', 'UTC', 'x', 'x')",
            [ws],
        )
        .expect("post");
        conn.execute(
            "INSERT INTO post_media (post_id, segment, position, media_id, alt) VALUES (41, 0, 0, ?1, '')",
            [id],
        )
        .expect("attach");
        assert_eq!(used_in(conn, id).expect("used")[0].post_id, 41);
        let err = delete(conn, &dir, id).expect_err("in use");
        assert_eq!(
            err.to_string(),
            "menu.png is used by post 41 (\"Our new menu is here\", scheduled for 2026-12-24T09:00:00Z); remove it from the post first"
        );
        conn.execute("DELETE FROM posts WHERE id = 41", [])
            .expect("rm post");
        let sha = get(conn, &dir, id).expect("get").sha256;
        delete(conn, &dir, id).expect("delete");
        assert!(!path_of(&dir, &sha).exists());
        assert!(matches!(
            get(conn, &dir, id),
            Err(CoreError::NotFound { .. })
        ));
    }

    #[test]
    fn the_last_text_style_becomes_the_workspaces() {
        let (tmp, dir, store, ws) = setup();
        let conn = store.connection();
        let id = import(&store, &dir, ws, &tmp.path().join("photo.png"), [0, 0, 0]);
        assert_eq!(text_style(conn, ws).expect("none yet"), None);
        let overlay = TextOverlay {
            text: "Fresh today".into(),
            position: WatermarkPosition::TopRight,
            size: 0.1,
            color: "#ffcc00".into(),
            backdrop: false,
        };
        set_recipe(
            conn,
            id,
            &Recipe {
                text: Some(overlay.clone()),
                ..Recipe::default()
            },
        )
        .expect("recipe");
        let style = text_style(conn, ws).expect("style").expect("saved");
        assert_eq!(
            style,
            TextOverlay {
                text: String::new(),
                ..overlay
            }
        );
        // A recipe without text leaves the style as it was.
        set_recipe(conn, id, &Recipe::default()).expect("recipe");
        assert_eq!(text_style(conn, ws).expect("style"), Some(style));
    }

    #[test]
    fn renders_with_the_stored_recipe_and_watermark_leaving_the_original() {
        let (tmp, dir, store, ws) = setup();
        let conn = store.connection();
        let id = import(&store, &dir, ws, &tmp.path().join("photo.png"), [0, 0, 0]);
        let logo = import(
            &store,
            &dir,
            ws,
            &tmp.path().join("logo.png"),
            [255, 255, 255],
        );
        let original =
            std::fs::read(path_of(&dir, &get(conn, &dir, id).expect("get").sha256)).expect("read");
        let recipe = Recipe {
            crop: Some(Crop::centered(AspectPreset::Square, 300, 200)),
            watermark: true,
            ..Default::default()
        };
        set_recipe(conn, id, &recipe).expect("recipe");
        set_watermark(
            conn,
            ws,
            &WatermarkSettings {
                media_id: logo,
                position: WatermarkPosition::TopLeft,
                size: 0.2,
                opacity: 1.0,
            },
        )
        .expect("watermark");
        assert_eq!(get(conn, &dir, id).expect("get").recipe, recipe);
        let out = render_for(conn, &dir, id, &[RenderTarget::Bluesky]).expect("render");
        assert_eq!((out[0].summary.width, out[0].summary.height), (200, 200));
        let img = image::load_from_memory(&out[0].bytes)
            .expect("decode")
            .to_rgb8();
        assert!(img.get_pixel(15, 15)[0] > 200, "logo top-left");
        assert!(img.get_pixel(150, 150)[0] < 30);
        let after =
            std::fs::read(path_of(&dir, &get(conn, &dir, id).expect("get").sha256)).expect("read");
        assert_eq!(original, after, "the original is untouched");
        let bad = Recipe {
            rotate: 45,
            ..Default::default()
        };
        assert_eq!(
            set_recipe(conn, id, &bad).expect_err("bad").field(),
            Some("rotate")
        );
        assert!(delete(conn, &dir, logo).is_err(), "the logo is protected");
    }
}
