//! Counts for the overview screen and `chorus doctor`.

use crate::clock::to_db_instant;
use crate::workspace::{self, Workspace};
use crate::{Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceOverview {
    pub workspace: Workspace,
    pub channels: u32,
    pub posts: u32,
    pub scheduled_posts: u32,
    pub media_assets: u32,
    /// RFC 3339 instant in UTC of the next scheduled post, if any.
    pub next_scheduled_at: Option<String>,
}

fn count(conn: &Connection, sql: &str, id: i64) -> Result<u32> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

/// What one workspace holds. `now` decides which scheduled post is "next".
pub fn workspace_overview(
    conn: &Connection,
    workspace_id: i64,
    now: DateTime<Utc>,
) -> Result<WorkspaceOverview> {
    let workspace = workspace::get(conn, workspace_id)?;
    let next_scheduled_at = conn
        .query_row(
            "SELECT min(v.due_at) FROM post_variants v JOIN posts p ON p.id = v.post_id
             WHERE p.workspace_id = ?1 AND v.state IN ('scheduled', 'paused') AND v.due_at >= ?2",
            rusqlite::params![workspace_id, to_db_instant(now)],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten();
    Ok(WorkspaceOverview {
        channels: count(
            conn,
            "SELECT count(*) FROM channels WHERE workspace_id = ?1",
            workspace_id,
        )?,
        posts: count(
            conn,
            "SELECT count(*) FROM posts WHERE workspace_id = ?1",
            workspace_id,
        )?,
        scheduled_posts: count(
            conn,
            "SELECT count(DISTINCT p.id) FROM posts p JOIN post_variants v ON v.post_id = p.id
             WHERE p.workspace_id = ?1 AND v.state IN ('scheduled', 'paused', 'publishing')",
            workspace_id,
        )?,
        media_assets: count(
            conn,
            "SELECT count(*) FROM media_assets WHERE workspace_id = ?1",
            workspace_id,
        )?,
        next_scheduled_at,
        workspace,
    })
}

/// Whole-database figures for `chorus doctor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseCounts {
    pub workspaces: i64,
    pub channels: i64,
    pub posts: i64,
    pub media_assets: i64,
    pub publish_attempts: i64,
}

pub fn database_counts(store: &Store) -> Result<DatabaseCounts> {
    let conn = store.connection();
    let n = |table: &str| -> Result<i64> {
        Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(DatabaseCounts {
        workspaces: n("workspaces")?,
        channels: n("channels")?,
        posts: n("posts")?,
        media_assets: n("media_assets")?,
        publish_attempts: n("publish_attempts")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::NewWorkspace;
    use crate::{ErrorCode, SystemClock};
    use chrono::TimeZone;

    #[test]
    fn counts_only_the_workspace_asked_for_and_finds_the_next_post() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let conn = store.connection();
        let mk = |name: &str| {
            workspace::create(
                conn,
                &SystemClock,
                &NewWorkspace {
                    name: name.into(),
                    timezone: "UTC".into(),
                },
            )
            .expect("create")
        };
        let a = mk("A");
        let b = mk("B");
        conn.execute_batch(&format!(
            "INSERT INTO channels (id, workspace_id, network, handle, created_at) VALUES (1, {a}, 'nostr', 'npub1', 'x'),
               (2, {b}, 'nostr', 'npub2', 'x');
             INSERT INTO posts (id, workspace_id, body, status, scheduled_at, timezone, created_at, updated_at) VALUES
               (1, {a}, 'past',   'scheduled', '2026-11-01T10:00:00.000Z', 'UTC', 'x', 'x'),
               (2, {a}, 'soon',   'scheduled', '2026-12-01T10:00:00.000Z', 'UTC', 'x', 'x'),
               (3, {a}, 'later',  'scheduled', '2026-12-24T10:00:00.000Z', 'UTC', 'x', 'x'),
               (4, {a}, 'draft',  'draft',     NULL,                       'UTC', 'x', 'x'),
               (5, {b}, 'b-post', 'scheduled', '2026-11-30T10:00:00.000Z', 'UTC', 'x', 'x');
             INSERT INTO post_variants (post_id, channel_id, state, due_at) VALUES
               (1, 1, 'published', '2026-11-01T10:00:00.000Z'),
               (2, 1, 'scheduled', '2026-12-01T10:00:00.000Z'),
               (3, 1, 'paused',    '2026-12-24T10:00:00.000Z'),
               (4, 1, 'draft',     NULL),
               (5, 2, 'scheduled', '2026-11-30T10:00:00.000Z');",
            a = a.id,
            b = b.id
        ))
        .expect("seed");
        let now = Utc
            .with_ymd_and_hms(2026, 11, 25, 0, 0, 0)
            .single()
            .expect("valid");
        let o = workspace_overview(conn, a.id, now).expect("overview");
        assert_eq!(
            (o.channels, o.posts, o.scheduled_posts, o.media_assets),
            (1, 4, 2, 0)
        );
        assert_eq!(
            o.next_scheduled_at.as_deref(),
            Some("2026-12-01T10:00:00.000Z")
        );
        let counts = database_counts(&store).expect("counts");
        assert_eq!((counts.workspaces, counts.posts), (2, 5));
    }

    #[test]
    fn missing_workspace_is_not_found() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let err = workspace_overview(store.connection(), 9, Utc::now()).expect_err("missing");
        assert_eq!(err.code(), ErrorCode::NotFound);
    }
}
