//! SQLite storage: one file in the data directory, WAL, foreign keys, busy timeout,
//! embedded forward-only migrations.

pub mod migrations;

use crate::Result;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another (the CLI and the app may share the database).
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open, migrated Chorus database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path` and migrates it to the latest schema.
    #[tracing::instrument(skip_all, fields(path = %path.as_ref().display()))]
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_owned();
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        migrations::migrate_to(&mut conn, &path, migrations::latest_version())?;
        Ok(Self { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn schema_version(&self) -> Result<u32> {
        migrations::current_version(&self.conn)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // journal_mode answers with the mode in force; WAL sticks to the file once set.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "SQLite refused WAL mode; continuing with it");
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "normal")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_temp() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        (tmp, store)
    }

    #[test]
    fn opens_in_wal_mode_with_foreign_keys_and_a_busy_timeout() {
        let (_tmp, store) = open_temp();
        let conn = store.connection();
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .expect("journal_mode");
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .expect("foreign_keys");
        assert_eq!(fk, 1);
        let timeout: i64 = conn
            .pragma_query_value(None, "busy_timeout", |r| r.get(0))
            .expect("busy_timeout");
        assert_eq!(timeout, BUSY_TIMEOUT.as_millis() as i64);
    }

    #[test]
    fn foreign_keys_are_enforced() {
        let (_tmp, store) = open_temp();
        let err = store
            .connection()
            .execute(
                "INSERT INTO channels (workspace_id, network, handle, created_at)
                 VALUES (999, 'bluesky', 'x.test', '2026-01-01T00:00:00.000Z')",
                [],
            )
            .expect_err("no such workspace");
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    }

    #[test]
    fn fts5_is_compiled_in() {
        let (_tmp, store) = open_temp();
        store
            .connection()
            .execute_batch(
                "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('hello world');",
            )
            .expect("fts5 available");
    }

    #[test]
    fn reopening_is_idempotent() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("db.sqlite3");
        let first = Store::open(&path).expect("first open");
        let version = first.schema_version().expect("version");
        drop(first);
        let second = Store::open(&path).expect("second open");
        assert_eq!(second.schema_version().expect("version"), version);
    }
}
