//! The operations the app and the CLI offer, over one store: connect channels, create posts
//! (validated by each network's adapter first), pause publishing. Async where a network is asked.

use crate::calendar;
use crate::channel::{self, Channel, ChannelConfig};
use crate::inputs::PostInput;
use crate::post::{self, PostDetails, PostSummary};
use crate::publish::connector::Connector;
use crate::publish::control::{self, PublishingSettings};
use crate::publish::{content, target};
use crate::secrets::SecretStore;
use crate::{Clock, CoreError, DataDir, Result, Store};
use chorus_networks::{
    ConnectAnswers, Credentials, IdempotencyKey, NetworkError, NetworkKind, Publisher,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::Notify;

mod planning;

/// A server that cannot be reached while connecting is a problem with the address the user
/// typed (or their connection), so it is reported under that field, naming the address.
fn server_problem(field: &'static str, url: &str, err: NetworkError) -> CoreError {
    match err {
        NetworkError::Transient { message, .. } | NetworkError::OutcomeUnknown { message } => {
            CoreError::validation(
                field,
                format!(
                    "Nothing answered at {url}: check the address and this computer's connection ({message})."
                ),
            )
        }
        other => CoreError::Network(other),
    }
}

/// Each chosen channel's adapter, to check a post against that network's limits.
pub(crate) struct Validators(HashMap<i64, Arc<dyn Publisher>>);

impl Validators {
    pub(crate) fn check(
        &self,
        channel: &Channel,
        segments: &[chorus_networks::OutgoingPost],
    ) -> Vec<chorus_networks::ValidationProblem> {
        match self.0.get(&channel.id) {
            Some(p) => segments.iter().flat_map(|seg| p.validate(seg)).collect(),
            None => Vec::new(),
        }
    }
}

pub struct Service {
    pub store: Arc<Mutex<Store>>,
    pub dir: DataDir,
    pub clock: Arc<dyn Clock>,
    pub secrets: Arc<dyn SecretStore>,
    pub connector: Arc<dyn Connector>,
    /// Wakes the publishing engine in this process after a schedule change. None when no
    /// engine runs here: then an engine in another process is nudged instead.
    pub engine_waker: Option<Arc<Notify>>,
}

impl Service {
    fn db<T>(&self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut guard)
    }

    /// After a schedule change: the engine in this process if there is one, else whichever
    /// process publishes from this data dir (the app or `chorus daemon` beside the CLI).
    fn wake_engine(&self) {
        match &self.engine_waker {
            Some(waker) => waker.notify_one(),
            None => crate::jobs::wake::nudge(&self.dir, crate::publish::engine::PUBLISHER),
        }
    }

    /// Verifies the credentials with the network, then saves the channel (or, with
    /// `channel_id`, replaces an existing channel's credentials) and files the secret.
    pub async fn connect_channel(
        &self,
        workspace_id: i64,
        channel_id: Option<i64>,
        config: ChannelConfig,
        secret: String,
    ) -> Result<Channel> {
        let network = crate::networks::connect(&config, &secret).await?;
        let account = network
            .publisher
            .verify_credentials()
            .await
            .map_err(|e| match e {
                NetworkError::Auth { message } => CoreError::validation(
                    "secret",
                    format!("The network refused these credentials: {message}"),
                ),
                other => server_problem(config.server_field(), &config.service_url(), other),
            })?;
        let clock = self.clock.clone();
        let secrets = self.secrets.clone();
        let channel = self.db(move |s| match channel_id {
            Some(id) => channel::reconnect(
                s.connection(),
                secrets.as_ref(),
                id,
                &config,
                &account,
                &secret,
            ),
            None => channel::create(
                s.connection_mut(),
                clock.as_ref(),
                secrets.as_ref(),
                workspace_id,
                &config,
                &account,
                &secret,
            ),
        })?;
        Ok(channel)
    }

    /// Connects (or, with `channel_id`, reconnects) an account from its network's connect
    /// form: the answers are checked against the network's declaration and become its
    /// settings and secret; a browser sign-in shows its page through `open_browser` and waits
    /// at most `wait` for the approval. Then as [`connect_channel`](Self::connect_channel).
    /// Errors name the form's own fields.
    pub async fn connect_with_form(
        &self,
        workspace_id: i64,
        channel_id: Option<i64>,
        network: NetworkKind,
        answers: &ConnectAnswers,
        open_browser: impl FnOnce(&url::Url) -> Result<()>,
        wait: std::time::Duration,
    ) -> Result<Channel> {
        let (config, credentials) = ChannelConfig::from_answers(network, answers)?;
        let secret = match credentials {
            Credentials::Secret(secret) => secret,
            Credentials::Browser(mut sign_in) => {
                let page = sign_in
                    .start()
                    .await
                    .map_err(|e| server_problem(config.server_field(), &config.service_url(), e))?;
                open_browser(&page)?;
                sign_in.finish(wait).await?
            }
        };
        let secret_field = network
            .capabilities()
            .connect
            .iter()
            .find(|m| m.id == answers.method)
            .and_then(|m| m.secret_field());
        self.connect_channel(workspace_id, channel_id, config, secret)
            .await
            .map_err(|e| match (e, secret_field) {
                (
                    CoreError::Validation {
                        field: "secret",
                        message,
                    },
                    Some(field),
                ) => CoreError::Validation { field, message },
                (other, _) => other,
            })
    }

    pub fn list_channels(&self, workspace_id: Option<i64>) -> Result<Vec<Channel>> {
        self.db(|s| channel::list(s.connection(), workspace_id))
    }

    pub fn remove_channel(&self, channel_id: i64) -> Result<()> {
        let secrets = self.secrets.clone();
        self.db(move |s| channel::remove(s.connection(), secrets.as_ref(), channel_id))
    }

    /// The adapters that check a post for `channel_ids` against each network's limits.
    pub(crate) async fn validators(&self, channel_ids: &[i64]) -> Result<Validators> {
        let channels: Vec<Channel> = self.db(|s| {
            channel_ids
                .iter()
                .map(|&id| channel::get(s.connection(), id))
                .collect()
        })?;
        let mut publishers: HashMap<i64, Arc<dyn Publisher>> = HashMap::new();
        for c in &channels {
            // A channel whose adapter cannot be built is reported by post::prepare's checks
            // (needs attention) or here, with the reason.
            if c.status == channel::ChannelStatus::Active {
                publishers.insert(c.id, self.connector.publisher(c).await?);
            }
        }
        Ok(Validators(publishers))
    }

    /// Validates against every chosen network, saves, and wakes the engine. With a
    /// recurrence, one post per occurrence is made (all or none).
    pub async fn create_post(&self, input: PostInput) -> Result<PostSummary> {
        let recurrence = input.recurrence.clone().filter(|r| !r.trim().is_empty());
        let new_post = input.into_new_post()?;
        let validators = self.validators(&new_post.channel_ids).await?;
        let clock = self.clock.clone();
        let dir = self.dir.clone();
        let post_ids = self.db(move |s| match recurrence {
            None => Ok(vec![post::create(
                s.connection_mut(),
                clock.as_ref(),
                &dir,
                &new_post,
                &|c, segs| validators.check(c, segs),
            )?]),
            Some(rule) => crate::planning::series::create(
                s.connection_mut(),
                clock.as_ref(),
                &dir,
                &new_post,
                &rule,
                &|c, segs| validators.check(c, segs),
            ),
        })?;
        for &id in &post_ids {
            self.hand_to_servers(id).await?;
        }
        self.wake_engine();
        let first = post_ids
            .first()
            .copied()
            .ok_or_else(|| CoreError::Corrupt("a post was saved but its id is missing".into()))?;
        Ok(self.db(|s| post::show(s.connection(), first))?.post)
    }

    /// Replaces a post that has not gone out (text, channels, images, time). A post handed to a
    /// network's scheduler is withdrawn first and handed over again afterwards. With a
    /// recurrence, the post becomes the first of a series and the later occurrences are
    /// copies of it (all checked before anything changes).
    pub async fn update_post(&self, post_id: i64, input: PostInput) -> Result<PostSummary> {
        let recurrence = input.recurrence.clone().filter(|r| !r.trim().is_empty());
        let new_post = input.into_new_post()?;
        self.change_post(post_id, new_post, recurrence).await?;
        Ok(self.db(|s| post::show(s.connection(), post_id))?.post)
    }

    /// Makes an existing post repeat by `rule`, its content unchanged (see `update_post`).
    /// Returns the series' posts in time order.
    pub async fn repeat_post(&self, post_id: i64, rule: &str) -> Result<Vec<PostSummary>> {
        let dir = self.dir.clone();
        let details = self.db(move |s| post::show_in(s.connection(), Some(&dir), post_id))?;
        let ids = self
            .change_post(post_id, details.to_new_post()?, Some(rule.to_owned()))
            .await?;
        self.db(|s| {
            ids.iter()
                .map(|&id| post::show(s.connection(), id).map(|d| d.post))
                .collect()
        })
    }

    async fn change_post(
        &self,
        post_id: i64,
        new_post: post::NewPost,
        recurrence: Option<String>,
    ) -> Result<Vec<i64>> {
        let validators = self.validators(&new_post.channel_ids).await?;
        self.db(|s| post::check_unsent(s.connection(), post_id, "edited"))?;
        self.withdraw_from_servers(post_id).await?;
        let clock = self.clock.clone();
        let dir = self.dir.clone();
        let changed = self.db(move |s| match recurrence {
            None => post::update(
                s.connection_mut(),
                clock.as_ref(),
                &dir,
                post_id,
                &new_post,
                &|c, segs| validators.check(c, segs),
            )
            .map(|()| vec![post_id]),
            Some(rule) => crate::planning::series::repeat_existing(
                s.connection_mut(),
                clock.as_ref(),
                &dir,
                post_id,
                &new_post,
                &rule,
                &|c, segs| validators.check(c, segs),
            ),
        });
        // Refused or not, whatever waits for a server is handed (back) to it.
        self.hand_to_servers(post_id).await?;
        let ids = changed?;
        for &id in ids.iter().filter(|&&id| id != post_id) {
            self.hand_to_servers(id).await?;
        }
        self.wake_engine();
        Ok(ids)
    }

    /// Deletes a post from Chorus (withdrawing it from a network's scheduler first).
    pub async fn delete_post(&self, post_id: i64) -> Result<()> {
        self.withdraw_from_servers(post_id).await?;
        self.db(|s| post::delete(s.connection_mut(), post_id))?;
        self.wake_engine();
        Ok(())
    }

    /// Takes a post's targets back from the networks' schedulers. If one refuses, those
    /// already withdrawn are handed over again and the error names the one that refused.
    async fn withdraw_from_servers(&self, post_id: i64) -> Result<()> {
        let on_server = self.db(|s| target::on_server_of_post(s.connection(), post_id))?;
        for (target_id, channel_id, schedule_id) in on_server {
            let channel = self.db(|s| channel::get(s.connection(), channel_id))?;
            let withdrawn = match self.connector.publisher(&channel).await {
                Ok(p) => p
                    .cancel_on_server(&schedule_id)
                    .await
                    .map_err(CoreError::from),
                Err(e) => Err(e),
            };
            if let Err(e) = withdrawn {
                self.hand_to_servers(post_id).await?;
                return Err(CoreError::Conflict(format!(
                    "{} did not give back the post it has scheduled ({e}); nothing was changed.",
                    channel.handle
                )));
            }
            self.db(|s| target::forget_server_schedule(s.connection(), target_id))?;
        }
        Ok(())
    }

    /// Gives targets marked for server delivery to their network's scheduler. Any that the
    /// network does not take stay with Chorus, which publishes them itself, and say why.
    async fn hand_to_servers(&self, post_id: i64) -> Result<()> {
        let pending = self.db(|s| target::pending_server_handoffs(s.connection(), post_id))?;
        for (target_id, channel_id, due_at) in pending {
            let (channel, segments) = self.db(|s| {
                Ok((
                    channel::get(s.connection(), channel_id)?,
                    content::load(s.connection(), &self.dir, target_id)?,
                ))
            })?;
            let at = chrono::DateTime::parse_from_rfc3339(&due_at)
                .map_err(|e| CoreError::Corrupt(format!("bad due time {due_at}: {e}")))?
                .with_timezone(&chrono::Utc);
            let now = self.clock.now();
            let key = IdempotencyKey::new(target_id, 0, now);
            let publisher = self.connector.publisher(&channel).await?;
            let handed = match (publisher.can_schedule_on_server(), segments.first()) {
                (true, Some(first)) => publisher.schedule_on_server(&key, first, at).await,
                _ => Err(NetworkError::Rejected {
                    message: format!(
                        "{} cannot schedule posts by itself",
                        channel.network.as_str()
                    ),
                    status: None,
                }),
            };
            self.db(|s| match &handed {
                Ok(schedule_id) => target::record_server_schedule(s.connection(), target_id, schedule_id, now),
                Err(e) => target::deliver_locally(
                    s.connection(),
                    target_id,
                    "server_schedule_refused",
                    &format!("{} did not take the schedule ({e}); Chorus will publish it itself while it is running.", channel.handle),
                ),
            })?;
        }
        Ok(())
    }

    pub fn list_posts(&self, workspace_id: Option<i64>) -> Result<Vec<PostSummary>> {
        self.db(|s| post::list(s.connection(), workspace_id))
    }

    pub fn get_post(&self, post_id: i64) -> Result<PostDetails> {
        self.db(|s| post::show_in(s.connection(), Some(&self.dir), post_id))
    }

    /// The workspace's posts planned in `[from, to)`, for the calendar.
    pub fn calendar_range(
        &self,
        workspace_id: i64,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<calendar::CalendarEntry>> {
        self.db(|s| calendar::range(s.connection(), &self.dir, workspace_id, from, to))
    }

    pub fn unscheduled_drafts(&self, workspace_id: i64) -> Result<Vec<calendar::CalendarEntry>> {
        self.db(|s| calendar::unscheduled_drafts(s.connection(), &self.dir, workspace_id))
    }

    /// Moves a post to `at` (a drag on the calendar). A post handed to a network's scheduler is
    /// withdrawn from it first and handed over again for the new time; if the network will not
    /// give it back, nothing changes and the error says so.
    pub async fn reschedule_post(
        &self,
        post_id: i64,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<PostSummary> {
        let clock = self.clock.clone();
        // Checked before anything is withdrawn from a server, so a refused move changes nothing.
        self.db(|s| calendar::check_reschedule(s.connection(), clock.as_ref(), post_id, at))?;
        self.withdraw_from_servers(post_id).await?;
        self.db(move |s| calendar::reschedule(s.connection_mut(), clock.as_ref(), post_id, at))?;
        self.hand_to_servers(post_id).await?;
        self.wake_engine();
        Ok(self.db(|s| post::show(s.connection(), post_id))?.post)
    }

    /// Back to an unscheduled draft (withdrawn from a network's scheduler first).
    pub async fn unschedule_post(&self, post_id: i64) -> Result<PostSummary> {
        self.db(|s| post::check_unsent(s.connection(), post_id, "unscheduled"))?;
        self.withdraw_from_servers(post_id).await?;
        let clock = self.clock.clone();
        self.db(move |s| calendar::unschedule(s.connection_mut(), clock.as_ref(), post_id))?;
        self.wake_engine();
        Ok(self.db(|s| post::show(s.connection(), post_id))?.post)
    }

    pub fn retry_target(&self, target_id: i64) -> Result<PostSummary> {
        let clock = self.clock.clone();
        let post_id = self.db(move |s| {
            post::retry_target(s.connection(), clock.as_ref(), target_id)?;
            Ok(s.connection().query_row(
                "SELECT post_id FROM post_variants WHERE id = ?1",
                [target_id],
                |r| r.get::<_, i64>(0),
            )?)
        })?;
        self.wake_engine();
        Ok(self.db(|s| post::show(s.connection(), post_id))?.post)
    }

    /// How late a post found overdue (Chorus was closed, asleep or paused) may still go out.
    pub fn set_missed_grace(&self, minutes: u32) -> Result<PublishingSettings> {
        if minutes > 7 * 24 * 60 {
            return Err(CoreError::validation(
                "missedGraceMinutes",
                "Keep the grace period to a week (10080 minutes) or less.",
            ));
        }
        let settings = self.db(|s| {
            control::set_missed_grace(s.connection(), minutes)?;
            control::load(s.connection())
        })?;
        self.wake_engine();
        Ok(settings)
    }

    pub fn publishing_settings(&self) -> Result<PublishingSettings> {
        self.db(|s| control::load(s.connection()))
    }

    /// The crisis switch. Takes effect at once: the engine claims nothing while paused, and
    /// posts handed to a network's own scheduler are withdrawn from it (Chorus publishes them
    /// itself after resuming). Those the network would not give back are reported as an error
    /// after everything else is paused: they may still go out.
    pub async fn set_paused(&self, paused: bool) -> Result<PublishingSettings> {
        let mut stuck = Vec::new();
        if paused {
            for (target_id, channel_id, schedule_id) in
                self.db(|s| target::on_server(s.connection()))?
            {
                let channel = self.db(|s| channel::get(s.connection(), channel_id))?;
                let withdrawn = match self.connector.publisher(&channel).await {
                    Ok(p) => p
                        .cancel_on_server(&schedule_id)
                        .await
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                match withdrawn {
                    Ok(()) => {
                        self.db(|s| target::deliver_locally(s.connection(), target_id, "", ""))?
                    }
                    Err(e) => {
                        stuck.push(format!("{} (post target {target_id}): {e}", channel.handle))
                    }
                }
            }
        }
        let settings = self.db(|s| {
            control::set_paused(s.connection_mut(), paused)?;
            control::load(s.connection())
        })?;
        self.wake_engine();
        if !stuck.is_empty() {
            return Err(CoreError::Conflict(format!(
                "Publishing is paused, but {} post(s) scheduled on the network itself could not be withdrawn and may still go out: {}",
                stuck.len(),
                stuck.join("; ")
            )));
        }
        Ok(settings)
    }
}
