//! The durable per-(post, channel) state machine, in SQL.
//!
//! ```text
//! draft -> scheduled -> publishing -> published | failed | missed | unconfirmed
//!          scheduled <-> paused            publishing -> scheduled (retry later)
//! ```
//! A target moves to `publishing` only through [`claim_next`], one atomic UPDATE guarded by
//! `state = 'scheduled'`, so two engines (or two loops) can never both publish it. Each thread
//! segment's remote id is saved the moment it is out ([`save_segment`]), so a retry resumes.

use crate::clock::to_db_instant;
use crate::{CoreError, Result};
use chorus_networks::RemotePost;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TargetState {
    Draft,
    Scheduled,
    Publishing,
    Published,
    Failed,
    Missed,
    Paused,
    Unconfirmed,
}

impl TargetState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Publishing => "publishing",
            Self::Published => "published",
            Self::Failed => "failed",
            Self::Missed => "missed",
            Self::Paused => "paused",
            Self::Unconfirmed => "unconfirmed",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "draft" => Self::Draft,
            "scheduled" => Self::Scheduled,
            "publishing" => Self::Publishing,
            "published" => Self::Published,
            "failed" => Self::Failed,
            "missed" => Self::Missed,
            "paused" => Self::Paused,
            "unconfirmed" => Self::Unconfirmed,
            other => return Err(CoreError::Corrupt(format!("unknown target state {other}"))),
        })
    }
}

/// A target this engine run owns (state `publishing`, our claim token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub post_id: i64,
    pub channel_id: i64,
    /// Attempts so far, this one included.
    pub attempt: u32,
    pub key_created_at: DateTime<Utc>,
    /// Handed to the network's own scheduler: this claim only confirms that it went out.
    pub on_server: bool,
}

/// How long after the due time a server-scheduled post is looked for on the network.
pub const SERVER_CONFIRM_DELAY: chrono::Duration = chrono::Duration::minutes(2);

fn parse_instant(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| CoreError::Corrupt(format!("bad instant {s:?}: {e}")))
}

fn claimed_from(conn: &Connection, id: i64) -> Result<Claimed> {
    let (post_id, channel_id, attempt, key, delivery): (i64, i64, u32, String, String) = conn
        .prepare_cached(
            "SELECT post_id, channel_id, attempt_count, key_created_at, delivery FROM post_variants WHERE id = ?1",
        )?
        .query_row(
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    Ok(Claimed {
        id,
        post_id,
        channel_id,
        attempt,
        key_created_at: parse_instant(&key)?,
        on_server: delivery == "server",
    })
}

/// Atomically takes the most overdue scheduled target, if any is due at `now`. A target handed
/// to the network's scheduler is taken [`SERVER_CONFIRM_DELAY`] after its time, to confirm it.
pub fn claim_next(conn: &Connection, now: DateTime<Utc>, token: &str) -> Result<Option<Claimed>> {
    let now_s = to_db_instant(now);
    let confirm_s = to_db_instant(now - SERVER_CONFIRM_DELAY);
    let id: Option<i64> = conn
        .prepare_cached(
            "UPDATE post_variants
             SET state = 'publishing', claim_token = ?2, attempt_count = attempt_count + 1,
                 key_created_at = COALESCE(key_created_at, ?1)
             WHERE id = (SELECT id FROM post_variants
                         WHERE state = 'scheduled'
                           AND ((delivery = 'local' AND next_attempt_at <= ?1)
                             OR (delivery = 'server' AND server_schedule_id IS NOT NULL AND next_attempt_at <= ?3))
                         ORDER BY next_attempt_at, id LIMIT 1)
               AND state = 'scheduled'
             RETURNING id",
        )?
        .query_row(params![now_s, token, confirm_s], |r| r.get(0))
        .optional()?;
    id.map(|id| claimed_from(conn, id)).transpose()
}

/// Takes over targets left in `publishing` by an engine run that is gone (a crash, a kill,
/// a power cut). They must be reconciled with the network before anything is re-sent.
///
/// The interrupted attempt is closed in the activity log, and it does not count against the
/// retry budget: being killed is not the network failing.
pub fn claim_orphans(conn: &Connection, token: &str, now: DateTime<Utc>) -> Result<Vec<Claimed>> {
    let mut stmt = conn.prepare_cached(
        "UPDATE post_variants SET claim_token = ?1
         WHERE state = 'publishing' AND (claim_token IS NULL OR claim_token != ?1)
         RETURNING id",
    )?;
    let mut ids: Vec<i64> = stmt
        .query_map([token], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    ids.sort_unstable();
    for &id in &ids {
        conn.prepare_cached(
            "UPDATE publish_attempts SET outcome = 'failed', finished_at = ?2, error_code = 'interrupted',
                    message = 'Chorus stopped during this attempt; the next start checked the network before going on'
             WHERE variant_id = ?1 AND outcome = 'in_progress'",
        )?
        .execute(params![id, to_db_instant(now)])?;
    }
    ids.into_iter().map(|id| claimed_from(conn, id)).collect()
}

/// When the next scheduled target comes due (it may be in the past).
pub fn next_due(conn: &Connection) -> Result<Option<DateTime<Utc>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT (SELECT min(next_attempt_at) FROM post_variants WHERE state = 'scheduled' AND delivery = 'local'),
                (SELECT min(next_attempt_at) FROM post_variants
                 WHERE state = 'scheduled' AND delivery = 'server' AND server_schedule_id IS NOT NULL)",
    )?;
    let (local, server): (Option<String>, Option<String>) =
        stmt.query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let local = local.as_deref().map(parse_instant).transpose()?;
    let server = server
        .as_deref()
        .map(parse_instant)
        .transpose()?
        .map(|at| at + SERVER_CONFIRM_DELAY);
    Ok(match (local, server) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    })
}

pub struct MissedTarget {
    pub id: i64,
    pub post_id: i64,
    pub channel: String,
    pub due_at: String,
}

/// Marks targets that were never attempted and are overdue by more than `grace` as missed.
pub fn mark_missed(
    conn: &Connection,
    now: DateTime<Utc>,
    grace: chrono::Duration,
) -> Result<Vec<MissedTarget>> {
    let cutoff = to_db_instant(now - grace);
    let mut stmt = conn.prepare_cached(
        "UPDATE post_variants
         SET state = 'missed', last_error_code = 'missed',
             last_error = 'Chorus was not running (closed, asleep or paused) when this was due, and it is now too late to publish on time.'
         WHERE state = 'scheduled' AND delivery = 'local' AND attempt_count = 0 AND due_at < ?1
         RETURNING id, post_id, channel_id, due_at",
    )?;
    let rows: Vec<(i64, i64, i64, String)> = stmt
        .query_map([cutoff], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(id, post_id, channel_id, due_at)| {
            Ok(MissedTarget {
                id,
                post_id,
                channel: channel_label(conn, channel_id)?,
                due_at,
            })
        })
        .collect()
}

/// "handle (network)", for messages.
pub fn channel_label(conn: &Connection, channel_id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT handle || ' (' || network || ')' FROM channels WHERE id = ?1")?
        .query_row([channel_id], |r| r.get(0))?)
}

/// The segments already out, in order.
pub fn done_segments(conn: &Connection, target_id: i64) -> Result<Vec<(u32, RemotePost)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT segment, remote_id, remote_cid, remote_url FROM target_segments
         WHERE variant_id = ?1 ORDER BY segment",
    )?;
    let rows = stmt.query_map([target_id], |r| {
        Ok((
            r.get(0)?,
            RemotePost {
                id: r.get(1)?,
                cid: r.get(2)?,
                url: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn save_segment(
    conn: &Connection,
    target_id: i64,
    segment: u32,
    remote: &RemotePost,
    now: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO target_segments (variant_id, segment, remote_id, remote_cid, remote_url, published_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (variant_id, segment) DO NOTHING",
    )?
    .execute(params![target_id, segment, remote.id, remote.cid, remote.url, to_db_instant(now)])?;
    Ok(())
}

/// One line of the post's activity log.
pub fn start_attempt(
    conn: &Connection,
    target_id: i64,
    segment: Option<u32>,
    now: DateTime<Utc>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO publish_attempts (variant_id, segment, started_at, outcome) VALUES (?1, ?2, ?3, 'in_progress')",
    )?
    .execute(params![target_id, segment, to_db_instant(now)])?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    Published,
    Failed,
    Unconfirmed,
}

pub fn finish_attempt(
    conn: &Connection,
    attempt_id: i64,
    outcome: AttemptOutcome,
    error_code: Option<&str>,
    message: &str,
    remote_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    let outcome = match outcome {
        AttemptOutcome::Published => "published",
        AttemptOutcome::Failed => "failed",
        AttemptOutcome::Unconfirmed => "unconfirmed",
    };
    conn.prepare_cached(
        "UPDATE publish_attempts SET finished_at = ?2, outcome = ?3, error_code = ?4, message = ?5, remote_id = ?6
         WHERE id = ?1",
    )?
    .execute(params![attempt_id, to_db_instant(now), outcome, error_code, message, remote_id])?;
    Ok(())
}

/// Ends a claim. Only the owner (same claim token) can move a `publishing` target.
pub fn release(
    conn: &Connection,
    target_id: i64,
    token: &str,
    to: TargetState,
    next_attempt_at: Option<DateTime<Utc>>,
    error: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> Result<()> {
    let (code, message) = error.unwrap_or(("", ""));
    let published_at = (to == TargetState::Published).then(|| to_db_instant(now));
    let changed = conn
        .prepare_cached(
            "UPDATE post_variants
         SET state = ?3, claim_token = NULL,
             next_attempt_at = COALESCE(?4, next_attempt_at),
             last_error_code = ?5, last_error = ?6,
             published_at = COALESCE(?7, published_at)
         WHERE id = ?1 AND state = 'publishing' AND claim_token = ?2",
        )?
        .execute(params![
            target_id,
            token,
            to.as_str(),
            next_attempt_at.map(to_db_instant),
            code,
            message,
            published_at
        ])?;
    if changed == 0 {
        return Err(CoreError::Conflict(format!(
            "target {target_id} is no longer claimed by this engine"
        )));
    }
    Ok(())
}

/// Targets waiting to be handed to their network's scheduler.
pub fn pending_server_handoffs(conn: &Connection, post_id: i64) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, channel_id, due_at FROM post_variants
         WHERE post_id = ?1 AND delivery = 'server' AND state IN ('scheduled', 'paused') AND server_schedule_id IS NULL",
    )?;
    let rows = stmt.query_map([post_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The network took the post: remember its schedule id and the key's creation time.
pub fn record_server_schedule(
    conn: &Connection,
    target_id: i64,
    schedule_id: &str,
    key_created_at: DateTime<Utc>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE post_variants SET server_schedule_id = ?2, key_created_at = ?3, last_error = '', last_error_code = ''
         WHERE id = ?1",
    )?
    .execute(params![target_id, schedule_id, to_db_instant(key_created_at)])?;
    Ok(())
}

/// The network gave the post back; it waits to be handed over again.
pub fn forget_server_schedule(conn: &Connection, target_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE post_variants SET server_schedule_id = NULL WHERE id = ?1")?
        .execute([target_id])?;
    Ok(())
}

/// Chorus publishes this target itself after all; `why` is shown to the user.
pub fn deliver_locally(conn: &Connection, target_id: i64, code: &str, why: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE post_variants SET delivery = 'local', server_schedule_id = NULL, last_error_code = ?2, last_error = ?3
         WHERE id = ?1",
    )?
    .execute(params![target_id, code, why])?;
    Ok(())
}

/// Targets sitting in a network's scheduler: (target, channel, schedule id).
pub fn on_server(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    on_server_where(conn, None)
}

/// The same, for one post's targets.
pub fn on_server_of_post(conn: &Connection, post_id: i64) -> Result<Vec<(i64, i64, String)>> {
    on_server_where(conn, Some(post_id))
}

fn on_server_where(conn: &Connection, post_id: Option<i64>) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, channel_id, server_schedule_id FROM post_variants
         WHERE delivery = 'server' AND state = 'scheduled' AND server_schedule_id IS NOT NULL
           AND (?1 IS NULL OR post_id = ?1)",
    )?;
    let rows = stmt.query_map([post_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
