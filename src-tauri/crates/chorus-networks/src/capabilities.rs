//! What a network is and what Chorus can do on it, declared once by the network's own folder.
//!
//! The composer counts and checks text with these rules, the connect dialog lists networks and
//! paints them in their brand colour from them, and the jobs ask them which capability groups a
//! network has. Limits here are the network's defaults: a server that says otherwise (a
//! Mastodon instance with 5,000 characters) is checked again by the adapter's own `validate`
//! before anything is scheduled.

use serde::Serialize;
use ts_rs::TS;

use crate::NetworkKind;

/// How the network measures a post's text against [`TextRules::max_length`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum TextCounting {
    /// User-perceived characters (Unicode grapheme clusters): 👩‍👩‍👧 is one.
    Graphemes,
    /// Graphemes, but every link counts as `url_length` whatever its length and, with
    /// `local_mentions`, a remote mention `@user@server` counts as `@user` (Mastodon's
    /// `StatusLengthValidator`).
    GraphemesShortLinks {
        url_length: u32,
        local_mentions: bool,
    },
    /// UTF-8 bytes.
    Bytes,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextRules {
    /// `None`: the network sets no length limit on text.
    pub max_length: Option<u32>,
    pub counting: TextCounting,
    /// The content warning is counted with the text (Mastodon counts `spoiler_text`).
    pub warning_counts: bool,
    /// One sentence a person reads beside the counter.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImageRules {
    /// 0: the network takes no image uploads.
    pub max_per_post: u32,
    /// Largest file accepted, in bytes.
    #[ts(type = "number")]
    pub max_bytes: u64,
    /// MIME types, e.g. "image/jpeg".
    pub formats: Vec<String>,
    /// Longest alt text, in characters; `None` when images carry none.
    pub max_alt_length: Option<u32>,
}

/// A group of operations a network implements; each is a trait object on
/// [`Network`](crate::Network), present exactly when its group is listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CapabilityGroup {
    /// [`Publisher`](crate::Publisher): publish, reconcile, delete, fetch.
    Publish,
    /// [`InboxSource::fetch_inbox`](crate::InboxSource::fetch_inbox).
    Inbox,
    /// [`InboxSource::reply`](crate::InboxSource::reply), threaded.
    Reply,
    /// [`InboxSource::like`](crate::InboxSource::like).
    Like,
    /// [`MetricsSource`](crate::MetricsSource).
    Metrics,
    /// [`SearchSource`](crate::SearchSource).
    Search,
}

/// What an adapter implementing [`Publisher`](crate::Publisher) and
/// [`InboxSource`](crate::InboxSource) offers.
pub const PUBLISH_AND_INBOX: &[CapabilityGroup] = &[
    CapabilityGroup::Publish,
    CapabilityGroup::Inbox,
    CapabilityGroup::Reply,
    CapabilityGroup::Like,
];

/// One network's declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Capabilities {
    pub network: NetworkKind,
    /// The name people know it by: "Bluesky".
    pub label: String,
    /// The brand colour its badge is painted in, as CSS hex.
    pub brand_color: String,
    pub text: TextRules,
    pub images: ImageRules,
    /// Several segments published as a reply chain.
    pub threads: bool,
    /// A warning shown before the text.
    pub content_warnings: bool,
    /// The post's language is sent with it.
    pub languages: bool,
    /// A first comment posted under the post by the account itself.
    pub first_comment: bool,
    /// A published post can be edited through Chorus.
    pub editing: bool,
    /// A published post can be deleted through Chorus.
    pub deletion: bool,
    /// The network can publish a single post at a set time by itself.
    pub server_scheduling: bool,
    /// The network pushes inbox news (a stream) besides being polled.
    pub inbox_push: bool,
    pub groups: Vec<CapabilityGroup>,
}

impl Capabilities {
    pub fn has(&self, group: CapabilityGroup) -> bool {
        self.groups.contains(&group)
    }
}
