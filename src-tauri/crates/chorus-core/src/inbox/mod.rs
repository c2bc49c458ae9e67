//! The unified inbox: what people say to every channel, gathered by a sync per channel into
//! one list (newest first, grouped by conversation), triaged (read, done, star, tags,
//! assignee), searched (FTS5) and answered in the right thread on each network.

pub mod job;
pub mod notify;
pub mod reply;
pub mod sanitize;
pub mod saved_replies;
pub mod store;
pub mod sync;

pub use chorus_networks::InboxKind;
use chorus_networks::NetworkKind;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use ts_rs::TS;

use crate::networks::NetworkConnector;
use crate::secrets::SecretStore;
use crate::{Clock, Store};

pub use notify::{NotificationSettings, QuietHours};
pub use saved_replies::SavedReply;
pub use store::{InboxFilter, InboxStatus, InboxUpdate};
pub use sync::SyncReport;

/// One inbox item as the UI and the CLI see it. `html` is sanitized; `text` is plain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxItem {
    pub id: i64,
    pub channel_id: i64,
    pub network: NetworkKind,
    pub kind: InboxKind,
    /// The network's id of the message (at:// URI, status id, event id).
    pub remote_id: String,
    /// Opens the original in the browser.
    pub web_url: Option<String>,
    pub author_name: String,
    pub author_handle: String,
    pub author_avatar_url: Option<String>,
    pub text: String,
    pub html: Option<String>,
    pub images: Vec<String>,
    pub in_reply_to_id: Option<String>,
    pub in_reply_to_text: Option<String>,
    /// Our post it answers, when it answers one of ours.
    pub our_post_id: Option<i64>,
    pub conversation_key: String,
    pub created_at: String,
    pub read: bool,
    pub done: bool,
    pub starred: bool,
    pub liked: bool,
    pub assignee: Option<String>,
    pub tags: Vec<String>,
}

/// Items of one conversation on a page, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxConversation {
    pub key: String,
    pub latest_at: String,
    pub items: Vec<InboxItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxListing {
    /// Conversations in order of their newest item on this page.
    pub conversations: Vec<InboxConversation>,
    /// More items match beyond this page (ask again with a larger offset).
    pub has_more: bool,
}

/// Our answer from the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxReply {
    pub id: i64,
    pub item_id: i64,
    pub text: String,
    /// "sending", "sent" or "failed".
    pub status: String,
    pub remote_id: Option<String>,
    pub remote_url: Option<String>,
    pub error: Option<String>,
}

/// The inbox over one store: what the app and the CLI hold. Networks come from the one
/// factory, cached per channel (a Bluesky session is worth keeping between syncs).
pub struct Inbox {
    pub store: Arc<Mutex<Store>>,
    pub clock: Arc<dyn Clock>,
    pub networks: Arc<NetworkConnector>,
}

impl Inbox {
    pub fn new(
        store: Arc<Mutex<Store>>,
        clock: Arc<dyn Clock>,
        secrets: Arc<dyn SecretStore>,
    ) -> Self {
        Self::with_networks(store, clock, Arc::new(NetworkConnector::new(secrets)))
    }

    /// An inbox sharing `networks` with the publishing engine.
    pub fn with_networks(
        store: Arc<Mutex<Store>>,
        clock: Arc<dyn Clock>,
        networks: Arc<NetworkConnector>,
    ) -> Self {
        Self {
            store,
            clock,
            networks,
        }
    }

    pub(crate) fn db<T>(
        &self,
        work: impl FnOnce(&mut Store) -> crate::Result<T>,
    ) -> crate::Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut guard)
    }
}

impl Inbox {
    pub fn list(&self, filter: &InboxFilter) -> crate::Result<InboxListing> {
        self.db(|s| store::list(s.connection(), filter))
    }

    pub fn get(&self, id: i64) -> crate::Result<InboxItem> {
        self.db(|s| store::get(s.connection(), id))
    }

    pub fn update(&self, ids: &[i64], change: &InboxUpdate) -> crate::Result<()> {
        self.db(|s| store::update(s.connection_mut(), ids, change))
    }

    pub fn add_tag(&self, id: i64, tag: &str) -> crate::Result<InboxItem> {
        self.db(|s| {
            store::add_tag(s.connection(), id, tag)?;
            store::get(s.connection(), id)
        })
    }

    pub fn remove_tag(&self, id: i64, tag: &str) -> crate::Result<InboxItem> {
        self.db(|s| {
            store::remove_tag(s.connection(), id, tag)?;
            store::get(s.connection(), id)
        })
    }

    pub fn tags(&self) -> crate::Result<Vec<String>> {
        self.db(|s| store::tags(s.connection()))
    }

    pub fn unread_count(&self, channel_id: Option<i64>) -> crate::Result<i64> {
        self.db(|s| store::unread_count(s.connection(), channel_id))
    }
}
