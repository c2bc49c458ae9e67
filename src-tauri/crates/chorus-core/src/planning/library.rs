//! The writer's library per workspace: saved hashtag groups, text snippets and post templates,
//! and suggestions for #hashtags and @mentions drawn from the workspace's own posts.

use crate::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct HashtagGroup {
    pub name: String,
    /// Each with its leading `#`.
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct Snippet {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct PostTemplate {
    pub name: String,
    pub text: String,
    pub thread: Vec<String>,
    pub channel_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct WritingLibrary {
    pub hashtag_groups: Vec<HashtagGroup>,
    pub snippets: Vec<Snippet>,
    pub templates: Vec<PostTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TagSuggestion {
    /// `#tag` or `@handle`, spelt as in the newest post that uses it.
    pub text: String,
    /// How many of the workspace's posts use it.
    pub uses: u32,
}

fn key(workspace_id: i64) -> String {
    format!("library:{workspace_id}")
}

pub fn load(conn: &Connection, workspace_id: i64) -> Result<WritingLibrary> {
    let raw: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [key(workspace_id)],
            |r| r.get(0),
        )
        .optional()?;
    match raw {
        None => Ok(WritingLibrary::default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| CoreError::Corrupt(format!("the writing library cannot be read: {e}"))),
    }
}

fn unique_names<'a>(
    field: &'static str,
    what: &str,
    names: impl Iterator<Item = &'a str>,
) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let name = name.trim();
        if name.is_empty() {
            return Err(CoreError::validation(
                field,
                format!("Every {what} needs a name."),
            ));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(CoreError::validation(
                field,
                format!("There are two {what}s called \"{name}\"; give each its own name."),
            ));
        }
    }
    Ok(())
}

/// Checks and tidies the library (trimmed names, tags with one leading `#`), then saves it.
pub fn save(
    conn: &Connection,
    workspace_id: i64,
    library: &WritingLibrary,
) -> Result<WritingLibrary> {
    crate::workspace::get(conn, workspace_id)?;
    let mut tidy = library.clone();
    unique_names(
        "hashtagGroups",
        "hashtag group",
        tidy.hashtag_groups.iter().map(|g| g.name.as_str()),
    )?;
    unique_names(
        "snippets",
        "snippet",
        tidy.snippets.iter().map(|s| s.name.as_str()),
    )?;
    unique_names(
        "templates",
        "template",
        tidy.templates.iter().map(|t| t.name.as_str()),
    )?;
    for group in &mut tidy.hashtag_groups {
        group.name = group.name.trim().to_owned();
        let mut tags = Vec::new();
        for tag in &group.tags {
            let word = tag.trim().trim_start_matches('#');
            if word.is_empty() {
                continue;
            }
            if word.chars().any(|c| c.is_whitespace() || c == '#') {
                return Err(CoreError::validation(
                    "hashtagGroups",
                    format!(
                        "\"{tag}\" in \"{}\" is not one hashtag (no spaces).",
                        group.name
                    ),
                ));
            }
            let tag = format!("#{word}");
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        group.tags = tags;
    }
    for s in &mut tidy.snippets {
        s.name = s.name.trim().to_owned();
    }
    for t in &mut tidy.templates {
        t.name = t.name.trim().to_owned();
    }
    let json = serde_json::to_string(&tidy).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key(workspace_id), json],
    )?;
    Ok(tidy)
}

/// How many recent posts are read for suggestions: enough for habits, cheap to scan.
const SUGGESTION_POSTS: i64 = 2_000;

/// `#…` or `@…` words the workspace has used that start with `prefix` (which starts with
/// `#` or `@`), most used first; at most `limit`.
pub fn suggest(
    conn: &Connection,
    workspace_id: i64,
    prefix: &str,
    limit: usize,
) -> Result<Vec<TagSuggestion>> {
    let Some(sigil) = prefix.chars().next().filter(|c| *c == '#' || *c == '@') else {
        return Err(CoreError::validation(
            "prefix",
            "Suggestions are for #hashtags and @mentions: start with # or @.",
        ));
    };
    let wanted = prefix[sigil.len_utf8()..].to_lowercase();
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM posts WHERE workspace_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let bodies = stmt.query_map(params![workspace_id, SUGGESTION_POSTS], |r| {
        r.get::<_, String>(0)
    })?;
    // lowercase -> (as in the newest post, uses): posts come newest first.
    let mut counts: HashMap<String, (String, u32)> = HashMap::new();
    for body in bodies {
        let body = body?;
        let mut seen_here = std::collections::HashSet::new();
        for word in body
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '!' | '?'))
        {
            let Some(rest) = word.strip_prefix(sigil) else {
                continue;
            };
            let rest = rest.trim_end_matches(['.', ':', '\'', '"']);
            if rest.is_empty() || rest.starts_with(sigil) {
                continue;
            }
            let lower = rest.to_lowercase();
            if !lower.starts_with(&wanted) || !seen_here.insert(lower.clone()) {
                continue;
            }
            counts
                .entry(lower)
                .or_insert_with(|| (format!("{sigil}{rest}"), 0))
                .1 += 1;
        }
    }
    let mut out: Vec<TagSuggestion> = counts
        .into_values()
        .map(|(text, uses)| TagSuggestion { text, uses })
        .collect();
    out.sort_by(|a, b| b.uses.cmp(&a.uses).then_with(|| a.text.cmp(&b.text)));
    out.truncate(limit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{self, NewWorkspace};
    use crate::{FixedClock, Store};

    fn store() -> (tempfile::TempDir, Store, i64) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        let ws = workspace::create(
            store.connection(),
            &FixedClock::new(chrono::Utc::now()),
            &NewWorkspace {
                name: "Bakery".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("workspace");
        (tmp, store, ws.id)
    }

    #[test]
    fn the_library_is_tidied_saved_and_read_back() {
        let (_tmp, store, ws) = store();
        assert_eq!(
            load(store.connection(), ws).expect("empty"),
            WritingLibrary::default()
        );
        let saved = save(
            store.connection(),
            ws,
            &WritingLibrary {
                hashtag_groups: vec![HashtagGroup {
                    name: " Bread ".into(),
                    tags: vec![
                        "sourdough".into(),
                        "#rye".into(),
                        "##rye".into(),
                        " ".into(),
                    ],
                }],
                snippets: vec![Snippet {
                    name: "Hours".into(),
                    text: "Open 7–18".into(),
                }],
                templates: vec![],
            },
        )
        .expect("save");
        assert_eq!(saved.hashtag_groups[0].name, "Bread");
        assert_eq!(saved.hashtag_groups[0].tags, ["#sourdough", "#rye"]);
        assert_eq!(load(store.connection(), ws).expect("load"), saved);
    }

    #[test]
    fn duplicate_names_and_tags_with_spaces_are_refused() {
        let (_tmp, store, ws) = store();
        let twice = WritingLibrary {
            snippets: vec![
                Snippet {
                    name: "Hours".into(),
                    text: "a".into(),
                },
                Snippet {
                    name: "hours".into(),
                    text: "b".into(),
                },
            ],
            ..Default::default()
        };
        let err = save(store.connection(), ws, &twice).expect_err("twice");
        assert_eq!(err.field(), Some("snippets"));
        let spaced = WritingLibrary {
            hashtag_groups: vec![HashtagGroup {
                name: "x".into(),
                tags: vec!["two words".into()],
            }],
            ..Default::default()
        };
        let err = save(store.connection(), ws, &spaced).expect_err("spaces");
        assert!(err.to_string().contains("not one hashtag"), "{err}");
    }

    #[test]
    fn suggestions_come_from_the_workspaces_posts_most_used_first() {
        let (_tmp, store, ws) = store();
        for body in [
            "Fresh #Sourdough today with @anna.bsky.social!",
            "More #sourdough and #spelt.",
            "#sourdough #sourdough counted once per post, #rye",
        ] {
            store
                .connection()
                .execute(
                    "INSERT INTO posts (workspace_id, body, timezone, created_at, updated_at) VALUES (?1, ?2, 'UTC', '', '')",
                    params![ws, body],
                )
                .expect("post");
        }
        let tags = suggest(store.connection(), ws, "#s", 8).expect("tags");
        assert_eq!(
            tags.iter()
                .map(|t| (t.text.as_str(), t.uses))
                .collect::<Vec<_>>(),
            [("#sourdough", 3), ("#spelt", 1)]
        );
        let people = suggest(store.connection(), ws, "@AN", 8).expect("mentions");
        assert_eq!(people[0].text, "@anna.bsky.social");
        assert!(suggest(store.connection(), ws, "sour", 8).is_err());
    }
}
