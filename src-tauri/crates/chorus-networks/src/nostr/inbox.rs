//! The Nostr inbox: kind-1 notes that tag our public key (`#p`) on the channel's relays, with
//! the authors' kind-0 profiles and the notes they answer; likes as NIP-25 reactions.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use nostr::prelude::{
    Event, EventBuilder, EventId, Filter, Kind, Nip19Event, PublicKey, RelayUrl, Tag, Timestamp,
    ToBech32,
};

use super::relay::Queried;
use super::{Nostr, event, pool};
use crate::inbox::{InboxAuthor, InboxKind, InboxPage, InboxSource, InboxTarget, IncomingItem};
use crate::{NetworkError, RemotePost};

/// Relays index by `created_at`, which the author sets: a note signed a little before it
/// reached the relay would fall behind a cursor taken from a newer note. Asking again for the
/// last ten minutes costs a few duplicates, which the store drops.
const OVERLAP_SECS: u64 = 600;
/// At most this many notes per sync; the cursor then moves only as far as the newest of them.
const LIMIT: usize = 500;

#[async_trait]
impl InboxSource for Nostr {
    /// The cursor is the newest `created_at` seen, in seconds.
    #[tracing::instrument(skip_all, fields(network = "nostr", relays = self.relays.urls.len()))]
    async fn fetch_inbox(&self, cursor: Option<&str>) -> Result<InboxPage, NetworkError> {
        let own = self.keys.public_key();
        let since = cursor
            .and_then(|c| c.parse::<u64>().ok())
            .map(|c| c.saturating_sub(OVERLAP_SECS));
        let mut filter = Filter::new().kind(Kind::TextNote).pubkey(own).limit(LIMIT);
        if let Some(since) = since {
            filter = filter.since(Timestamp::from_secs(since));
        }
        let results = self.relays.query(&[filter]).await;
        let notes: Vec<Event> = collect(&results)?
            .into_iter()
            .filter(|e| e.kind == Kind::TextNote && e.pubkey != own && e.verify().is_ok())
            .collect();

        // Profiles of the authors and the notes being answered, in one more round trip.
        let authors: Vec<PublicKey> = dedup(notes.iter().map(|e| e.pubkey));
        let parents: Vec<EventId> = dedup(notes.iter().filter_map(|e| thread(e).1.map(|p| p.0)));
        let mut extra = vec![Filter::new().kinds([Kind::Metadata]).authors(authors)];
        if !parents.is_empty() {
            extra.push(Filter::new().ids(parents));
        }
        let context = if notes.is_empty() {
            Vec::new()
        } else {
            // Context is a bonus: a relay that cannot answer leaves names and parents empty.
            collect(&self.relays.query(&extra).await).unwrap_or_default()
        };
        let mut profiles: HashMap<PublicKey, &Event> = HashMap::new();
        for e in context.iter().filter(|e| e.kind == Kind::Metadata) {
            let newer = profiles
                .get(&e.pubkey)
                .is_none_or(|seen| seen.created_at < e.created_at);
            if newer && e.verify().is_ok() {
                profiles.insert(e.pubkey, e);
            }
        }
        let texts: HashMap<EventId, &str> = context
            .iter()
            .filter(|e| e.kind == Kind::TextNote)
            .map(|e| (e.id, e.content.as_str()))
            .collect();

        let newest = notes.iter().map(|e| e.created_at.as_secs()).max();
        let hints = self.relay_hints();
        let items = notes
            .iter()
            .map(|note| to_item(note, own, &profiles, &texts, &hints))
            .collect();
        let cursor = match (newest, cursor.and_then(|c| c.parse::<u64>().ok())) {
            (Some(n), Some(old)) => Some(n.max(old).to_string()),
            (Some(n), None) => Some(n.to_string()),
            (None, _) => cursor.map(str::to_owned),
        };
        Ok(InboxPage { items, cursor })
    }

    #[tracing::instrument(skip_all, fields(network = "nostr", event = %target.post.id))]
    async fn like(&self, target: &InboxTarget) -> Result<(), NetworkError> {
        let id = event::event_id(&target.post.id)?;
        let author =
            PublicKey::from_hex(&target.author_id).map_err(|_| NetworkError::Rejected {
                message: format!("{:?} is not a Nostr public key", target.author_id),
                status: None,
            })?;
        let reaction = EventBuilder::new(Kind::Reaction, "+")
            .tag(Tag::custom("e", [id.to_hex()]))
            .tag(Tag::custom("p", [author.to_hex()]))
            .tag(Tag::custom("k", [Kind::TextNote.as_u16().to_string()]))
            .custom_created_at(Timestamp::now());
        let reaction = event::sign_builder(&self.keys, reaction)?;
        let results = self.relays.send(&reaction).await;
        pool::publish_verdict(&results).map(|_| ())
    }
}

impl Nostr {
    fn relay_hints(&self) -> Vec<RelayUrl> {
        self.relays
            .urls
            .iter()
            .filter_map(|u| RelayUrl::parse(u.as_str()).ok())
            .take(1)
            .collect()
    }
}

/// Every distinct event from the relays that answered; an error only when none could.
fn collect(results: &[(url::Url, Queried)]) -> Result<Vec<Event>, NetworkError> {
    let mut seen = HashMap::new();
    let mut reasons = Vec::new();
    for (url, queried) in results {
        match queried {
            Queried::Complete(events) => {
                for e in events {
                    seen.entry(e.id).or_insert_with(|| e.clone());
                }
            }
            Queried::Partial { events, reason } => {
                reasons.push(format!("{url}: {reason}"));
                for e in events {
                    seen.entry(e.id).or_insert_with(|| e.clone());
                }
            }
            Queried::Unreachable { reason } => reasons.push(format!("{url}: {reason}")),
        }
    }
    if !results.is_empty() && reasons.len() == results.len() && seen.is_empty() {
        return Err(NetworkError::Transient {
            message: format!("no relay answered: {}", reasons.join("; ")),
            retry_after: None,
        });
    }
    Ok(seen.into_values().collect())
}

fn dedup<T: PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

type ThreadLink = (EventId, Option<PublicKey>);

/// NIP-10: (root, reply) from marked `e` tags, or from positional ones (first root, last
/// reply) in older notes. The optional 4th element names the author.
fn thread(note: &Event) -> (Option<ThreadLink>, Option<ThreadLink>) {
    let mut root = None;
    let mut reply = None;
    let mut positional = Vec::new();
    for tag in note.tags.iter() {
        let parts = tag.as_slice();
        if parts.first().map(String::as_str) != Some("e") {
            continue;
        }
        let Some(id) = parts.get(1).and_then(|id| EventId::from_hex(id).ok()) else {
            continue;
        };
        let author = parts.get(4).and_then(|p| PublicKey::from_hex(p).ok());
        match parts.get(3).map(String::as_str) {
            Some("root") => root = Some((id, author)),
            Some("reply") => reply = Some((id, author)),
            Some("mention") => {}
            _ => positional.push((id, author)),
        }
    }
    if root.is_none() && reply.is_none() && !positional.is_empty() {
        root = positional.first().copied();
        reply = positional.last().copied();
    }
    // A direct answer to the root carries only the root marker.
    if reply.is_none() {
        reply = root;
    }
    (root, reply)
}

fn to_item(
    note: &Event,
    own: PublicKey,
    profiles: &HashMap<PublicKey, &Event>,
    texts: &HashMap<EventId, &str>,
    hints: &[RelayUrl],
) -> IncomingItem {
    let (root, parent) = thread(note);
    let post = reference(note.id, Some(note.pubkey), hints);
    let kind = match parent {
        // Tagging us in an answer to one of our notes is a reply; in someone else's thread, a comment.
        Some((_, Some(author))) if author == own => InboxKind::Reply,
        Some(_) => InboxKind::Comment,
        None => InboxKind::Mention,
    };
    let profile = profiles
        .get(&note.pubkey)
        .and_then(|e| serde_json::from_str::<serde_json::Value>(&e.content).ok());
    let field = |name: &str| {
        profile
            .as_ref()
            .and_then(|p| p.get(name))
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let npub = super::keys::npub(&note.pubkey);
    let created_at =
        DateTime::<Utc>::from_timestamp(i64::try_from(note.created_at.as_secs()).unwrap_or(0), 0)
            .unwrap_or_default();
    IncomingItem {
        kind,
        web_url: Nip19Event::new(note.id)
            .author(note.pubkey)
            .to_bech32()
            .ok()
            .map(|b| format!("https://njump.me/{b}")),
        author: InboxAuthor {
            id: note.pubkey.to_hex(),
            name: field("display_name")
                .or_else(|| field("name"))
                .unwrap_or_else(|| super::keys::short_npub(&note.pubkey)),
            handle: field("nip05").unwrap_or(npub),
            avatar_url: field("picture").filter(|p| p.starts_with("https://")),
        },
        text: super::content::readable(&note.content),
        html: None,
        images: super::content::image_urls(&note.content),
        in_reply_to_text: parent
            .and_then(|(id, _)| texts.get(&id).map(|t| super::content::readable(t))),
        in_reply_to: parent.map(|(id, author)| reference(id, author, hints)),
        root: root
            .map(|(id, author)| reference(id, author, hints))
            .unwrap_or_else(|| post.clone()),
        post,
        created_at,
    }
}

/// An event id with a `nostr:nevent` naming its author, which the NIP-10 tags of a reply need.
fn reference(id: EventId, author: Option<PublicKey>, hints: &[RelayUrl]) -> RemotePost {
    let mut nevent = Nip19Event::new(id).relays(hints.iter().cloned());
    if let Some(author) = author {
        nevent = nevent.author(author);
    }
    RemotePost {
        id: id.to_hex(),
        cid: None,
        url: nevent.to_bech32().ok().map(|b| format!("nostr:{b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nostr::NostrKeys;

    #[test]
    fn marked_and_positional_e_tags_give_root_and_parent() {
        let keys = NostrKeys::generate();
        let root = EventId::from_hex(&"0".repeat(64)).expect("id");
        let parent = EventId::from_hex(&"1".repeat(64)).expect("id");
        let marked = EventBuilder::new(Kind::TextNote, "hi")
            .tag(Tag::custom(
                "e",
                [root.to_hex(), String::new(), "root".into()],
            ))
            .tag(Tag::custom(
                "e",
                [parent.to_hex(), String::new(), "reply".into()],
            ));
        let marked = event::sign_builder(&keys, marked).expect("signed");
        assert_eq!(thread(&marked).0.map(|r| r.0), Some(root));
        assert_eq!(thread(&marked).1.map(|r| r.0), Some(parent));

        let only_root = EventBuilder::new(Kind::TextNote, "hi").tag(Tag::custom(
            "e",
            [root.to_hex(), String::new(), "root".into()],
        ));
        let only_root = event::sign_builder(&keys, only_root).expect("signed");
        assert_eq!(thread(&only_root).1.map(|r| r.0), Some(root));

        let positional = EventBuilder::new(Kind::TextNote, "hi")
            .tag(Tag::custom("e", [root.to_hex()]))
            .tag(Tag::custom("e", [parent.to_hex()]));
        let positional = event::sign_builder(&keys, positional).expect("signed");
        assert_eq!(thread(&positional).0.map(|r| r.0), Some(root));
        assert_eq!(thread(&positional).1.map(|r| r.0), Some(parent));
    }
}
