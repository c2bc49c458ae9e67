//! Bluesky through the AT Protocol: an app-password session on the account's PDS, posts written
//! as `app.bsky.feed.post` records under a record key derived from the idempotency key.

mod facets;
mod inbox;
pub(crate) mod network;
mod publish;
mod record_key;
mod repo;
mod session;
mod validate;
mod xrpc;

#[cfg(test)]
mod fake_pds;

use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use serde::Deserialize;
use url::Url;

pub use network::{
    BlueskySettings, BlueskySettings as Settings, capabilities, connect, credentials,
};
pub use record_key::record_key;
pub use validate::{IMAGE_TYPES, MAX_ALT_GRAPHEMES, MAX_GRAPHEMES, MAX_IMAGE_BYTES, MAX_IMAGES};

use crate::http;
use crate::{
    AccountInfo, IdempotencyKey, NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled,
    RemotePost, ReplyTarget, ValidationProblem,
};
use repo::AtUri;
use session::SessionStore;

pub const DEFAULT_SERVICE_URL: &str = "https://bsky.social";

#[derive(Clone)]
pub struct BlueskyConfig {
    /// Where to sign in; the account's own PDS is then taken from its DID document.
    pub service_url: Url,
    /// A handle ("alice.bsky.social") or a DID.
    pub identifier: String,
    pub app_password: String,
}

impl BlueskyConfig {
    /// A config for an account on bsky.social.
    pub fn new(identifier: impl Into<String>, app_password: impl Into<String>) -> Self {
        Self {
            service_url: Url::parse(DEFAULT_SERVICE_URL).expect("the default service URL parses"),
            identifier: identifier.into(),
            app_password: app_password.into(),
        }
    }
}

impl fmt::Debug for BlueskyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlueskyConfig")
            .field("service_url", &self.service_url.as_str())
            .field("identifier", &self.identifier)
            .field("app_password", &"<redacted>")
            .finish()
    }
}

#[derive(Debug)]
pub struct Bluesky {
    http: reqwest::Client,
    sessions: SessionStore,
}

impl Bluesky {
    /// Does not touch the network: the session is created on first use.
    pub fn new(config: BlueskyConfig) -> Result<Self, NetworkError> {
        if !matches!(config.service_url.scheme(), "https" | "http") {
            return Err(NetworkError::Rejected {
                message: format!("{} is not a web address", config.service_url),
                status: None,
            });
        }
        let http = http::client()?;
        let sessions = SessionStore::new(
            http.clone(),
            config.service_url,
            config.identifier,
            config.app_password,
        );
        Ok(Self { http, sessions })
    }

    /// Replaces the default timeouts ([`http::CONNECT_TIMEOUT`], [`http::REQUEST_TIMEOUT`]) with
    /// `timeout` for connecting and for each request. Call before the first request.
    pub fn with_timeout(mut self, timeout: Duration) -> Result<Self, NetworkError> {
        self.http = http::client_with_timeout(timeout)?;
        self.sessions = self.sessions.with_http(self.http.clone());
        Ok(self)
    }

    async fn display_name(&self, did: &str) -> Option<String> {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Profile {
            display_name: Option<String>,
        }
        let profile = self
            .sessions
            .with_session(|session| {
                let request =
                    xrpc::endpoint(&session.pds, "app.bsky.actor.getProfile").map(|url| {
                        self.http
                            .get(url)
                            .header("authorization", session.bearer())
                            .query(&[("actor", did)])
                    });
                async move { http::send_json::<Profile>(request?).await }
            })
            .await;
        match profile {
            Ok(profile) => profile.display_name.filter(|n| !n.trim().is_empty()),
            Err(failure) => {
                tracing::debug!(error = %xrpc::into_network_error(failure), "no profile");
                None
            }
        }
    }
}

#[async_trait]
impl Publisher for Bluesky {
    fn kind(&self) -> NetworkKind {
        NetworkKind::Bluesky
    }

    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem> {
        validate::validate(post)
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky"))]
    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
        #[derive(Deserialize)]
        struct SessionInfo {
            did: String,
            handle: String,
        }
        // Asks the PDS, so that a cached session whose password was revoked does not pass.
        let info: SessionInfo = self
            .sessions
            .with_session(|session| {
                let request = xrpc::endpoint(&session.pds, "com.atproto.server.getSession")
                    .map(|url| self.http.get(url).header("authorization", session.bearer()));
                async move { http::send_json(request?).await }
            })
            .await
            .map_err(xrpc::into_network_error)?;
        let display_name = self
            .display_name(&info.did)
            .await
            .unwrap_or_else(|| info.handle.clone());
        Ok(AccountInfo {
            id: info.did,
            handle: info.handle,
            display_name,
        })
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky", key = %key.token))]
    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        self.publish_segment(key, post, reply_to).await
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky", key = %key.token))]
    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        _post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError> {
        let session = self.sessions.current().await?;
        let uri = AtUri::post(&session.did, &record_key(key));
        let Some(record) = self.get_record(&uri).await? else {
            return Ok(Reconciled::NotPublished);
        };
        // The text may have been edited since the first attempt, so only the key's instant
        // tells our record from an unrelated one that landed on the same key.
        if publish::created_at_of(&record) == Some(publish::created_at(key)) {
            Ok(Reconciled::Published(publish::remote_post(
                record.uri, record.cid,
            )))
        } else {
            Ok(Reconciled::Unconfirmed {
                reason: format!(
                    "Bluesky has a post at {}, the address reserved for this one, but it was \
                     created at another time, so it may be a different post.",
                    record.uri
                ),
            })
        }
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky", uri = %remote.id))]
    async fn delete(&self, remote: &RemotePost) -> Result<(), NetworkError> {
        let uri = AtUri::parse(&remote.id)?;
        let session = self.sessions.current().await?;
        if uri.repo != session.did {
            return Err(NetworkError::Rejected {
                message: format!(
                    "{} belongs to another account than {}",
                    remote.id, session.handle
                ),
                status: None,
            });
        }
        self.delete_record(&uri).await
    }

    #[tracing::instrument(skip_all, fields(network = "bluesky", uri = %remote.id))]
    async fn fetch(&self, remote: &RemotePost) -> Result<Option<String>, NetworkError> {
        let uri = AtUri::parse(&remote.id)?;
        Ok(self.get_record(&uri).await?.map(|record| {
            record
                .value
                .get("text")
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_owned()
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_debug_hides_the_app_password() {
        let config = BlueskyConfig::new("alice.bsky.social", "abcd-efgh-ijkl-mnop");
        let printed = format!("{config:?}");
        assert!(!printed.contains("abcd-efgh"), "{printed}");
        assert!(printed.contains("https://bsky.social"));
    }

    #[test]
    fn only_web_addresses_are_accepted() {
        let mut config = BlueskyConfig::new("a.test", "pw");
        config.service_url = Url::parse("ftp://example.com").expect("should succeed");
        assert_eq!(
            Bluesky::new(config).expect_err("should fail").code(),
            "rejected"
        );
    }
}
