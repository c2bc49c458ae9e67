//! Nostr's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Nostr, NostrConfig};
use crate::capabilities::{ImageRules, PUBLISH_AND_INBOX, TextCounting, TextRules};
use crate::registry::{NetworkSettings, parse_address};
use crate::{Capabilities, ConnectOptions, Network, NetworkError, NetworkKind};

/// A Nostr channel: the relays it publishes to and reads from (the key is the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NostrSettings {
    pub relays: Vec<String>,
}

impl NetworkSettings for NostrSettings {
    fn server(&self) -> String {
        self.relays.join(" ")
    }
    fn server_field(&self) -> &'static str {
        "relays"
    }
}

pub fn capabilities() -> Capabilities {
    Capabilities {
        network: NetworkKind::Nostr,
        label: "Nostr".into(),
        brand_color: "#8e30eb".into(),
        text: TextRules {
            // Relays cap an event's size (MAX_EVENT_BYTES, checked by `validate`), not its text.
            max_length: None,
            counting: TextCounting::Graphemes,
            warning_counts: false,
            note: "Nostr has no length limit; some clients fold long notes.".into(),
        },
        images: ImageRules {
            // Notes carry image links, not uploads.
            max_per_post: 0,
            max_bytes: 0,
            formats: Vec::new(),
            max_alt_length: None,
        },
        threads: true,
        content_warnings: true,
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
    settings: &NostrSettings,
    secret: &str,
    options: &ConnectOptions,
) -> Result<Network, NetworkError> {
    let relays = settings
        .relays
        .iter()
        .map(|relay| parse_address("relays", relay, "a relay address (wss://…)"))
        .collect::<Result<Vec<_>, _>>()?;
    let mut nostr = Nostr::new(NostrConfig {
        secret_key: secret.to_owned(),
        relays,
    })?;
    if let Some(timeout) = options.timeout {
        nostr = nostr.with_timeout(timeout);
    }
    Ok(Network::with_inbox(capabilities(), Arc::new(nostr)))
}

/// Settings and a secret that build the network without a server (nothing answers there).
#[cfg(test)]
pub(crate) fn offline_example() -> (NostrSettings, String) {
    (
        NostrSettings {
            relays: vec!["ws://127.0.0.1:9".into()],
        },
        super::NostrKeys::generate().nsec(),
    )
}
