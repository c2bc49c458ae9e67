//! Tags on posts: the user's own labels for finding and filtering posts (the calendar's tag
//! filter, `chorus post list --tag`). They are never published. A tag is compared without
//! case and kept as first typed.

use crate::{CoreError, Result};
use rusqlite::{Connection, params};
use serde::Serialize;
use ts_rs::TS;

/// A tag used in a workspace and how many of its posts carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TagCount {
    pub tag: String,
    pub posts: u32,
}

pub const MAX_TAGS_PER_POST: usize = 10;
pub const MAX_TAG_CHARS: usize = 40;

/// Trims, drops empty and repeated (case-insensitively) tags, and refuses what cannot be a
/// tag, with the tag named.
pub fn normalize(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for raw in tags {
        let tag = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.is_empty() {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(CoreError::validation(
                "tags",
                format!("The tag \"{tag}\" is longer than {MAX_TAG_CHARS} characters."),
            ));
        }
        if tag.contains(',') || tag.chars().any(char::is_control) {
            return Err(CoreError::validation(
                "tags",
                format!("The tag \"{tag}\" has a comma in it; commas separate tags."),
            ));
        }
        if !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS_PER_POST {
        return Err(CoreError::validation(
            "tags",
            format!(
                "A post can have at most {MAX_TAGS_PER_POST} tags; this one has {}.",
                out.len()
            ),
        ));
    }
    Ok(out)
}

/// Replaces the post's tags with `tags` (already normalized).
pub fn replace(conn: &Connection, post_id: i64, tags: &[String]) -> Result<()> {
    conn.execute("DELETE FROM post_tags WHERE post_id = ?1", [post_id])?;
    let mut stmt = conn.prepare_cached("INSERT INTO post_tags (post_id, tag) VALUES (?1, ?2)")?;
    for tag in tags {
        stmt.execute(params![post_id, tag])?;
    }
    Ok(())
}

/// Checks and sets the tags of any post, sent or not: tags are the user's own, not the post's
/// content.
pub fn set(conn: &mut Connection, post_id: i64, tags: &[String]) -> Result<Vec<String>> {
    let tags = normalize(tags)?;
    let tx = conn.transaction()?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM posts WHERE id = ?1)",
        [post_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(CoreError::NotFound {
            what: "post",
            id: post_id,
        });
    }
    replace(&tx, post_id, &tags)?;
    tx.commit()?;
    Ok(tags)
}

/// One post's tags, alphabetically.
pub fn of_post(conn: &Connection, post_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT tag FROM post_tags WHERE post_id = ?1 ORDER BY tag")?;
    let tags = stmt
        .query_map([post_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

/// Every tag used in the workspace with how many posts carry it, most used first: what the
/// composer suggests and the calendar's filter offers.
pub fn in_workspace(conn: &Connection, workspace_id: i64) -> Result<Vec<TagCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT min(t.tag), count(*) FROM post_tags t JOIN posts p ON p.id = t.post_id
         WHERE p.workspace_id = ?1 GROUP BY t.tag ORDER BY count(*) DESC, min(t.tag)",
    )?;
    let tags = stmt
        .query_map([workspace_id], |r| {
            Ok(TagCount {
                tag: r.get(0)?,
                posts: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn tags_are_trimmed_squeezed_and_kept_once_whatever_their_case() {
        assert_eq!(
            normalize(&tags(&["  Spring   menu ", "spring menu", "", "Events"])).expect("ok"),
            tags(&["Spring menu", "Events"])
        );
    }

    #[test]
    fn what_cannot_be_a_tag_is_refused_with_the_tag_named() {
        let err = normalize(&tags(&["bread, rolls"])).expect_err("comma");
        assert_eq!(err.field(), Some("tags"));
        assert!(err.to_string().contains("\"bread, rolls\""), "{err}");
        let long = "x".repeat(MAX_TAG_CHARS + 1);
        assert!(
            normalize(&[long])
                .expect_err("long")
                .to_string()
                .contains("longer than 40")
        );
        let many: Vec<String> = (0..=MAX_TAGS_PER_POST).map(|i| format!("t{i}")).collect();
        assert!(
            normalize(&many)
                .expect_err("many")
                .to_string()
                .contains("at most 10 tags; this one has 11")
        );
    }
}
