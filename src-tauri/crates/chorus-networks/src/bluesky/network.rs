//! Bluesky's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Bluesky, BlueskyConfig, validate};
use crate::capabilities::{
    HandleStyle, ImageRules, PUBLISH_AND_INBOX, PreviewStyle, TextCounting, TextRules, WarningStyle,
};
use crate::connect::{ConnectAnswers, ConnectField, ConnectMethod, Credentials, FieldKind};
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

/// Bluesky's mark, simplified (24×24, filled).
const MARK: &str = "M5.9 3.9C8.3 5.7 10.9 9.4 12 11.5c1.1-2.1 3.7-5.8 6.1-7.6 1.7-1.3 4.5-2.3 4.5.9 0 .6-.4 5.3-.6 6-.7 2.6-3.3 3.2-5.6 2.8 4 .7 5 3 2.8 5.2-4.2 4.3-6-1.1-6.5-2.5L12 15.5l-.7.8c-.5 1.4-2.3 6.8-6.5 2.5-2.2-2.2-1.2-4.5 2.8-5.2-2.3.4-4.9-.2-5.6-2.8-.2-.7-.6-5.4-.6-6 0-3.2 2.8-2.2 4.5-.9z";

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
        connect: connect_methods(),
        connect_summary: "Handle and app password".into(),
        mark: MARK.into(),
        preview: PreviewStyle {
            handle: HandleStyle::AtPrefixed,
            square_avatars: false,
            underline_links: false,
            warning: WarningStyle::Label {
                prefix: String::new(),
            },
            one_image_aspect: "4 / 3".into(),
            images_aspect: "3 / 2".into(),
            image_radius: 12,
            like_word: "Like".into(),
        },
    }
}

/// An app password, made in Bluesky's settings (AT Protocol OAuth needs a hosted client).
fn connect_methods() -> Vec<ConnectMethod> {
    vec![ConnectMethod {
        id: "app_password",
        label: "App password",
        note: "",
        submit: "Connect Bluesky",
        browser: false,
        reconnects: true,
        fields: vec![
            ConnectField {
                name: "serviceUrl",
                label: "Server",
                hint: "Leave as is unless your account lives on a self-hosted server (PDS).",
                placeholder: "",
                kind: FieldKind::Url,
                default: super::DEFAULT_SERVICE_URL,
                required: "Enter the server address, e.g. https://bsky.social.",
                schemes: Vec::new(),
                flag: "service",
            },
            ConnectField {
                name: "identifier",
                label: "Handle",
                hint: "Your Bluesky handle, or your DID (did:plc:…).",
                placeholder: "alice.bsky.social",
                kind: FieldKind::Text,
                default: "",
                required: "Enter your handle, e.g. alice.bsky.social.",
                schemes: Vec::new(),
                flag: "handle",
            },
            ConnectField {
                name: "appPassword",
                label: "App password",
                hint: "Not your account password. In Bluesky, open Settings → Privacy and security → App passwords, add one named “Chorus” and paste it here. You can revoke it there at any time.",
                placeholder: "xxxx-xxxx-xxxx-xxxx",
                kind: FieldKind::Secret,
                default: "",
                required: "Paste an app password.",
                schemes: Vec::new(),
                flag: "",
            },
        ],
    }]
}

/// The settings and the app password from a filled-in form (checked against the declaration).
pub fn credentials(
    answers: &ConnectAnswers,
) -> Result<(BlueskySettings, Credentials), NetworkError> {
    let settings = BlueskySettings {
        service_url: answers.address("serviceUrl"),
        identifier: answers
            .value("identifier")
            .trim_start_matches('@')
            .to_owned(),
    };
    Ok((
        settings,
        Credentials::Secret(answers.value("appPassword").to_owned()),
    ))
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
