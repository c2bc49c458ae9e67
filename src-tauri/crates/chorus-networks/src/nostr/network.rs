//! Nostr's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Nostr, NostrConfig};
use crate::capabilities::{
    HandleStyle, ImageRules, PUBLISH_AND_INBOX, PreviewStyle, TextCounting, TextRules, WarningStyle,
};
use crate::connect::{ConnectAnswers, ConnectField, ConnectMethod, Credentials, FieldKind};
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

/// Nostr's mark, simplified (24×24, filled).
const MARK: &str = "M13.6 2 5 13.4h6.1L9.9 22l8.9-12.1h-6.3z";

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
        connect: connect_methods(),
        connect_summary: "A key and your relays".into(),
        mark: MARK.into(),
        preview: PreviewStyle {
            handle: HandleStyle::Shortened,
            square_avatars: false,
            underline_links: false,
            warning: WarningStyle::Label {
                prefix: "Content warning: ".into(),
            },
            one_image_aspect: "16 / 10".into(),
            images_aspect: "3 / 2".into(),
            image_radius: 12,
            like_word: "Like".into(),
        },
    }
}

fn relays_field() -> ConnectField {
    ConnectField {
        name: "relays",
        label: "Relays",
        hint: "One relay address per line. Posts go to every relay listed.",
        placeholder: "wss://relay.example.com",
        kind: FieldKind::Lines,
        default: "",
        required: "Add at least one relay, e.g. wss://relay.example.com.",
        schemes: vec!["wss", "ws"],
        flag: "relay",
    }
}

/// A key the user has, or a new one made here.
fn connect_methods() -> Vec<ConnectMethod> {
    vec![
        ConnectMethod {
            id: "import",
            label: "Import a key I have",
            note: "Post as an identity you already use.",
            submit: "Connect Nostr",
            browser: false,
            reconnects: true,
            fields: vec![
                ConnectField {
                    name: "secretKey",
                    label: "Secret key",
                    hint: "Your nsec1… key, or the same key as 64 hex characters. It is stored in your system keychain.",
                    placeholder: "nsec1…",
                    kind: FieldKind::Secret,
                    default: "",
                    required: "Paste your secret key (nsec1… or 64 hex characters).",
                    schemes: Vec::new(),
                    flag: "",
                },
                relays_field(),
            ],
        },
        ConnectMethod {
            id: "generate",
            label: "Generate a new key",
            note: "A fresh identity; Chorus keeps its secret key in your system keychain.",
            submit: "Generate key and connect",
            browser: false,
            reconnects: false,
            fields: vec![relays_field()],
        },
    ]
}

/// The relays, and the key given or a new one.
pub fn credentials(answers: &ConnectAnswers) -> Result<(NostrSettings, Credentials), NetworkError> {
    let secret = match answers.method.as_str() {
        "generate" => super::NostrKeys::generate().nsec(),
        _ => answers.value("secretKey").to_owned(),
    };
    Ok((
        NostrSettings {
            relays: answers.lines("relays"),
        },
        Credentials::Secret(secret),
    ))
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
