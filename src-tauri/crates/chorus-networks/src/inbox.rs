//! What other people say to or about the account: mentions, replies, quotes and comments,
//! fetched since a cursor, plus replying to and liking them with each network's threading.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{IdempotencyKey, NetworkError, OutgoingPost, Publisher, RemotePost, ReplyTarget};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InboxKind {
    /// Names the account.
    Mention,
    /// Answers one of the account's posts.
    Reply,
    /// Quotes one of the account's posts.
    Quote,
    /// Any other message addressed to the account (a Nostr note tagging us in a thread).
    Comment,
}

impl InboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mention => "mention",
            Self::Reply => "reply",
            Self::Quote => "quote",
            Self::Comment => "comment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "mention" => Some(Self::Mention),
            "reply" => Some(Self::Reply),
            "quote" => Some(Self::Quote),
            "comment" => Some(Self::Comment),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxAuthor {
    /// The network's stable id (DID, account id, pubkey hex).
    pub id: String,
    pub name: String,
    pub handle: String,
    pub avatar_url: Option<String>,
}

/// One message as the network gave it. Text is untrusted: `html` (Mastodon) must be
/// sanitized before anything displays it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingItem {
    pub kind: InboxKind,
    /// The message itself: `id` is what a reply or like needs (at:// URI + CID, status id,
    /// event id with a `nostr:nevent` naming its author in `url`).
    pub post: RemotePost,
    /// A link a person can open in the browser.
    pub web_url: Option<String>,
    pub author: InboxAuthor,
    /// Plain text.
    pub text: String,
    /// The network's HTML, unsanitized, when it sends HTML (Mastodon).
    pub html: Option<String>,
    /// Full-size image URLs.
    pub images: Vec<String>,
    /// The post it answers, when it answers one.
    pub in_reply_to: Option<RemotePost>,
    /// The text of the post it answers, when the network told us.
    pub in_reply_to_text: Option<String>,
    /// The first post of the thread it belongs to (itself when it starts one).
    pub root: RemotePost,
    pub created_at: DateTime<Utc>,
}

/// New items since a cursor, and the cursor to ask with next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxPage {
    pub items: Vec<IncomingItem>,
    /// `None` when nothing moved it (keep the old one).
    pub cursor: Option<String>,
}

/// What a reply or like needs to know about the item it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxTarget {
    pub post: RemotePost,
    pub root: RemotePost,
    pub author_id: String,
}

/// An adapter that can also read the account's inbox.
#[async_trait]
pub trait InboxSource: Publisher {
    /// Everything new since `cursor` (`None`: the first sync, which takes the latest page).
    /// Items may repeat across calls near the cursor; the caller stores them idempotently.
    async fn fetch_inbox(&self, cursor: Option<&str>) -> Result<InboxPage, NetworkError>;

    /// Answers `target` in its thread: Bluesky reply root/parent strong refs, Mastodon
    /// `in_reply_to_id`, Nostr NIP-10 `e` root/reply markers and `p` tags.
    async fn reply(
        &self,
        key: &IdempotencyKey,
        target: &InboxTarget,
        text: &str,
    ) -> Result<RemotePost, NetworkError> {
        let post = OutgoingPost {
            text: text.to_owned(),
            ..OutgoingPost::default()
        };
        let problems = self.validate(&post);
        if let Some(problem) = problems.first() {
            return Err(NetworkError::Rejected {
                message: problem.message.clone(),
                status: None,
            });
        }
        let thread = ReplyTarget {
            root: target.root.clone(),
            parent: target.post.clone(),
        };
        self.publish(key, &post, Some(&thread)).await
    }

    /// Likes (Bluesky), favourites (Mastodon) or reacts "+" (Nostr NIP-25) to `target`.
    async fn like(&self, target: &InboxTarget) -> Result<(), NetworkError>;

    /// Listens on the network's push channel (Mastodon's streaming API) and calls `on_news`
    /// whenever it announces something for the inbox, until the connection ends. The caller
    /// then fetches as usual (cursors keep that exact): the push is only a wake-up. Networks
    /// without one, and servers with it switched off, answer [`Watch::Unsupported`] at once:
    /// they are polled.
    async fn watch(&self, on_news: &(dyn Fn() + Send + Sync)) -> Result<Watch, NetworkError> {
        let _ = on_news;
        Ok(Watch::Unsupported)
    }
}

/// How [`InboxSource::watch`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watch {
    /// No push channel here: poll.
    Unsupported,
    /// The server closed the stream; connect again (after a pause).
    Ended,
}
