//! The contract's view of each local test server (`tests/servers/with-servers.sh`).

use async_trait::async_trait;
use chorus_networks::bluesky::{Bluesky, BlueskyConfig, BlueskySettings};
use chorus_networks::mastodon::{Mastodon, MastodonConfig, MastodonSettings};
use chorus_networks::nostr::{NostrKeys, NostrSettings};
use chorus_networks::{
    AccountInfo, ChannelConfig, IdempotencyKey, OutgoingPost, Publisher, RemotePost,
};
use serde_json::Value;

use super::{Account, ContractServer};
use crate::servers;

fn post(text: String) -> OutgoingPost {
    OutgoingPost {
        text,
        ..OutgoingPost::default()
    }
}

/// A key for the other account's posts, which nothing else publishes with.
fn their_key() -> IdempotencyKey {
    IdempotencyKey::new(super::fresh_target(), 0, chrono::Utc::now())
}

/// The AT Protocol reference PDS and appview (`@atproto/dev-env`): the real servers.
pub struct AtprotoReference;

#[async_trait]
impl ContractServer for AtprotoReference {
    fn name(&self) -> &'static str {
        "the AT Protocol reference PDS (real)"
    }

    async fn account(&self) -> Account {
        let ours = servers::bluesky_account(&servers::pds_url()).await;
        Account {
            config: ChannelConfig::Bluesky(BlueskySettings {
                service_url: servers::pds_url(),
                identifier: ours.handle,
            }),
            secret: ours.app_password,
        }
    }

    async fn mention(&self, ours: &AccountInfo, text: &str) -> RemotePost {
        let pds = servers::pds_url();
        let theirs = servers::bluesky_account(&pds).await;
        let them = Bluesky::new(BlueskyConfig {
            service_url: url::Url::parse(&pds).expect("PDS url"),
            identifier: theirs.handle,
            app_password: theirs.app_password,
        })
        .expect("their adapter");
        them.publish(
            &their_key(),
            &post(format!("@{} {text}", ours.handle)),
            None,
        )
        .await
        .expect("they post the mention")
    }

    async fn parent_of(
        &self,
        _account: &Account,
        ours: &AccountInfo,
        post: &RemotePost,
    ) -> Option<String> {
        servers::bluesky_posts(&servers::pds_url(), &ours.id)
            .await
            .into_iter()
            .find(|r| r["uri"] == Value::String(post.id.clone()))
            .and_then(|r| {
                r["value"]["reply"]["parent"]["uri"]
                    .as_str()
                    .map(str::to_owned)
            })
    }
}

/// mastodon-mock: a MOCK of the Mastodon client API, not Mastodon.
pub struct MastodonMock;

#[async_trait]
impl ContractServer for MastodonMock {
    fn name(&self) -> &'static str {
        "mastodon-mock (a mock of the Mastodon API)"
    }

    async fn account(&self) -> Account {
        Account {
            config: ChannelConfig::Mastodon(MastodonSettings {
                instance_url: servers::mastodon_mock_url(),
            }),
            secret: servers::mastodon_mock_user(&servers::mastodon_mock_url()).await,
        }
    }

    async fn mention(&self, ours: &AccountInfo, text: &str) -> RemotePost {
        let base = servers::mastodon_mock_url();
        let them = Mastodon::new(MastodonConfig {
            instance_url: url::Url::parse(&base).expect("mock url"),
            access_token: servers::mastodon_mock_user(&base).await,
        })
        .expect("their adapter");
        let username = ours.handle.split('@').next().unwrap_or(&ours.handle);
        them.publish(&their_key(), &post(format!("@{username} {text}")), None)
            .await
            .expect("they post the mention")
    }

    async fn parent_of(
        &self,
        account: &Account,
        _ours: &AccountInfo,
        post: &RemotePost,
    ) -> Option<String> {
        servers::mastodon_mock_statuses(&servers::mastodon_mock_url(), &account.secret)
            .await
            .into_iter()
            .find(|s| s["id"] == Value::String(post.id.clone()))
            .and_then(|s| s["in_reply_to_id"].as_str().map(str::to_owned))
    }
}

/// nostr-rs-relay: a real relay.
pub struct NostrRelay;

#[async_trait]
impl ContractServer for NostrRelay {
    fn name(&self) -> &'static str {
        "nostr-rs-relay (real)"
    }

    async fn account(&self) -> Account {
        Account {
            config: ChannelConfig::Nostr(NostrSettings {
                relays: vec![servers::nostr_relay_url()],
            }),
            secret: NostrKeys::generate().nsec(),
        }
    }

    async fn mention(&self, ours: &AccountInfo, text: &str) -> RemotePost {
        let id = servers::nostr_mention(&servers::nostr_relay_url(), &ours.id, text).await;
        RemotePost {
            id,
            cid: None,
            url: None,
        }
    }

    async fn parent_of(
        &self,
        _account: &Account,
        ours: &AccountInfo,
        post: &RemotePost,
    ) -> Option<String> {
        servers::nostr_notes(&servers::nostr_relay_url(), &ours.id)
            .await
            .iter()
            .find(|n| n["id"] == Value::String(post.id.clone()))
            .and_then(servers::nostr_parent)
    }
}
