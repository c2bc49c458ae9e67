//! Every network Chorus knows, registered in one line each.
//!
//! A network is one folder (a module of this crate) that exports:
//! - `Settings`: its channel's non-secret settings (serde + ts-rs), implementing
//!   [`NetworkSettings`];
//! - `capabilities() -> Capabilities`: what it is and can do;
//! - `async fn connect(&Settings, secret: &str, &ConnectOptions) -> Result<Network, NetworkError>`:
//!   the live object, without publishing anything;
//! - in tests, `network::offline_example() -> (Settings, String)`: settings and a secret that
//!   build it without a server.
//!
//! [`networks!`] turns the list below into [`NetworkKind`], [`ChannelConfig`] and their
//! dispatch, so nothing outside a network's folder matches on its name.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::connect::{ConnectAnswers, Credentials};
use crate::{Capabilities, InboxSource, MetricsSource, NetworkError, Publisher, SearchSource};

/// What every network's `Settings` tells the rest of Chorus.
pub trait NetworkSettings {
    /// The server shown beside the handle ("https://bsky.social", the relays).
    fn server(&self) -> String;
    /// The form field that holds that server, so a problem reaching it is shown there.
    fn server_field(&self) -> &'static str;
}

/// How a live network object is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectOptions {
    /// Replaces the adapter's default timeout for connecting and for each request (tests
    /// that make a server hang use a short one).
    pub timeout: Option<Duration>,
}

/// One connected account, live: the capability groups the network implements are present,
/// the others are `None` (never an object that fails at run time).
#[derive(Clone)]
pub struct Network {
    /// The declaration, with limits the server itself reported where it reports them.
    pub capabilities: Capabilities,
    pub publisher: Arc<dyn Publisher>,
    pub inbox: Option<Arc<dyn InboxSource>>,
    pub metrics: Option<Arc<dyn MetricsSource>>,
    pub search: Option<Arc<dyn SearchSource>>,
}

impl Network {
    /// A network whose one adapter publishes and reads its inbox (replies and likes too).
    pub fn with_inbox<A: InboxSource + 'static>(
        capabilities: Capabilities,
        adapter: Arc<A>,
    ) -> Self {
        Self {
            capabilities,
            publisher: adapter.clone(),
            inbox: Some(adapter),
            metrics: None,
            search: None,
        }
    }
}

impl std::fmt::Debug for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Network")
            .field("network", &self.capabilities.network)
            .field("inbox", &self.inbox.is_some())
            .field("metrics", &self.metrics.is_some())
            .field("search", &self.search.is_some())
            .finish_non_exhaustive()
    }
}

macro_rules! networks {
    ($($variant:ident => $module:ident),+ $(,)?) => {
        /// A network Chorus can publish to; stored as its module's name ("bluesky").
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        #[ts(export)]
        pub enum NetworkKind {
            $($variant),+
        }

        impl NetworkKind {
            /// In the order the connect dialog offers them.
            pub const ALL: &'static [NetworkKind] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => stringify!($module)),+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $(stringify!($module) => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The network's own declaration (its defaults, before any server is asked).
            pub fn capabilities(self) -> Capabilities {
                match self {
                    $(Self::$variant => crate::$module::capabilities()),+
                }
            }
        }

        /// A channel's non-secret settings, stored as JSON (`{"network":"bluesky",...}`).
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(tag = "network", rename_all = "snake_case")]
        #[ts(export)]
        pub enum ChannelConfig {
            $($variant(crate::$module::Settings)),+
        }

        impl ChannelConfig {
            pub fn network(&self) -> NetworkKind {
                match self {
                    $(Self::$variant(_) => NetworkKind::$variant),+
                }
            }

            fn settings(&self) -> &dyn NetworkSettings {
                match self {
                    $(Self::$variant(settings) => settings),+
                }
            }

            /// The live network object for these settings and `secret`. Touches the network
            /// only to learn the server's own limits (and carries on without them).
            /// Settings and a secret that build the network without a server, from its
            /// folder's `offline_example` (for tests that must reach every network).
            #[cfg(test)]
            pub(crate) fn offline_example(network: NetworkKind) -> (Self, String) {
                match network {
                    $(NetworkKind::$variant => {
                        let (settings, secret) = crate::$module::network::offline_example();
                        (Self::$variant(settings), secret)
                    }),+
                }
            }

            /// The settings and credentials a filled-in connect form of `network` gives: the
            /// method must be one the network declares and the answers must pass its checks
            /// (required, addresses); then the network's folder makes its settings of them.
            pub fn from_answers(
                network: NetworkKind,
                answers: &ConnectAnswers,
            ) -> Result<(Self, Credentials), NetworkError> {
                let methods = network.capabilities().connect;
                crate::connect::method(&methods, answers)?.check(answers)?;
                match network {
                    $(NetworkKind::$variant => {
                        let (settings, credentials) = crate::$module::credentials(answers)?;
                        Ok((Self::$variant(settings), credentials))
                    }),+
                }
            }

            pub async fn connect(
                &self,
                secret: &str,
                options: &ConnectOptions,
            ) -> Result<Network, NetworkError> {
                match self {
                    $(Self::$variant(settings) => crate::$module::connect(settings, secret, options).await),+
                }
            }
        }
    };
}

networks! {
    Bluesky => bluesky,
    Mastodon => mastodon,
    Nostr => nostr,
}

impl ChannelConfig {
    /// The server shown beside the handle.
    pub fn service_url(&self) -> String {
        self.settings().server()
    }

    /// The form field that holds the server's address.
    pub fn server_field(&self) -> &'static str {
        self.settings().server_field()
    }
}

/// Every network's declaration, in [`NetworkKind::ALL`]'s order.
pub fn all_capabilities() -> Vec<Capabilities> {
    NetworkKind::ALL.iter().map(|n| n.capabilities()).collect()
}

/// An address typed by the user, or a [`NetworkError::Settings`] naming `field`.
pub(crate) fn parse_address(
    field: &'static str,
    raw: &str,
    what: &str,
) -> Result<url::Url, NetworkError> {
    url::Url::parse(raw.trim()).map_err(|_| NetworkError::Settings {
        field,
        message: format!("\"{raw}\" is not {what}."),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CapabilityGroup, OutgoingPost, TextCounting};

    #[test]
    fn every_network_round_trips_its_name() {
        for &network in NetworkKind::ALL {
            assert_eq!(NetworkKind::parse(network.as_str()), Some(network));
            assert_eq!(
                network.capabilities().network,
                network,
                "{network:?} declares itself"
            );
        }
        assert_eq!(
            NetworkKind::parse("myspace"),
            None,
            "unknown names are refused"
        );
    }

    #[test]
    fn stored_settings_keep_their_json_shape() {
        let (config, _) = ChannelConfig::offline_example(NetworkKind::Bluesky);
        assert_eq!(
            serde_json::to_value(&config).expect("encode"),
            serde_json::json!({"network": "bluesky", "serviceUrl": "http://127.0.0.1:9", "identifier": "a.test"}),
            "rows written by earlier versions must still read"
        );
        assert_eq!(config.server_field(), "serviceUrl");
        assert!(
            serde_json::from_str::<ChannelConfig>(r#"{"network":"myspace"}"#).is_err(),
            "an unknown network is refused, not defaulted"
        );
    }

    /// The live object for `network`, built without a server (a Mastodon instance that does
    /// not answer leaves the default limits).
    async fn offline(network: NetworkKind) -> Network {
        let (config, secret) = ChannelConfig::offline_example(network);
        let options = ConnectOptions {
            timeout: Some(Duration::from_millis(300)),
        };
        config
            .connect(&secret, &options)
            .await
            .expect("builds without a server")
    }

    #[tokio::test]
    async fn a_live_network_carries_exactly_the_groups_it_declares() {
        for &network in NetworkKind::ALL {
            let live = offline(network).await;
            let caps = &live.capabilities;
            assert!(caps.has(CapabilityGroup::Publish), "{network:?} publishes");
            for (group, present) in [
                (CapabilityGroup::Inbox, live.inbox.is_some()),
                (CapabilityGroup::Reply, live.inbox.is_some()),
                (CapabilityGroup::Like, live.inbox.is_some()),
                (CapabilityGroup::Metrics, live.metrics.is_some()),
                (CapabilityGroup::Search, live.search.is_some()),
            ] {
                assert_eq!(
                    caps.has(group),
                    present,
                    "{network:?}: declaring {group:?} and carrying its object must agree"
                );
            }
            assert_eq!(live.publisher.kind(), network);
        }
    }

    #[tokio::test]
    async fn a_bad_address_names_the_field_that_holds_it() {
        let config: ChannelConfig =
            serde_json::from_str(r#"{"network":"nostr","relays":["not a relay"]}"#).expect("parse");
        let err = config
            .connect(
                &crate::nostr::NostrKeys::generate().nsec(),
                &ConnectOptions::default(),
            )
            .await
            .expect_err("refused");
        assert_eq!(
            err,
            NetworkError::Settings {
                field: "relays",
                message: "\"not a relay\" is not a relay address (wss://…).".into()
            }
        );
    }

    /// The composer counts with the declared rules; the adapter's own check must agree at
    /// the limit, or a post the composer calls fine would be refused at publishing.
    #[tokio::test]
    async fn the_declared_text_limit_is_the_one_the_adapter_enforces() {
        for &network in NetworkKind::ALL {
            let live = offline(network).await;
            let Some(limit) = live.capabilities.text.max_length else {
                continue;
            };
            let unit = match live.capabilities.text.counting {
                TextCounting::Bytes => "x",
                _ => "é",
            };
            let post = |n: u32| OutgoingPost {
                text: unit.repeat(n as usize),
                ..OutgoingPost::default()
            };
            let text_problems = |n| {
                live.publisher
                    .validate(&post(n))
                    .into_iter()
                    .filter(|p| p.field == "text")
                    .count()
            };
            assert_eq!(text_problems(limit), 0, "{network:?} accepts {limit}");
            assert_eq!(
                text_problems(limit + 1),
                1,
                "{network:?} refuses {}",
                limit + 1
            );
        }
    }

    /// Answers for every field of `method`, as a person would type them.
    fn typed_answers(method: &crate::ConnectMethod) -> crate::ConnectAnswers {
        let mut answers = crate::ConnectAnswers::new(method.id);
        for field in &method.fields {
            let value = match field.kind {
                crate::FieldKind::Url => "127.0.0.1:9".to_owned(),
                crate::FieldKind::Lines => field
                    .schemes
                    .first()
                    .map_or("https://127.0.0.1:9".to_owned(), |s| {
                        format!("{s}://127.0.0.1:9")
                    }),
                crate::FieldKind::Text => "@someone.test".to_owned(),
                crate::FieldKind::Secret => "a-secret".to_owned(),
            };
            answers = answers.with(field.name, value);
        }
        answers
    }

    #[test]
    fn every_declared_way_to_connect_gives_settings_of_its_network() {
        for network in NetworkKind::ALL.iter().copied() {
            let methods = network.capabilities().connect;
            assert!(
                !methods.is_empty(),
                "{network:?} declares no way to connect"
            );
            for method in &methods {
                let (config, credentials) =
                    ChannelConfig::from_answers(network, &typed_answers(method))
                        .unwrap_or_else(|e| panic!("{network:?} {}: {e}", method.id));
                assert_eq!(config.network(), network);
                match credentials {
                    Credentials::Browser(_) => assert!(method.browser, "{}", method.id),
                    Credentials::Secret(secret) => {
                        assert!(!method.browser, "{}", method.id);
                        assert!(
                            !secret.is_empty(),
                            "{network:?} {} keeps no secret",
                            method.id
                        );
                        if method.secret_field().is_some() {
                            assert_eq!(secret, "a-secret");
                        }
                    }
                }
                // What the form calls an address comes back as one (https:// added).
                if let Some(url) = method
                    .fields
                    .iter()
                    .find(|f| f.kind == crate::FieldKind::Url)
                {
                    let stored = serde_json::to_value(&config).expect("settings");
                    assert_eq!(stored[url.name], "https://127.0.0.1:9", "{network:?}");
                }
            }
        }
    }

    #[test]
    fn a_form_missing_an_answer_or_naming_no_declared_method_is_refused_by_field() {
        for network in NetworkKind::ALL.iter().copied() {
            for method in network.capabilities().connect {
                for field in method.fields.iter().filter(|f| !f.required.is_empty()) {
                    let mut answers = typed_answers(&method);
                    answers.values.remove(field.name);
                    match ChannelConfig::from_answers(network, &answers) {
                        Err(NetworkError::Settings {
                            field: named,
                            message,
                        }) => {
                            assert_eq!(named, field.name);
                            assert_eq!(message, field.required);
                        }
                        Err(other) => panic!("{network:?} {}: {other}", field.name),
                        Ok(_) => panic!(
                            "{network:?} {} without {} was accepted",
                            method.id, field.name
                        ),
                    }
                }
            }
            let nowhere = crate::ConnectAnswers::new("carrier-pigeon");
            assert!(matches!(
                ChannelConfig::from_answers(network, &nowhere),
                Err(NetworkError::Settings {
                    field: "method",
                    ..
                })
            ));
        }
    }

    /// The UI reads every network's declaration from a generated file, checked for drift by
    /// `make test` like the other bindings.
    #[test]
    fn export_bindings_capabilities() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR (.cargo/config.toml)");
        let json = serde_json::to_string_pretty(&all_capabilities()).expect("encode");
        let text = format!(
            "// Generated from chorus-networks' registry (registry::tests::export_bindings_capabilities). Do not edit.\n\
             import type {{ Capabilities }} from \"./Capabilities\";\n\n\
             export const CAPABILITIES: Capabilities[] = {json};\n"
        );
        std::fs::create_dir_all(&dir).expect("export dir");
        std::fs::write(
            std::path::Path::new(&dir).join("networkCapabilities.ts"),
            text,
        )
        .expect("write networkCapabilities.ts");
    }
}
