//! The media library's storage: files content-addressed on disk (media/<sha256>), catalogued
//! in SQLite. The same file imported twice into a workspace is stored once.

use crate::clock::{Clock, to_db_instant};
use crate::{CoreError, DataDir, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bigger files are refused at import.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MediaAsset {
    pub id: i64,
    pub workspace_id: i64,
    pub sha256: String,
    pub file_name: String,
    pub mime_type: String,
    pub byte_size: i64,
    pub width: u32,
    pub height: u32,
}

pub fn path_of(dir: &DataDir, sha256: &str) -> PathBuf {
    dir.media_dir().join(sha256)
}

fn invalid(path: &Path, why: impl std::fmt::Display) -> CoreError {
    CoreError::validation(
        "images",
        format!("{} cannot be used: {why}", path.display()),
    )
}

/// An image file read and checked (size, format, dimensions under decoder limits), not yet
/// stored: what validation looks at before anything is written.
#[derive(Debug, Clone)]
pub struct LoadedImage {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub mime_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
}

/// Reads an image file from disk and checks it; writes nothing.
pub fn read_image(path: &Path) -> Result<LoadedImage> {
    let meta = std::fs::metadata(path).map_err(|e| invalid(path, e))?;
    if !meta.is_file() {
        return Err(invalid(path, "it is not a file"));
    }
    if meta.len() == 0 {
        return Err(invalid(path, "the file is empty"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(invalid(
            path,
            format!(
                "it is {} MB; the limit is {} MB",
                meta.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| invalid(path, e))?;
    let probe = super::decode::probe(&bytes).map_err(|why| invalid(path, why))?;
    let (mime_type, width, height) = (probe.mime_type, probe.width, probe.height);
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok(LoadedImage {
        path: path.to_owned(),
        bytes,
        mime_type,
        width,
        height,
        sha256,
    })
}

/// Imports an image file from disk into the workspace's media library.
#[tracing::instrument(skip_all, fields(path = %path.display()))]
pub fn import_image(
    conn: &Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    workspace_id: i64,
    path: &Path,
) -> Result<MediaAsset> {
    store_image(conn, clock, dir, workspace_id, &read_image(path)?)
}

/// Files an image read by [`read_image`] into the workspace's library (once per content).
pub fn store_image(
    conn: &Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    workspace_id: i64,
    image: &LoadedImage,
) -> Result<MediaAsset> {
    let LoadedImage {
        path,
        bytes,
        mime_type,
        width,
        height,
        sha256,
    } = image;
    if let Some(existing) = find_by_hash(conn, workspace_id, sha256)? {
        return Ok(existing);
    }
    let target = path_of(dir, sha256);
    if !target.exists() {
        // Write beside, then rename: a crash never leaves a half file under the final name.
        let partial = target.with_extension("partial");
        std::fs::write(&partial, bytes)
            .map_err(|e| CoreError::io(format!("cannot write {}", partial.display()), e))?;
        std::fs::rename(&partial, &target)
            .map_err(|e| CoreError::io(format!("cannot write {}", target.display()), e))?;
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    conn.execute(
        "INSERT INTO media_assets (workspace_id, sha256, file_name, mime_type, byte_size, width, height, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            workspace_id,
            sha256,
            file_name,
            mime_type,
            bytes.len() as i64,
            width,
            height,
            to_db_instant(clock.now())
        ],
    )?;
    find_by_hash(conn, workspace_id, sha256)?
        .ok_or_else(|| CoreError::Corrupt("a media asset vanished right after import".into()))
}

fn find_by_hash(conn: &Connection, workspace_id: i64, sha256: &str) -> Result<Option<MediaAsset>> {
    Ok(conn
        .query_row(
            "SELECT id, workspace_id, sha256, file_name, mime_type, byte_size, width, height
             FROM media_assets WHERE workspace_id = ?1 AND sha256 = ?2",
            params![workspace_id, sha256],
            |r| {
                Ok(MediaAsset {
                    id: r.get(0)?,
                    workspace_id: r.get(1)?,
                    sha256: r.get(2)?,
                    file_name: r.get(3)?,
                    mime_type: r.get(4)?,
                    byte_size: r.get(5)?,
                    width: r.get::<_, Option<u32>>(6)?.unwrap_or(0),
                    height: r.get::<_, Option<u32>>(7)?.unwrap_or(0),
                })
            },
        )
        .optional()?)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{self, NewWorkspace};
    use crate::{Store, SystemClock};

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

    fn png(path: &Path, w: u32, h: u32) {
        image::RgbImage::from_pixel(w, h, image::Rgb([200, 80, 20]))
            .save(path)
            .expect("write png");
    }

    #[test]
    fn imports_once_per_content() {
        let (tmp, dir, store, ws) = setup();
        let a = tmp.path().join("a.png");
        let b = tmp.path().join("copy-of-a.png");
        png(&a, 64, 48);
        std::fs::copy(&a, &b).expect("copy");
        let first = import_image(store.connection(), &SystemClock, &dir, ws, &a).expect("import");
        let second = import_image(store.connection(), &SystemClock, &dir, ws, &b).expect("import");
        assert_eq!(first.id, second.id);
        assert_eq!(
            (first.mime_type.as_str(), first.width, first.height),
            ("image/png", 64, 48)
        );
        assert!(path_of(&dir, &first.sha256).is_file());
    }

    #[test]
    fn refuses_empty_corrupt_and_unsupported_files_clearly() {
        let (tmp, dir, store, ws) = setup();
        let cases = [
            ("empty.png", b"".to_vec(), "the file is empty"),
            (
                "junk.jpg",
                b"\xff\xd8\xff\xe0 not really a jpeg".to_vec(),
                "damaged",
            ),
            (
                "drawing.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec(),
                "SVG drawings are not supported",
            ),
        ];
        for (name, bytes, expected) in cases {
            let path = tmp.path().join(name);
            std::fs::write(&path, bytes).expect("write");
            let err =
                import_image(store.connection(), &SystemClock, &dir, ws, &path).expect_err(name);
            assert_eq!(err.field(), Some("images"));
            assert!(err.to_string().contains(expected), "{name}: {err}");
        }
        let missing = import_image(
            store.connection(),
            &SystemClock,
            &dir,
            ws,
            &tmp.path().join("nope.png"),
        )
        .expect_err("missing");
        assert!(missing.to_string().contains("nope.png"), "{missing}");
    }

    #[test]
    fn refuses_a_png_that_declares_a_huge_size_before_decoding() {
        let (tmp, dir, store, ws) = setup();
        // A valid PNG claiming 100000 x 100000 pixels, with a few bytes of pixel data.
        let bytes = chorus_media::fixtures::png_declaring(100_000, 100_000);
        let path = tmp.path().join("bomb.png");
        std::fs::write(&path, &bytes).expect("write");
        let err =
            import_image(store.connection(), &SystemClock, &dir, ws, &path).expect_err("bomb");
        assert!(
            err.to_string().contains("too large") || err.to_string().contains("limit"),
            "{err}"
        );
    }
}
