//! Mastodon's entry in the registry: its settings, its capabilities, and the live object.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::instance::InstanceLimits;
use super::{Mastodon, MastodonConfig};
use crate::capabilities::{
    HandleStyle, ImageRules, PUBLISH_AND_INBOX, PreviewStyle, TextCounting, TextRules, WarningStyle,
};
use crate::connect::{ConnectAnswers, ConnectField, ConnectMethod, Credentials, FieldKind};
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
/// Mastodon's mark, simplified (24×24, filled).
const MARK: &str = "M21.3 8.1c0-4.3-2.8-5.6-2.8-5.6C17.1 1.8 14.7 1.5 12.2 1.5h-.1c-2.5 0-4.9.3-6.3 1-.1 0-2.9 1.3-2.9 5.6 0 1-.1 2.2 0 3.4.1 4.2.7 8.3 4.6 9.3 1.8.5 3.3.6 4.6.5 2.2-.1 3.5-.8 3.5-.8l-.1-1.6s-1.6.5-3.3.4c-1.7-.1-3.6-.2-3.9-2.3v-.6s1.7.4 3.8.5c1.3.1 2.5-.1 3.7-.2 2.4-.3 4.4-1.7 4.7-3.1.4-2.1.4-5.1.4-5.1zm-3.2 5.4h-2V8.6c0-1-.4-1.6-1.3-1.6-1 0-1.5.6-1.5 1.9v2.7h-2V8.9c0-1.3-.5-1.9-1.5-1.9-.9 0-1.3.5-1.3 1.6v4.9h-2V8.4c0-1 .3-1.9.8-2.5.5-.6 1.3-.9 2.2-.9 1 0 1.8.4 2.3 1.2l.5.8.5-.8c.5-.8 1.3-1.2 2.3-1.2.9 0 1.6.3 2.2.9.5.6.8 1.4.8 2.5z";

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
        connect: connect_methods(),
        connect_summary: "Sign in on your server".into(),
        mark: MARK.into(),
        preview: PreviewStyle {
            handle: HandleStyle::AsStored,
            square_avatars: true,
            underline_links: true,
            warning: WarningStyle::Spoiler,
            one_image_aspect: "16 / 9".into(),
            images_aspect: "16 / 9".into(),
            image_radius: 8,
            like_word: "Favourite".into(),
        },
    }
}

fn instance_field() -> ConnectField {
    ConnectField {
        name: "instanceUrl",
        label: "Server",
        hint: "The server your account is on: for @you@mastodon.social that is mastodon.social.",
        placeholder: "mastodon.social",
        kind: FieldKind::Url,
        default: "",
        required: "Enter your server's address, e.g. mastodon.social.",
        schemes: Vec::new(),
        flag: "instance",
    }
}

/// Browser sign-in (OAuth with PKCE and a loopback redirect), or a token made by hand for
/// servers where that does not work.
fn connect_methods() -> Vec<ConnectMethod> {
    vec![
        ConnectMethod {
            id: "browser",
            label: "Sign in with browser",
            note: "Chorus opens your server's sign-in page in your browser.",
            submit: "Sign in with browser",
            browser: true,
            reconnects: true,
            fields: vec![instance_field()],
        },
        ConnectMethod {
            id: "token",
            label: "Paste an access token",
            note: "For servers where browser sign-in doesn't work.",
            submit: "Connect with token",
            browser: false,
            reconnects: true,
            fields: vec![
                instance_field(),
                ConnectField {
                    name: "accessToken",
                    label: "Access token",
                    hint: "On your server: Preferences → Development → New application, with the scopes read:accounts, write:statuses and write:media. Save it, then copy “Your access token”.",
                    placeholder: "",
                    kind: FieldKind::Secret,
                    default: "",
                    required: "Paste the access token.",
                    schemes: Vec::new(),
                    flag: "",
                },
            ],
        },
    ]
}

/// The settings, and the token or the browser sign-in that gets one.
pub fn credentials(
    answers: &ConnectAnswers,
) -> Result<(MastodonSettings, Credentials), NetworkError> {
    let instance_url = answers.address("instanceUrl");
    let credentials = match answers.method.as_str() {
        "browser" => Credentials::Browser(Box::new(super::sign_in::MastodonSignIn::new(
            parse_address("instanceUrl", &instance_url, "a web address (https://…)")?,
        ))),
        _ => Credentials::Secret(answers.value("accessToken").to_owned()),
    };
    Ok((MastodonSettings { instance_url }, credentials))
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
