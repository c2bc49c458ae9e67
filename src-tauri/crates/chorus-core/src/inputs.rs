//! What the UI (over IPC) sends to create posts and connect channels. Exported to TypeScript.

use crate::post::{NewImage, NewPost, Variant, When};
use crate::{CoreError, Result};
use chorus_networks::{ConnectAnswers, NetworkKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum WhenInput {
    Draft,
    Now,
    /// `at` is an RFC 3339 instant (the UI converts the workspace's local time).
    At {
        at: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImageInput {
    /// A file on this computer.
    pub path: String,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostInput {
    pub workspace_id: i64,
    pub channel_ids: Vec<i64>,
    pub text: String,
    /// Further posts of a thread, after `text`.
    pub thread: Vec<String>,
    pub images: Vec<ImageInput>,
    pub when: WhenInput,
    pub content_warning: Option<String>,
    pub language: Option<String>,
    /// Hand the post to networks that can schedule it themselves (Mastodon), so it goes out
    /// even with this computer off. Needs a time at least 5 minutes ahead and no thread.
    #[serde(default)]
    pub deliver_on_server: bool,
    /// Channels that send their own version of the first post's text.
    #[serde(default)]
    pub variants: Vec<VariantInput>,
    /// Repeat the post: an RFC 5545 RRULE such as `FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10`, counted
    /// in the workspace's local clock time from `when.at`. Needs COUNT or UNTIL.
    #[serde(default)]
    pub recurrence: Option<String>,
    /// The user's own labels for the post (never published).
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct VariantInput {
    pub channel_id: i64,
    pub text: String,
}

/// An instant the user typed or the UI sent, as RFC 3339 with an offset; the error names `field`.
pub fn parse_instant(field: &'static str, text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| {
            CoreError::validation(
                field,
                format!("\"{text}\" is not a date and time (expected RFC 3339, e.g. 2026-12-01T09:30:00+01:00)."),
            )
        })
}

impl PostInput {
    pub fn into_new_post(self) -> Result<NewPost> {
        let when = match self.when {
            WhenInput::Draft => When::Draft,
            WhenInput::Now => When::Now,
            WhenInput::At { at } => When::At(parse_instant("at", &at)?),
        };
        let blank = |s: Option<String>| s.filter(|v| !v.trim().is_empty());
        Ok(NewPost {
            workspace_id: self.workspace_id,
            channel_ids: self.channel_ids,
            text: self.text,
            thread: self.thread,
            images: self
                .images
                .into_iter()
                .map(|i| NewImage {
                    path: i.path.into(),
                    alt: i.alt,
                })
                .collect(),
            when,
            content_warning: blank(self.content_warning),
            language: blank(self.language),
            deliver_on_server: self.deliver_on_server,
            variants: self
                .variants
                .into_iter()
                .map(|v| Variant {
                    channel_id: v.channel_id,
                    text: v.text,
                })
                .collect(),
            tags: self.tags,
        })
    }
}

/// Connect (or, with `channelId`, reconnect) an account: the network, and its connect form
/// as filled in (the method chosen and the answers by field name, as the network's
/// capabilities declare them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectInput {
    pub workspace_id: i64,
    pub channel_id: Option<i64>,
    pub network: NetworkKind,
    pub answers: ConnectAnswers,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(when: WhenInput) -> PostInput {
        PostInput {
            workspace_id: 1,
            channel_ids: vec![2],
            text: "hi".into(),
            thread: vec![],
            images: vec![],
            when,
            content_warning: Some("  ".into()),
            language: None,
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        }
    }

    #[test]
    fn converts_times_and_drops_blank_options() {
        let post = input(WhenInput::At {
            at: "2026-12-01T09:30:00+01:00".into(),
        })
        .into_new_post()
        .expect("valid");
        assert_eq!(
            post.when,
            When::At(
                DateTime::parse_from_rfc3339("2026-12-01T08:30:00Z")
                    .expect("instant")
                    .with_timezone(&Utc)
            )
        );
        assert_eq!(post.content_warning, None);
    }

    #[test]
    fn a_bad_time_is_a_field_error() {
        let err = input(WhenInput::At {
            at: "next tuesday".into(),
        })
        .into_new_post()
        .expect_err("bad");
        assert_eq!(err.field(), Some("at"));
        assert!(err.to_string().contains("next tuesday"));
    }
}
