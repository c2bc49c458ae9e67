//! SQLite storage: one file in the data directory, WAL, foreign keys, busy timeout,
//! embedded forward-only migrations.
//!
//! # Design note: table owners, and a second backend (PostgreSQL, for a team mode)
//!
//! Not built; this is how it would go, and what stands in the way today.
//!
//! **Where it stands.** 68 public functions in 16 modules take a `rusqlite::Connection`, and
//! some tables have no single owner: `post_variants` (a post's per-channel targets) is
//! queried from `post`, `publish::{target, content, control}`, `calendar`, `overview`,
//! `channel`, `planning::{slots, csv_io}`, `inbox::store` and `service`.
//!
//! **1. One owner per table.** Each table gets one module that holds all of its SQL and its
//! read models; the others call it. `publish::target` owns `post_variants`' state machine
//! (claim, outcome, retry, pause), `post` owns what is written (bodies, options, images);
//! the calendar, the overview and CSV export ask them for read models (`CalendarEntry`, counts)
//! instead of joining the table themselves. This is worth doing on SQLite alone: it is where
//! exactly-once lives.
//!
//! **2. Owners behind traits.** Each owner's functions become a trait over domain types
//! (`TargetStore::claim_due(now) -> Option<Claim>`, `PostStore::create(NewPost)`,
//! `InboxStore::store_page(..)`), with no `rusqlite` type in a signature. `Store` becomes the
//! thing that hands them out (one `Arc<dyn Storage>` with `fn targets(&self) -> &dyn
//! TargetStore` and so on); today's code is the SQLite implementation, unchanged inside.
//! Services, jobs and commands see only the traits.
//!
//! **3. What PostgreSQL changes underneath.** Instants stored as RFC 3339 text become
//! `timestamptz`; JSON columns become `jsonb` and `json_each` becomes
//! `jsonb_array_elements`; the inbox's FTS5 search becomes a `tsvector` column with a GIN
//! index. The claim that makes publishing exactly-once (`target::claim_next`: one
//! `UPDATE … SET state = 'publishing', claim_token = … WHERE id = (the most overdue) AND state
//! = 'scheduled'`, safe because SQLite has one writer at a time) becomes `SELECT … FOR UPDATE
//! SKIP LOCKED` and the update in one transaction, so several machines can publish from
//! one database without two claiming one target. The data dir's file leases (`jobs::lease`)
//! become `pg_try_advisory_lock` keyed by the job's name, and the UDP wake-ups between
//! processes (`jobs::wake`) become `LISTEN`/`NOTIFY`. Media files move to shared storage
//! (the database keeps their hashes, as now).
//!
//! **4. Proving it.** Each backend has its own migrations with the same version numbers, and
//! both run one storage contract suite (as the network adapters run `chorus-testkit`'s): the
//! service tests, the crash and fault tests of publishing, and a two-writers claim race
//! against a real PostgreSQL started by the tests on 127.0.0.1.
//!
//! **Out of scope for it:** secrets stay in each machine's keychain, so a team mode needs its
//! own answer for sharing credentials (or per-member sign-ins).

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
