//! Mastodon's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::instance::InstanceLimits;
use super::{Mastodon, MastodonConfig};
use crate::capabilities::{ImageRules, PUBLISH_AND_INBOX, TextCounting, TextRules};
use crate::registry::{NetworkSettings, parse_address};
use crate::{Capabilities, ConnectOptions, Network, NetworkError, NetworkKind};

/// A Mastodon channel: the instance (the access token is the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MastodonSettings {
    pub instance_url: String,
}

impl NetworkSettings for MastodonSettings {
    fn server(&self) -> String {
        self.instance_url.clone()
    }
    fn server_field(&self) -> &'static str {
        "instanceUrl"
    }
}

/// Mastodon's long-standing defaults; [`connect`] replaces them with the server's own.
pub fn capabilities() -> Capabilities {
    with_limits(&InstanceLimits::fallback("mastodon.social"), true)
}

fn with_limits(limits: &InstanceLimits, defaults: bool) -> Capabilities {
    let note = if defaults {
        format!(
            "Most Mastodon servers allow {} characters; every link counts as {} and @user@server as @user.",
            limits.max_characters, limits.characters_reserved_per_url
        )
    } else {
        format!(
            "{} allows {} characters; every link counts as {} and @user@server as @user.",
            limits.domain, limits.max_characters, limits.characters_reserved_per_url
        )
    };
    Capabilities {
        network: NetworkKind::Mastodon,
        label: "Mastodon".into(),
        brand_color: "#6364ff".into(),
        text: TextRules {
            max_length: Some(limits.max_characters as u32),
            counting: TextCounting::GraphemesShortLinks {
                url_length: limits.characters_reserved_per_url as u32,
                local_mentions: true,
            },
            warning_counts: true,
            note,
        },
        images: ImageRules {
            max_per_post: limits.max_media_attachments as u32,
            max_bytes: limits.image_size_limit,
            formats: limits.supported_mime_types.clone(),
            max_alt_length: Some(limits.description_limit as u32),
        },
        threads: true,
        content_warnings: true,
        languages: true,
        first_comment: false,
        editing: false,
        deletion: true,
        server_scheduling: true,
        inbox_push: true,
        groups: PUBLISH_AND_INBOX.to_vec(),
    }
}

/// Asks the instance for its limits (validation counts the way this server does) and carries
/// on with the defaults when it cannot.
pub async fn connect(
    settings: &MastodonSettings,
    secret: &str,
    options: &ConnectOptions,
) -> Result<Network, NetworkError> {
    let mut mastodon = Mastodon::new(MastodonConfig {
        instance_url: parse_address(
            "instanceUrl",
            &settings.instance_url,
            "a web address (https://…)",
        )?,
        access_token: secret.to_owned(),
    })?;
    if let Some(timeout) = options.timeout {
        mastodon = mastodon.with_timeout(timeout)?;
    }
    let capabilities = match mastodon.refresh_limits().await {
        Ok(limits) => with_limits(&limits, false),
        Err(e) => {
            tracing::warn!("cannot read the instance's limits, using defaults: {e}");
            capabilities()
        }
    };
    Ok(Network::with_inbox(capabilities, Arc::new(mastodon)))
}

/// Settings and a secret that build the network without a server (nothing answers there).
#[cfg(test)]
pub(crate) fn offline_example() -> (MastodonSettings, String) {
    (
        MastodonSettings {
            instance_url: "http://127.0.0.1:9".into(),
        },
        "token".into(),
    )
}
