//! Forward-only, embedded schema migrations, tracked in SQLite's `user_version`.
//!
//! Rules: never edit a migration that has shipped; add a new file and append it here.
//! `tests::upgrades_from_every_earlier_version` seeds data at each old version and upgrades it.

use crate::{CoreError, Result};
use rusqlite::Connection;
use std::path::Path;

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_post_search.sql"),
    include_str!("migrations/0003_publishing.sql"),
    include_str!("migrations/0004_planning.sql"),
    include_str!("migrations/0005_inbox.sql"),
    include_str!("migrations/0006_post_tags.sql"),
    include_str!("migrations/0007_media_library.sql"),
    include_str!("migrations/0008_media_metadata.sql"),
    include_str!("migrations/0009_text_style.sql"),
];

pub fn latest_version() -> u32 {
    MIGRATIONS.len() as u32
}

pub fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Brings the schema up to `target` (at most [`latest_version`]), one transaction per step,
/// so a failure leaves the database at the last complete version.
pub fn migrate_to(conn: &mut Connection, path: &Path, target: u32) -> Result<u32> {
    let found = current_version(conn)?;
    let supported = latest_version();
    if found > supported {
        return Err(CoreError::SchemaTooNew {
            path: path.to_owned(),
            found,
            supported,
        });
    }
    for version in found..target.min(supported) {
        let tx = conn.transaction()?;
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(from = version, to = version + 1, "migrated database schema");
    }
    current_version(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::Store;

    /// Data that is valid at `version`, written with only the tables that version has.
    fn seed(conn: &Connection, version: u32) {
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO workspaces (id, name, timezone, created_at)
                     VALUES (1, 'Bakery', 'Europe/Berlin', '2026-01-01T09:00:00.000Z');
                 INSERT INTO channels (id, workspace_id, network, handle, created_at)
                     VALUES (1, 1, 'bluesky', 'bakery.test', '2026-01-01T09:00:00.000Z');
                 INSERT INTO posts (id, workspace_id, body, status, scheduled_at, timezone, created_at, updated_at)
                     VALUES (1, 1, 'Fresh croissants at seven', 'scheduled', '2026-04-01T05:00:00.000Z',
                             'Europe/Berlin', '2026-01-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z');
                 INSERT INTO media_assets (id, workspace_id, sha256, file_name, mime_type, byte_size, alt_text, created_at)
                     VALUES (1, 1, printf('%064d', 1), 'croissant.jpg', 'image/jpeg', 1234, 'A croissant', '2026-01-01T09:00:00.000Z');
                 INSERT INTO settings (key, value) VALUES ('preferences', '{\"theme\":\"dark\"}');",
            )
            .expect("seed v1");
        }
        if (1..3).contains(&version) {
            conn.execute_batch(
                "INSERT INTO post_variants (post_id, channel_id, body) VALUES (1, 1, NULL);
                 INSERT INTO post_media (post_id, media_id, position) VALUES (1, 1, 0);",
            )
            .expect("seed v1 targets");
        }
        if version >= 3 {
            // v3 moved the state and time onto the target and the alt text onto the media link.
            conn.execute_batch(
                "INSERT INTO post_variants (post_id, channel_id, body, state, due_at, next_attempt_at)
                     VALUES (1, 1, NULL, 'scheduled', '2026-04-01T05:00:00.000Z', '2026-04-01T05:00:00.000Z');
                 INSERT INTO post_media (post_id, segment, position, media_id, alt) VALUES (1, 0, 0, 1, 'A croissant');",
            )
            .expect("seed v3 targets");
        }
    }

    fn verify_seed_survived(store: &Store) {
        let conn = store.connection();
        let body: String = conn
            .query_row("SELECT body FROM posts WHERE id = 1", [], |r| r.get(0))
            .expect("post kept");
        assert_eq!(body, "Fresh croissants at seven");
        let variants: i64 = conn
            .query_row("SELECT count(*) FROM post_variants", [], |r| r.get(0))
            .expect("count");
        assert_eq!(variants, 1);
        // v2: existing posts are searchable after the upgrade.
        let hits: i64 = conn
            .query_row(
                "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'croissant*'",
                [],
                |r| r.get(0),
            )
            .expect("fts query");
        assert_eq!(hits, 1);
        // v3: the target took the post's status and time; the media link kept its alt text.
        let (state, due): (String, String) = conn
            .query_row("SELECT state, due_at FROM post_variants", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("target");
        assert_eq!(
            (state.as_str(), due.as_str()),
            ("scheduled", "2026-04-01T05:00:00.000Z")
        );
        let alt: String = conn
            .query_row(
                "SELECT alt FROM post_media WHERE post_id = 1 AND segment = 0",
                [],
                |r| r.get(0),
            )
            .expect("media link");
        assert_eq!(alt, "A croissant");
        // v4: the image count is filled in for existing posts.
        let images: i64 = conn
            .query_row("SELECT image_count FROM posts WHERE id = 1", [], |r| {
                r.get(0)
            })
            .expect("count");
        assert_eq!(images, 1);
    }

    #[test]
    fn upgrades_from_every_earlier_version() {
        for start in 0..latest_version() {
            let tmp = tempfile::tempdir().expect("tempdir");
            let path = tmp.path().join("db.sqlite3");
            {
                let mut conn = Connection::open(&path).expect("open");
                assert_eq!(
                    migrate_to(&mut conn, &path, start).expect("old schema"),
                    start
                );
                seed(&conn, start);
            }
            let store = Store::open(&path).expect("upgrade on open");
            assert_eq!(store.schema_version().expect("version"), latest_version());
            if start >= 1 {
                verify_seed_survived(&store);
            }
            let check: String = store
                .connection()
                .query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .expect("integrity check");
            assert_eq!(check, "ok", "upgrade from v{start}");
        }
    }

    #[test]
    fn refuses_a_database_from_a_newer_chorus() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("db.sqlite3");
        {
            let conn = Connection::open(&path).expect("open");
            conn.pragma_update(None, "user_version", latest_version() + 1)
                .expect("set version");
        }
        let err = Store::open(&path).expect_err("too new");
        assert_eq!(err.code(), crate::ErrorCode::Storage);
        assert!(err.to_string().contains("newer than this version"), "{err}");
    }

    #[test]
    fn a_failed_step_leaves_the_last_complete_version() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("db.sqlite3");
        let mut conn = Connection::open(&path).expect("open");
        migrate_to(&mut conn, &path, 1).expect("v1");
        // Sabotage v2: a table with its name already exists.
        conn.execute_batch("CREATE TABLE posts_fts (x)")
            .expect("sabotage");
        assert!(migrate_to(&mut conn, &path, latest_version()).is_err());
        assert_eq!(current_version(&conn).expect("version"), 1);
    }
}
