//! The Bluesky inbox: `app.bsky.notification.listNotifications` (mention, reply, quote), with
//! `app.bsky.feed.getPosts` for images and the posts being answered; likes as
//! `app.bsky.feed.like` records.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Deserialize;
use serde_json::{Value, json};

use super::repo::AtUri;
use super::{Bluesky, publish, xrpc};
use crate::http;
use crate::inbox::{InboxAuthor, InboxKind, InboxPage, InboxSource, InboxTarget, IncomingItem};
use crate::{NetworkError, RemotePost};

/// Pages of 50 looked at per sync, newest first, before giving up on reaching the cursor
/// (2,500 notifications since the last sync; the rest wait for the next).
const MAX_PAGES: usize = 50;
const PAGE_SIZE: &str = "50";
/// getPosts takes at most 25 URIs.
const GET_POSTS_BATCH: usize = 25;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notifications {
    notifications: Vec<Notification>,
    cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    uri: String,
    cid: String,
    author: Actor,
    reason: String,
    record: Value,
    indexed_at: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Actor {
    did: String,
    handle: String,
    display_name: Option<String>,
    avatar: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Posts {
    posts: Vec<PostView>,
}

#[derive(Debug, Deserialize)]
struct PostView {
    uri: String,
    #[serde(default)]
    record: Value,
    #[serde(default)]
    embed: Option<Value>,
}

impl Bluesky {
    async fn list_notifications(&self, page: Option<&str>) -> Result<Notifications, NetworkError> {
        self.sessions
            .with_session(|session| {
                let request =
                    xrpc::endpoint(&session.pds, "app.bsky.notification.listNotifications").map(
                        |url| {
                            let mut request = self
                                .http
                                .get(url)
                                .header("authorization", session.bearer())
                                .query(&[("limit", PAGE_SIZE)]);
                            if let Some(page) = page {
                                request = request.query(&[("cursor", page)]);
                            }
                            request
                        },
                    );
                async move { http::send_json(request?).await }
            })
            .await
            .map_err(xrpc::into_network_error)
    }

    async fn get_posts(&self, uris: &[String]) -> Result<HashMap<String, PostView>, NetworkError> {
        let mut out = HashMap::new();
        for batch in uris.chunks(GET_POSTS_BATCH) {
            let posts: Posts = self
                .sessions
                .with_session(|session| {
                    let query: Vec<(&str, &str)> =
                        batch.iter().map(|uri| ("uris", uri.as_str())).collect();
                    let request =
                        xrpc::endpoint(&session.pds, "app.bsky.feed.getPosts").map(|url| {
                            self.http
                                .get(url)
                                .header("authorization", session.bearer())
                                .query(&query)
                        });
                    async move { http::send_json(request?).await }
                })
                .await
                .map_err(xrpc::into_network_error)?;
            out.extend(posts.posts.into_iter().map(|p| (p.uri.clone(), p)));
        }
        Ok(out)
    }
}

#[async_trait]
impl InboxSource for Bluesky {
    /// The cursor is the newest `indexedAt` seen: notifications come newest first, so paging
    /// stops at the first one at or before it.
    #[tracing::instrument(skip_all, fields(network = "bluesky"))]
    async fn fetch_inbox(&self, cursor: Option<&str>) -> Result<InboxPage, NetworkError> {
        let mut wanted = Vec::new();
        let mut newest: Option<String> = None;
        let mut page: Option<String> = None;
        'pages: for _ in 0..MAX_PAGES {
            let answer = self.list_notifications(page.as_deref()).await?;
            for n in answer.notifications {
                if newest
                    .as_deref()
                    .is_none_or(|seen| n.indexed_at.as_str() > seen)
                {
                    newest = Some(n.indexed_at.clone());
                }
                if cursor.is_some_and(|c| n.indexed_at.as_str() <= c) {
                    break 'pages;
                }
                if matches!(n.reason.as_str(), "mention" | "reply" | "quote") {
                    wanted.push(n);
                }
            }
            // The first sync takes the latest page only; older history is not "new".
            match answer.cursor {
                Some(next) if cursor.is_some() => page = Some(next),
                _ => break,
            }
        }
        let mut uris: Vec<String> = wanted.iter().map(|n| n.uri.clone()).collect();
        uris.extend(
            wanted
                .iter()
                .filter_map(|n| reply_ref(&n.record, "parent").map(|r| r.id)),
        );
        uris.sort();
        uris.dedup();
        let views = if uris.is_empty() {
            HashMap::new()
        } else {
            self.get_posts(&uris).await?
        };
        let items = wanted
            .into_iter()
            .map(|n| to_item(n, &views))
            .collect::<Vec<_>>();
        Ok(InboxPage {
            items,
            cursor: newest.or_else(|| cursor.map(str::to_owned)),
        })
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky", uri = %target.post.id))]
    async fn like(&self, target: &InboxTarget) -> Result<(), NetworkError> {
        let cid = target
            .post
            .cid
            .clone()
            .ok_or_else(|| NetworkError::Rejected {
                message: format!("{} has no CID to like", target.post.id),
                status: None,
            })?;
        let created_at = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);
        self.sessions
            .with_session(|session| {
                let body = json!({
                    "repo": session.did,
                    "collection": "app.bsky.feed.like",
                    "record": {
                        "$type": "app.bsky.feed.like",
                        "subject": {"uri": target.post.id, "cid": cid},
                        "createdAt": created_at,
                    },
                });
                let request =
                    xrpc::endpoint(&session.pds, "com.atproto.repo.createRecord").map(|url| {
                        self.http
                            .post(url)
                            .header("authorization", session.bearer())
                            .json(&body)
                    });
                async move { http::send(request?).await }
            })
            .await
            .map_err(xrpc::into_network_error)
    }
}

fn reply_ref(record: &Value, which: &str) -> Option<RemotePost> {
    let strong = record.get("reply")?.get(which)?;
    let uri = strong.get("uri")?.as_str()?.to_owned();
    let cid = strong.get("cid").and_then(Value::as_str).map(str::to_owned);
    Some(publish::remote_post(uri, cid))
}

fn to_item(n: Notification, views: &HashMap<String, PostView>) -> IncomingItem {
    let kind = match n.reason.as_str() {
        "reply" => InboxKind::Reply,
        "quote" => InboxKind::Quote,
        _ => InboxKind::Mention,
    };
    let post = publish::remote_post(n.uri.clone(), Some(n.cid.clone()));
    let in_reply_to = reply_ref(&n.record, "parent");
    let root = reply_ref(&n.record, "root").unwrap_or_else(|| post.clone());
    let in_reply_to_text = in_reply_to.as_ref().and_then(|parent| {
        views
            .get(&parent.id)
            .and_then(|v| v.record.get("text"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let images = views
        .get(&n.uri)
        .and_then(|v| v.embed.as_ref())
        .map(embed_images)
        .unwrap_or_default();
    let created_at = n
        .record
        .get("createdAt")
        .and_then(Value::as_str)
        .or(Some(n.indexed_at.as_str()))
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now);
    let web_url = AtUri::parse(&n.uri).ok().map(|at| {
        format!(
            "https://bsky.app/profile/{}/post/{}",
            n.author.handle, at.rkey
        )
    });
    IncomingItem {
        kind,
        web_url,
        author: InboxAuthor {
            id: n.author.did,
            name: n
                .author
                .display_name
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| n.author.handle.clone()),
            handle: n.author.handle,
            avatar_url: n.author.avatar,
        },
        text: n
            .record
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        html: None,
        images,
        in_reply_to,
        in_reply_to_text,
        root,
        post,
        created_at,
    }
}

/// `app.bsky.embed.images#view`, also inside `recordWithMedia#view`.
fn embed_images(embed: &Value) -> Vec<String> {
    let images = embed
        .get("images")
        .or_else(|| embed.get("media").and_then(|m| m.get("images")));
    images
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|i| i.get("fullsize").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_notification_keeps_its_thread() {
        let n: Notification = serde_json::from_value(json!({
            "uri": "at://did:plc:bob/app.bsky.feed.post/3r",
            "cid": "bafyreply",
            "author": {"did": "did:plc:bob", "handle": "bob.test", "displayName": "Bob"},
            "reason": "reply",
            "record": {
                "text": "agreed",
                "createdAt": "2026-01-02T03:04:05.000Z",
                "reply": {
                    "root": {"uri": "at://did:plc:us/app.bsky.feed.post/3a", "cid": "bafyroot"},
                    "parent": {"uri": "at://did:plc:us/app.bsky.feed.post/3b", "cid": "bafyparent"}
                }
            },
            "indexedAt": "2026-01-02T03:04:06.000Z"
        }))
        .expect("notification");
        let mut views = HashMap::new();
        views.insert(
            "at://did:plc:us/app.bsky.feed.post/3b".to_owned(),
            PostView {
                uri: "at://did:plc:us/app.bsky.feed.post/3b".into(),
                record: json!({"text": "our post"}),
                embed: None,
            },
        );
        let item = to_item(n, &views);
        assert_eq!(item.kind, InboxKind::Reply);
        assert_eq!(item.root.id, "at://did:plc:us/app.bsky.feed.post/3a");
        assert_eq!(item.root.cid.as_deref(), Some("bafyroot"));
        assert_eq!(
            item.in_reply_to.as_ref().map(|p| p.id.as_str()),
            Some("at://did:plc:us/app.bsky.feed.post/3b")
        );
        assert_eq!(item.in_reply_to_text.as_deref(), Some("our post"));
        assert_eq!(item.author.name, "Bob");
        assert_eq!(
            item.web_url.as_deref(),
            Some("https://bsky.app/profile/bob.test/post/3r")
        );
    }

    #[test]
    fn images_come_from_the_hydrated_view() {
        let embed = json!({"$type": "app.bsky.embed.recordWithMedia#view",
            "media": {"images": [{"fullsize": "http://x/img/1", "thumb": "http://x/t/1"}]}});
        assert_eq!(embed_images(&embed), vec!["http://x/img/1".to_owned()]);
    }
}
