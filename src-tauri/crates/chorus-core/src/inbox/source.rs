//! A channel's inbox adapter, with its secret from the keychain, cached until the channel's
//! settings or secret change.

use std::collections::HashMap;
use std::sync::Arc;

use chorus_networks::InboxSource;
use chorus_networks::bluesky::{Bluesky, BlueskyConfig};
use chorus_networks::mastodon::{Mastodon, MastodonConfig};
use chorus_networks::nostr::{Nostr, NostrConfig};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::channel::{self, Channel, ChannelConfig};
use crate::secrets::SecretStore;
use crate::{CoreError, Result};

type Cached = (String, Arc<dyn InboxSource>);

pub struct Sources {
    secrets: Arc<dyn SecretStore>,
    cache: Mutex<HashMap<i64, Cached>>,
}

impl Sources {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self {
            secrets,
            cache: Mutex::new(HashMap::new()),
        }
    }

    pub async fn source(&self, channel: &Channel) -> Result<Arc<dyn InboxSource>> {
        let secret = channel::secret(self.secrets.as_ref(), channel)?;
        let config = serde_json::to_string(&channel.config).unwrap_or_default();
        let fingerprint: String = Sha256::digest(format!("{config}\n{secret}").as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let mut cache = self.cache.lock().await;
        if let Some((seen, source)) = cache.get(&channel.id)
            && *seen == fingerprint
        {
            return Ok(source.clone());
        }
        let source = build(&channel.config, &secret).await?;
        cache.insert(channel.id, (fingerprint, source.clone()));
        Ok(source)
    }
}

fn parse_url(field: &'static str, raw: &str) -> Result<url::Url> {
    url::Url::parse(raw.trim()).map_err(|_| {
        CoreError::validation(
            field,
            format!("\"{raw}\" is not a web address (https://…)."),
        )
    })
}

/// Builds the adapter without touching the network (Mastodon asks for its limits, which
/// replies are checked against, and carries on with defaults when it cannot).
pub async fn build(config: &ChannelConfig, secret: &str) -> Result<Arc<dyn InboxSource>> {
    Ok(match config {
        ChannelConfig::Bluesky {
            service_url,
            identifier,
        } => Arc::new(Bluesky::new(BlueskyConfig {
            service_url: parse_url("serviceUrl", service_url)?,
            identifier: identifier.clone(),
            app_password: secret.to_owned(),
        })?),
        ChannelConfig::Mastodon { instance_url } => {
            let mastodon = Mastodon::new(MastodonConfig {
                instance_url: parse_url("instanceUrl", instance_url)?,
                access_token: secret.to_owned(),
            })?;
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
            Arc::new(Nostr::new(NostrConfig {
                secret_key: secret.to_owned(),
                relays: urls,
            })?)
        }
    })
}
