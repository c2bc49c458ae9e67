//! What people say on a network when nobody tags the account: the source of listening.
//!
//! Designed here, implemented by the listening issue: no [`Network`](crate::Network) carries a
//! [`SearchSource`] yet and [`CapabilityGroup::Search`](crate::CapabilityGroup::Search) is
//! listed by none.
//!
//! Contract:
//! - The network's search is a pre-filter, never the truth: Bluesky's production service
//!   ignores some operators and its dev network matches substrings, Mastodon searches hashtags
//!   and (where the instance allows) words, Nostr relays may offer NIP-50 or nothing. The
//!   listening job in core matches every returned item against the listener's own boolean
//!   query and keeps only what matches, so a source may return more than asked, never less
//!   than it can.
//! - [`SearchQuery::terms`] are what the source may send to the network (words, phrases and
//!   hashtags, without the boolean structure); [`SearchQuery::hashtags`] are asked for on
//!   networks that search by tag (Mastodon tag timelines, Nostr `#t`).
//! - Paging is by an opaque cursor that only moves forward; the same item may come twice
//!   across pages and the job stores items idempotently by their [`IncomingItem::post`] id.
//! - Items are untrusted exactly as inbox items are ([`IncomingItem::html`] is sanitized
//!   before anything shows it). Their `kind` is [`InboxKind::Mention`](crate::InboxKind).
//! - `RateLimited` carries Retry-After, which the job honours per source.

use async_trait::async_trait;

use crate::{IncomingItem, NetworkError};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words and exact phrases (a phrase keeps its spaces).
    pub terms: Vec<String>,
    /// Without `#`, lower-cased.
    pub hashtags: Vec<String>,
    /// BCP 47 language tag, when the listener asks for one.
    pub language: Option<String>,
}

/// Items found, newest first, and the cursor for the next (older) page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchPage {
    pub items: Vec<IncomingItem>,
    /// `None`: nothing further back.
    pub cursor: Option<String>,
}

#[async_trait]
pub trait SearchSource: Send + Sync {
    /// One page of items matching `query`, starting after `cursor` (`None`: the newest).
    async fn search(
        &self,
        query: &SearchQuery,
        cursor: Option<&str>,
    ) -> Result<SearchPage, NetworkError>;
}
