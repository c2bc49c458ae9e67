//! Server-side scheduling: Mastodon publishes the status itself at `scheduled_at`, so the post
//! goes out on time even when Chorus is not running.

use chrono::{DateTime, Utc};
use reqwest::Method;

use super::Mastodon;
use super::api::ScheduledStatus;
use crate::http::{self, Failure};
use crate::{IdempotencyKey, NetworkError, OutgoingPost};

/// Mastodon refuses `scheduled_at` closer than this (the API documentation's "at least 5 minutes").
pub const MIN_SCHEDULE_LEAD: chrono::Duration = chrono::Duration::minutes(5);

impl Mastodon {
    /// Hands the post to the server to publish at `at` (Mastodon's own scheduler), which must
    /// be at least five minutes ahead.
    #[tracing::instrument(skip_all, fields(network = "mastodon", key = %key.token, at = %at))]
    pub async fn schedule_on_server(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        at: DateTime<Utc>,
    ) -> Result<ScheduledStatus, NetworkError> {
        let lead = at - (self.clock)();
        if lead < MIN_SCHEDULE_LEAD {
            return Err(NetworkError::Rejected {
                message: format!(
                    "Mastodon schedules posts at least 5 minutes ahead; this one is due in {}.",
                    describe_lead(lead)
                ),
                status: None,
            });
        }
        let answer: serde_json::Value = self.post_status(key, post, None, Some(at)).await?;
        serde_json::from_value::<ScheduledStatus>(answer.clone()).map_err(|_| {
            NetworkError::Rejected {
                message: format!(
                    "the server published the post at once instead of scheduling it (status {})",
                    answer.get("id").and_then(|v| v.as_str()).unwrap_or("?")
                ),
                status: None,
            }
        })
    }

    /// Cancels a post scheduled with [`Self::schedule_on_server`]; one already gone is fine.
    #[tracing::instrument(skip_all, fields(network = "mastodon", id = %id))]
    pub async fn cancel_scheduled(&self, id: &str) -> Result<(), NetworkError> {
        let request = self.request(Method::DELETE, &["api", "v1", "scheduled_statuses", id])?;
        match http::send(request).await {
            Err(Failure::Status(missing)) if missing.status == 404 => Ok(()),
            other => Ok(other?),
        }
    }
}

fn describe_lead(lead: chrono::Duration) -> String {
    let minutes = lead.num_minutes();
    if lead <= chrono::Duration::zero() {
        "the past".into()
    } else if minutes < 1 {
        "less than a minute".into()
    } else if minutes == 1 {
        "1 minute".into()
    } else {
        format!("{minutes} minutes")
    }
}
