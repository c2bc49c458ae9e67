//! The publishing loop.
//!
//! It sleeps until the next due time (never polling every second), wakes early on any schedule
//! change, and never sleeps longer than [`EngineConfig::max_sleep`] so that a wall-clock jump or
//! a system sleep is noticed soon after. One engine per data directory (a lock file), so the
//! app and `chorus daemon` cannot both publish.

use super::connector::Connector;
use super::events::PublishEvent;
use super::target::{self, AttemptOutcome, Claimed, TargetState};
use super::{content, control};
use crate::channel::{self, ChannelStatus};
use crate::jobs::{Backoff, Lease, wake::WakeListener};
use crate::{Clock, CoreError, DataDir, Result, Store};
use chorus_networks::{IdempotencyKey, NetworkError, Reconciled, RemotePost, ReplyTarget};
use chrono::{DateTime, Utc};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, broadcast, watch};
use tokio::task::JoinSet;

/// The publishing job's name: its lock (`publisher.lock`) and wake-up file (`publisher.wake`).
pub const PUBLISHER: &str = "publisher";

#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub max_concurrent: usize,
    /// Attempts before a retryable failure becomes final.
    pub max_attempts: u32,
    pub backoff: Backoff,
    pub max_sleep: Duration,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            max_concurrent: 16,
            max_attempts: 8,
            backoff: Backoff {
                base: Duration::from_secs(30),
                cap: Duration::from_secs(30 * 60),
            },
            max_sleep: Duration::from_secs(30),
        }
    }
}

pub struct Engine {
    store: Arc<Mutex<Store>>,
    dir: DataDir,
    clock: Arc<dyn Clock>,
    connector: Arc<dyn Connector>,
    config: EngineConfig,
    events: broadcast::Sender<PublishEvent>,
    wake: Arc<Notify>,
    /// Identifies this run's claims; anything else left in `publishing` is an orphan.
    token: String,
    _lock: Lease,
}

impl Engine {
    /// Takes the data directory's publisher lock; fails if another engine holds it.
    pub fn new(
        store: Arc<Mutex<Store>>,
        dir: DataDir,
        clock: Arc<dyn Clock>,
        connector: Arc<dyn Connector>,
        config: EngineConfig,
    ) -> Result<Self> {
        let lock = Lease::try_take(&dir, PUBLISHER)?.ok_or_else(|| {
            CoreError::Conflict(format!(
                "another Chorus (the app or `chorus daemon`) is already publishing from {}",
                dir.root().display()
            ))
        })?;
        let (events, _) = broadcast::channel(1024);
        Ok(Self {
            store,
            dir,
            clock,
            connector,
            config,
            events,
            wake: Arc::new(Notify::new()),
            token: format!("run-{:016x}", rand::random::<u64>()),
            _lock: lock,
        })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<PublishEvent> {
        self.events.subscribe()
    }

    /// Call after any change to schedules, pause state or settings.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    fn emit(&self, event: PublishEvent) {
        // No subscriber is fine: the state is in the database either way.
        let _ = self.events.send(event);
    }

    fn changed(&self, post_id: i64, target_id: i64, state: TargetState) {
        self.emit(PublishEvent::TargetChanged {
            post_id,
            target_id,
            state,
        });
    }

    fn db<T>(&self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        work(&mut guard)
    }

    /// Runs until `shutdown` turns true.
    pub async fn run(self: Arc<Self>, mut shutdown: watch::Receiver<bool>) {
        let mut inflight = JoinSet::new();
        let mut recovering = self.claim_orphans();
        // Without the listener the engine still works; it notices other processes' changes at
        // its next wake-up instead of at once.
        let listener = match WakeListener::bind(&self.dir, PUBLISHER).await {
            Ok(l) => Some(l),
            Err(e) => {
                tracing::warn!("other processes cannot wake the publisher: {e}");
                None
            }
        };
        let mut last_wall = self.clock.now();
        loop {
            if *shutdown.borrow() {
                break;
            }
            let now = self.clock.now();
            let expected =
                last_wall + chrono::Duration::from_std(self.config.max_sleep).unwrap_or_default();
            if now > expected + chrono::Duration::seconds(60) {
                tracing::info!(%last_wall, %now, "the clock jumped or the system slept; catching up");
            }
            last_wall = now;
            self.start_recovered(&mut recovering, &mut inflight);
            if recovering.is_empty()
                && let Err(e) = self.step(now, &mut inflight)
            {
                tracing::error!("publishing loop step failed: {e}");
            }
            let sleep_for = if inflight.len() >= self.config.max_concurrent {
                self.config.max_sleep
            } else {
                self.until_next_due(now)
            };
            tokio::select! {
                _ = tokio::time::sleep(sleep_for) => {}
                _ = self.wake.notified() => {}
                _ = async { listener.as_ref()?.recv().await; Some(()) }, if listener.is_some() => {}
                Some(_) = inflight.join_next(), if !inflight.is_empty() => {}
                changed = shutdown.changed() => {
                    // The sender is gone: nobody can stop us any more, so stop now.
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        // In-flight requests are abandoned: whatever they did is reconciled at the next start.
        inflight.abort_all();
    }

    /// One pass for tests: recovers orphans, publishes everything due at the clock's `now`,
    /// and waits for it all to finish. Keeps to `max_concurrent` like [`Engine::run`].
    pub async fn run_once(self: &Arc<Self>) -> Result<()> {
        let mut inflight = JoinSet::new();
        let mut recovering = self.claim_orphans();
        while !recovering.is_empty() {
            self.start_recovered(&mut recovering, &mut inflight);
            inflight.join_next().await;
        }
        while inflight.join_next().await.is_some() {}
        loop {
            let now = self.clock.now();
            self.step(now, &mut inflight)?;
            if inflight.is_empty() {
                return Ok(());
            }
            while inflight.join_next().await.is_some() {}
        }
    }

    fn until_next_due(&self, now: DateTime<Utc>) -> Duration {
        match self.db(|s| target::next_due(s.connection())) {
            Ok(Some(due)) => (due - now)
                .to_std()
                .unwrap_or(Duration::ZERO)
                .min(self.config.max_sleep),
            Ok(None) => self.config.max_sleep,
            Err(e) => {
                tracing::error!("cannot read the next due time: {e}");
                self.config.max_sleep
            }
        }
    }

    /// Marks missed posts, then claims and starts due ones up to the concurrency limit.
    fn step(self: &Arc<Self>, now: DateTime<Utc>, inflight: &mut JoinSet<()>) -> Result<()> {
        let settings = self.db(|s| control::load(s.connection()))?;
        let grace = chrono::Duration::minutes(i64::from(settings.missed_grace_minutes));
        for missed in self.db(|s| target::mark_missed(s.connection(), now, grace))? {
            tracing::warn!(target = missed.id, due_at = %missed.due_at, "post missed");
            self.changed(missed.post_id, missed.id, TargetState::Missed);
            self.emit(PublishEvent::Missed {
                post_id: missed.post_id,
                target_id: missed.id,
                channel: missed.channel,
                due_at: missed.due_at,
            });
        }
        if settings.paused {
            return Ok(());
        }
        while inflight.len() < self.config.max_concurrent {
            let Some(claimed) =
                self.db(|s| target::claim_next(s.connection(), now, &self.token))?
            else {
                break;
            };
            self.changed(claimed.post_id, claimed.id, TargetState::Publishing);
            let engine = self.clone();
            inflight.spawn(async move { engine.publish(claimed, false).await });
        }
        Ok(())
    }

    /// Takes over every target a previous run left mid-publish. They are reconciled with the
    /// network (at most `max_concurrent` at a time, oldest first) before anything new starts.
    fn claim_orphans(&self) -> VecDeque<Claimed> {
        let now = self.clock.now();
        match self.db(|s| target::claim_orphans(s.connection(), &self.token, now)) {
            Ok(orphans) => {
                if !orphans.is_empty() {
                    tracing::warn!(
                        count = orphans.len(),
                        "found posts left mid-publish; reconciling with the network first"
                    );
                }
                orphans.into()
            }
            Err(e) => {
                tracing::error!("cannot look for interrupted posts: {e}");
                VecDeque::new()
            }
        }
    }

    fn start_recovered(
        self: &Arc<Self>,
        queue: &mut VecDeque<Claimed>,
        inflight: &mut JoinSet<()>,
    ) {
        while inflight.len() < self.config.max_concurrent {
            let Some(claimed) = queue.pop_front() else {
                break;
            };
            let engine = self.clone();
            inflight.spawn(async move { engine.publish(claimed, true).await });
        }
    }

    /// Publishes (or resumes) one claimed target. With `reconcile_first`, every segment not
    /// known to be out is first looked up on the network: the previous run may have sent it.
    #[tracing::instrument(skip_all, fields(target = claimed.id, attempt = claimed.attempt))]
    async fn publish(self: Arc<Self>, claimed: Claimed, reconcile_first: bool) {
        if let Err(e) = self.try_publish(&claimed, reconcile_first).await {
            // Storage trouble mid-publish: leave the claim; the next start reconciles it.
            tracing::error!("publishing target {} stopped: {e}", claimed.id);
        }
    }

    async fn try_publish(&self, claimed: &Claimed, reconcile_first: bool) -> Result<()> {
        let now = self.clock.now();
        let (channel, segments, done, attempt_id) = self.db(|s| {
            let conn = s.connection();
            let channel = channel::get(conn, claimed.channel_id)?;
            let segments = content::load(conn, &self.dir, claimed.id)?;
            let done = target::done_segments(conn, claimed.id)?;
            let attempt_id = target::start_attempt(conn, claimed.id, None, now)?;
            Ok((channel, segments, done, attempt_id))
        })?;
        let label = format!("{} ({})", channel.handle, channel.network.as_str());
        let publisher = match self.connector.publisher(&channel).await {
            Ok(p) => p,
            Err(CoreError::Network(err)) => return self.fail(claimed, attempt_id, &label, &err),
            Err(e) => {
                let err = NetworkError::Auth {
                    message: e.to_string(),
                };
                return self.fail(claimed, attempt_id, &label, &err);
            }
        };

        if claimed.on_server {
            return self
                .confirm_on_server(claimed, attempt_id, &label, publisher.as_ref(), &segments)
                .await;
        }

        let mut out: Vec<Option<RemotePost>> = vec![None; segments.len()];
        for (i, remote) in done {
            if let Some(slot) = out.get_mut(i as usize) {
                *slot = Some(remote);
            }
        }
        for (i, segment) in segments.iter().enumerate() {
            if out[i].is_some() {
                continue;
            }
            let key = IdempotencyKey::new(claimed.id, i as u32, claimed.key_created_at);
            let reply = match (
                out.first().cloned().flatten(),
                i.checked_sub(1).and_then(|p| out[p].clone()),
            ) {
                (Some(root), Some(parent)) if i > 0 => Some(ReplyTarget { root, parent }),
                _ => None,
            };
            let mut result = if reconcile_first {
                match publisher.reconcile(&key, segment).await {
                    Ok(Reconciled::Published(remote)) => Ok(remote),
                    Ok(Reconciled::NotPublished) => {
                        publisher.publish(&key, segment, reply.as_ref()).await
                    }
                    Ok(Reconciled::Unconfirmed { reason }) => {
                        return self.unconfirmed(claimed, attempt_id, &label, &reason);
                    }
                    Err(e) => Err(e),
                }
            } else {
                publisher.publish(&key, segment, reply.as_ref()).await
            };
            if let Err(NetworkError::OutcomeUnknown { message }) = &result {
                tracing::warn!("outcome unknown ({message}); reconciling");
                result = match publisher.reconcile(&key, segment).await {
                    Ok(Reconciled::Published(remote)) => Ok(remote),
                    Ok(Reconciled::NotPublished) => Err(NetworkError::Transient {
                        message: format!("{message} (the network confirms nothing went out)"),
                        retry_after: None,
                    }),
                    Ok(Reconciled::Unconfirmed { reason }) => {
                        return self.unconfirmed(claimed, attempt_id, &label, &reason);
                    }
                    Err(e) => Err(e),
                };
            }
            match result {
                Ok(remote) => {
                    let now = self.clock.now();
                    self.db(|s| {
                        target::save_segment(s.connection(), claimed.id, i as u32, &remote, now)
                    })?;
                    out[i] = Some(remote);
                }
                Err(err) => return self.fail(claimed, attempt_id, &label, &err),
            }
        }

        let first = out.first().cloned().flatten();
        self.published(
            claimed,
            attempt_id,
            &format!("published {} segment(s)", out.len()),
            first.as_ref().map(|r| r.id.as_str()),
        )
    }

    /// Closes the attempt and the claim of a target that is now fully out.
    fn published(
        &self,
        claimed: &Claimed,
        attempt_id: i64,
        message: &str,
        remote_id: Option<&str>,
    ) -> Result<()> {
        let now = self.clock.now();
        self.db(|s| {
            let conn = s.connection();
            target::finish_attempt(
                conn,
                attempt_id,
                AttemptOutcome::Published,
                None,
                message,
                remote_id,
                now,
            )?;
            target::release(
                conn,
                claimed.id,
                &self.token,
                TargetState::Published,
                None,
                None,
                now,
            )
        })?;
        self.changed(claimed.post_id, claimed.id, TargetState::Published);
        Ok(())
    }

    /// A post handed to the network's scheduler is due: look for it on the network.
    async fn confirm_on_server(
        &self,
        claimed: &Claimed,
        attempt_id: i64,
        label: &str,
        publisher: &dyn chorus_networks::Publisher,
        segments: &[chorus_networks::OutgoingPost],
    ) -> Result<()> {
        let Some(first) = segments.first() else {
            return Err(CoreError::Corrupt(format!(
                "target {} has no content",
                claimed.id
            )));
        };
        let key = IdempotencyKey::new(claimed.id, 0, claimed.key_created_at);
        match publisher.reconcile(&key, first).await {
            Ok(Reconciled::Published(remote)) => {
                let now = self.clock.now();
                self.db(|s| target::save_segment(s.connection(), claimed.id, 0, &remote, now))?;
                self.published(
                    claimed,
                    attempt_id,
                    "published by the network's own scheduler",
                    Some(&remote.id),
                )
            }
            Ok(Reconciled::Unconfirmed { reason }) => {
                self.unconfirmed(claimed, attempt_id, label, &reason)
            }
            Ok(Reconciled::NotPublished) if claimed.attempt >= self.config.max_attempts => self
                .unconfirmed(
                    claimed,
                    attempt_id,
                    label,
                    "the network had this post scheduled, but it has not appeared on the account",
                ),
            Ok(Reconciled::NotPublished) => {
                let err = NetworkError::Transient {
                    message: "the network has not published the scheduled post yet".into(),
                    retry_after: None,
                };
                self.fail(claimed, attempt_id, label, &err)
            }
            Err(err) => self.fail(claimed, attempt_id, label, &err),
        }
    }

    fn unconfirmed(
        &self,
        claimed: &Claimed,
        attempt_id: i64,
        label: &str,
        reason: &str,
    ) -> Result<()> {
        let now = self.clock.now();
        self.db(|s| {
            let conn = s.connection();
            target::finish_attempt(
                conn,
                attempt_id,
                AttemptOutcome::Unconfirmed,
                Some("unconfirmed"),
                reason,
                None,
                now,
            )?;
            target::release(
                conn,
                claimed.id,
                &self.token,
                TargetState::Unconfirmed,
                None,
                Some(("unconfirmed", reason)),
                now,
            )
        })?;
        self.changed(claimed.post_id, claimed.id, TargetState::Unconfirmed);
        self.emit(PublishEvent::Unconfirmed {
            post_id: claimed.post_id,
            target_id: claimed.id,
            channel: label.to_owned(),
            reason: reason.to_owned(),
        });
        Ok(())
    }

    /// A failed attempt: retry later if it can help and attempts remain, otherwise fail loudly.
    fn fail(
        &self,
        claimed: &Claimed,
        attempt_id: i64,
        label: &str,
        err: &NetworkError,
    ) -> Result<()> {
        let now = self.clock.now();
        let message = err.to_string();
        let retry = err.is_retryable() && claimed.attempt < self.config.max_attempts;
        let paused = self.db(|s| control::load(s.connection()))?.paused;
        let state = match (retry, paused) {
            (true, false) => TargetState::Scheduled,
            (true, true) => TargetState::Paused,
            (false, _) => TargetState::Failed,
        };
        let next = retry.then(|| {
            let delay = self.config.backoff.delay(
                claimed.attempt,
                err.retry_after(),
                rand::random::<f64>(),
            );
            now + chrono::Duration::from_std(delay).unwrap_or_default()
        });
        let shown = if retry {
            format!(
                "{message} (attempt {} of {}; trying again)",
                claimed.attempt, self.config.max_attempts
            )
        } else {
            message.clone()
        };
        self.db(|s| {
            let conn = s.connection();
            target::finish_attempt(
                conn,
                attempt_id,
                AttemptOutcome::Failed,
                Some(err.code()),
                &message,
                None,
                now,
            )?;
            target::release(
                conn,
                claimed.id,
                &self.token,
                state,
                next,
                Some((err.code(), &shown)),
                now,
            )?;
            if let NetworkError::Auth { .. } = err {
                channel::set_status(
                    conn,
                    claimed.channel_id,
                    ChannelStatus::NeedsAttention,
                    &message,
                )?;
            }
            Ok(())
        })?;
        tracing::warn!(
            code = err.code(),
            retry,
            "publish attempt failed: {message}"
        );
        self.changed(claimed.post_id, claimed.id, state);
        if let NetworkError::Auth { .. } = err {
            self.emit(PublishEvent::ChannelNeedsAttention {
                channel_id: claimed.channel_id,
                channel: label.to_owned(),
                reason: message.clone(),
            });
        }
        if state == TargetState::Failed {
            self.emit(PublishEvent::Failed {
                post_id: claimed.post_id,
                target_id: claimed.id,
                channel: label.to_owned(),
                reason: message,
            });
        }
        Ok(())
    }
}
