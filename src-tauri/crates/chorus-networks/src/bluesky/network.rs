//! Bluesky's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Bluesky, BlueskyConfig, validate};
use crate::capabilities::{ImageRules, PUBLISH_AND_INBOX, TextCounting, TextRules};
use crate::registry::{NetworkSettings, parse_address};
use crate::{Capabilities, ConnectOptions, Network, NetworkError, NetworkKind};

/// A Bluesky channel: where to sign in, and as whom (the app password is the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BlueskySettings {
    pub service_url: String,
    /// A handle or a DID.
    pub identifier: String,
}

impl NetworkSettings for BlueskySettings {
    fn server(&self) -> String {
        self.service_url.clone()
    }
    fn server_field(&self) -> &'static str {
        "serviceUrl"
    }
}

pub fn capabilities() -> Capabilities {
    Capabilities {
        network: NetworkKind::Bluesky,
        label: "Bluesky".into(),
        brand_color: "#1185fe".into(),
        text: TextRules {
            max_length: Some(validate::MAX_GRAPHEMES as u32),
            counting: TextCounting::Graphemes,
            warning_counts: false,
            note: format!(
                "Bluesky allows {} characters (graphemes) per post.",
                validate::MAX_GRAPHEMES
            ),
        },
        images: ImageRules {
            max_per_post: validate::MAX_IMAGES as u32,
            max_bytes: validate::MAX_IMAGE_BYTES as u64,
            formats: validate::IMAGE_TYPES.map(str::to_owned).to_vec(),
            max_alt_length: Some(validate::MAX_ALT_GRAPHEMES as u32),
        },
        threads: true,
        content_warnings: false,
        languages: true,
        first_comment: false,
        editing: false,
        deletion: true,
        server_scheduling: false,
        inbox_push: false,
        groups: PUBLISH_AND_INBOX.to_vec(),
    }
}

pub async fn connect(
    settings: &BlueskySettings,
    secret: &str,
    options: &ConnectOptions,
) -> Result<Network, NetworkError> {
    let mut bluesky = Bluesky::new(BlueskyConfig {
        service_url: parse_address(
            "serviceUrl",
            &settings.service_url,
            "a web address (https://…)",
        )?,
        identifier: settings.identifier.clone(),
        app_password: secret.to_owned(),
    })?;
    if let Some(timeout) = options.timeout {
        bluesky = bluesky.with_timeout(timeout)?;
    }
    Ok(Network::with_inbox(capabilities(), Arc::new(bluesky)))
}

/// Settings and a secret that build the network without a server (nothing answers there).
#[cfg(test)]
pub(crate) fn offline_example() -> (BlueskySettings, String) {
    (
        BlueskySettings {
            service_url: "http://127.0.0.1:9".into(),
            identifier: "a.test".into(),
        },
        "app-password".into(),
    )
}
