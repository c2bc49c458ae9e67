//! Did a status go out? Mastodon keeps an `Idempotency-Key` for about an hour, so within that
//! hour a retry with the same key cannot duplicate; the account's own recent statuses tell
//! whether it is already there.

use chrono::{DateTime, Duration, Utc};

use super::api::Status;
use super::html;
use super::validate::shorten_mentions;
use crate::{IdempotencyKey, OutgoingPost, Reconciled, RemotePost};

/// How long Mastodon remembers an Idempotency-Key (3600 s in PostStatusService).
pub const IDEMPOTENCY_WINDOW: Duration = Duration::hours(1);
/// Room for the retry itself to arrive while the key is still remembered.
const SAFETY_MARGIN: Duration = Duration::minutes(5);
/// Clocks differ; a status "created" slightly before the key was made can still be ours.
const CLOCK_SLACK: Duration = Duration::minutes(1);
/// Pages of 40 statuses looked through before giving up (someone posting a lot in between).
pub const MAX_PAGES: usize = 5;

/// Whether `status` is the one this segment would have produced.
pub fn matches(status: &Status, key: &IdempotencyKey, post: &OutgoingPost) -> bool {
    status.created_at >= key.created_at - CLOCK_SLACK
        && normalize(&html::to_text(&status.content)) == normalize(&post.text)
        && status.spoiler_text.trim() == post.content_warning.as_deref().unwrap_or_default().trim()
        && status.media_attachments.len() == post.images.len()
}

/// Whether statuses older than this one can no longer be ours (pages come newest first).
pub fn too_old(status: &Status, key: &IdempotencyKey) -> bool {
    status.created_at < key.created_at - CLOCK_SLACK
}

/// The verdict once the recent statuses have been looked through without a match.
pub fn not_found(
    key: &IdempotencyKey,
    now: DateTime<Utc>,
    searched_everything: bool,
) -> Reconciled {
    if !searched_everything {
        return Reconciled::Unconfirmed {
            reason: format!(
                "The account posted more than {} statuses since this one was first attempted, \
                 so Chorus could not check them all.",
                MAX_PAGES * 40
            ),
        };
    }
    if now < key.created_at + IDEMPOTENCY_WINDOW - SAFETY_MARGIN {
        Reconciled::NotPublished
    } else {
        Reconciled::Unconfirmed {
            reason: "It is not among the account's recent statuses, but the first attempt was \
                     more than an hour ago, so Mastodon no longer recognises its Idempotency-Key \
                     and a retry could post it twice."
                .into(),
        }
    }
}

pub fn found(status: &Status) -> Reconciled {
    Reconciled::Published(remote_post(status))
}

pub fn remote_post(status: &Status) -> RemotePost {
    RemotePost {
        id: status.id.clone(),
        cid: None,
        url: status.url.clone().or_else(|| status.uri.clone()),
    }
}

/// Whitespace and remote-mention domains differ between what was typed and what comes back.
fn normalize(text: &str) -> String {
    shorten_mentions(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("should succeed")
            .with_timezone(&Utc)
    }

    fn key() -> IdempotencyKey {
        IdempotencyKey {
            token: "chorus-t1-s0".into(),
            created_at: at("2024-01-01T12:00:00Z"),
        }
    }

    fn status(created_at: &str, content: &str) -> Status {
        Status {
            id: "1".into(),
            created_at: at(created_at),
            content: content.into(),
            spoiler_text: String::new(),
            url: Some("https://social.example/@a/1".into()),
            uri: None,
            media_attachments: Vec::new(),
        }
    }

    fn post(text: &str) -> OutgoingPost {
        OutgoingPost {
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn recognises_the_status_by_text_and_time() {
        let typed = post("Hello @bob@other.example\n\nsecond & last");
        let rendered = r#"<p>Hello <span class="h-card"><a href="x">@<span>bob</span></a></span></p><p>second &amp; last</p>"#;
        assert!(matches(
            &status("2024-01-01T12:00:05Z", rendered),
            &key(),
            &typed
        ));
        assert!(
            matches(&status("2024-01-01T11:59:30Z", rendered), &key(), &typed),
            "clock slack"
        );
        assert!(
            !matches(&status("2024-01-01T11:58:00Z", rendered), &key(), &typed),
            "older: another post"
        );
        assert!(!matches(
            &status("2024-01-01T12:00:05Z", "<p>Hello</p>"),
            &key(),
            &typed
        ));
    }

    #[test]
    fn the_verdict_depends_on_the_idempotency_window() {
        let k = key();
        assert_eq!(
            not_found(&k, at("2024-01-01T12:30:00Z"), true),
            Reconciled::NotPublished
        );
        assert!(matches!(
            not_found(&k, at("2024-01-01T12:56:00Z"), true),
            Reconciled::Unconfirmed { .. }
        ));
        assert!(matches!(
            not_found(&k, at("2024-01-01T12:01:00Z"), false),
            Reconciled::Unconfirmed { .. }
        ));
    }
}
