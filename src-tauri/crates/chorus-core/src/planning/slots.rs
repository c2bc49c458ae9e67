//! Weekly posting slots per channel ("Tuesdays at 09:00"), kept in the workspace's local clock
//! time, shown on the calendar as open slots, and used by "Add to queue" to pick the next
//! free one.

use super::local_time;
use crate::clock::to_db_instant;
use crate::{CoreError, Result};
use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// "Add to queue" looks this far ahead for a free slot.
const QUEUE_HORIZON_DAYS: i64 = 8 * 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlotInput {
    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    pub weekday: u8,
    /// Local clock time "HH:MM" in the workspace's zone.
    pub time: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostingSlot {
    pub channel_id: i64,
    pub weekday: u8,
    pub time: String,
}

/// One slot on one day, as the calendar draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SlotOccurrence {
    pub channel_id: i64,
    /// UTC, RFC 3339.
    pub at: String,
    /// A post of this channel is already planned at exactly this time.
    pub taken: bool,
}

fn parse_time(text: &str) -> Result<u16> {
    let t = NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        CoreError::validation(
            "slots",
            format!("\"{text}\" is not a time of day; write it as HH:MM, e.g. 09:30."),
        )
    })?;
    Ok((t.hour() * 60 + t.minute()) as u16)
}

fn format_minute(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Replaces a channel's weekly slots.
pub fn set_for_channel(
    conn: &mut Connection,
    channel_id: i64,
    slots: &[SlotInput],
) -> Result<Vec<PostingSlot>> {
    let mut parsed = Vec::with_capacity(slots.len());
    for slot in slots {
        if !(1..=7).contains(&slot.weekday) {
            return Err(CoreError::validation(
                "slots",
                format!(
                    "Weekday {} does not exist; use 1 (Monday) to 7 (Sunday).",
                    slot.weekday
                ),
            ));
        }
        parsed.push((slot.weekday, parse_time(&slot.time)?));
    }
    crate::channel::get(conn, channel_id)?;
    let tx = conn.transaction()?;
    tx.execute(
        "DELETE FROM posting_slots WHERE channel_id = ?1",
        [channel_id],
    )?;
    for (weekday, minute) in parsed {
        tx.execute(
            "INSERT INTO posting_slots (channel_id, weekday, minute) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![channel_id, weekday, minute],
        )?;
    }
    tx.commit()?;
    list(conn, None, Some(channel_id))
}

/// Slots of a workspace's channels (or of one channel), by channel, weekday and time.
pub fn list(
    conn: &Connection,
    workspace_id: Option<i64>,
    channel_id: Option<i64>,
) -> Result<Vec<PostingSlot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.channel_id, s.weekday, s.minute FROM posting_slots s
         JOIN channels c ON c.id = s.channel_id
         WHERE (?1 IS NULL OR c.workspace_id = ?1) AND (?2 IS NULL OR s.channel_id = ?2)
           AND c.status != 'disabled'
         ORDER BY s.channel_id, s.weekday, s.minute",
    )?;
    let rows = stmt.query_map(params![workspace_id, channel_id], |r| {
        Ok(PostingSlot {
            channel_id: r.get(0)?,
            weekday: r.get(1)?,
            time: format_minute(r.get(2)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every slot instant of `channels` in `[from, to)`, computed day by day in local time.
fn instants(
    conn: &Connection,
    workspace_id: i64,
    channels: Option<&[i64]>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, DateTime<Utc>)>> {
    let tz = local_time::zone(&crate::workspace::get(conn, workspace_id)?.timezone)?;
    let slots: Vec<PostingSlot> = list(conn, Some(workspace_id), None)?
        .into_iter()
        .filter(|s| channels.is_none_or(|c| c.contains(&s.channel_id)))
        .collect();
    let mut out = Vec::new();
    if slots.is_empty() {
        return Ok(out);
    }
    let mut day = from.with_timezone(&tz).date_naive();
    let last = to.with_timezone(&tz).date_naive();
    while day <= last {
        let weekday = day.weekday().number_from_monday() as u8;
        for slot in slots.iter().filter(|s| s.weekday == weekday) {
            let minute = parse_time(&slot.time)?;
            let local = day.and_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0);
            let Some(local) = local else { continue };
            let at = local_time::resolve(tz, local);
            if at >= from && at < to {
                out.push((slot.channel_id, at));
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    out.sort_by_key(|&(channel, at)| (at, channel));
    Ok(out)
}

fn is_taken(conn: &Connection, channel_id: i64, at: DateTime<Utc>) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM post_variants WHERE channel_id = ?1 AND due_at = ?2)",
        )?
        .query_row(params![channel_id, to_db_instant(at)], |r| r.get(0))?)
}

/// The slots the calendar shows in `[from, to)`, each saying whether a post already fills it.
pub fn occurrences(
    conn: &Connection,
    workspace_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SlotOccurrence>> {
    instants(conn, workspace_id, None, from, to)?
        .into_iter()
        .map(|(channel_id, at)| {
            Ok(SlotOccurrence {
                channel_id,
                at: to_db_instant(at),
                taken: is_taken(conn, channel_id, at)?,
            })
        })
        .collect()
}

/// "Add to queue": the first slot after `after` of any of `channel_ids` that none of them
/// has a post at yet. `None` when they have no slots, or none is free within eight weeks.
pub fn next_free(
    conn: &Connection,
    workspace_id: i64,
    channel_ids: &[i64],
    after: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let to = after + Duration::days(QUEUE_HORIZON_DAYS);
    for (_, at) in instants(conn, workspace_id, Some(channel_ids), after, to)? {
        if at <= after {
            continue;
        }
        let mut free = true;
        for &c in channel_ids {
            if is_taken(conn, c, at)? {
                free = false;
                break;
            }
        }
        if free {
            return Ok(Some(at));
        }
    }
    Ok(None)
}
