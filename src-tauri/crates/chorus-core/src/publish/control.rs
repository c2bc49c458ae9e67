//! The crisis switch and the engine's user-facing settings, kept in the `settings` table.

use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const KEY: &str = "publishing";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct PublishingSettings {
    /// Pause all publishing: nothing goes out, every original time is kept.
    pub paused: bool,
    /// A post found overdue (Chorus was closed, asleep or paused) still goes out if it is late
    /// by less than this; otherwise it is marked missed and the user is told.
    pub missed_grace_minutes: u32,
}

impl Default for PublishingSettings {
    fn default() -> Self {
        Self {
            paused: false,
            missed_grace_minutes: 15,
        }
    }
}

pub fn load(conn: &Connection) -> Result<PublishingSettings> {
    let raw: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([KEY], |r| r.get(0))
        .optional()?;
    // Settings that do not read are refused, not taken as the defaults: a pause the user set
    // must not lift itself because the stored JSON could not be read.
    match raw {
        None => Ok(PublishingSettings::default()),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            CoreError::Corrupt(format!(
                "the publishing settings cannot be read ({e}): {json}"
            ))
        }),
    }
}

fn save(conn: &Connection, settings: &PublishingSettings) -> Result<()> {
    let json = serde_json::to_string(settings)
        .map_err(|e| crate::CoreError::Corrupt(format!("settings cannot be encoded: {e}")))?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KEY, json],
    )?;
    Ok(())
}

/// Pauses or resumes all publishing at once. Scheduled targets become `paused` (and back)
/// with their times untouched. Returns how many targets changed.
pub fn set_paused(conn: &mut Connection, paused: bool) -> Result<usize> {
    let tx = conn.transaction()?;
    let mut settings = load(&tx)?;
    settings.paused = paused;
    save(&tx, &settings)?;
    let (from, to) = if paused {
        ("scheduled", "paused")
    } else {
        ("paused", "scheduled")
    };
    let changed = tx.execute(
        "UPDATE post_variants SET state = ?2 WHERE state = ?1",
        params![from, to],
    )?;
    tx.commit()?;
    Ok(changed)
}

pub fn set_missed_grace(conn: &Connection, minutes: u32) -> Result<()> {
    let mut settings = load(conn)?;
    settings.missed_grace_minutes = minutes;
    save(conn, &settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn settings_that_do_not_read_are_refused_not_taken_as_unpaused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let conn = store.connection();
        assert_eq!(load(conn).expect("defaults"), PublishingSettings::default());
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)",
            params![KEY, r#"{"paused": "yes please"}"#],
        )
        .expect("insert");
        match load(conn) {
            Err(CoreError::Corrupt(message)) => {
                assert!(message.contains("publishing settings"), "{message}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }
}
