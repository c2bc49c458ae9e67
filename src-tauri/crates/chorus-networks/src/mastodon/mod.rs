//! Mastodon (and servers that speak its client API) through the REST API with an OAuth token.
//! Duplicates are prevented by Mastodon's `Idempotency-Key`, which the server remembers for
//! about an hour.

mod api;
mod html;
mod inbox;
mod instance;
pub mod loopback;
mod media;
pub(crate) mod network;
pub mod oauth;
mod reconcile;
mod schedule;
mod sign_in;
mod validate;

use std::fmt;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::Method;
use tokio::sync::OnceCell;
use url::Url;

pub use api::ScheduledStatus;
pub use instance::InstanceLimits;
pub use network::{
    MastodonSettings, MastodonSettings as Settings, capabilities, connect, credentials,
};
pub use schedule::MIN_SCHEDULE_LEAD;
pub use validate::countable_length;

use crate::http::{self, Failure};
use crate::{
    AccountInfo, IdempotencyKey, NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled,
    RemotePost, ReplyTarget, ValidationProblem,
};
use api::{Account, Status};

/// The current time; injected so that time-dependent decisions can be tested.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct MastodonConfig {
    /// e.g. `https://mastodon.social`
    pub instance_url: Url,
    pub access_token: String,
}

impl fmt::Debug for MastodonConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MastodonConfig")
            .field("instance_url", &self.instance_url.as_str())
            .field("access_token", &"<redacted>")
            .finish()
    }
}

pub struct Mastodon {
    http: reqwest::Client,
    instance_url: Url,
    access_token: String,
    clock: Clock,
    limits: Mutex<Option<InstanceLimits>>,
    account_id: OnceCell<String>,
}

impl fmt::Debug for Mastodon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mastodon")
            .field("instance_url", &self.instance_url.as_str())
            .field("access_token", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl Mastodon {
    /// Does not touch the network.
    pub fn new(config: MastodonConfig) -> Result<Self, NetworkError> {
        if !matches!(config.instance_url.scheme(), "https" | "http")
            || config.instance_url.host_str().is_none()
        {
            return Err(NetworkError::Rejected {
                message: format!("{} is not a web address", config.instance_url),
                status: None,
            });
        }
        Ok(Self {
            http: http::client()?,
            instance_url: config.instance_url,
            access_token: config.access_token,
            clock: Arc::new(Utc::now),
            limits: Mutex::new(None),
            account_id: OnceCell::new(),
        })
    }

    /// Replaces the default timeouts ([`http::CONNECT_TIMEOUT`], [`http::REQUEST_TIMEOUT`]) with
    /// `timeout` for connecting and for each request.
    pub fn with_timeout(mut self, timeout: std::time::Duration) -> Result<Self, NetworkError> {
        self.http = http::client_with_timeout(timeout)?;
        Ok(self)
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The limits validation uses: the server's, once [`Self::refresh_limits`] (or
    /// `verify_credentials`) has fetched them, else Mastodon's long-standing defaults.
    pub fn limits(&self) -> InstanceLimits {
        self.limits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .unwrap_or_else(|| InstanceLimits::fallback(self.host()))
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", instance = %self.instance_url))]
    pub async fn refresh_limits(&self) -> Result<InstanceLimits, NetworkError> {
        let limits = instance::fetch(
            &self.http,
            self.endpoint(&["api", "v2", "instance"])?,
            self.endpoint(&["api", "v1", "instance"])?,
            self.host(),
        )
        .await?;
        *self
            .limits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(limits.clone());
        Ok(limits)
    }

    async fn post_status<T: serde::de::DeserializeOwned>(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        in_reply_to_id: Option<&str>,
        scheduled_at: Option<DateTime<Utc>>,
    ) -> Result<T, NetworkError> {
        let mut media_ids = Vec::with_capacity(post.images.len());
        for image in &post.images {
            media_ids.push(self.upload(image).await?);
        }
        let mut form: Vec<(&str, String)> = vec![
            ("status", post.text.clone()),
            ("visibility", "public".into()),
        ];
        form.extend(media_ids.into_iter().map(|id| ("media_ids[]", id)));
        if let Some(parent) = in_reply_to_id {
            form.push(("in_reply_to_id", parent.to_owned()));
        }
        if let Some(warning) = post
            .content_warning
            .as_deref()
            .filter(|w| !w.trim().is_empty())
        {
            form.push(("spoiler_text", warning.to_owned()));
            form.push(("sensitive", "true".into()));
        }
        if let Some(language) = post.language.as_deref().filter(|l| !l.is_empty()) {
            form.push(("language", language.to_owned()));
        }
        if let Some(at) = scheduled_at {
            form.push((
                "scheduled_at",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ));
        }
        let request = self
            .request(Method::POST, &["api", "v1", "statuses"])?
            .header("Idempotency-Key", &key.token)
            .form(&form);
        Ok(http::send_json(request).await?)
    }

    async fn own_account(&self) -> Result<Account, NetworkError> {
        let request = self.request(
            Method::GET,
            &["api", "v1", "accounts", "verify_credentials"],
        )?;
        let account: Account = http::send_json(request).await?;
        // Ignoring the result: another call may have set the same id first.
        let _ = self.account_id.set(account.id.clone());
        Ok(account)
    }

    async fn account_id(&self) -> Result<String, NetworkError> {
        if let Some(id) = self.account_id.get() {
            return Ok(id.clone());
        }
        Ok(self.own_account().await?.id)
    }

    fn host(&self) -> &str {
        self.instance_url.host_str().unwrap_or_default()
    }

    fn endpoint(&self, segments: &[&str]) -> Result<Url, NetworkError> {
        let mut url = self.instance_url.clone();
        url.set_query(None);
        url.path_segments_mut()
            .map_err(|()| NetworkError::Rejected {
                message: format!(
                    "{} cannot be used as a Mastodon server address",
                    self.instance_url
                ),
                status: None,
            })?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    fn request(
        &self,
        method: Method,
        segments: &[&str],
    ) -> Result<reqwest::RequestBuilder, NetworkError> {
        Ok(self
            .http
            .request(method, self.endpoint(segments)?)
            .bearer_auth(&self.access_token))
    }
}

#[async_trait]
impl Publisher for Mastodon {
    fn kind(&self) -> NetworkKind {
        NetworkKind::Mastodon
    }

    fn can_schedule_on_server(&self) -> bool {
        true
    }

    async fn schedule_on_server(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        at: DateTime<Utc>,
    ) -> Result<String, NetworkError> {
        Ok(Mastodon::schedule_on_server(self, key, post, at).await?.id)
    }

    async fn cancel_on_server(&self, schedule_id: &str) -> Result<(), NetworkError> {
        self.cancel_scheduled(schedule_id).await
    }

    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem> {
        validate::validate(post, &self.limits())
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", instance = %self.instance_url))]
    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
        let account = self.own_account().await?;
        // Limits are a bonus here: validation falls back to defaults without them.
        let domain = match self.refresh_limits().await {
            Ok(limits) => limits.domain,
            Err(err) => {
                tracing::debug!(%err, "instance limits unavailable");
                self.host().to_owned()
            }
        };
        let handle = if account.acct.contains('@') {
            account.acct
        } else {
            format!("{}@{domain}", account.acct)
        };
        let display_name = if account.display_name.trim().is_empty() {
            account.username
        } else {
            account.display_name
        };
        Ok(AccountInfo {
            id: account.id,
            handle,
            display_name,
        })
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", key = %key.token))]
    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        let parent = reply_to.map(|target| target.parent.id.as_str());
        let status: Status = self.post_status(key, post, parent, None).await?;
        Ok(reconcile::remote_post(&status))
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", key = %key.token))]
    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError> {
        let account_id = self.account_id().await?;
        let mut max_id: Option<String> = None;
        for _ in 0..reconcile::MAX_PAGES {
            let mut request = self
                .request(
                    Method::GET,
                    &["api", "v1", "accounts", &account_id, "statuses"],
                )?
                .query(&[("limit", "40"), ("exclude_reblogs", "true")]);
            if let Some(max_id) = &max_id {
                request = request.query(&[("max_id", max_id)]);
            }
            let page: Vec<Status> = http::send_json(request).await?;
            if let Some(status) = page.iter().find(|s| reconcile::matches(s, key, post)) {
                return Ok(reconcile::found(status));
            }
            // Servers may cap a page below the 40 asked for, so only an empty page or one that
            // reaches back before the key shows there is nothing further to look at.
            let exhausted = page.is_empty() || page.iter().any(|s| reconcile::too_old(s, key));
            if exhausted {
                return Ok(reconcile::not_found(key, (self.clock)(), true));
            }
            max_id = page.last().map(|s| s.id.clone());
        }
        Ok(reconcile::not_found(key, (self.clock)(), false))
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", id = %remote.id))]
    async fn delete(&self, remote: &RemotePost) -> Result<(), NetworkError> {
        let request = self.request(Method::DELETE, &["api", "v1", "statuses", &remote.id])?;
        match http::send(request).await {
            // Already gone is what we wanted.
            Err(Failure::Status(missing)) if missing.status == 404 => Ok(()),
            other => Ok(other?),
        }
    }

    #[tracing::instrument(skip_all, fields(network = "mastodon", id = %remote.id))]
    async fn fetch(&self, remote: &RemotePost) -> Result<Option<String>, NetworkError> {
        let request = self.request(Method::GET, &["api", "v1", "statuses", &remote.id])?;
        match http::send_json::<Status>(request).await {
            Ok(status) => Ok(Some(html::to_text(&status.content))),
            Err(Failure::Status(gone)) if gone.status == 404 || gone.status == 410 => Ok(None),
            Err(failure) => Err(failure.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mastodon() -> Mastodon {
        Mastodon::new(MastodonConfig {
            instance_url: Url::parse("https://social.example").expect("should succeed"),
            access_token: "secret-token".into(),
        })
        .expect("should succeed")
    }

    #[test]
    fn debug_output_hides_the_token() {
        let m = mastodon();
        let config = MastodonConfig {
            instance_url: m.instance_url.clone(),
            access_token: "secret-token".into(),
        };
        let printed = format!("{m:?} {config:?}");
        assert!(!printed.contains("secret-token"), "{printed}");
    }

    #[test]
    fn endpoints_escape_ids() {
        let m = mastodon();
        assert_eq!(
            m.endpoint(&["api", "v1", "statuses", "1/../x"])
                .expect("should succeed")
                .as_str(),
            "https://social.example/api/v1/statuses/1%2F..%2Fx"
        );
    }

    #[tokio::test]
    async fn scheduling_needs_five_minutes_of_lead() {
        let now = DateTime::parse_from_rfc3339("2024-01-01T12:00:00Z")
            .expect("should succeed")
            .with_timezone(&Utc);
        let m = mastodon().with_clock(Arc::new(move || now));
        let key = IdempotencyKey::new(1, 0, now);
        let err = m
            .schedule_on_server(
                &key,
                &OutgoingPost::default(),
                now + chrono::Duration::minutes(3),
            )
            .await
            .expect_err("should fail");
        assert_eq!(
            err.to_string(),
            "the network rejected the post: Mastodon schedules posts at least 5 minutes ahead; this one is due in 3 minutes."
        );
    }

    #[test]
    fn validation_uses_fallback_limits_before_the_server_is_asked() {
        let post = OutgoingPost {
            text: "x".repeat(501),
            ..Default::default()
        };
        assert_eq!(
            mastodon().validate(&post)[0].message,
            "This post is 501 characters; social.example allows 500."
        );
    }
}
