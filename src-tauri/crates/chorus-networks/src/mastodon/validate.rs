//! Mastodon's limits, counted the way its `StatusLengthValidator` counts: grapheme clusters,
//! every link as a fixed number of characters, a mention `@user@domain` as `@user`, and the
//! content warning together with the text.

use std::ops::Range;

use super::instance::InstanceLimits;
use crate::text::graphemes;
use crate::{OutgoingPost, ValidationProblem};

pub fn validate(post: &OutgoingPost, limits: &InstanceLimits) -> Vec<ValidationProblem> {
    let mut problems = Vec::new();
    let mut problem = |field: String, message: String| {
        problems.push(ValidationProblem { field, message });
    };
    let server = &limits.domain;

    let warning = post.content_warning.as_deref().unwrap_or_default();
    let length =
        graphemes(warning) + countable_length(&post.text, limits.characters_reserved_per_url);
    if length > limits.max_characters {
        let mut message = format!(
            "This post is {length} characters; {server} allows {}.",
            limits.max_characters
        );
        if !links(&post.text).is_empty() {
            message.push_str(&format!(
                " Each link counts as {} characters.",
                limits.characters_reserved_per_url
            ));
        }
        if !warning.is_empty() {
            message.push_str(" The content warning counts too.");
        }
        problem("text".into(), message);
    }
    if post.text.trim().is_empty() && post.images.is_empty() {
        problem(
            "text".into(),
            "This post is empty; write something or add an image.".into(),
        );
    }
    if post.images.len() > limits.max_media_attachments {
        problem(
            "images".into(),
            format!(
                "This post has {} images; {server} allows {}.",
                post.images.len(),
                limits.max_media_attachments
            ),
        );
    }
    let image_types: Vec<&str> = limits
        .supported_mime_types
        .iter()
        .map(String::as_str)
        .filter(|t| t.starts_with("image/"))
        .collect();
    for (i, image) in post.images.iter().enumerate() {
        let field = format!("images[{i}]");
        let number = i + 1;
        if !image_types.contains(&image.mime_type.as_str()) {
            problem(
                field.clone(),
                format!(
                    "Image {number} is of type {}; {server} accepts {} images.",
                    if image.mime_type.is_empty() {
                        "unknown"
                    } else {
                        &image.mime_type
                    },
                    list(&image_types)
                ),
            );
        }
        if image.bytes.len() as u64 > limits.image_size_limit {
            problem(
                field.clone(),
                format!(
                    "Image {number} is {}; {server} allows {} per image. Resize or compress it.",
                    megabytes(image.bytes.len() as u64),
                    megabytes(limits.image_size_limit)
                ),
            );
        }
        let alt = graphemes(&image.alt);
        if alt > limits.description_limit {
            problem(
                field,
                format!(
                    "The description of image {number} is {alt} characters; {server} allows {}.",
                    limits.description_limit
                ),
            );
        }
    }
    problems
}

/// The length Mastodon checks against `max_characters` (without the content warning).
pub fn countable_length(text: &str, characters_per_url: usize) -> usize {
    let urls = links(text);
    let mut length = 0;
    let mut position = 0;
    for url in &urls {
        length += countable_mentions(&text[position..url.start]);
        length += characters_per_url;
        position = url.end;
    }
    length + countable_mentions(&text[position..])
}

/// Graphemes, with each `@user@domain` counted as `@user`.
fn countable_mentions(text: &str) -> usize {
    graphemes(&shorten_mentions(text))
}

/// `@user@domain` → `@user`, as Mastodon both counts and displays remote mentions.
pub fn shorten_mentions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts_mention = c == '@'
            && !previous.is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '=' || p == '/');
        if starts_mention {
            let user_len = text[i + 1..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let after_user = i + 1 + user_len;
            if user_len > 0 && text[after_user..].starts_with('@') {
                let domain_len = text[after_user + 1..]
                    .char_indices()
                    .take_while(|(_, d)| d.is_alphanumeric() || *d == '_' || *d == '.' || *d == '-')
                    .last()
                    .map_or(0, |(j, d)| j + d.len_utf8());
                let domain =
                    text[after_user + 1..after_user + 1 + domain_len].trim_end_matches(['.', '-']);
                if !domain.is_empty() {
                    out.push_str(&text[i..after_user]);
                    let end = after_user + 1 + domain.len();
                    while chars.peek().is_some_and(|(j, _)| *j < end) {
                        chars.next();
                    }
                    previous = domain.chars().last();
                    continue;
                }
            }
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// http(s) links (Mastodon ignores bare domains when counting), without trailing punctuation.
fn links(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut search = 0;
    while let Some(offset) = text[search..].find("http") {
        let start = search + offset;
        let rest = &text[start..];
        let prefixed = rest.starts_with("https://") || rest.starts_with("http://");
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if prefixed && at_word_start {
            let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let mut url = &rest[..word_len];
            loop {
                let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '\'']);
                let trimmed = if trimmed.ends_with(')')
                    && trimmed.matches(')').count() > trimmed.matches('(').count()
                {
                    &trimmed[..trimmed.len() - 1]
                } else {
                    trimmed
                };
                if trimmed == url {
                    break;
                }
                url = trimmed;
            }
            let scheme_only = url.ends_with("://");
            if !scheme_only {
                found.push(start..start + url.len());
            }
            search = start + word_len.max(1);
        } else {
            search = start + 4;
        }
    }
    found
}

fn list(types: &[&str]) -> String {
    let names: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "image/jpeg" => "JPEG".to_owned(),
            "image/png" => "PNG".to_owned(),
            "image/gif" => "GIF".to_owned(),
            "image/webp" => "WebP".to_owned(),
            "image/avif" => "AVIF".to_owned(),
            "image/heic" => "HEIC".to_owned(),
            other => other.trim_start_matches("image/").to_ascii_uppercase(),
        })
        .collect();
    match names.as_slice() {
        [] => "no".to_owned(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "10 MB", "12.5 MB": binary megabytes, as Mastodon sets its limits.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if (mb - mb.round()).abs() < 0.05 {
        format!("{} MB", mb.round())
    } else {
        format!("{mb:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OutgoingImage;

    fn limits() -> InstanceLimits {
        InstanceLimits::fallback("social.example")
    }

    #[test]
    fn a_link_counts_as_23_characters_however_long_it_is() {
        let url = format!("https://example.com/{}", "a".repeat(200));
        assert_eq!(countable_length(&format!("see {url}"), 23), 4 + 23);
        assert_eq!(countable_length("see https://x.io.", 23), 4 + 23 + 1);
        // A bare domain is counted as typed.
        assert_eq!(countable_length("example.com", 23), 11);
        assert_eq!(countable_length("xhttps://a.b", 23), 12);
    }

    #[test]
    fn a_remote_mention_counts_only_the_user() {
        assert_eq!(shorten_mentions("hi @bob@other.example!"), "hi @bob!");
        assert_eq!(shorten_mentions("@bob@a.b and @carol"), "@bob and @carol");
        assert_eq!(shorten_mentions("mail a@b.example"), "mail a@b.example");
        assert_eq!(
            countable_length("@alice@mastodon.social", 23),
            "@alice".len()
        );
    }

    #[test]
    fn counts_graphemes() {
        assert_eq!(countable_length("👩‍👩‍👧‍👦é", 23), 2);
    }

    #[test]
    fn a_post_at_the_limit_passes_and_one_over_says_why() {
        let url = "https://example.com/a-very-long-path-that-would-not-fit";
        let at_limit = format!("{} {url}", "a".repeat(500 - 23 - 1));
        let post = OutgoingPost {
            text: at_limit.clone(),
            ..Default::default()
        };
        assert!(validate(&post, &limits()).is_empty());

        let post = OutgoingPost {
            text: format!("b{at_limit}"),
            content_warning: Some(String::new()),
            ..Default::default()
        };
        assert_eq!(
            validate(&post, &limits())[0].message,
            "This post is 501 characters; social.example allows 500. Each link counts as 23 characters."
        );

        let post = OutgoingPost {
            text: at_limit,
            content_warning: Some("cw".into()),
            ..Default::default()
        };
        assert_eq!(
            validate(&post, &limits())[0].message,
            "This post is 502 characters; social.example allows 500. Each link counts as 23 characters. The content warning counts too."
        );
    }

    #[test]
    fn images_are_checked_against_the_server() {
        let image = |bytes: usize, mime: &str, alt: usize| OutgoingImage {
            bytes: vec![0; bytes],
            mime_type: mime.into(),
            alt: "a".repeat(alt),
            width: 1,
            height: 1,
        };
        let post = OutgoingPost {
            text: "pics".into(),
            images: vec![
                image(10, "image/png", 0),
                image(12 * 1024 * 1024 + 600_000, "image/bmp", 1501),
                image(10, "image/png", 0),
                image(10, "image/png", 0),
                image(10, "image/png", 0),
            ],
            ..Default::default()
        };
        let messages: Vec<String> = validate(&post, &limits())
            .into_iter()
            .map(|p| format!("{}: {}", p.field, p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "images: This post has 5 images; social.example allows 4.",
                "images[1]: Image 2 is of type image/bmp; social.example accepts JPEG, PNG, GIF and WebP images.",
                "images[1]: Image 2 is 12.6 MB; social.example allows 10 MB per image. Resize or compress it.",
                "images[1]: The description of image 2 is 1501 characters; social.example allows 1500.",
            ]
        );
    }

    #[test]
    fn an_empty_post_is_a_problem() {
        assert_eq!(validate(&OutgoingPost::default(), &limits()).len(), 1);
    }
}
