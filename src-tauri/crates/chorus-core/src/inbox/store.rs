//! Inbox rows: stored once per (channel, remote id), listed newest first and grouped by
//! conversation, filtered, searched with FTS5, and triaged.

use chorus_networks::{InboxKind, IncomingItem, NetworkKind};
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{InboxConversation, InboxItem, InboxListing, sanitize};
use crate::channel::Channel;
use crate::{CoreError, Result};

pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 1000;
const MAX_TAG_CHARS: usize = 64;
const MAX_ASSIGNEE_CHARS: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InboxStatus {
    Unread,
    Read,
    Open,
    Done,
    Starred,
}

impl InboxStatus {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "unread" => Some(Self::Unread),
            "read" => Some(Self::Read),
            "open" => Some(Self::Open),
            "done" => Some(Self::Done),
            "starred" => Some(Self::Starred),
            _ => None,
        }
    }

    fn condition(self) -> &'static str {
        match self {
            Self::Unread => "i.read = 0",
            Self::Read => "i.read = 1",
            Self::Open => "i.done = 0",
            Self::Done => "i.done = 1",
            Self::Starred => "i.starred = 1",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct InboxFilter {
    pub channel_id: Option<i64>,
    pub kind: Option<InboxKind>,
    pub status: Option<InboxStatus>,
    pub tag: Option<String>,
    pub assignee: Option<String>,
    /// Full-text search over the text and the author's name and handle; a page of results
    /// holds the most recently received matches, newest first.
    pub search: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// Flags to change on one or more items; `None` leaves a flag as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct InboxUpdate {
    pub read: Option<bool>,
    pub done: Option<bool>,
    pub starred: Option<bool>,
    /// `Some("")` clears the assignee.
    pub assignee: Option<String>,
}

const COLUMNS: &str = "i.id, i.channel_id, i.network, i.kind, i.remote_id, i.web_url, \
    i.author_name, i.author_handle, i.author_avatar_url, i.text, i.html, i.images, \
    i.in_reply_to_id, i.in_reply_to_text, i.our_post_id, i.conversation_key, i.created_at, \
    i.read, i.done, i.starred, i.liked, i.assignee, \
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM inbox_tags t WHERE t.item_id = i.id ORDER BY tag)) AS tags";

fn from_row(row: &Row<'_>) -> rusqlite::Result<InboxItem> {
    let bad = |what: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
    };
    let network: String = row.get("network")?;
    let kind: String = row.get("kind")?;
    let images: String = row.get("images")?;
    let tags: Option<String> = row.get("tags")?;
    Ok(InboxItem {
        id: row.get("id")?,
        channel_id: row.get("channel_id")?,
        network: NetworkKind::parse(&network)
            .ok_or_else(|| bad(format!("unknown network {network}")))?,
        kind: InboxKind::parse(&kind).ok_or_else(|| bad(format!("unknown kind {kind}")))?,
        remote_id: row.get("remote_id")?,
        web_url: row.get("web_url")?,
        author_name: row.get("author_name")?,
        author_handle: row.get("author_handle")?,
        author_avatar_url: row.get("author_avatar_url")?,
        text: row.get("text")?,
        html: row.get("html")?,
        images: serde_json::from_str(&images).map_err(|e| bad(e.to_string()))?,
        in_reply_to_id: row.get("in_reply_to_id")?,
        in_reply_to_text: row.get("in_reply_to_text")?,
        our_post_id: row.get("our_post_id")?,
        conversation_key: row.get("conversation_key")?,
        created_at: row.get("created_at")?,
        read: row.get("read")?,
        done: row.get("done")?,
        starred: row.get("starred")?,
        liked: row.get("liked")?,
        assignee: row.get("assignee")?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

/// Stores a page of items and moves the channel's cursor, in one transaction: a crash in
/// between leaves the old cursor, and the items it refetches are dropped as duplicates.
/// Returns the ids of the items that were new.
pub fn store_page(
    conn: &mut Connection,
    channel: &Channel,
    items: &[IncomingItem],
    cursor: Option<&str>,
    now: &str,
) -> Result<Vec<i64>> {
    let tx = conn.transaction()?;
    let mut new_ids = Vec::new();
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO inbox_items (channel_id, network, remote_id, remote_cid, remote_url,
                 web_url, kind, author_id, author_name, author_handle, author_avatar_url, text,
                 html, images, in_reply_to_id, in_reply_to_cid, in_reply_to_text, our_post_id,
                 root_id, root_cid, root_url, conversation_key, created_at, fetched_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)
             ON CONFLICT (channel_id, remote_id) DO NOTHING",
        )?;
        let mut ours = tx.prepare_cached(
            "SELECT v.post_id FROM target_segments s JOIN post_variants v ON v.id = s.variant_id
             WHERE v.channel_id = ?1 AND s.remote_id = ?2 LIMIT 1",
        )?;
        for item in items {
            let our_post_id: Option<i64> = match &item.in_reply_to {
                Some(parent) => ours
                    .query_row(params![channel.id, parent.id], |r| r.get(0))
                    .optional()?,
                None => None,
            };
            let images: Vec<String> = item
                .images
                .iter()
                .filter_map(|u| sanitize::url(u))
                .collect();
            let images = serde_json::to_string(&images)
                .map_err(|e| CoreError::Corrupt(format!("image list cannot be encoded: {e}")))?;
            let inserted = insert.execute(params![
                channel.id,
                channel.network.as_str(),
                item.post.id,
                item.post.cid,
                item.post.url,
                item.web_url.as_deref().and_then(sanitize::url),
                item.kind.as_str(),
                item.author.id,
                sanitize::text(&item.author.name),
                sanitize::text(&item.author.handle),
                item.author.avatar_url.as_deref().and_then(sanitize::url),
                sanitize::text(&item.text),
                item.html.as_deref().map(sanitize::html),
                images,
                item.in_reply_to.as_ref().map(|p| p.id.as_str()),
                item.in_reply_to.as_ref().and_then(|p| p.cid.as_deref()),
                item.in_reply_to_text.as_deref().map(sanitize::text),
                our_post_id,
                item.root.id,
                item.root.cid,
                item.root.url,
                format!("{}:{}", channel.id, item.root.id),
                crate::clock::to_db_instant(item.created_at),
                now,
            ])?;
            if inserted == 1 {
                new_ids.push(tx.last_insert_rowid());
            }
        }
    }
    if let Some(cursor) = cursor {
        tx.execute(
            "INSERT INTO inbox_cursors (channel_id, cursor, synced_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (channel_id) DO UPDATE SET cursor = excluded.cursor, synced_at = excluded.synced_at",
            params![channel.id, cursor, now],
        )?;
    }
    tx.commit()?;
    Ok(new_ids)
}

pub fn cursor(conn: &Connection, channel_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT cursor FROM inbox_cursors WHERE channel_id = ?1")?
        .query_row([channel_id], |r| r.get(0))
        .optional()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<InboxItem> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inbox_items i WHERE i.id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "inbox item",
        id,
    })
}

/// Items stored after `after_id` (by any process), oldest first, at most `limit`.
pub fn stored_after(conn: &Connection, after_id: i64, limit: usize) -> Result<Vec<InboxItem>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM inbox_items i WHERE i.id > ?1 ORDER BY i.id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![after_id, limit as i64], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest item's id (0 when the inbox is empty): where announcing new items starts.
pub fn last_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM inbox_items", [], |r| {
            r.get(0)
        })?,
    )
}

/// What a reply or like needs: the item's post, its thread root and its author.
pub fn target(conn: &Connection, id: i64) -> Result<(i64, chorus_networks::InboxTarget)> {
    conn.prepare_cached(
        "SELECT channel_id, remote_id, remote_cid, remote_url, root_id, root_cid, root_url, author_id
         FROM inbox_items WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok((
            r.get(0)?,
            chorus_networks::InboxTarget {
                post: chorus_networks::RemotePost {
                    id: r.get(1)?,
                    cid: r.get(2)?,
                    url: r.get(3)?,
                },
                root: chorus_networks::RemotePost {
                    id: r.get(4)?,
                    cid: r.get(5)?,
                    url: r.get(6)?,
                },
                author_id: r.get(7)?,
            },
        ))
    })
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "inbox item",
        id,
    })
}

/// FTS5 query from what a person typed: each word quoted (no operators to trip over), all
/// required, the last one as a prefix so results follow the typing.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split_whitespace()
        .map(|w| w.replace('"', "\"\""))
        .filter(|w| !w.is_empty())
        .collect();
    let (last, rest) = words.split_last()?;
    let mut query: Vec<String> = rest.iter().map(|w| format!("\"{w}\"")).collect();
    query.push(format!("\"{last}\"*"));
    Some(query.join(" "))
}

pub fn list(conn: &Connection, filter: &InboxFilter) -> Result<InboxListing> {
    let limit = filter.limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(CoreError::validation(
            "limit",
            format!("Ask for between 1 and {MAX_LIMIT} items at a time (got {limit})."),
        ));
    }
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    let mut from = "inbox_items i".to_owned();
    let mut order = "i.created_at DESC, i.id DESC";
    if let Some(search) = filter.search.as_deref().filter(|s| !s.trim().is_empty()) {
        let query = fts_query(search).ok_or_else(|| {
            CoreError::validation("search", "Type at least one word to search for.")
        })?;
        from = "inbox_fts f JOIN inbox_items i ON i.id = f.rowid".to_owned();
        // Matches in the order they were received (rowid), which FTS5 streams newest first
        // without looking every match up: a common word matches tens of thousands of items.
        order = "f.rowid DESC";
        conditions.push("inbox_fts MATCH ?".into());
        args.push(SqlValue::Text(query));
    }
    if let Some(channel_id) = filter.channel_id {
        conditions.push("i.channel_id = ?".into());
        args.push(SqlValue::Integer(channel_id));
    }
    if let Some(kind) = filter.kind {
        conditions.push("i.kind = ?".into());
        args.push(SqlValue::Text(kind.as_str().into()));
    }
    if let Some(status) = filter.status {
        conditions.push(status.condition().into());
    }
    if let Some(tag) = filter.tag.as_deref() {
        conditions.push(
            "EXISTS (SELECT 1 FROM inbox_tags t WHERE t.item_id = i.id AND t.tag = ?)".into(),
        );
        args.push(SqlValue::Text(check_tag(tag)?));
    }
    if let Some(assignee) = filter.assignee.as_deref() {
        conditions.push("i.assignee = ?".into());
        args.push(SqlValue::Text(assignee.trim().to_owned()));
    }
    let where_clause = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    args.push(SqlValue::Integer(i64::from(limit) + 1));
    args.push(SqlValue::Integer(i64::from(filter.offset.unwrap_or(0))));
    // The page's ids first, from the indexes alone; the columns (tags included) only for them.
    // A search page holds the most recently received matches, shown newest first.
    let sql = format!(
        "SELECT {COLUMNS} FROM inbox_items i WHERE i.id IN (
             SELECT i.id FROM {from} {where_clause}
             ORDER BY {order} LIMIT ? OFFSET ?)
         ORDER BY i.created_at DESC, i.id DESC"
    );
    let mut items = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let has_more = items.len() > limit as usize;
    items.truncate(limit as usize);
    Ok(InboxListing {
        conversations: group(items),
        has_more,
    })
}

/// Groups a newest-first page by conversation, keeping the order of each one's newest item.
fn group(items: Vec<InboxItem>) -> Vec<InboxConversation> {
    let mut conversations: Vec<InboxConversation> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for item in items {
        match index.get(&item.conversation_key) {
            Some(&at) => conversations[at].items.push(item),
            None => {
                index.insert(item.conversation_key.clone(), conversations.len());
                conversations.push(InboxConversation {
                    key: item.conversation_key.clone(),
                    latest_at: item.created_at.clone(),
                    items: vec![item],
                });
            }
        }
    }
    conversations
}

/// Unread items, from the per-channel counters the triggers keep (never a scan).
pub fn unread_count(conn: &Connection, channel_id: Option<i64>) -> Result<i64> {
    let count = match channel_id {
        Some(id) => conn
            .prepare_cached("SELECT unread FROM inbox_unread WHERE channel_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .unwrap_or(0),
        None => conn
            .prepare_cached("SELECT coalesce(sum(unread), 0) FROM inbox_unread")?
            .query_row([], |r| r.get(0))?,
    };
    Ok(count)
}

pub fn update(conn: &mut Connection, ids: &[i64], change: &InboxUpdate) -> Result<()> {
    if ids.is_empty() {
        return Err(CoreError::validation(
            "ids",
            "Choose at least one inbox item.",
        ));
    }
    let assignee = match change.assignee.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(name) if name.chars().count() > MAX_ASSIGNEE_CHARS => {
            return Err(CoreError::validation(
                "assignee",
                format!("A teammate's name has at most {MAX_ASSIGNEE_CHARS} characters."),
            ));
        }
        Some(name) => Some(Some(name.to_owned())),
    };
    let tx = conn.transaction()?;
    for &id in ids {
        let exists: bool = tx
            .prepare_cached("SELECT 1 FROM inbox_items WHERE id = ?1")?
            .exists([id])?;
        if !exists {
            return Err(CoreError::NotFound {
                what: "inbox item",
                id,
            });
        }
        for (column, value) in [
            ("read", change.read),
            ("done", change.done),
            ("starred", change.starred),
        ] {
            if let Some(value) = value {
                tx.execute(
                    &format!(
                        "UPDATE inbox_items SET {column} = ?1 WHERE id = ?2 AND {column} <> ?1"
                    ),
                    params![value, id],
                )?;
            }
        }
        if let Some(assignee) = &assignee {
            tx.execute(
                "UPDATE inbox_items SET assignee = ?1 WHERE id = ?2",
                params![assignee, id],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

pub(crate) fn set_liked(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE inbox_items SET liked = 1 WHERE id = ?1", [id])?;
    Ok(())
}

fn check_tag(tag: &str) -> Result<String> {
    let tag = tag.trim();
    if tag.is_empty() || tag.chars().count() > MAX_TAG_CHARS {
        return Err(CoreError::validation(
            "tag",
            format!("A tag has 1 to {MAX_TAG_CHARS} characters (got {:?}).", tag),
        ));
    }
    if tag.chars().any(char::is_control) {
        return Err(CoreError::validation(
            "tag",
            "A tag cannot contain control characters.",
        ));
    }
    Ok(tag.to_owned())
}

pub fn add_tag(conn: &Connection, id: i64, tag: &str) -> Result<()> {
    let tag = check_tag(tag)?;
    get(conn, id)?;
    conn.execute(
        "INSERT INTO inbox_tags (item_id, tag) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![id, tag],
    )?;
    Ok(())
}

pub fn remove_tag(conn: &Connection, id: i64, tag: &str) -> Result<()> {
    let tag = check_tag(tag)?;
    get(conn, id)?;
    conn.execute(
        "DELETE FROM inbox_tags WHERE item_id = ?1 AND tag = ?2",
        params![id, tag],
    )?;
    Ok(())
}

/// Every tag in use, for the filter menu.
pub fn tags(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT DISTINCT tag FROM inbox_tags ORDER BY tag")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inbox::sync::tests::{channel, incoming, open};

    #[test]
    fn storing_twice_keeps_one_row_and_moves_the_cursor() {
        let (_tmp, mut store) = open();
        let ch = channel(&mut store);
        let items = [incoming("a", "hello there"), incoming("b", "second")];
        let conn = store.connection_mut();
        let first =
            store_page(conn, &ch, &items, Some("c1"), "2026-01-01T00:00:00.000Z").expect("stored");
        assert_eq!(first.len(), 2);
        let again =
            store_page(conn, &ch, &items, Some("c2"), "2026-01-01T00:00:01.000Z").expect("stored");
        assert!(again.is_empty());
        assert_eq!(cursor(conn, ch.id).expect("cursor").as_deref(), Some("c2"));
        assert_eq!(unread_count(conn, None).expect("count"), 2);
    }

    #[test]
    fn filters_search_and_flags() {
        let (_tmp, mut store) = open();
        let ch = channel(&mut store);
        let conn = store.connection_mut();
        let ids = store_page(
            conn,
            &ch,
            &[
                incoming("a", "croissants are ready"),
                incoming("b", "bread question"),
            ],
            None,
            "2026-01-01T00:00:00.000Z",
        )
        .expect("stored");
        let found = list(
            conn,
            &InboxFilter {
                search: Some("crois".into()),
                ..Default::default()
            },
        )
        .expect("listed");
        assert_eq!(found.conversations.len(), 1);
        assert_eq!(found.conversations[0].items[0].remote_id, "a");

        update(
            conn,
            &[ids[0]],
            &InboxUpdate {
                read: Some(true),
                done: Some(true),
                assignee: Some(" Ana ".into()),
                ..Default::default()
            },
        )
        .expect("updated");
        assert_eq!(unread_count(conn, Some(ch.id)).expect("count"), 1);
        add_tag(conn, ids[1], "billing").expect("tagged");
        let tagged = list(
            conn,
            &InboxFilter {
                tag: Some("billing".into()),
                status: Some(InboxStatus::Open),
                ..Default::default()
            },
        )
        .expect("listed");
        assert_eq!(tagged.conversations[0].items[0].tags, vec!["billing"]);
        let item = get(conn, ids[0]).expect("item");
        assert_eq!(item.assignee.as_deref(), Some("Ana"));
        assert!(item.done && item.read);

        let err = add_tag(conn, ids[0], "   ").expect_err("empty tag");
        assert_eq!(err.field(), Some("tag"));
        let err = update(conn, &[999], &InboxUpdate::default()).expect_err("missing");
        assert_eq!(err.to_string(), "inbox item 999 does not exist");
        let err = list(
            conn,
            &InboxFilter {
                limit: Some(0),
                ..Default::default()
            },
        )
        .expect_err("limit");
        assert_eq!(err.field(), Some("limit"));
    }

    #[test]
    fn search_input_cannot_inject_fts_syntax() {
        assert_eq!(
            fts_query("a \"b OR c").as_deref(),
            Some("\"a\" \"\"\"b\" \"OR\" \"c\"*")
        );
        assert_eq!(fts_query("   "), None);
        let (_tmp, mut store) = open();
        let ch = channel(&mut store);
        let conn = store.connection_mut();
        store_page(
            conn,
            &ch,
            &[incoming("a", "x")],
            None,
            "2026-01-01T00:00:00.000Z",
        )
        .expect("stored");
        for hostile in ["\"", "NEAR(", "a:b", "*", "(", "-x", "^"] {
            list(
                conn,
                &InboxFilter {
                    search: Some(hostile.into()),
                    ..Default::default()
                },
            )
            .expect(hostile);
        }
    }
}
