//! Saved replies (canned responses) with variables filled in from the item being answered:
//! `{name}` (the author's display name), `{handle}`, `{network}`.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Inbox, InboxItem, store};
use crate::clock::to_db_instant;
use crate::{CoreError, Result};

const VARIABLES: [&str; 3] = ["name", "handle", "network"];
const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SavedReply {
    pub id: i64,
    pub name: String,
    pub body: String,
}

/// Fills `{name}`, `{handle}` and `{network}`; `{{` and `}}` are literal braces. An unknown
/// variable is an error naming it, not silently left in the reply.
pub fn render(body: &str, item: &InboxItem) -> Result<String> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        if after.starts_with("{{") || after.starts_with("}}") {
            out.push_str(&after[..1]);
            rest = &after[2..];
            continue;
        }
        if after.starts_with('}') {
            return Err(CoreError::validation(
                "body",
                "A lone \"}\" in a saved reply: write \"}}\" for a brace.",
            ));
        }
        let Some(close) = after.find('}') else {
            return Err(CoreError::validation(
                "body",
                "A \"{\" without its \"}\": write \"{{\" for a brace.",
            ));
        };
        let variable = after[1..close].trim();
        out.push_str(match variable {
            "name" => item.author_name.as_str(),
            "handle" => item.author_handle.as_str(),
            "network" => item.network.as_str(),
            other => {
                return Err(CoreError::validation(
                    "body",
                    format!(
                        "Unknown variable {{{other}}} in the saved reply; use one of {}.",
                        VARIABLES.map(|v| format!("{{{v}}}")).join(", ")
                    ),
                ));
            }
        });
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn check(name: &str, body: &str) -> Result<(String, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(CoreError::validation(
            "name",
            format!("A saved reply's name has 1 to {MAX_NAME_CHARS} characters."),
        ));
    }
    if body.trim().is_empty() {
        return Err(CoreError::validation(
            "body",
            "A saved reply needs some text.",
        ));
    }
    Ok((name.to_owned(), body.trim().to_owned()))
}

fn get(conn: &Connection, id: i64) -> Result<SavedReply> {
    conn.prepare_cached("SELECT id, name, body FROM saved_replies WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(SavedReply {
                id: r.get(0)?,
                name: r.get(1)?,
                body: r.get(2)?,
            })
        })
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "saved reply",
            id,
        })
}

fn unique_name(e: rusqlite::Error, name: &str) -> CoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            CoreError::validation(
                "name",
                format!("There is already a saved reply named {name:?}."),
            )
        }
        _ => e.into(),
    }
}

impl Inbox {
    pub fn saved_replies(&self) -> Result<Vec<SavedReply>> {
        self.db(|s| {
            Ok(s.connection()
                .prepare_cached("SELECT id, name, body FROM saved_replies ORDER BY name")?
                .query_map([], |r| {
                    Ok(SavedReply {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        body: r.get(2)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Creates a saved reply, or with `id` replaces one.
    pub fn save_reply_template(
        &self,
        id: Option<i64>,
        name: &str,
        body: &str,
    ) -> Result<SavedReply> {
        let (name, body) = check(name, body)?;
        let now = to_db_instant(self.clock.now());
        self.db(|s| {
            let conn = s.connection();
            let id = match id {
                Some(id) => {
                    get(conn, id)?;
                    conn.execute(
                        "UPDATE saved_replies SET name = ?1, body = ?2, updated_at = ?3 WHERE id = ?4",
                        params![name, body, now, id],
                    )
                    .map_err(|e| unique_name(e, &name))?;
                    id
                }
                None => {
                    conn.execute(
                        "INSERT INTO saved_replies (name, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
                        params![name, body, now],
                    )
                    .map_err(|e| unique_name(e, &name))?;
                    conn.last_insert_rowid()
                }
            };
            get(conn, id)
        })
    }

    pub fn delete_reply_template(&self, id: i64) -> Result<()> {
        self.db(|s| {
            get(s.connection(), id)?;
            s.connection()
                .execute("DELETE FROM saved_replies WHERE id = ?1", [id])?;
            Ok(())
        })
    }

    /// The saved reply's text for answering `item_id`, variables filled in.
    pub fn render_reply_template(&self, id: i64, item_id: i64) -> Result<String> {
        self.db(|s| {
            let template = get(s.connection(), id)?;
            let item = store::get(s.connection(), item_id)?;
            render(&template.body, &item)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::sync::tests::{channel, incoming, open};

    #[test]
    fn variables_are_filled_and_unknown_ones_named() {
        let (_tmp, mut store) = open();
        let ch = channel(&mut store);
        let ids = store::store_page(
            store.connection_mut(),
            &ch,
            &[incoming("a", "hi")],
            None,
            "2026-01-01T00:00:00.000Z",
        )
        .expect("stored");
        let item = store::get(store.connection(), ids[0]).expect("item");
        assert_eq!(
            render("Thanks {name} (@{handle}) on {network} {{x}}", &item).expect("rendered"),
            "Thanks Bob (@bob.test) on nostr {x}"
        );
        let err = render("Hi {first_name}", &item).expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "Unknown variable {first_name} in the saved reply; use one of {name}, {handle}, {network}."
        );
        assert!(render("Hi {name", &item).is_err());
    }
}
