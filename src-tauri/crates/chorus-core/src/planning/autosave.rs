//! The composer's autosave buffer: whatever the user has typed, written within a second, so
//! that closing the window, a crash or a power cut loses nothing. The UI owns the shape of the
//! state (a JSON document); Chorus only keeps it safe until the post is saved or discarded.

use crate::clock::{Clock, to_db_instant};
use crate::{CoreError, Result};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

/// More than this is not typing; it is a bug or an attack on the disk.
const MAX_STATE_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ComposerState {
    /// "new" for an unsaved post, "post:<id>" while editing one.
    pub slot: String,
    /// The composer's own JSON document.
    pub state: String,
    pub saved_at: String,
}

fn check_slot(slot: &str) -> Result<()> {
    let ok = slot == "new"
        || slot
            .strip_prefix("post:")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(CoreError::validation(
            "slot",
            format!("\"{slot}\" is not a composer slot (\"new\" or \"post:<id>\")."),
        ))
    }
}

/// Saves the composer's state durably: this one write is synced to disk (synchronous=FULL)
/// even though the database otherwise trades that for speed, because a power cut must not
/// take the last second of typing with it.
pub fn save(
    conn: &Connection,
    clock: &dyn Clock,
    workspace_id: i64,
    slot: &str,
    state: &str,
) -> Result<()> {
    check_slot(slot)?;
    if state.len() > MAX_STATE_BYTES {
        return Err(CoreError::validation(
            "state",
            "The text is too long to keep (more than 2 MB).",
        ));
    }
    if serde_json::from_str::<serde_json::Value>(state).is_err() {
        return Err(CoreError::validation(
            "state",
            "The composer sent something that is not JSON.",
        ));
    }
    conn.pragma_update(None, "synchronous", "full")?;
    let written = conn.execute(
        "INSERT INTO composer_autosave (workspace_id, slot, state, saved_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (workspace_id, slot) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at",
        params![workspace_id, slot, state, to_db_instant(clock.now())],
    );
    conn.pragma_update(None, "synchronous", "normal")?;
    written?;
    Ok(())
}

/// Everything the composer left unsaved in a workspace, newest first.
pub fn load(conn: &Connection, workspace_id: i64) -> Result<Vec<ComposerState>> {
    let mut stmt = conn.prepare_cached(
        "SELECT slot, state, saved_at FROM composer_autosave WHERE workspace_id = ?1
         ORDER BY saved_at DESC",
    )?;
    let rows = stmt.query_map([workspace_id], |r| {
        Ok(ComposerState {
            slot: r.get(0)?,
            state: r.get(1)?,
            saved_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The post was saved (or the user threw the text away): forget the buffer.
pub fn clear(conn: &Connection, workspace_id: i64, slot: &str) -> Result<()> {
    check_slot(slot)?;
    conn.execute(
        "DELETE FROM composer_autosave WHERE workspace_id = ?1 AND slot = ?2",
        params![workspace_id, slot],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{self, NewWorkspace};
    use crate::{FixedClock, Store};

    #[test]
    fn the_state_survives_reopening_the_database_and_is_cleared_on_save() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("db.sqlite3");
        let clock = FixedClock::new(chrono::Utc::now());
        let ws = {
            let store = Store::open(&path).expect("open");
            let ws = workspace::create(
                store.connection(),
                &clock,
                &NewWorkspace {
                    name: "Bakery".into(),
                    timezone: "UTC".into(),
                },
            )
            .expect("workspace");
            save(
                store.connection(),
                &clock,
                ws.id,
                "new",
                r#"{"text":"Fresh bre"}"#,
            )
            .expect("save");
            save(
                store.connection(),
                &clock,
                ws.id,
                "new",
                r#"{"text":"Fresh bread"}"#,
            )
            .expect("save again");
            save(
                store.connection(),
                &clock,
                ws.id,
                "post:7",
                r#"{"text":"edit"}"#,
            )
            .expect("save edit");
            // The process dies here: no clean shutdown, the store is simply dropped.
            ws
        };
        let store = Store::open(&path).expect("reopen");
        let mut states = load(store.connection(), ws.id).expect("load");
        states.sort_by(|a, b| a.slot.cmp(&b.slot));
        assert_eq!(
            states
                .iter()
                .map(|s| (s.slot.as_str(), s.state.as_str()))
                .collect::<Vec<_>>(),
            [
                ("new", r#"{"text":"Fresh bread"}"#),
                ("post:7", r#"{"text":"edit"}"#)
            ]
        );
        clear(store.connection(), ws.id, "new").expect("clear");
        assert_eq!(load(store.connection(), ws.id).expect("load").len(), 1);
        let sync: i64 = store
            .connection()
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .expect("pragma");
        assert_eq!(sync, 1, "back to NORMAL after the synced write");
    }

    #[test]
    fn bad_slots_and_non_json_are_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let clock = FixedClock::new(chrono::Utc::now());
        let err = save(store.connection(), &clock, 1, "../etc", "{}").expect_err("slot");
        assert_eq!(err.field(), Some("slot"));
        let err = save(store.connection(), &clock, 1, "new", "{not json").expect_err("json");
        assert_eq!(err.field(), Some("state"));
    }
}
