//! How a published post and an account are doing, as the network counts them now.
//!
//! Designed here, implemented by the analytics issue: no network offers it yet, so no
//! [`Network`](crate::Network) carries a [`MetricsSource`] and
//! [`CapabilityGroup::Metrics`](crate::CapabilityGroup::Metrics) is listed by none.
//!
//! Contract:
//! - None of the networks keeps a history for us: every call answers "now". The metrics job
//!   in core stores each answer as a snapshot with the instant it asked, append-only, and
//!   charts are drawn from those snapshots alone.
//! - [`MetricsSource::post_metrics`] takes at most [`MetricsSource::batch_size`] posts (Bluesky
//!   `app.bsky.feed.getPosts` takes 25 URIs; Mastodon `GET /api/v1/statuses?id[]=`) and answers
//!   for every post it was given, in any order: a post the network no longer has is
//!   [`PostMetrics::Gone`] (the job stops polling it), never left out.
//! - A count the network does not report is absent from the map, not zero: zero is a
//!   measurement.
//! - Failures are [`NetworkError`]s with the same meaning as for publishing: `RateLimited`
//!   carries the network's Retry-After, which the job honours; `Auth` means the channel needs
//!   the user.

use std::collections::BTreeMap;

use async_trait::async_trait;

use crate::{NetworkError, RemotePost};

/// What is counted. Networks report a subset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricKind {
    Likes,
    Reposts,
    Replies,
    Quotes,
    /// Nostr zaps: the sum of the validated zap receipts, in millisatoshis.
    ZapMillisats,
    /// Nostr reactions other than a like, per emoji.
    Reaction(String),
}

/// One post's counts at the instant of the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostMetrics {
    Counted {
        post: RemotePost,
        counts: BTreeMap<MetricKind, u64>,
    },
    /// Deleted on the network (by the user or a moderator).
    Gone { post: RemotePost },
}

/// The account's own counts at the instant of the call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountMetrics {
    pub followers: Option<u64>,
    pub following: Option<u64>,
    pub posts: Option<u64>,
    /// The figures are a lower bound gathered from several servers (Nostr contact lists
    /// across the channel's relays), and are shown as approximate.
    pub approximate: bool,
}

#[async_trait]
pub trait MetricsSource: Send + Sync {
    /// The most posts one [`Self::post_metrics`] call takes.
    fn batch_size(&self) -> usize;

    /// Counts for `posts` (at most [`Self::batch_size`]), one answer per post.
    async fn post_metrics(&self, posts: &[RemotePost]) -> Result<Vec<PostMetrics>, NetworkError>;

    /// Followers, following and posts of the account these credentials belong to.
    async fn account_metrics(&self) -> Result<AccountMetrics, NetworkError>;
}
