//! What goes out and what comes back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Identifies one thread segment of one (post, channel) target, stably across retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// e.g. "chorus-t42-s0": unique per target and segment, at most 64 ASCII characters.
    pub token: String,
    /// Fixed when the target is first attempted; used as the post's creation time on networks
    /// that put it in the content (Bluesky `createdAt`, Nostr `created_at`), so a retry
    /// produces the identical record.
    pub created_at: DateTime<Utc>,
}

impl IdempotencyKey {
    pub fn new(target_id: i64, segment: u32, created_at: DateTime<Utc>) -> Self {
        Self {
            token: format!("chorus-t{target_id}-s{segment}"),
            created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingImage {
    pub bytes: Vec<u8>,
    /// e.g. "image/jpeg".
    pub mime_type: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

/// One segment of a post (a thread has several).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingPost {
    pub text: String,
    pub images: Vec<OutgoingImage>,
    /// Shown before the text (Mastodon `spoiler_text`, Bluesky self-label, Nostr NIP-36).
    pub content_warning: Option<String>,
    /// BCP 47 language tag, e.g. "en".
    pub language: Option<String>,
}

/// Where a published segment lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemotePost {
    /// at:// URI (Bluesky), status id (Mastodon), event id hex (Nostr).
    pub id: String,
    /// Bluesky record CID, needed to reply to it; None elsewhere.
    pub cid: Option<String>,
    /// A link a person can open, when the network has one.
    pub url: Option<String>,
}

/// The first and the previous segment of a thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyTarget {
    pub root: RemotePost,
    pub parent: RemotePost,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reconciled {
    /// It is on the network.
    Published(RemotePost),
    /// It certainly is not: publishing (with the same key) is safe.
    NotPublished,
    /// Cannot be told: the user decides (never a blind repost).
    Unconfirmed { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountInfo {
    /// The network's stable id (DID, account id, pubkey hex).
    pub id: String,
    /// What people type to mention the account (handle, acct, npub).
    pub handle: String,
    pub display_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValidationProblem {
    /// "text", "images", "images[1]", ...
    pub field: String,
    pub message: String,
}
