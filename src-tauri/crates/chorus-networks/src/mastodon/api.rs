//! The parts of Mastodon's entities the adapter reads.

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Status {
    pub id: String,
    pub created_at: DateTime<Utc>,
    /// HTML.
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub spoiler_text: String,
    pub url: Option<String>,
    #[serde(default)]
    pub uri: Option<String>,
    #[serde(default)]
    pub media_attachments: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub acct: String,
    #[serde(default)]
    pub display_name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MediaAttachment {
    pub id: String,
    /// `null` while the server is still processing the file.
    pub url: Option<String>,
}

/// A status the server will publish by itself at `scheduled_at`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ScheduledStatus {
    pub id: String,
    pub scheduled_at: DateTime<Utc>,
}
