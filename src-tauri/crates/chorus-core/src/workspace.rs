//! Workspaces (brands): the unit that owns channels, posts and media.

use crate::clock::{Clock, to_db_instant};
use crate::{CoreError, Result, time_zones};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const NAME_MAX_CHARS: usize = 80;

/// A brand: the unit that owns channels, posts and media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Workspace {
    pub id: i64,
    pub name: String,
    /// IANA time zone name, e.g. "Europe/Berlin".
    pub timezone: String,
    /// RFC 3339 instant in UTC.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NewWorkspace {
    pub name: String,
    pub timezone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceUpdate {
    pub id: i64,
    pub name: String,
    pub timezone: String,
}

/// Checked, normalised input.
struct ValidFields {
    name: String,
    timezone: String,
}

fn validate(name: &str, timezone: &str) -> Result<ValidFields> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::validation("name", "Give the workspace a name."));
    }
    let chars = name.chars().count();
    if chars > NAME_MAX_CHARS {
        return Err(CoreError::validation(
            "name",
            format!("The name is {chars} characters long; keep it to {NAME_MAX_CHARS}."),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(CoreError::validation(
            "name",
            "The name contains control characters (such as a line break); remove them.",
        ));
    }
    let tz = time_zones::parse("timezone", timezone)?;
    Ok(ValidFields {
        name: name.to_owned(),
        timezone: tz.name().to_owned(),
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Workspace> {
    Ok(Workspace {
        id: row.get("id")?,
        name: row.get("name")?,
        timezone: row.get("timezone")?,
        created_at: row.get("created_at")?,
    })
}

fn name_conflict(name: &str) -> CoreError {
    CoreError::Validation {
        field: "name",
        message: format!("A workspace named \"{name}\" already exists; choose another name."),
    }
}

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _) if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

#[tracing::instrument(skip_all, fields(name = %input.name))]
pub fn create(conn: &Connection, clock: &dyn Clock, input: &NewWorkspace) -> Result<Workspace> {
    let fields = validate(&input.name, &input.timezone)?;
    let created_at = to_db_instant(clock.now());
    conn.execute(
        "INSERT INTO workspaces (name, timezone, created_at) VALUES (?1, ?2, ?3)",
        params![fields.name, fields.timezone, created_at],
    )
    .map_err(|e| {
        if is_unique_violation(&e) {
            name_conflict(&fields.name)
        } else {
            e.into()
        }
    })?;
    get(conn, conn.last_insert_rowid())
}

#[tracing::instrument(skip_all, fields(id = input.id))]
pub fn update(conn: &Connection, input: &WorkspaceUpdate) -> Result<Workspace> {
    let fields = validate(&input.name, &input.timezone)?;
    let changed = conn
        .execute(
            "UPDATE workspaces SET name = ?1, timezone = ?2 WHERE id = ?3",
            params![fields.name, fields.timezone, input.id],
        )
        .map_err(|e| {
            if is_unique_violation(&e) {
                name_conflict(&fields.name)
            } else {
                e.into()
            }
        })?;
    if changed == 0 {
        return Err(CoreError::NotFound {
            what: "workspace",
            id: input.id,
        });
    }
    get(conn, input.id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Workspace> {
    find(conn, id)?.ok_or(CoreError::NotFound {
        what: "workspace",
        id,
    })
}

pub fn find(conn: &Connection, id: i64) -> Result<Option<Workspace>> {
    Ok(conn
        .query_row(
            "SELECT id, name, timezone, created_at FROM workspaces WHERE id = ?1",
            [id],
            from_row,
        )
        .optional()?)
}

/// All workspaces, by name (case-insensitive).
pub fn list(conn: &Connection) -> Result<Vec<Workspace>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, timezone, created_at FROM workspaces ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, FixedClock, Store};
    use chrono::TimeZone;

    fn setup() -> (tempfile::TempDir, Store, FixedClock) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let clock = FixedClock::new(
            chrono::Utc
                .with_ymd_and_hms(2026, 11, 25, 8, 30, 0)
                .single()
                .expect("valid"),
        );
        (tmp, store, clock)
    }

    fn new(name: &str, timezone: &str) -> NewWorkspace {
        NewWorkspace {
            name: name.into(),
            timezone: timezone.into(),
        }
    }

    #[test]
    fn creates_and_lists_by_name() {
        let (_tmp, store, clock) = setup();
        let conn = store.connection();
        let b = create(conn, &clock, &new("  Bakery on Main  ", "Europe/Berlin")).expect("create");
        assert_eq!(b.name, "Bakery on Main");
        assert_eq!(b.timezone, "Europe/Berlin");
        assert_eq!(b.created_at, "2026-11-25T08:30:00.000Z");
        create(conn, &clock, &new("atelier", "Asia/Kolkata")).expect("create");
        let names: Vec<_> = list(conn)
            .expect("list")
            .into_iter()
            .map(|w| w.name)
            .collect();
        assert_eq!(names, ["atelier", "Bakery on Main"]);
    }

    #[test]
    fn rejects_bad_names_with_the_field() {
        let (_tmp, store, clock) = setup();
        let conn = store.connection();
        for bad in ["", "   ", "line\nbreak", &"x".repeat(NAME_MAX_CHARS + 1)] {
            let err = create(conn, &clock, &new(bad, "UTC")).expect_err(bad);
            assert_eq!(err.code(), ErrorCode::Validation);
            assert_eq!(err.field(), Some("name"), "{bad:?}");
        }
        let emoji_name = "🥐".repeat(NAME_MAX_CHARS);
        create(conn, &clock, &new(&emoji_name, "UTC")).expect("80 characters, not bytes");
    }

    #[test]
    fn rejects_an_unknown_time_zone() {
        let (_tmp, store, clock) = setup();
        let err = create(
            store.connection(),
            &clock,
            &new("Bakery", "Europe/Atlantis"),
        )
        .expect_err("bad zone");
        assert_eq!(err.field(), Some("timezone"));
        assert!(
            list(store.connection()).expect("list").is_empty(),
            "nothing half-created"
        );
    }

    #[test]
    fn names_are_unique_ignoring_case() {
        let (_tmp, store, clock) = setup();
        let conn = store.connection();
        create(conn, &clock, &new("Bakery", "UTC")).expect("first");
        let err = create(conn, &clock, &new("BAKERY", "UTC")).expect_err("duplicate");
        assert_eq!(err.field(), Some("name"));
        assert!(err.to_string().contains("already exists"));
    }

    #[test]
    fn updates_name_and_zone() {
        let (_tmp, store, clock) = setup();
        let conn = store.connection();
        let w = create(conn, &clock, &new("Bakery", "UTC")).expect("create");
        let updated = update(
            conn,
            &WorkspaceUpdate {
                id: w.id,
                name: "Bakery & Café".into(),
                timezone: "America/St_Johns".into(),
            },
        )
        .expect("update");
        assert_eq!(updated.name, "Bakery & Café");
        assert_eq!(updated.timezone, "America/St_Johns");
        assert_eq!(updated.created_at, w.created_at);
    }

    #[test]
    fn updating_a_missing_workspace_is_not_found() {
        let (_tmp, store, _clock) = setup();
        let err = update(
            store.connection(),
            &WorkspaceUpdate {
                id: 42,
                name: "Ghost".into(),
                timezone: "UTC".into(),
            },
        )
        .expect_err("missing");
        assert_eq!(err.code(), ErrorCode::NotFound);
    }
}
