//! How a person connects an account of a network, declared by the network's own folder: the
//! ways to sign in ([`ConnectMethod`]), each a short form of [`ConnectField`]s. The app's
//! connect dialog and `chorus channel add` are drawn from these declarations, and the answers
//! ([`ConnectAnswers`]) go back to the network's folder, which turns them into its settings and
//! the secret to keep ([`Credentials`]).

use std::collections::BTreeMap;
use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::NetworkError;

/// One way to connect an account (an app password, a browser sign-in, a pasted token, a key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectMethod {
    /// Sent back with the answers: "app_password", "browser", "token", "import", "generate".
    pub id: &'static str,
    /// The choice as offered when there are several: "Sign in with browser".
    pub label: &'static str,
    /// One sentence under the choice.
    pub note: &'static str,
    /// The submit button's words: "Connect Bluesky".
    pub submit: &'static str,
    /// Opens the network's sign-in page in the system browser and waits for the approval.
    pub browser: bool,
    /// Whether it can sign an existing channel in again (a new key cannot: it is another
    /// account).
    pub reconnects: bool,
    pub fields: Vec<ConnectField>,
}

/// One question of a connect form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectField {
    /// The answer's key. Where the stored settings have the same key (`serviceUrl`), a
    /// reconnect starts from the stored value; errors about the answer name this field.
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub placeholder: &'static str,
    pub kind: FieldKind,
    /// The value a new form starts with.
    pub default: &'static str,
    /// What is said when it is left empty; empty: the answer may be left out.
    pub required: &'static str,
    /// For `url` and `lines`: the schemes an address may have ("wss", "ws"); empty: any.
    pub schemes: Vec<&'static str>,
    /// `chorus channel add`'s flag (`--handle`), repeated for `lines`. A `secret` is never a
    /// flag: it comes from standard input (--secret-stdin) or CHORUS_SECRET.
    pub flag: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldKind {
    Text,
    /// A web or relay address; one without a scheme gets `https://`.
    Url,
    /// A password, token or key: kept in the keychain, never shown or stored in settings.
    Secret,
    /// Several values, one per line (relays).
    Lines,
}

/// A filled-in connect form: the method chosen and the answers by field name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectAnswers {
    pub method: String,
    pub values: BTreeMap<String, String>,
}

impl ConnectAnswers {
    pub fn new(method: &str) -> Self {
        Self {
            method: method.to_owned(),
            values: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.insert(name.to_owned(), value.into());
        self
    }

    /// The answer, trimmed ("" when left out).
    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", |v| v.trim())
    }

    /// An address as given, or with `https://` when it has no scheme ("mastodon.social").
    pub fn address(&self, name: &str) -> String {
        with_scheme(self.value(name))
    }

    /// One value per line, trimmed, blank lines and repeats dropped.
    pub fn lines(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in self.value(name).lines().map(str::trim) {
            if !line.is_empty() && !out.iter().any(|l| l == line) {
                out.push(line.to_owned());
            }
        }
        out
    }
}

fn with_scheme(raw: &str) -> String {
    let trimmed = raw.trim().trim_end_matches('/');
    let has_scheme = trimmed.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if trimmed.is_empty() || has_scheme {
        trimmed.to_owned()
    } else {
        format!("https://{trimmed}")
    }
}

/// How the secret comes: given in the form, or from a sign-in in the browser.
pub enum Credentials {
    Secret(String),
    Browser(Box<dyn BrowserSignIn>),
}

/// A sign-in in the system browser (OAuth with a loopback redirect): [`start`](Self::start)
/// prepares it and gives the page to open, [`finish`](Self::finish) waits for the approval.
#[async_trait]
pub trait BrowserSignIn: Send + Sync {
    /// Registers Chorus where the network needs it, listens for the answer on 127.0.0.1 and
    /// answers the page the browser is to show.
    async fn start(&mut self) -> Result<url::Url, NetworkError>;

    /// After the page was opened: waits at most `wait` for the user to approve Chorus, and
    /// answers the secret to keep (a token).
    async fn finish(&mut self, wait: Duration) -> Result<String, NetworkError>;
}

impl ConnectMethod {
    /// The answers this method needs are there and well formed (the network's folder checks
    /// the rest): the same checks the connect dialog makes before it sends anything.
    pub fn check(&self, answers: &ConnectAnswers) -> Result<(), NetworkError> {
        for field in &self.fields {
            let value = answers.value(field.name);
            if value.is_empty() {
                if field.required.is_empty() {
                    continue;
                }
                return Err(NetworkError::Settings {
                    field: field.name,
                    message: field.required.to_owned(),
                });
            }
            // (address as checked, as the user typed it)
            let addresses: Vec<(String, String)> = match field.kind {
                FieldKind::Url => vec![(answers.address(field.name), value.to_owned())],
                FieldKind::Lines if !field.schemes.is_empty() => answers
                    .lines(field.name)
                    .into_iter()
                    .map(|l| (l.clone(), l))
                    .collect(),
                _ => Vec::new(),
            };
            for (address, typed) in addresses {
                check_address(field, &address, &typed)?;
            }
        }
        Ok(())
    }

    /// The field whose answer is the secret, if the form asks for one.
    pub fn secret_field(&self) -> Option<&'static str> {
        self.fields
            .iter()
            .find(|f| f.kind == FieldKind::Secret)
            .map(|f| f.name)
    }
}

/// `typed`: the answer as given, for the message (`address` may have gained `https://`).
fn check_address(field: &ConnectField, address: &str, typed: &str) -> Result<(), NetworkError> {
    let scheme = address
        .split_once("://")
        .map(|(s, _)| s.to_ascii_lowercase());
    let allowed = match &scheme {
        Some(s) if field.schemes.is_empty() => s == "https" || s == "http",
        Some(s) => field.schemes.iter().any(|a| a == s),
        None => false,
    };
    let parses =
        url::Url::parse(address).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()));
    if allowed && parses {
        return Ok(());
    }
    let message = if field.schemes.is_empty() {
        format!("“{typed}” is not a web address (https://…).")
    } else {
        let schemes: Vec<String> = field.schemes.iter().map(|s| format!("{s}://")).collect();
        format!(
            "“{typed}” is not an address Chorus can use here: it must start with {}.",
            schemes.join(" or ")
        )
    };
    Err(NetworkError::Settings {
        field: field.name,
        message,
    })
}

/// The declared method `answers` name, or a settings error listing those there are.
pub fn method<'a>(
    methods: &'a [ConnectMethod],
    answers: &ConnectAnswers,
) -> Result<&'a ConnectMethod, NetworkError> {
    methods
        .iter()
        .find(|m| m.id == answers.method)
        .ok_or_else(|| NetworkError::Settings {
            field: "method",
            message: format!(
                "\"{}\" is not a way to connect here; choose {}.",
                answers.method,
                methods.iter().map(|m| m.id).collect::<Vec<_>>().join(", ")
            ),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relays() -> ConnectMethod {
        ConnectMethod {
            id: "import",
            label: "Import a key",
            note: "",
            submit: "Connect",
            browser: false,
            reconnects: true,
            fields: vec![
                ConnectField {
                    name: "secretKey",
                    label: "Secret key",
                    hint: "",
                    placeholder: "",
                    kind: FieldKind::Secret,
                    default: "",
                    required: "Paste your key.",
                    schemes: vec![],
                    flag: "",
                },
                ConnectField {
                    name: "relays",
                    label: "Relays",
                    hint: "",
                    placeholder: "",
                    kind: FieldKind::Lines,
                    default: "",
                    required: "Add a relay.",
                    schemes: vec!["wss", "ws"],
                    flag: "relay",
                },
            ],
        }
    }

    #[test]
    fn a_missing_answer_is_named_with_the_declared_words() {
        let answers = ConnectAnswers::new("import").with("relays", "wss://r.example");
        match relays().check(&answers) {
            Err(NetworkError::Settings { field, message }) => {
                assert_eq!((field, message.as_str()), ("secretKey", "Paste your key."));
            }
            other => panic!("expected a settings error, got {other:?}"),
        }
    }

    #[test]
    fn every_line_of_an_address_list_must_have_an_allowed_scheme() {
        let answers = ConnectAnswers::new("import").with("secretKey", "k").with(
            "relays",
            "wss://a.example\n\n https://b.example \nwss://a.example",
        );
        match relays().check(&answers) {
            Err(NetworkError::Settings { field, message }) => {
                assert_eq!(field, "relays");
                assert_eq!(
                    message,
                    "“https://b.example” is not an address Chorus can use here: it must start with wss:// or ws://."
                );
            }
            other => panic!("expected a settings error, got {other:?}"),
        }
        let fixed = answers.with(
            "relays",
            "wss://a.example\nwss://a.example\nws://127.0.0.1:7000",
        );
        assert!(relays().check(&fixed).is_ok());
        assert_eq!(
            fixed.lines("relays"),
            ["wss://a.example", "ws://127.0.0.1:7000"]
        );
    }

    #[test]
    fn an_address_without_a_scheme_is_taken_as_https() {
        let answers = ConnectAnswers::new("x").with("instanceUrl", " mastodon.social/ ");
        assert_eq!(answers.address("instanceUrl"), "https://mastodon.social");
        let kept = ConnectAnswers::new("x").with("instanceUrl", "http://127.0.0.1:3000");
        assert_eq!(kept.address("instanceUrl"), "http://127.0.0.1:3000");
    }

    #[test]
    fn an_unknown_method_lists_the_declared_ones() {
        let methods = [relays()];
        let err = method(&methods, &ConnectAnswers::new("telepathy")).err();
        assert!(
            matches!(&err, Some(NetworkError::Settings { field: "method", message }) if message.contains("choose import")),
            "{err:?}"
        );
    }
}
