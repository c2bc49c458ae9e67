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
use crate::connect::ConnectMethod;

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
    pub max_bytes: u64,
    /// MIME types, e.g. "image/jpeg".
    pub formats: Vec<String>,
    /// Longest alt text, in characters; `None` when images carry none.
    pub max_alt_length: Option<u32>,
}

/// How a network shows a post, for the composer's preview (and its word for a like).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewStyle {
    pub handle: HandleStyle,
    /// Avatars as squares with rounded corners instead of circles.
    pub square_avatars: bool,
    pub underline_links: bool,
    pub warning: WarningStyle,
    /// The image box's aspect ratio (CSS, "4 / 3") for one image, and for several.
    pub one_image_aspect: String,
    pub images_aspect: String,
    /// Corner radius of the image box, in px.
    pub image_radius: u32,
    /// The network's word for a like: "Favourite" on Mastodon.
    pub like_word: String,
}

/// How the handle shows beside the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HandleStyle {
    /// As the channel stores it (`@ada@mastodon.social`).
    AsStored,
    /// With one `@` in front (`@ada.bsky.social`).
    AtPrefixed,
    /// A long key cut to its ends (`npub1qy2ex…ple9k`).
    Shortened,
}

/// How a content warning hides the post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum WarningStyle {
    /// The warning as the visible text, then "Show more" (Mastodon's spoiler).
    Spoiler,
    /// A label over the hidden post with "Show", its text after `prefix`.
    Label { prefix: String },
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
    /// The ways to connect an account, in the order offered (the first is the default).
    pub connect: Vec<ConnectMethod>,
    /// What connecting takes, in a few words, under the network's name in the connect dialog.
    pub connect_summary: String,
    /// The network's mark: one SVG path on a 24×24 view box, filled (drawn small, in white on
    /// the brand colour).
    pub mark: String,
    /// How the composer's preview draws a post the way this network shows it.
    pub preview: PreviewStyle,
}

impl Capabilities {
    pub fn has(&self, group: CapabilityGroup) -> bool {
        self.groups.contains(&group)
    }
}
