//! Chorus network adapters: Bluesky (AT Protocol), Mastodon (client REST API) and Nostr, one
//! folder each, registered in one line in [`registry`]. Each declares its [`Capabilities`] and
//! builds a live [`Network`]: a [`Publisher`], and an [`InboxSource`], [`MetricsSource`] and
//! [`SearchSource`] where it has them, so the engine and the jobs never know which network they
//! talk to. No Tauri, no storage: adapters get credentials and content, and give back remote ids.

pub mod bluesky;
pub mod capabilities;
pub mod connect;
pub mod error;
pub mod http;
pub mod inbox;
pub mod mastodon;
pub mod metrics;
pub mod nostr;
pub mod post;
pub mod registry;
pub mod search;
pub mod text;

pub use capabilities::{
    Capabilities, CapabilityGroup, HandleStyle, ImageRules, PreviewStyle, TextCounting, TextRules,
    WarningStyle,
};
pub use connect::{
    BrowserSignIn, ConnectAnswers, ConnectField, ConnectMethod, Credentials, FieldKind,
};
pub use error::NetworkError;
pub use inbox::{InboxAuthor, InboxKind, InboxPage, InboxSource, InboxTarget, IncomingItem, Watch};
pub use metrics::{AccountMetrics, MetricKind, MetricsSource, PostMetrics};
pub use post::{
    AccountInfo, IdempotencyKey, OutgoingImage, OutgoingPost, Reconciled, RemotePost, ReplyTarget,
    ValidationProblem,
};
pub use registry::{
    ChannelConfig, ConnectOptions, Network, NetworkKind, NetworkSettings, all_capabilities,
};
pub use search::{SearchPage, SearchQuery, SearchSource};

use async_trait::async_trait;

/// One connected account on one network.
///
/// Idempotency contract: `key` is the same for a given (post target, thread segment) across
/// retries and crashes, and so is `key.created_at`. Publishing twice with the same key must
/// never produce two posts on the network (Mastodon: `Idempotency-Key`; Bluesky: a record key
/// derived from the key; Nostr: the event id is a hash of the content and `created_at`).
#[async_trait]
pub trait Publisher: Send + Sync {
    fn kind(&self) -> NetworkKind;

    /// Checks one segment against this network's rules (length as the network counts it,
    /// image count, size and format) before anything is scheduled. Empty means publishable.
    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem>;

    /// Who these credentials belong to; fails with [`NetworkError::Auth`] when they no longer work.
    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError>;

    /// Publishes one segment; `reply_to` chains thread segments.
    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError>;

    /// After a crash or an unknown outcome: did the segment with this key go out?
    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError>;

    /// Whether the network can publish a (single-segment) post by itself at a set time, so it
    /// goes out even when Chorus is not running.
    fn can_schedule_on_server(&self) -> bool {
        false
    }

    /// Hands the post to the network's own scheduler; returns the server's schedule id.
    async fn schedule_on_server(
        &self,
        _key: &IdempotencyKey,
        _post: &OutgoingPost,
        _at: chrono::DateTime<chrono::Utc>,
    ) -> Result<String, NetworkError> {
        Err(NetworkError::Rejected {
            message: format!("{} cannot schedule posts by itself", self.kind().as_str()),
            status: None,
        })
    }

    /// Withdraws a post from the network's scheduler; one already gone is fine.
    async fn cancel_on_server(&self, _schedule_id: &str) -> Result<(), NetworkError> {
        Ok(())
    }

    /// Deletes a published segment.
    async fn delete(&self, remote: &RemotePost) -> Result<(), NetworkError>;

    /// Fetches a published segment's current text, or `None` when it is gone.
    async fn fetch(&self, remote: &RemotePost) -> Result<Option<String>, NetworkError>;
}
