//! Turning a post segment into a signed kind-1 event, and a published one into a kind-5
//! deletion request.
//!
//! Everything that goes into the event id (content, tags and their order, `created_at`) is
//! derived only from the key and the post, so a retry signs the very same id and relays
//! treat it as a duplicate instead of a second note.

use nostr::prelude::{
    Event, EventBuilder, EventId, FinalizeEvent, FromBech32, FromNostrUri, Kind, Nip19Event,
    PublicKey, RelayUrl, Tag, Timestamp, ToBech32,
};

use super::content;
use super::keys::NostrKeys;
use crate::{IdempotencyKey, NetworkError, OutgoingPost, RemotePost, ReplyTarget};

/// NIP-32 label namespace for two-letter language codes.
const LANGUAGE_NAMESPACE: &str = "ISO-639-1";

pub(crate) fn text_note(
    keys: &NostrKeys,
    key: &IdempotencyKey,
    post: &OutgoingPost,
    reply_to: Option<&ReplyTarget>,
) -> Result<Event, NetworkError> {
    let text = content::parse(&post.text);
    let mut tags: Vec<Tag> = Vec::new();
    let mut people: Vec<PublicKey> = Vec::new();

    if let Some(target) = reply_to {
        let root = thread_ref(&target.root, keys.public_key())?;
        let parent = thread_ref(&target.parent, keys.public_key())?;
        tags.push(root.e_tag("root"));
        // NIP-10: a direct reply to the root carries only the root marker.
        if parent.id != root.id {
            tags.push(parent.e_tag("reply"));
        }
        people.extend([root.author, parent.author]);
    }
    people.extend(text.mentions.iter().copied());
    let mut seen = Vec::with_capacity(people.len());
    for person in people {
        if !seen.contains(&person) {
            seen.push(person);
            tags.push(Tag::custom("p", [person.to_hex()]));
        }
    }
    tags.extend(text.hashtags.iter().map(|t| Tag::custom("t", [t.as_str()])));
    if let Some(warning) = &post.content_warning {
        let warning = warning.trim();
        tags.push(if warning.is_empty() {
            Tag::custom("content-warning", Vec::<String>::new())
        } else {
            Tag::custom("content-warning", [warning])
        });
    }
    if let Some(code) = post.language.as_deref().and_then(iso_639_1) {
        tags.push(Tag::custom("L", [LANGUAGE_NAMESPACE]));
        tags.push(Tag::custom("l", [code.as_str(), LANGUAGE_NAMESPACE]));
    }

    sign(
        keys,
        EventBuilder::new(Kind::TextNote, text.content)
            .tags(tags)
            .custom_created_at(timestamp(key)),
    )
}

/// NIP-09 deletion request for one of our notes.
pub(crate) fn deletion(
    keys: &NostrKeys,
    remote: &RemotePost,
    now: Timestamp,
) -> Result<Event, NetworkError> {
    let id = event_id(&remote.id)?;
    sign(
        keys,
        EventBuilder::new(Kind::EventDeletion, "")
            .tag(Tag::custom("e", [id.to_hex()]))
            .tag(Tag::custom("k", [Kind::TextNote.as_u16().to_string()]))
            .custom_created_at(now),
    )
}

/// Where the published note can be found: the id, plus a `nostr:nevent1…` that carries the
/// author and the relays that took it, so a reply to it can name both without a lookup.
pub(crate) fn remote_post(event: &Event, relays: &[url::Url]) -> RemotePost {
    let hints = relays
        .iter()
        .filter_map(|url| RelayUrl::parse(url.as_str()).ok())
        .take(3);
    let nevent = Nip19Event::new(event.id)
        .author(event.pubkey)
        .kind(event.kind)
        .relays(hints);
    RemotePost {
        id: event.id.to_hex(),
        cid: None,
        url: nevent.to_bech32().ok().map(|b| format!("nostr:{b}")),
    }
}

pub(crate) fn event_id(id: &str) -> Result<EventId, NetworkError> {
    EventId::from_hex(id)
        .or_else(|_| EventId::from_bech32(id))
        .map_err(|_| NetworkError::Rejected {
            message: format!("{id:?} is not a Nostr event id"),
            status: None,
        })
}

/// `created_at` comes from the idempotency key, never from the clock: see the module docs.
pub(crate) fn timestamp(key: &IdempotencyKey) -> Timestamp {
    Timestamp::from_secs(u64::try_from(key.created_at.timestamp()).unwrap_or(0))
}

pub(crate) fn sign_builder(keys: &NostrKeys, builder: EventBuilder) -> Result<Event, NetworkError> {
    sign(keys, builder)
}

fn sign(keys: &NostrKeys, builder: EventBuilder) -> Result<Event, NetworkError> {
    builder
        .finalize(keys.keys())
        .map_err(|e| NetworkError::Rejected {
            message: format!("could not sign the Nostr event: {e}"),
            status: None,
        })
}

struct ThreadRef {
    id: EventId,
    author: PublicKey,
    relay_hint: String,
}

impl ThreadRef {
    fn e_tag(&self, marker: &str) -> Tag {
        Tag::custom(
            "e",
            [
                self.id.to_hex(),
                self.relay_hint.clone(),
                marker.to_owned(),
                self.author.to_hex(),
            ],
        )
    }
}

/// Thread segments are our own notes; their nevent (if we made one) also names the relay.
fn thread_ref(remote: &RemotePost, own: PublicKey) -> Result<ThreadRef, NetworkError> {
    let id = event_id(&remote.id)?;
    let nevent = remote
        .url
        .as_deref()
        .and_then(|url| Nip19Event::from_nostr_uri(url).ok())
        .filter(|nevent| nevent.event_id == id);
    Ok(ThreadRef {
        id,
        author: nevent.as_ref().and_then(|n| n.author).unwrap_or(own),
        relay_hint: nevent
            .and_then(|n| n.relays.first().map(|r| r.to_string()))
            .unwrap_or_default(),
    })
}

/// "en", "pt-BR", "EN_us" -> "en"; codes that have no two-letter form are left out rather
/// than mislabelled.
fn iso_639_1(language: &str) -> Option<String> {
    let primary = language.trim().split(['-', '_']).next()?;
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| primary.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn keys() -> NostrKeys {
        NostrKeys::parse("67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa")
            .expect("key")
    }

    fn key() -> IdempotencyKey {
        IdempotencyKey::new(
            42,
            0,
            Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0)
                .single()
                .expect("time"),
        )
    }

    fn post(text: &str) -> OutgoingPost {
        OutgoingPost {
            text: text.to_owned(),
            ..OutgoingPost::default()
        }
    }

    fn tags(event: &Event) -> Vec<Vec<String>> {
        event.tags.iter().map(|t| t.as_slice().to_vec()).collect()
    }

    #[test]
    fn same_key_and_post_give_the_same_id() {
        let a = text_note(&keys(), &key(), &post("hello #Nostr"), None).expect("a");
        let b = text_note(&keys(), &key(), &post("hello #Nostr"), None).expect("b");
        assert_eq!(a.id, b.id);
        assert_eq!(a.created_at.as_secs(), 1_740_830_400);
        a.verify().expect("valid");
        b.verify().expect("valid");
        let later = IdempotencyKey::new(42, 0, key().created_at + chrono::Duration::seconds(1));
        let c = text_note(&keys(), &later, &post("hello #Nostr"), None).expect("c");
        assert_ne!(a.id, c.id);
    }

    #[test]
    fn note_carries_mentions_hashtags_warning_and_language() {
        let bob = NostrKeys::generate();
        let mut p = post(&format!("hi @{} #Rust #rust", bob.npub()));
        p.content_warning = Some("spoilers".into());
        p.language = Some("pt-BR".into());
        let event = text_note(&keys(), &key(), &p, None).expect("event");
        assert_eq!(event.kind, Kind::TextNote);
        assert_eq!(
            event.content,
            format!("hi nostr:{} #Rust #rust", bob.npub())
        );
        assert_eq!(
            tags(&event),
            vec![
                vec!["p".to_owned(), bob.public_key_hex()],
                vec!["t".into(), "rust".into()],
                vec!["content-warning".into(), "spoilers".into()],
                vec!["L".into(), "ISO-639-1".into()],
                vec!["l".into(), "pt".into(), "ISO-639-1".into()],
            ]
        );
    }

    #[test]
    fn empty_warning_and_unknown_language() {
        let mut p = post("x");
        p.content_warning = Some(" ".into());
        p.language = Some("fil".into());
        let event = text_note(&keys(), &key(), &p, None).expect("event");
        assert_eq!(tags(&event), vec![vec!["content-warning".to_owned()]]);
    }

    #[test]
    fn thread_replies_use_marked_e_tags() {
        let me = keys();
        let root = text_note(&me, &key(), &post("1/3"), None).expect("root");
        let root_remote = remote_post(&root, &["ws://127.0.0.1:7447".parse().expect("url")]);
        let first = ReplyTarget {
            root: root_remote.clone(),
            parent: root_remote.clone(),
        };
        let second = text_note(&me, &key(), &post("2/3"), Some(&first)).expect("2");
        let hint = "ws://127.0.0.1:7447/".to_owned();
        let me_hex = me.public_key_hex();
        assert_eq!(
            tags(&second),
            vec![
                vec![
                    "e".to_owned(),
                    root.id.to_hex(),
                    hint.clone(),
                    "root".into(),
                    me_hex.clone()
                ],
                vec!["p".to_owned(), me_hex.clone()],
            ]
        );

        // A bare id (no nevent) still threads, without a relay hint.
        let second_remote = RemotePost {
            id: second.id.to_hex(),
            cid: None,
            url: None,
        };
        let then = ReplyTarget {
            root: root_remote,
            parent: second_remote,
        };
        let third = text_note(&me, &key(), &post("3/3"), Some(&then)).expect("3");
        assert_eq!(
            tags(&third),
            vec![
                vec![
                    "e".to_owned(),
                    root.id.to_hex(),
                    hint,
                    "root".into(),
                    me_hex.clone()
                ],
                vec![
                    "e".to_owned(),
                    second.id.to_hex(),
                    String::new(),
                    "reply".into(),
                    me_hex.clone()
                ],
                vec!["p".to_owned(), me_hex],
            ]
        );
    }

    #[test]
    fn nevent_round_trips() {
        let event = text_note(&keys(), &key(), &post("x"), None).expect("event");
        let remote = remote_post(&event, &["wss://relay.example.com".parse().expect("url")]);
        assert_eq!(remote.id, event.id.to_hex());
        let url = remote.url.expect("url");
        let nevent = Nip19Event::from_nostr_uri(&url).expect("nevent");
        assert_eq!(nevent.event_id, event.id);
        assert_eq!(nevent.author, Some(event.pubkey));
        assert_eq!(nevent.relays.len(), 1);
    }

    #[test]
    fn deletion_names_the_note() {
        let event = text_note(&keys(), &key(), &post("x"), None).expect("event");
        let remote = remote_post(&event, &[]);
        let deletion =
            deletion(&keys(), &remote, Timestamp::from_secs(1_750_000_000)).expect("deletion");
        assert_eq!(deletion.kind, Kind::EventDeletion);
        assert_eq!(
            tags(&deletion),
            vec![
                vec!["e".to_owned(), event.id.to_hex()],
                vec!["k".to_owned(), "1".into()]
            ]
        );
        deletion.verify().expect("valid");
    }

    #[test]
    fn bad_ids_are_rejected() {
        let bad = RemotePost {
            id: "at://did:plc:x/app.bsky.feed.post/1".into(),
            cid: None,
            url: None,
        };
        let err = deletion(&keys(), &bad, Timestamp::from_secs(1)).expect_err("bad id");
        assert_eq!(err.code(), "rejected");
        let target = ReplyTarget {
            root: bad.clone(),
            parent: bad,
        };
        assert!(text_note(&keys(), &key(), &post("x"), Some(&target)).is_err());
    }
}
