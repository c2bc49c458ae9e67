//! Nostr: signed kind-1 notes sent straight to the user's relays over websockets.
//!
//! There is no server account: the secret key is the credential, and a note exists wherever a
//! relay stored it. Protocol types, NIP-19 encodings and BIP-340 signatures come from the
//! `nostr` crate; the relay I/O is our own (`relay`, `pool`) so that timeouts and the meaning
//! of each relay's `OK` are explicit.
//!
//! Configuration errors from [`Nostr::new`]: a secret key that does not parse is
//! [`NetworkError::Auth`] (the credential needs re-entering); a missing or non-`ws(s)://` relay
//! URL is [`NetworkError::Rejected`] (the setup is wrong for good; retrying cannot help).

mod content;
mod event;
mod inbox;
mod keys;
pub(crate) mod network;
mod pool;
mod relay;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::DateTime;
use nostr::prelude::{Event, Filter, Kind, Timestamp};
use url::Url;

pub use keys::NostrKeys;
pub use network::{NostrSettings, NostrSettings as Settings, capabilities, connect, credentials};

use crate::{
    AccountInfo, IdempotencyKey, NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled,
    RemotePost, ReplyTarget, ValidationProblem,
};
use pool::{Lookup, Relays};

/// How long each relay gets to connect, and then to answer (`OK` or `EOSE`).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// strfry, behind many of the busiest relays, refuses events over 64 KiB of JSON by default
/// (nostr-rs-relay allows 128 KiB); a note has to fit the smaller to reach most readers.
pub const MAX_EVENT_BYTES: usize = 64 * 1024;

/// Room for the thread tags a reply adds, which `validate` cannot see.
const REPLY_TAGS_BYTES: usize = 512;

const NO_IMAGES: &str = "Nostr relays do not store images; remove them, or upload them to a \
     media host and put the link in the text";

#[derive(Clone)]
pub struct NostrConfig {
    /// `nsec1…` or 64 hex characters.
    pub secret_key: String,
    /// `ws://` or `wss://` relay URLs; notes go to all of them.
    pub relays: Vec<Url>,
}

impl fmt::Debug for NostrConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NostrConfig")
            .field("secret_key", &"<redacted>")
            .field(
                "relays",
                &self.relays.iter().map(Url::as_str).collect::<Vec<_>>(),
            )
            .finish()
    }
}

pub struct Nostr {
    keys: NostrKeys,
    relays: Relays,
}

impl fmt::Debug for Nostr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Nostr")
            .field("keys", &self.keys)
            .field(
                "relays",
                &self.relays.urls.iter().map(Url::as_str).collect::<Vec<_>>(),
            )
            .field("timeout", &self.relays.timeout)
            .finish()
    }
}

impl Nostr {
    pub fn new(config: NostrConfig) -> Result<Self, NetworkError> {
        let keys = NostrKeys::parse(&config.secret_key)?;
        let mut urls: Vec<Url> = Vec::with_capacity(config.relays.len());
        for url in config.relays {
            check_relay_url(&url)?;
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        if urls.is_empty() {
            return Err(NetworkError::Rejected {
                message: "add at least one Nostr relay (wss://…)".into(),
                status: None,
            });
        }
        let tls = if urls.iter().any(|u| u.scheme() == "wss") {
            Some(tls_config()?)
        } else {
            None
        };
        Ok(Self {
            keys,
            relays: Relays {
                urls,
                tls,
                timeout: DEFAULT_TIMEOUT,
            },
        })
    }

    /// Replaces [`DEFAULT_TIMEOUT`] (for each relay's connect, and then its answer).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.relays.timeout = timeout;
        self
    }

    pub fn keys(&self) -> &NostrKeys {
        &self.keys
    }

    pub fn relays(&self) -> &[Url] {
        &self.relays.urls
    }

    /// Our kind-1 notes created at `key.created_at`; `reconcile` picks its note among them.
    fn notes_at(&self, key: &IdempotencyKey) -> Filter {
        let at = event::timestamp(key);
        Filter::new()
            .author(self.keys.public_key())
            .kind(Kind::TextNote)
            .since(at)
            .until(at)
    }

    fn is_ours(&self, event: &Event) -> bool {
        event.pubkey == self.keys.public_key() && event.verify().is_ok()
    }
}

#[async_trait]
impl Publisher for Nostr {
    fn kind(&self) -> NetworkKind {
        NetworkKind::Nostr
    }

    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem> {
        let mut problems = Vec::new();
        if post.text.trim().is_empty() {
            problems.push(problem("text", "A Nostr note needs some text"));
        }
        if !post.images.is_empty() {
            problems.push(problem("images", NO_IMAGES));
        }
        let key = IdempotencyKey {
            token: String::new(),
            created_at: DateTime::UNIX_EPOCH,
        };
        if let Ok(note) = event::text_note(&self.keys, &key, post, None) {
            let bytes = note.as_json().len() + REPLY_TAGS_BYTES;
            if bytes > MAX_EVENT_BYTES {
                problems.push(problem(
                    "text",
                    &format!(
                        "This note is {} KiB as a Nostr event; many relays refuse events over {} KiB",
                        bytes.div_ceil(1024),
                        MAX_EVENT_BYTES / 1024
                    ),
                ));
            }
        }
        problems
    }

    /// The key is the credential and cannot expire; what can fail is reaching the relays.
    #[tracing::instrument(skip_all, fields(relays = self.relays.urls.len()))]
    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
        let public_key = self.keys.public_key();
        let filter = Filter::new()
            .author(public_key)
            .kind(Kind::Metadata)
            .limit(1);
        let results = self.relays.query(&[filter]).await;
        let reachable = results
            .iter()
            .any(|(_, q)| !matches!(q, relay::Queried::Unreachable { .. }));
        if !reachable {
            return Err(NetworkError::Transient {
                message: format!("could not reach any Nostr relay: {}", reasons(&results)),
                retry_after: None,
            });
        }
        let newest_profile = results
            .iter()
            .flat_map(|(_, q)| match q {
                relay::Queried::Complete(events) | relay::Queried::Partial { events, .. } => {
                    events.as_slice()
                }
                relay::Queried::Unreachable { .. } => &[],
            })
            .filter(|e| e.kind == Kind::Metadata && self.is_ours(e))
            .max_by_key(|e| e.created_at);
        let display_name = newest_profile
            .and_then(|e| profile_name(&e.content))
            .unwrap_or_else(|| keys::short_npub(&public_key));
        Ok(AccountInfo {
            id: self.keys.public_key_hex(),
            handle: self.keys.npub(),
            display_name,
        })
    }

    #[tracing::instrument(skip_all, fields(token = %key.token, relays = self.relays.urls.len()))]
    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        if !post.images.is_empty() {
            return Err(NetworkError::Rejected {
                message: NO_IMAGES.into(),
                status: None,
            });
        }
        if post.text.trim().is_empty() {
            return Err(NetworkError::Rejected {
                message: "a Nostr note needs some text".into(),
                status: None,
            });
        }
        let note = event::text_note(&self.keys, key, post, reply_to)?;
        tracing::info!(event = %note.id, "publishing a Nostr note");
        let results = self.relays.send(&note).await;
        let accepted = pool::publish_verdict(&results)?;
        Ok(event::remote_post(&note, &accepted))
    }

    /// Looks for our note by author and `created_at` and matches it by content, not by id:
    /// the id of a thread reply also covers its `e` tags, and `reconcile` is not told what
    /// the segment replied to.
    #[tracing::instrument(skip_all, fields(token = %key.token, relays = self.relays.urls.len()))]
    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError> {
        let expected = event::text_note(&self.keys, key, post, None)?;
        let results = self.relays.query(&[self.notes_at(key)]).await;
        let exact = pool::found_anywhere(&results, |e| e.id == expected.id && self.is_ours(e))?;
        let lookup = match exact {
            Lookup::Found(..) => exact,
            _ => pool::found_anywhere(&results, |e| {
                e.kind == Kind::TextNote
                    && e.created_at == expected.created_at
                    && e.content == expected.content
                    && self.is_ours(e)
            })?,
        };
        Ok(match lookup {
            Lookup::Found(url, found) => {
                Reconciled::Published(event::remote_post(found, std::slice::from_ref(url)))
            }
            Lookup::Absent => Reconciled::NotPublished,
            Lookup::Unknown { reason } => Reconciled::Unconfirmed { reason },
        })
    }

    /// A NIP-09 deletion request; relays that honour it drop the note and refuse it later.
    #[tracing::instrument(skip_all, fields(event = %remote.id, relays = self.relays.urls.len()))]
    async fn delete(&self, remote: &RemotePost) -> Result<(), NetworkError> {
        // The request's own time is "now": relays refuse events dated far from their clock,
        // and a repeated deletion request is harmless, so it needs no idempotent timestamp.
        let request = event::deletion(&self.keys, remote, Timestamp::now())?;
        let results = self.relays.send(&request).await;
        pool::publish_verdict(&results).map(|_| ())
    }

    /// `None` when every relay answered without the note, or any relay holds our deletion
    /// request for it (some relays keep deleted notes). A relay that cannot be asked makes
    /// the answer [`NetworkError::Transient`]: the note may live only there.
    #[tracing::instrument(skip_all, fields(event = %remote.id, relays = self.relays.urls.len()))]
    async fn fetch(&self, remote: &RemotePost) -> Result<Option<String>, NetworkError> {
        let id = event::event_id(&remote.id)?;
        let note = Filter::new().id(id);
        let deletions = Filter::new()
            .author(self.keys.public_key())
            .kind(Kind::EventDeletion)
            .event(id);
        let results = self.relays.query(&[note, deletions]).await;
        let deleted = pool::found_anywhere(&results, |e| {
            e.kind == Kind::EventDeletion
                && self.is_ours(e)
                && e.tags.event_ids().any(|tagged| tagged == id)
        });
        if let Ok(Lookup::Found(..)) = deleted {
            return Ok(None);
        }
        match pool::found_anywhere(&results, |e| e.id == id && e.verify().is_ok())? {
            Lookup::Found(_, found) => Ok(Some(found.content.clone())),
            Lookup::Absent => Ok(None),
            Lookup::Unknown { reason } => Err(NetworkError::Transient {
                message: reason,
                retry_after: None,
            }),
        }
    }
}

fn check_relay_url(url: &Url) -> Result<(), NetworkError> {
    let fine =
        matches!(url.scheme(), "ws" | "wss") && url.host_str().is_some_and(|h| !h.is_empty());
    if fine {
        Ok(())
    } else {
        Err(NetworkError::Rejected {
            message: format!(
                "{url} is not a Nostr relay address: it must start with wss:// (or ws://)"
            ),
            status: None,
        })
    }
}

/// The same certificate checks the HTTP client makes (the platform's trust store), with an
/// explicit crypto provider so nothing depends on a process-wide default being installed.
fn tls_config() -> Result<Arc<rustls::ClientConfig>, NetworkError> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map(|builder| Arc::new(builder.with_no_client_auth()))
        .map_err(|e| NetworkError::Transient {
            message: format!("could not set up TLS for wss:// relays: {e}"),
            retry_after: None,
        })
}

/// NIP-01 kind-0 content: `display_name`, else `name`.
fn profile_name(content: &str) -> Option<String> {
    let profile: serde_json::Value = serde_json::from_str(content).ok()?;
    ["display_name", "name"].iter().find_map(|field| {
        profile
            .get(field)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_owned)
    })
}

fn reasons(results: &[(Url, relay::Queried)]) -> String {
    results
        .iter()
        .filter_map(|(url, q)| match q {
            relay::Queried::Unreachable { reason } => Some(format!("{url}: {reason}")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn problem(field: &str, message: &str) -> ValidationProblem {
    ValidationProblem {
        field: field.into(),
        message: message.into(),
    }
}

#[cfg(test)]
mod tests;
