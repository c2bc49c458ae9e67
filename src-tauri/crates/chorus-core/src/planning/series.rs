//! A repeating post: one post per occurrence of its rule, all made or none.

use super::{local_time, recurrence};
use crate::clock::{Clock, to_db_instant};
use crate::post::{self, NetworkCheck, NewPost, When};
use crate::{CoreError, DataDir, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Makes the series' posts and returns their ids in time order. Each occurrence is validated
/// like a post made by hand; if any is refused, none is kept.
pub fn create(
    conn: &mut Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    first: &NewPost,
    rule: &str,
    check: NetworkCheck<'_>,
) -> Result<Vec<i64>> {
    let times = occurrences(conn, first, rule)?;
    post::prepare(conn, clock, first, check)?;
    let made = create_copies(conn, clock, dir, first, &times, check)?;
    join_series(conn, clock, first, rule, &made)?;
    Ok(made)
}

/// Makes an existing post repeat: it takes the rule's first occurrence (with `content`, the
/// composer's current version of it) and each later occurrence becomes a copy of it. Every
/// occurrence is checked before anything changes; a post that has gone out, or already
/// repeats, is refused. Returns the series' post ids in time order, `post_id` first.
pub fn repeat_existing(
    conn: &mut Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    post_id: i64,
    content: &NewPost,
    rule: &str,
    check: NetworkCheck<'_>,
) -> Result<Vec<i64>> {
    post::check_unsent(conn, post_id, "made to repeat")?;
    let series: Option<i64> = conn
        .query_row(
            "SELECT series_id FROM posts WHERE id = ?1",
            [post_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if series.is_some() {
        return Err(CoreError::validation(
            "recurrence",
            "This post already repeats. Change the posts of its series one by one, or delete them and make a new repeating post.",
        ));
    }
    let times = occurrences(conn, content, rule)?;
    // Check every occurrence first: the edit below is kept only if the copies can be made.
    for &at in &times {
        post::prepare(conn, clock, &at_time(content, at), check)?;
    }
    let (&first, later) = times
        .split_first()
        .ok_or_else(|| CoreError::Corrupt("a checked rule gave no occurrence".into()))?;
    post::update(conn, clock, dir, post_id, &at_time(content, first), check)?;
    let mut ids = vec![post_id];
    ids.extend(create_copies(conn, clock, dir, content, later, check)?);
    join_series(conn, clock, content, rule, &ids)?;
    Ok(ids)
}

/// The rule's occurrences in the post's workspace's clock time, starting at the post's time.
fn occurrences(conn: &Connection, first: &NewPost, rule: &str) -> Result<Vec<DateTime<Utc>>> {
    let When::At(start) = first.when else {
        return Err(CoreError::validation(
            "recurrence",
            "A repeating post needs the date and time of its first post.",
        ));
    };
    let ws = crate::workspace::get(conn, first.workspace_id)?;
    recurrence::expand(rule, local_time::zone(&ws.timezone)?, start)
}

fn at_time(content: &NewPost, at: DateTime<Utc>) -> NewPost {
    NewPost {
        when: When::At(at),
        ..content.clone()
    }
}

/// One post of `content` per time; if one is refused, those already made are taken back.
fn create_copies(
    conn: &mut Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    content: &NewPost,
    times: &[DateTime<Utc>],
    check: NetworkCheck<'_>,
) -> Result<Vec<i64>> {
    let mut made = Vec::with_capacity(times.len());
    for &at in times {
        match post::create(conn, clock, dir, &at_time(content, at), check) {
            Ok(id) => made.push(id),
            Err(e) => {
                for id in &made {
                    conn.execute("DELETE FROM posts WHERE id = ?1", [id])?;
                }
                return Err(e);
            }
        }
    }
    Ok(made)
}

/// Records the series and marks its posts as members.
fn join_series(
    conn: &mut Connection,
    clock: &dyn Clock,
    first: &NewPost,
    rule: &str,
    post_ids: &[i64],
) -> Result<()> {
    let When::At(start) = first.when else {
        return Err(CoreError::Corrupt("a series without a start".into()));
    };
    let ws = crate::workspace::get(conn, first.workspace_id)?;
    let ids = serde_json::to_string(post_ids).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO post_series (workspace_id, rrule, timezone, starts_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            ws.id,
            rule.trim(),
            ws.timezone,
            to_db_instant(start),
            to_db_instant(clock.now())
        ],
    )?;
    let series_id = tx.last_insert_rowid();
    tx.execute(
        "UPDATE posts SET series_id = ?1 WHERE id IN (SELECT value FROM json_each(?2))",
        params![series_id, ids],
    )?;
    tx.commit()?;
    Ok(())
}
