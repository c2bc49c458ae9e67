//! Reading mentions and hashtags out of a note's text.
//!
//! Nostr has no server that resolves `@name`: a mention is a key written into the text
//! (NIP-27), and clients only notify the mentioned person if a `p` tag names the key too.

use nostr::prelude::{FromBech32, Nip19Profile, PublicKey};

/// The text as it goes out, and what it refers to, in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteText {
    /// `@npub1…` is rewritten to `nostr:npub1…`, the form other clients render as a mention.
    pub content: String,
    pub mentions: Vec<PublicKey>,
    /// Lower-cased, without `#`.
    pub hashtags: Vec<String>,
}

pub(crate) fn parse(text: &str) -> NoteText {
    let mut out = NoteText {
        content: String::with_capacity(text.len()),
        mentions: Vec::new(),
        hashtags: Vec::new(),
    };
    let mut rest = text;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let consumed = if let Some(after) = rest.strip_prefix("nostr:") {
            mention(after, &mut out).map(|len| "nostr:".len() + len)
        } else if let Some(after) = rest.strip_prefix('@') {
            mention(after, &mut out).map(|len| 1 + len)
        } else if c == '#' && starts_hashtag(prev) {
            hashtag(&rest[1..], &mut out).map(|len| 1 + len)
        } else {
            None
        };
        let len = match consumed {
            Some(len) => len,
            None => {
                out.content.push(c);
                c.len_utf8()
            }
        };
        prev = rest[..len].chars().last();
        rest = &rest[len..];
    }
    out
}

/// Reads an npub/nprofile at the start of `after`; on success writes it to the content in
/// `nostr:` form and returns how many bytes of `after` it used.
fn mention(after: &str, out: &mut NoteText) -> Option<usize> {
    let len = after
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        .count();
    let entity = &after[..len];
    let public_key = if entity.starts_with("npub1") {
        PublicKey::from_bech32(entity).ok()?
    } else if entity.starts_with("nprofile1") {
        Nip19Profile::from_bech32(entity).ok()?.public_key
    } else {
        return None;
    };
    out.content.push_str("nostr:");
    out.content.push_str(entity);
    if !out.mentions.contains(&public_key) {
        out.mentions.push(public_key);
    }
    Some(len)
}

/// A received note's text for reading: `nostr:npub1…` and `nostr:nprofile1…` mentions (NIP-27)
/// become `@npub1abcd…wxyz`, the short form Chorus shows for keys; anything else is kept.
pub(crate) fn readable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("nostr:") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "nostr:".len()..];
        let mut found = NoteText {
            content: String::new(),
            mentions: Vec::new(),
            hashtags: Vec::new(),
        };
        match mention(after, &mut found) {
            Some(len) => {
                out.push('@');
                out.push_str(&super::keys::short_npub(&found.mentions[0]));
                rest = &after[len..];
            }
            None => {
                out.push_str("nostr:");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Image addresses in a note's text (clients put uploads there as plain https URLs).
pub(crate) fn image_urls(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let url = word.trim_end_matches(['.', ',', ')', '!', '?', ';']);
        let path = url
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let image = [".jpg", ".jpeg", ".png", ".webp", ".gif"]
            .iter()
            .any(|ext| path.ends_with(ext));
        if url.starts_with("https://") && image && !found.iter().any(|f| f == url) {
            found.push(url.to_owned());
        }
    }
    found
}

/// A `#` starts a hashtag only at the start of a word, so URL fragments (`/#top`) and
/// things like `C#` stay plain text.
fn starts_hashtag(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{\"'“‘«".contains(c),
    }
}

fn hashtag(after: &str, out: &mut NoteText) -> Option<usize> {
    let len: usize = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .map(char::len_utf8)
        .sum();
    let word = &after[..len];
    // "#1" is usually "number one", not a topic.
    if !word.chars().any(char::is_alphabetic) {
        return None;
    }
    out.content.push('#');
    out.content.push_str(word);
    let tag = word.to_lowercase();
    if !out.hashtags.contains(&tag) {
        out.hashtags.push(tag);
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nostr::prelude::{Keys, ToBech32};

    #[test]
    fn received_mentions_read_as_short_keys_and_image_links_are_found() {
        let key = Keys::generate().public_key();
        let npub = key.to_bech32().expect("npub");
        let short = crate::nostr::keys::short_npub(&key);
        assert_eq!(
            readable(&format!("nostr:{npub} open today? see nostr:note1abc")),
            format!("@{short} open today? see nostr:note1abc")
        );
        assert_eq!(readable("no mentions"), "no mentions");
        assert_eq!(
            image_urls(
                "look https://img.example/a.JPG, and https://img.example/b.png?w=2 http://x/c.png https://img.example/a.JPG"
            ),
            ["https://img.example/a.JPG", "https://img.example/b.png?w=2"]
        );
    }

    fn npub_of(keys: &Keys) -> String {
        keys.public_key().to_bech32().expect("bech32")
    }

    #[test]
    fn plain_text_passes_through() {
        let parsed = parse("hello, wörld! email@example.com 100% #1 C# x/#top");
        assert_eq!(
            parsed.content,
            "hello, wörld! email@example.com 100% #1 C# x/#top"
        );
        assert!(parsed.mentions.is_empty());
        assert!(parsed.hashtags.is_empty());
    }

    #[test]
    fn both_mention_forms_become_nostr_uris_and_p_keys() {
        let alice = Keys::generate();
        let bob = Keys::generate();
        let (a, b) = (npub_of(&alice), npub_of(&bob));
        let parsed = parse(&format!("hi @{a}, and nostr:{b}. Again @{a}!"));
        assert_eq!(
            parsed.content,
            format!("hi nostr:{a}, and nostr:{b}. Again nostr:{a}!")
        );
        assert_eq!(parsed.mentions, vec![alice.public_key(), bob.public_key()]);
    }

    #[test]
    fn nprofile_mentions_count_too() {
        let carol = Keys::generate();
        let nprofile = Nip19Profile::new(carol.public_key(), [])
            .to_bech32()
            .expect("bech32");
        let parsed = parse(&format!("cc nostr:{nprofile}"));
        assert_eq!(parsed.content, format!("cc nostr:{nprofile}"));
        assert_eq!(parsed.mentions, vec![carol.public_key()]);
    }

    #[test]
    fn broken_mentions_stay_text() {
        let a = npub_of(&Keys::generate());
        // One changed character always breaks a bech32 checksum; it must differ from the
        // key's own last character (one key in 32 ends in "x").
        let last = if a.ends_with('x') { 'q' } else { 'x' };
        let broken = format!("{}{last}", &a[..a.len() - 1]);
        assert_ne!(broken, a);
        let text = format!("@{broken} @npub1 @alice nostr:note1abc");
        let parsed = parse(&text);
        assert_eq!(parsed.content, text);
        assert!(parsed.mentions.is_empty());
    }

    #[test]
    fn hashtags_are_lower_cased_once_each() {
        let parsed = parse("#Rust and (#rust) #Nostr_Dev, #café #2024goals\n#RUST");
        assert_eq!(
            parsed.hashtags,
            vec!["rust", "nostr_dev", "café", "2024goals"]
        );
        assert_eq!(
            parsed.content,
            "#Rust and (#rust) #Nostr_Dev, #café #2024goals\n#RUST"
        );
    }
}
