//! Turns a stored channel into a live network adapter.

use crate::channel::{self, Channel, ChannelConfig};
use crate::secrets::SecretStore;
use crate::{CoreError, Result};
use async_trait::async_trait;
use chorus_networks::bluesky::{Bluesky, BlueskyConfig};
use chorus_networks::mastodon::{Mastodon, MastodonConfig};
use chorus_networks::nostr::{Nostr, NostrConfig};
use chorus_networks::{NetworkError, Publisher};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

#[async_trait]
pub trait Connector: Send + Sync {
    /// The adapter for `channel`, with its secret from the keychain. Adapters may be cached
    /// (a Bluesky session is worth keeping), so this is cheap after the first call.
    async fn publisher(&self, channel: &Channel) -> Result<Arc<dyn Publisher>>;
}

fn parse_url(field: &'static str, raw: &str) -> Result<url::Url> {
    url::Url::parse(raw.trim()).map_err(|_| {
        CoreError::validation(
            field,
            format!("\"{raw}\" is not a web address (https://…)."),
        )
    })
}

/// Builds the adapter for `config` with `secret`, without touching the network.
pub async fn build(config: &ChannelConfig, secret: &str) -> Result<Arc<dyn Publisher>> {
    build_with_timeout(config, secret, None).await
}

/// [`build`], with `timeout` for each network call instead of the adapter's default.
pub async fn build_with_timeout(
    config: &ChannelConfig,
    secret: &str,
    timeout: Option<Duration>,
) -> Result<Arc<dyn Publisher>> {
    Ok(match config {
        ChannelConfig::Bluesky {
            service_url,
            identifier,
        } => {
            let bluesky = Bluesky::new(BlueskyConfig {
                service_url: parse_url("serviceUrl", service_url)?,
                identifier: identifier.clone(),
                app_password: secret.to_owned(),
            })?;
            Arc::new(match timeout {
                Some(timeout) => bluesky.with_timeout(timeout)?,
                None => bluesky,
            })
        }
        ChannelConfig::Mastodon { instance_url } => {
            let mut mastodon = Mastodon::new(MastodonConfig {
                instance_url: parse_url("instanceUrl", instance_url)?,
                access_token: secret.to_owned(),
            })?;
            if let Some(timeout) = timeout {
                mastodon = mastodon.with_timeout(timeout)?;
            }
            // Validation counts against this server's own limits when it tells them.
            if let Err(e) = mastodon.refresh_limits().await {
                tracing::warn!("cannot read the instance's limits, using defaults: {e}");
            }
            Arc::new(mastodon)
        }
        ChannelConfig::Nostr { relays } => {
            let mut urls = Vec::with_capacity(relays.len());
            for relay in relays {
                urls.push(url::Url::parse(relay.trim()).map_err(|_| {
                    CoreError::validation(
                        "relays",
                        format!("\"{relay}\" is not a relay address (wss://…)."),
                    )
                })?);
            }
            let nostr = Nostr::new(NostrConfig {
                secret_key: secret.to_owned(),
                relays: urls,
            })?;
            Arc::new(match timeout {
                Some(timeout) => nostr.with_timeout(timeout),
                None => nostr,
            })
        }
    })
}

type CachedAdapter = (String, Arc<dyn Publisher>);

/// The real connector: secrets from the keychain, adapters cached per channel until the
/// channel's settings or secret change.
pub struct NetworkConnector {
    secrets: Arc<dyn SecretStore>,
    /// channel id -> (fingerprint of its settings and secret, adapter).
    cache: Mutex<HashMap<i64, CachedAdapter>>,
    timeout: Option<Duration>,
}

impl NetworkConnector {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            secrets,
            cache: Mutex::new(HashMap::new()),
            timeout: None,
        }
    }

    /// Adapters with `timeout` for each network call instead of their defaults (tests that
    /// make a server hang use a short one).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

#[async_trait]
impl Connector for NetworkConnector {
    async fn publisher(&self, channel: &Channel) -> Result<Arc<dyn Publisher>> {
        let secret = channel::secret(self.secrets.as_ref(), channel).map_err(|e| {
            CoreError::Network(NetworkError::Auth {
                message: e.to_string(),
            })
        })?;
        let fingerprint = {
            let config = serde_json::to_string(&channel.config).unwrap_or_default();
            let digest = Sha256::digest(format!("{config}\n{secret}").as_bytes());
            digest
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        let mut cache = self.cache.lock().await;
        if let Some((seen, publisher)) = cache.get(&channel.id)
            && *seen == fingerprint
        {
            return Ok(publisher.clone());
        }
        let publisher = build_with_timeout(&channel.config, &secret, self.timeout).await?;
        cache.insert(channel.id, (fingerprint, publisher.clone()));
        Ok(publisher)
    }
}

/// A new Nostr secret key, as `nsec1…`.
pub fn generate_nostr_key() -> String {
    chorus_networks::nostr::NostrKeys::generate().nsec()
}
