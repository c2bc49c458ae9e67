//! User preferences, stored as one JSON value in the `settings` table.

use crate::{CoreError, Result, workspace};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const KEY: &str = "preferences";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    /// Follow the operating system's light/dark setting.
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Preferences {
    pub theme: Theme,
    pub active_workspace_id: Option<i64>,
}

/// The stored preferences, or the defaults when none were saved yet.
pub fn load(conn: &Connection) -> Result<Preferences> {
    let raw: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    match raw {
        None => Ok(Preferences::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| CoreError::Corrupt(format!("saved preferences cannot be read: {e}"))),
    }
}

pub fn save(conn: &Connection, prefs: &Preferences) -> Result<Preferences> {
    if let Some(id) = prefs.active_workspace_id {
        // Keeps the pointer honest: the UI must never be told to open a workspace that is gone.
        workspace::get(conn, id)?;
    }
    let json = serde_json::to_string(prefs)
        .map_err(|e| CoreError::Corrupt(format!("preferences cannot be encoded: {e}")))?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![KEY, json],
    )?;
    load(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::NewWorkspace;
    use crate::{ErrorCode, Store, SystemClock};

    #[test]
    fn defaults_then_round_trip() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let conn = store.connection();
        assert_eq!(load(conn).expect("load"), Preferences::default());
        let w = workspace::create(
            conn,
            &SystemClock,
            &NewWorkspace {
                name: "Bakery".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("create");
        let prefs = Preferences {
            theme: Theme::Dark,
            active_workspace_id: Some(w.id),
        };
        assert_eq!(save(conn, &prefs).expect("save"), prefs);
        assert_eq!(load(conn).expect("load"), prefs);
    }

    #[test]
    fn refuses_a_missing_active_workspace() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let err = save(
            store.connection(),
            &Preferences {
                theme: Theme::System,
                active_workspace_id: Some(7),
            },
        )
        .expect_err("missing workspace");
        assert_eq!(err.code(), ErrorCode::NotFound);
    }

    #[test]
    fn unknown_keys_from_a_newer_version_are_ignored_and_missing_ones_default() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        store
            .connection()
            .execute(
                "INSERT INTO settings (key, value) VALUES ('preferences', '{\"theme\":\"light\",\"future\":1}')",
                [],
            )
            .expect("insert");
        let prefs = load(store.connection()).expect("load");
        assert_eq!(prefs.theme, Theme::Light);
        assert_eq!(prefs.active_workspace_id, None);
    }
}
