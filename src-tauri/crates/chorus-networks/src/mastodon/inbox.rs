//! The Mastodon inbox: `GET /api/v1/notifications?types[]=mention`, paged forward with
//! `min_id` from the cursor; woken by the streaming API (`GET /api/v1/streaming/user/
//! notification`, server-sent events) where the server has it, polled otherwise; favourites
//! through `POST /api/v1/statuses/:id/favourite`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::Deserialize;

use super::{Mastodon, html};
use crate::http::{self, Failure};
use crate::inbox::{
    InboxAuthor, InboxKind, InboxPage, InboxSource, InboxTarget, IncomingItem, Watch,
};
use crate::{NetworkError, RemotePost};

const PAGE_SIZE: &str = "40";
/// Mastodon's streaming server sends a heartbeat comment every ~15 s; longer silence means
/// the connection is gone.
const STREAM_SILENCE: std::time::Duration = std::time::Duration::from_secs(45);
/// Pages fetched per sync before the rest waits for the next one.
const MAX_PAGES: usize = 25;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Notification {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub status: Option<NotifiedStatus>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct NotifiedStatus {
    pub id: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub content: String,
    pub url: Option<String>,
    pub uri: Option<String>,
    pub in_reply_to_id: Option<String>,
    pub in_reply_to_account_id: Option<String>,
    pub account: NotifiedAccount,
    #[serde(default)]
    pub media_attachments: Vec<Attachment>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct NotifiedAccount {
    pub id: String,
    pub acct: String,
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub display_name: String,
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Attachment {
    #[serde(rename = "type")]
    pub kind: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Parent {
    #[serde(default)]
    content: String,
}

/// Mastodon ids are numeric strings of varying length: longer is newer, then text order.
fn newer(a: &str, b: &str) -> bool {
    (a.len(), a) > (b.len(), b)
}

#[async_trait]
impl InboxSource for Mastodon {
    /// The cursor is the newest notification id seen.
    #[tracing::instrument(skip_all, fields(network = "mastodon", instance = %self.instance_url))]
    async fn fetch_inbox(&self, cursor: Option<&str>) -> Result<InboxPage, NetworkError> {
        let own_id = self.account_id().await?;
        let mut all: Vec<Notification> = Vec::new();
        let mut after = cursor.map(str::to_owned);
        for _ in 0..MAX_PAGES {
            let mut request = self
                .request(Method::GET, &["api", "v1", "notifications"])?
                .query(&[("types[]", "mention"), ("limit", PAGE_SIZE)]);
            if let Some(after) = &after {
                request = request.query(&[("min_id", after.as_str())]);
            }
            let page: Vec<Notification> = http::send_json(request).await?;
            let Some(newest) = page
                .iter()
                .map(|n| n.id.as_str())
                .reduce(|a, b| if newer(a, b) { a } else { b })
                .map(str::to_owned)
            else {
                break;
            };
            // A server that ignores min_id would hand back the same page for ever.
            let moved = after.as_deref().is_none_or(|a| newer(&newest, a));
            all.extend(page);
            if !moved || cursor.is_none() {
                break;
            }
            after = Some(newest);
        }
        let newest = all
            .iter()
            .map(|n| n.id.clone())
            .reduce(|a, b| if newer(&a, &b) { a } else { b });
        let mut items = Vec::with_capacity(all.len());
        for n in all {
            if n.kind != "mention" {
                continue;
            }
            let Some(status) = n.status else { continue };
            let parent_text = match (&status.in_reply_to_id, &status.in_reply_to_account_id) {
                (Some(parent), Some(account)) if *account == own_id => {
                    self.parent_text(parent).await
                }
                _ => None,
            };
            items.push(to_item(status, &own_id, parent_text));
        }
        let cursor = match (newest, cursor) {
            (Some(n), Some(old)) if !newer(&n, old) => Some(old.to_owned()),
            (Some(n), _) => Some(n),
            (None, old) => old.map(str::to_owned),
        };
        Ok(InboxPage { items, cursor })
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", id = %target.post.id))]
    async fn like(&self, target: &InboxTarget) -> Result<(), NetworkError> {
        let request = self.request(
            Method::POST,
            &["api", "v1", "statuses", &target.post.id, "favourite"],
        )?;
        Ok(http::send(request).await?)
    }

    /// The user stream's notifications (server-sent events). 404 is a server with streaming
    /// switched off.
    #[tracing::instrument(skip_all, fields(network = "mastodon", instance = %self.instance_url))]
    async fn watch(&self, on_news: &(dyn Fn() + Send + Sync)) -> Result<Watch, NetworkError> {
        let client = http::streaming_client(STREAM_SILENCE)?;
        let url = self.endpoint(&["api", "v1", "streaming", "user", "notification"])?;
        let mut response = client
            .get(url)
            .bearer_auth(&self.access_token)
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .send()
            .await
            .map_err(|e| http::classify_send_error(&e, true))?;
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(Watch::Unsupported);
        }
        if !response.status().is_success() {
            return Err(http::status_error(response).await);
        }
        tracing::debug!("streaming notifications");
        let mut events = SseLines::default();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| http::classify_send_error(&e, true))?
        {
            for event in events.push(&chunk) {
                if event == "notification" {
                    on_news();
                }
            }
        }
        Ok(Watch::Ended)
    }
}

/// Splits a server-sent event stream into the names of its events (`event: name` lines), as
/// chunks arrive split anywhere.
#[derive(Default)]
struct SseLines {
    pending: Vec<u8>,
}

impl SseLines {
    fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.pending.extend_from_slice(chunk);
        let mut names = Vec::new();
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(name) = line.strip_prefix("event:") {
                names.push(name.trim().to_owned());
            }
        }
        names
    }
}

impl Mastodon {
    /// The text of the status being answered; a failure only loses the preview.
    async fn parent_text(&self, id: &str) -> Option<String> {
        let request = self
            .request(Method::GET, &["api", "v1", "statuses", id])
            .ok()?;
        match http::send_json::<Parent>(request).await {
            Ok(parent) => Some(html::to_text(&parent.content)),
            Err(Failure::Status(_) | Failure::Network(_)) => None,
        }
    }
}

pub(crate) fn to_item(
    status: NotifiedStatus,
    own_id: &str,
    in_reply_to_text: Option<String>,
) -> IncomingItem {
    let post = RemotePost {
        id: status.id.clone(),
        cid: None,
        url: status.url.clone().or(status.uri.clone()),
    };
    let kind = if status.in_reply_to_account_id.as_deref() == Some(own_id) {
        InboxKind::Reply
    } else {
        InboxKind::Mention
    };
    let in_reply_to = status.in_reply_to_id.as_ref().map(|id| RemotePost {
        id: id.clone(),
        cid: None,
        url: None,
    });
    let account = status.account;
    IncomingItem {
        kind,
        web_url: post.url.clone(),
        author: InboxAuthor {
            id: account.id,
            name: if account.display_name.trim().is_empty() {
                account.username.clone()
            } else {
                account.display_name
            },
            handle: account.acct,
            avatar_url: account.avatar,
        },
        text: html::to_text(&status.content),
        html: Some(status.content),
        images: status
            .media_attachments
            .into_iter()
            .filter(|a| a.kind == "image" || a.kind == "gifv")
            .filter_map(|a| a.url)
            .collect(),
        // Mastodon threads are chains of in_reply_to_id; the thread's first status is not in
        // the notification, so the parent stands for the conversation.
        root: in_reply_to.clone().unwrap_or_else(|| post.clone()),
        in_reply_to,
        in_reply_to_text,
        post,
        created_at: status.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_sent_events_are_named_across_chunk_boundaries() {
        let mut sse = SseLines::default();
        assert!(sse.push(b":connected\n\nevent: notifi").is_empty());
        assert_eq!(
            sse.push(b"cation\r\ndata: {\"id\":\"1\"}\n\n:thump\n\nevent:update\ndata: {}\n\n"),
            ["notification", "update"]
        );
    }

    /// A notification as documented at docs.joinmastodon.org/methods/notifications (recorded
    /// JSON, trimmed), not from a live server.
    const DOCUMENTED: &str = r#"[{
      "id": "34975861",
      "type": "mention",
      "created_at": "2019-11-23T07:49:02.064Z",
      "account": {"id": "971724", "username": "zsc", "acct": "zsc", "display_name": ""},
      "status": {
        "id": "103186126728896492",
        "created_at": "2019-11-23T07:49:01.940Z",
        "in_reply_to_id": "103186038209478945",
        "in_reply_to_account_id": "14715",
        "content": "<p><span class=\"h-card\"><a href=\"https://mastodon.social/@trwnh\" class=\"u-url mention\">@<span>trwnh</span></a></span> sup!<script>alert(1)</script></p>",
        "url": "https://mastodon.social/@zsc/103186126728896492",
        "uri": "https://mastodon.social/users/zsc/statuses/103186126728896492",
        "account": {"id": "971724", "username": "zsc", "acct": "zsc", "display_name": "",
                    "avatar": "https://files.mastodon.social/accounts/avatars/000/971/724/original/a.png"},
        "media_attachments": [{"type": "image", "url": "https://files.mastodon.social/m/1.png"}]
      }
    }]"#;

    #[test]
    fn documented_notifications_become_items() {
        let notifications: Vec<Notification> =
            serde_json::from_str(DOCUMENTED).expect("documented JSON parses");
        let status = notifications[0].status.clone().expect("status");
        let item = to_item(status, "14715", Some("our post".into()));
        assert_eq!(item.kind, InboxKind::Reply);
        assert_eq!(item.post.id, "103186126728896492");
        assert_eq!(
            item.in_reply_to.as_ref().map(|p| p.id.as_str()),
            Some("103186038209478945")
        );
        assert_eq!(item.author.name, "zsc");
        assert_eq!(item.author.handle, "zsc");
        assert!(item.text.starts_with("@trwnh sup!"), "{}", item.text);
        assert!(item.html.as_deref().is_some_and(|h| h.contains("<script>")));
        assert_eq!(item.images, vec!["https://files.mastodon.social/m/1.png"]);
        let not_ours = to_item(notifications[0].status.clone().expect("status"), "1", None);
        assert_eq!(not_ours.kind, InboxKind::Mention);
    }

    #[test]
    fn longer_ids_are_newer() {
        assert!(newer("100", "99"));
        assert!(newer("103", "102"));
        assert!(!newer("99", "99"));
    }
}
