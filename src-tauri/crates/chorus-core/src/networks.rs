//! The one factory: a stored channel and its secret from the keychain become a live
//! [`Network`] (its publisher, and its inbox, metrics and search where it has them), cached per
//! channel until the channel's settings or secret change. The publishing engine, the inbox and
//! the jobs to come all ask here, so a Bluesky session is made once and shared.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chorus_networks::{
    ChannelConfig, ConnectOptions, InboxSource, Network, NetworkError, Publisher,
};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::channel::{self, Channel};
use crate::publish::Connector;
use crate::secrets::SecretStore;
use crate::{CoreError, Result};

/// Builds the live network for `config` with `secret`, without publishing anything.
pub async fn connect(config: &ChannelConfig, secret: &str) -> Result<Network> {
    Ok(config.connect(secret, &ConnectOptions::default()).await?)
}

type Cached = (String, Arc<Network>);

/// Secrets from the keychain, live networks cached per channel.
pub struct NetworkConnector {
    secrets: Arc<dyn SecretStore>,
    /// channel id -> (fingerprint of its settings and secret, network).
    cache: Mutex<HashMap<i64, Cached>>,
    options: ConnectOptions,
}

impl NetworkConnector {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            secrets,
            cache: Mutex::new(HashMap::new()),
            options: ConnectOptions::default(),
        }
    }

    /// Networks with `timeout` for each call instead of their defaults (tests that make a
    /// server hang use a short one).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// The live network for `channel`; cheap after the first call.
    pub async fn network(&self, channel: &Channel) -> Result<Arc<Network>> {
        let secret = channel::secret(self.secrets.as_ref(), channel)?;
        let config = serde_json::to_string(&channel.config).unwrap_or_default();
        let fingerprint: String = Sha256::digest(format!("{config}\n{secret}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut cache = self.cache.lock().await;
        if let Some((seen, network)) = cache.get(&channel.id)
            && *seen == fingerprint
        {
            return Ok(network.clone());
        }
        let network = Arc::new(channel.config.connect(&secret, &self.options).await?);
        cache.insert(channel.id, (fingerprint, network.clone()));
        Ok(network)
    }

    /// The channel's inbox, or a clear error when its network has none.
    pub async fn inbox(&self, channel: &Channel) -> Result<Arc<dyn InboxSource>> {
        self.network(channel).await?.inbox.clone().ok_or_else(|| {
            CoreError::Conflict(format!(
                "{} has no inbox that Chorus can read",
                channel.network.capabilities().label
            ))
        })
    }
}

#[async_trait]
impl Connector for NetworkConnector {
    async fn publisher(&self, channel: &Channel) -> Result<Arc<dyn Publisher>> {
        match self.network(channel).await {
            Ok(network) => Ok(network.publisher.clone()),
            // A missing secret means the channel needs its credentials again.
            Err(CoreError::Secrets(message)) => {
                Err(CoreError::Network(NetworkError::Auth { message }))
            }
            Err(e) => Err(e),
        }
    }
}

/// A new Nostr secret key, as `nsec1…`.
pub fn generate_nostr_key() -> String {
    chorus_networks::nostr::NostrKeys::generate().nsec()
}
