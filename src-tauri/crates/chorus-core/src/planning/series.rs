//! A repeating post: one post per occurrence of its rule, all made or none.

use super::{local_time, recurrence};
use crate::clock::{Clock, to_db_instant};
use crate::post::{self, NetworkCheck, NewPost, When};
use crate::{CoreError, DataDir, Result};
use rusqlite::{Connection, params};

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
    let When::At(start) = first.when else {
        return Err(CoreError::validation(
            "recurrence",
            "A repeating post needs the date and time of its first post.",
        ));
    };
    let ws = crate::workspace::get(conn, first.workspace_id)?;
    let times = recurrence::expand(rule, local_time::zone(&ws.timezone)?, start)?;
    post::prepare(conn, clock, first, check)?;
    conn.execute(
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
    let series_id = conn.last_insert_rowid();
    let mut made = Vec::with_capacity(times.len());
    for at in times {
        let occurrence = NewPost {
            when: When::At(at),
            ..first.clone()
        };
        match post::create(conn, clock, dir, &occurrence, check) {
            Ok(id) => made.push(id),
            Err(e) => {
                // All or none: take back what this call made.
                for id in &made {
                    conn.execute("DELETE FROM posts WHERE id = ?1", [id])?;
                }
                conn.execute("DELETE FROM post_series WHERE id = ?1", [series_id])?;
                return Err(e);
            }
        }
    }
    let ids = serde_json::to_string(&made).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    conn.execute(
        "UPDATE posts SET series_id = ?1 WHERE id IN (SELECT value FROM json_each(?2))",
        params![series_id, ids],
    )?;
    Ok(made)
}
