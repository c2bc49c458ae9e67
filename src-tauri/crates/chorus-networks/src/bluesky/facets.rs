//! Rich-text facets: Bluesky does not parse text, so mentions, links and hashtags only work when
//! the client marks them, by UTF-8 byte range, in the record.

use std::ops::Range;

use serde_json::{Value, json};

/// A facet found in the text, before mentions are resolved to DIDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// UTF-8 byte offsets into the text, as the lexicon asks.
    pub bytes: Range<usize>,
    pub kind: CandidateKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CandidateKind {
    /// The handle without `@`, lowercased (handles are case-insensitive).
    Mention(String),
    Link(String),
    /// The tag without `#`.
    Tag(String),
}

/// The official app's limit; longer "tags" are left as plain text.
const MAX_TAG_CHARS: usize = 64;

/// Finds mentions, links and hashtags the way the Bluesky app does: at the start of the text or
/// after whitespace (mentions and links also after `(`), with trailing punctuation left out.
pub fn detect(text: &str) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (start, word) in words(text) {
        if let Some(candidate) = tag(start, word) {
            found.push(candidate);
            continue;
        }
        let (start, word) = match word.strip_prefix('(') {
            Some(rest) => (start + 1, rest),
            None => (start, word),
        };
        if let Some(candidate) = link(start, word).or_else(|| mention(start, word)) {
            found.push(candidate);
        }
    }
    found
}

/// A resolved facet as the record stores it.
pub fn to_record(bytes: &Range<usize>, feature: Value) -> Value {
    json!({
        "index": { "byteStart": bytes.start, "byteEnd": bytes.end },
        "features": [feature],
    })
}

pub fn mention_feature(did: &str) -> Value {
    json!({ "$type": "app.bsky.richtext.facet#mention", "did": did })
}

pub fn link_feature(uri: &str) -> Value {
    json!({ "$type": "app.bsky.richtext.facet#link", "uri": uri })
}

pub fn tag_feature(tag: &str) -> Value {
    json!({ "$type": "app.bsky.richtext.facet#tag", "tag": tag })
}

/// Whitespace-separated words with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn link(start: usize, word: &str) -> Option<Candidate> {
    let lower = word.get(..8).unwrap_or(word).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let uri = trim_link_end(word);
    let parsed = url::Url::parse(uri).ok()?;
    parsed.host_str().filter(|h| !h.is_empty())?;
    Some(Candidate {
        bytes: start..start + uri.len(),
        kind: CandidateKind::Link(uri.to_owned()),
    })
}

/// "see https://example.com." links to the page, not to "example.com."; a closing parenthesis
/// only belongs to the URL when it closes one the URL opened.
fn trim_link_end(mut uri: &str) -> &str {
    loop {
        let before = uri;
        uri = uri.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'']);
        if uri.ends_with(')') && uri.matches(')').count() > uri.matches('(').count() {
            uri = &uri[..uri.len() - 1];
        }
        if uri == before {
            return uri;
        }
    }
}

fn mention(start: usize, word: &str) -> Option<Candidate> {
    let rest = word.strip_prefix('@')?;
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'-')
        .count();
    // The handle ends at a word boundary: "@alice.test." mentions alice.test.
    let handle = rest[..len].trim_end_matches(['.', '-']);
    if !is_handle(handle) {
        return None;
    }
    Some(Candidate {
        bytes: start..start + 1 + handle.len(),
        kind: CandidateKind::Mention(handle.to_ascii_lowercase()),
    })
}

/// The handle syntax: dot-separated labels of letters, digits and inner hyphens, at least two
/// labels, and a top-level label that does not start with a digit.
fn is_handle(handle: &str) -> bool {
    let labels: Vec<&str> = handle.split('.').collect();
    handle.len() <= 253
        && labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-'))
        && labels
            .last()
            .is_some_and(|tld| tld.starts_with(|c: char| c.is_ascii_alphabetic()))
}

fn tag(start: usize, word: &str) -> Option<Candidate> {
    let (marker, rest) = if let Some(rest) = word.strip_prefix('#') {
        (1, rest)
    } else {
        ("＃".len(), word.strip_prefix('＃')?)
    };
    let tag = rest.trim_end_matches(is_punctuation);
    if tag.is_empty()
        || tag.chars().count() > MAX_TAG_CHARS
        || tag.chars().all(|c| c.is_ascii_digit())
        // A variation selector right after '#' makes it the keycap emoji #️⃣, not a tag.
        || tag.starts_with('\u{fe0f}')
    {
        return None;
    }
    Some(Candidate {
        bytes: start..start + marker + tag.len(),
        kind: CandidateKind::Tag(tag.to_owned()),
    })
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '…' | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '。'
                | '、'
                | '！'
                | '？'
                | '：'
                | '；'
                | '，'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, CandidateKind)> {
        detect(text)
            .into_iter()
            .map(|c| (text[c.bytes.clone()].to_owned(), c.kind))
            .collect()
    }

    #[test]
    fn finds_mentions_links_and_tags_with_byte_offsets() {
        let text = "Grüße @Alice.Test, see https://example.com/a?b=1. #rust (@bob.test)";
        let found = detect(text);
        assert_eq!(
            kinds(text),
            vec![
                (
                    "@Alice.Test".into(),
                    CandidateKind::Mention("alice.test".into())
                ),
                (
                    "https://example.com/a?b=1".into(),
                    CandidateKind::Link("https://example.com/a?b=1".into())
                ),
                ("#rust".into(), CandidateKind::Tag("rust".into())),
                (
                    "@bob.test".into(),
                    CandidateKind::Mention("bob.test".into())
                ),
            ]
        );
        // "Grüße " is 8 bytes: ü and ß take two each.
        assert_eq!(found[0].bytes, 8..19);
    }

    #[test]
    fn offsets_count_bytes_not_characters() {
        let text = "👩‍👩‍👧 @bob.test";
        let found = detect(text);
        assert_eq!(found.len(), 1);
        let start = "👩‍👩‍👧 ".len();
        assert_eq!(found[0].bytes, start..start + "@bob.test".len());
    }

    #[test]
    fn leaves_non_facets_alone() {
        assert!(detect("mail me at someone@example.com").is_empty());
        assert!(detect("@localhost and @-bad.test and @x.1").is_empty());
        assert!(detect("issue #123 and a#b and #").is_empty());
        assert!(detect("ftp://example.com and https://").is_empty());
        assert!(detect("#\u{fe0f}\u{20e3}").is_empty());
    }

    #[test]
    fn links_keep_balanced_parentheses_and_drop_trailing_punctuation() {
        assert_eq!(
            kinds("(https://en.wikipedia.org/wiki/Rust_(language)), ok")[0].0,
            "https://en.wikipedia.org/wiki/Rust_(language)"
        );
        assert_eq!(kinds("(https://example.com)")[0].0, "https://example.com");
        assert_eq!(kinds("https://example.com/!?")[0].0, "https://example.com/");
    }

    #[test]
    fn tags_drop_trailing_punctuation_and_accept_unicode() {
        assert_eq!(
            kinds("#café! #日本語。 ＃fullwidth"),
            vec![
                ("#café".into(), CandidateKind::Tag("café".into())),
                ("#日本語".into(), CandidateKind::Tag("日本語".into())),
                ("＃fullwidth".into(), CandidateKind::Tag("fullwidth".into())),
            ]
        );
        assert!(detect(&format!("#{}", "a".repeat(65))).is_empty());
    }

    #[test]
    fn facet_json_has_the_lexicon_shape() {
        let facet = to_record(&(2..7), tag_feature("rust"));
        assert_eq!(
            facet,
            json!({"index":{"byteStart":2,"byteEnd":7},"features":[{"$type":"app.bsky.richtext.facet#tag","tag":"rust"}]})
        );
    }
}
