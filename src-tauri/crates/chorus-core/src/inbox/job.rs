//! The inbox sync as a background job, run by the app and by `chorus daemon` alike.
//!
//! A pass syncs every active channel (each with its own backoff: one rate-limited network
//! does not slow the others, and its Retry-After is honoured), then announces what was stored
//! since the last announcement, whoever stored it: [`NewItems`] carries the items, the unread
//! count and the OS notifications to raise ([`notify::notifications`]). The app shows them;
//! the daemon logs them. Channels whose network pushes news (Mastodon's streaming API) are
//! watched too, and a push wakes the runner for a pass at once.
//!
//! Only the process holding the `inbox` lease syncs; the other stands by and still announces
//! what the holder stored, so the app shows mentions that the daemon fetched.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use chorus_networks::Watch;
use tokio::sync::{Notify, broadcast};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use super::notify::{self, InboxNotification};
use super::{Inbox, InboxItem, SyncReport, store};
use crate::jobs::{Backoff, Failures, Job, JobContext, Pass, Schedule};
use crate::{CoreError, Result};

/// The job's name: its lock (`inbox.lock`) and wake-up file (`inbox.wake`).
pub const INBOX: &str = "inbox";

/// A pass every 3 s: with the time a sync takes, a mention on a server that answers promptly
/// shows within about this long. A channel that fails backs off on its own, from 30 s to
/// 15 min.
pub const SCHEDULE: Schedule = Schedule {
    cadence: Duration::from_secs(3),
    backoff: Backoff {
        base: Duration::from_secs(30),
        cap: Duration::from_secs(15 * 60),
    },
};

/// How long to wait before listening again after a stream ended or failed (doubling up to
/// the second figure), and before asking a server without streaming again.
const STREAM_RETRY: (Duration, Duration) = (Duration::from_secs(2), Duration::from_secs(60));
const STREAM_UNSUPPORTED_RETRY: Duration = Duration::from_secs(600);
/// At most this many items are announced at once (a first sync can bring a whole page).
const ANNOUNCE_LIMIT: usize = 200;

/// Items stored since the last announcement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewItems {
    /// Newest first.
    pub items: Vec<InboxItem>,
    pub unread: i64,
    /// What the notification settings say to raise for them (none in quiet hours, say).
    pub notifications: Vec<InboxNotification>,
}

#[derive(Debug, Default)]
struct ChannelHealth {
    failures: Failures,
    not_before: Option<Instant>,
}

pub struct InboxJob {
    inbox: Arc<Inbox>,
    news: broadcast::Sender<NewItems>,
    /// The newest item id announced.
    announced: Mutex<i64>,
    health: Mutex<HashMap<i64, ChannelHealth>>,
    watchers: Mutex<HashMap<i64, JoinHandle<()>>>,
}

impl InboxJob {
    /// Items already stored are not announced again.
    pub fn new(inbox: Arc<Inbox>) -> Result<Arc<Self>> {
        let announced = inbox.db(|s| store::last_id(s.connection()))?;
        let (news, _) = broadcast::channel(64);
        Ok(Arc::new(Self {
            inbox,
            news,
            announced: Mutex::new(announced),
            health: Mutex::new(HashMap::new()),
            watchers: Mutex::new(HashMap::new()),
        }))
    }

    pub fn subscribe(&self) -> broadcast::Receiver<NewItems> {
        self.news.subscribe()
    }

    /// A sync the user asked for: its items are theirs to see, not announced again.
    pub async fn sync_now(&self, channel_id: Option<i64>) -> Result<Vec<SyncReport>> {
        let reports = self.inbox.sync(channel_id).await?;
        let newest = reports
            .iter()
            .flat_map(|r| r.new_items.iter().map(|i| i.id))
            .max();
        if let Some(newest) = newest {
            let mut announced = lock(&self.announced);
            *announced = (*announced).max(newest);
        }
        Ok(reports)
    }

    /// Syncs every active channel that is not backing off.
    async fn sync_channels(&self) -> Result<()> {
        let now = Instant::now();
        for channel in self.inbox.active_channels()? {
            let waiting = lock(&self.health)
                .get(&channel.id)
                .and_then(|h| h.not_before)
                .is_some_and(|t| t > now);
            if waiting {
                continue;
            }
            // The channel as just listed: no second read of it per pass.
            match self.inbox.sync_one(&channel).await {
                Ok(_) => {
                    lock(&self.health).remove(&channel.id);
                }
                Err(e) => {
                    let retry_after = match &e {
                        CoreError::Network(err) => err.retry_after(),
                        _ => None,
                    };
                    let mut health = lock(&self.health);
                    let h = health.entry(channel.id).or_default();
                    let delay = h.failures.record(&SCHEDULE.backoff, retry_after);
                    h.not_before = Some(now + delay);
                    tracing::warn!(
                        channel = channel.id,
                        failures = h.failures.count(),
                        ?delay,
                        "inbox sync failed: {e}"
                    );
                }
            }
        }
        Ok(())
    }

    /// Announces what was stored since the last announcement, by this process or another.
    fn announce(&self) -> Result<()> {
        let after = *lock(&self.announced);
        let mut items = self
            .inbox
            .db(|s| store::stored_after(s.connection(), after, ANNOUNCE_LIMIT))?;
        let Some(newest) = items.iter().map(|i| i.id).max() else {
            return Ok(());
        };
        *lock(&self.announced) = newest;
        items.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        let unread = self.inbox.unread_count(None)?;
        let settings = self.inbox.notification_settings().unwrap_or_default();
        let notifications = notify::notifications(&settings, &items, self.inbox.clock.now());
        // Nobody listening (no window yet) is fine: the items are stored either way.
        let _ = self.news.send(NewItems {
            items,
            unread,
            notifications,
        });
        Ok(())
    }

    /// One listener per active channel whose network pushes news; listeners of channels that
    /// are gone or paused stop.
    fn keep_watching(&self, waker: &Arc<Notify>) {
        let wanted = match self.inbox.watchable_channels() {
            Ok(ids) => ids,
            Err(e) => {
                tracing::debug!("cannot list the channels to stream: {e}");
                return;
            }
        };
        let mut watchers = lock(&self.watchers);
        watchers.retain(|id, task| {
            let keep = wanted.contains(id) && !task.is_finished();
            if !keep {
                task.abort();
            }
            keep
        });
        for id in wanted {
            watchers.entry(id).or_insert_with(|| {
                tokio::spawn(watch_channel(self.inbox.clone(), waker.clone(), id))
            });
        }
    }

    fn stop_watching(&self) {
        for (_, task) in lock(&self.watchers).drain() {
            task.abort();
        }
    }
}

#[async_trait]
impl Job for InboxJob {
    fn name(&self) -> &'static str {
        INBOX
    }

    /// Replies that were going out when Chorus last stopped go out now (same keys).
    async fn started(&self, _ctx: &JobContext) {
        match self.inbox.retry_stalled_replies().await {
            Ok(0) => {}
            Ok(n) => tracing::info!("sent {n} replies left unsent when Chorus stopped"),
            Err(e) => tracing::warn!("cannot send the replies left unsent: {e}"),
        }
    }

    async fn pass(&self, ctx: &JobContext) -> Pass {
        self.keep_watching(&ctx.waker());
        match self.sync_channels().await.and_then(|()| self.announce()) {
            Ok(()) => Pass::Done,
            Err(e) => Pass::Failed {
                error: e.to_string(),
                retry_after: None,
            },
        }
    }

    async fn standby_pass(&self) {
        if let Err(e) = self.announce() {
            tracing::warn!("cannot read the inbox: {e}");
        }
    }

    async fn stopped(&self) {
        self.stop_watching();
    }
}

/// Listens on the channel's stream until aborted, reconnecting with backoff.
async fn watch_channel(inbox: Arc<Inbox>, waker: Arc<Notify>, channel_id: i64) {
    let mut pause = STREAM_RETRY.0;
    loop {
        let wake = {
            let waker = waker.clone();
            move || waker.notify_one()
        };
        match inbox.watch(channel_id, &wake).await {
            Ok(Watch::Unsupported) => {
                tracing::debug!(channel = channel_id, "no streaming here: polling only");
                pause = STREAM_UNSUPPORTED_RETRY;
            }
            Ok(Watch::Ended) => pause = STREAM_RETRY.0,
            Err(e) => {
                tracing::debug!(channel = channel_id, "stream failed: {e}");
                pause = (pause * 2).clamp(STREAM_RETRY.0, STREAM_RETRY.1);
            }
        }
        tokio::time::sleep(pause).await;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
