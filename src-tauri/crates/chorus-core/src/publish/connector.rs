//! The engine's seam to the networks: the real one is [`crate::networks::NetworkConnector`];
//! tests put scripted publishers behind it.

use crate::Result;
use crate::channel::Channel;
use async_trait::async_trait;
use chorus_networks::Publisher;
use std::sync::Arc;

#[async_trait]
pub trait Connector: Send + Sync {
    /// The adapter for `channel`, with its secret from the keychain. Adapters may be cached
    /// (a Bluesky session is worth keeping), so this is cheap after the first call.
    async fn publisher(&self, channel: &Channel) -> Result<Arc<dyn Publisher>>;
}
