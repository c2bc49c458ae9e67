//! The loop of a periodic job.
//!
//! A job does one pass at a time and says how it went ([`Pass`]); the runner decides when the
//! next pass happens: after the job's cadence, after a backoff that grows with consecutive
//! failures (with jitter, never shorter than the network's Retry-After), or at once when woken
//! (from this process through [`JobContext::waker`] or [`JobHandle::wake`], from another one
//! through [`super::wake::nudge`]). It takes the job's [`Lease`] first: without it the job
//! stands by ([`Job::standby_pass`]) and tries again every cadence, so when the holder stops,
//! this process takes over. Paused, it does no pass until resumed. Stopped, it returns after
//! the pass in progress.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::backoff::{Backoff, Failures};
use super::lease::Lease;
use super::wake::WakeListener;
use crate::DataDir;

/// How one pass went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pass {
    /// The next pass after the cadence (or when woken).
    Done,
    /// The next pass after at most this long (a job that knows when it has work next).
    NextIn(Duration),
    /// The pass failed as a whole: back off, at least `retry_after` when the network said so.
    Failed {
        error: String,
        retry_after: Option<Duration>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub cadence: Duration,
    pub backoff: Backoff,
}

/// What a pass may use of its runner.
#[derive(Clone)]
pub struct JobContext {
    waker: Arc<Notify>,
}

impl JobContext {
    /// Wakes the runner for a pass at once (a stream announcing news, say).
    pub fn waker(&self) -> Arc<Notify> {
        self.waker.clone()
    }
}

#[async_trait]
pub trait Job: Send + Sync + 'static {
    /// Names the job's lock and wake-up files and its log lines ("inbox").
    fn name(&self) -> &'static str;

    /// Once the lease is taken, before the first pass (work left over from a crash).
    async fn started(&self, _ctx: &JobContext) {}

    async fn pass(&self, ctx: &JobContext) -> Pass;

    /// While another process holds the lease: whatever this process still owes its user
    /// (showing what the holder stored). Failures are the job's to log.
    async fn standby_pass(&self) {}

    /// When the runner stops or loses the lease: stop what [`Job::started`] or a pass began.
    async fn stopped(&self) {}
}

/// A running job: wake it, pause it, stop it.
pub struct JobHandle {
    waker: Arc<Notify>,
    paused: watch::Sender<bool>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl JobHandle {
    pub fn wake(&self) {
        self.waker.notify_one();
    }

    /// The runner sees the change at once (resuming runs a pass then).
    pub fn set_paused(&self, paused: bool) {
        self.paused.send_replace(paused);
    }

    /// Stops after the pass in progress and waits for it.
    pub async fn stop(self) {
        self.stop.send_replace(true);
        if let Err(e) = self.task.await
            && e.is_panic()
        {
            tracing::error!("a job panicked while stopping: {e}");
        }
    }
}

/// Starts `job` on the current Tokio runtime.
pub fn spawn(job: Arc<dyn Job>, dir: DataDir, schedule: Schedule) -> JobHandle {
    let waker = Arc::new(Notify::new());
    let (paused, paused_rx) = watch::channel(false);
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(run(job, dir, schedule, waker.clone(), paused_rx, stop_rx));
    JobHandle {
        waker,
        paused,
        stop,
        task,
    }
}

async fn run(
    job: Arc<dyn Job>,
    dir: DataDir,
    schedule: Schedule,
    waker: Arc<Notify>,
    mut paused: watch::Receiver<bool>,
    mut stop: watch::Receiver<bool>,
) {
    let name = job.name();
    let ctx = JobContext {
        waker: waker.clone(),
    };
    let mut held: Option<(Lease, Option<WakeListener>)> = None;
    let mut failures = Failures::default();
    let mut standing_by_said = false;
    loop {
        if *stop.borrow() {
            break;
        }
        if held.is_none() {
            match Lease::try_take(&dir, name) {
                Ok(Some(lease)) => {
                    // Without the listener the job still works; other processes' changes are
                    // seen at its next pass instead of at once.
                    let listener = WakeListener::bind(&dir, name)
                        .await
                        .map_err(|e| {
                            tracing::warn!(job = name, "no wake-ups from other processes: {e}")
                        })
                        .ok();
                    tracing::info!(job = name, "running");
                    held = Some((lease, listener));
                    job.started(&ctx).await;
                }
                Ok(None) => {
                    if !standing_by_said {
                        tracing::info!(
                            job = name,
                            "another Chorus runs this job here; standing by"
                        );
                        standing_by_said = true;
                    }
                }
                Err(e) => tracing::warn!(job = name, "cannot take the job's lock: {e}"),
            }
        }
        let delay = match &held {
            None => {
                job.standby_pass().await;
                schedule.cadence
            }
            Some(_) if *paused.borrow() => Duration::MAX,
            Some(_) => match job.pass(&ctx).await {
                Pass::Done => {
                    failures = Failures::default();
                    schedule.cadence
                }
                Pass::NextIn(next) => {
                    failures = Failures::default();
                    next
                }
                Pass::Failed { error, retry_after } => {
                    let delay = failures.record(&schedule.backoff, retry_after);
                    tracing::warn!(
                        job = name,
                        failures = failures.count(),
                        ?delay,
                        "pass failed: {error}"
                    );
                    delay
                }
            },
        };
        let listener = held.as_ref().and_then(|(_, l)| l.as_ref());
        tokio::select! {
            () = sleep(delay) => {}
            () = waker.notified() => {}
            () = async { if let Some(l) = listener { l.recv().await } else { std::future::pending().await } } => {}
            changed = paused.changed() => if changed.is_err() { break },
            changed = stop.changed() => if changed.is_err() { break },
        }
    }
    if held.is_some() {
        job.stopped().await;
    }
    tracing::info!(job = name, "stopped");
}

/// `Duration::MAX` (paused) sleeps until something else wakes the loop.
async fn sleep(delay: Duration) {
    match tokio::time::Instant::now().checked_add(delay) {
        Some(deadline) => tokio::time::sleep_until(deadline).await,
        None => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A job that plays back scripted passes and counts them.
    struct Scripted {
        name: &'static str,
        script: Mutex<Vec<Pass>>,
        passes: AtomicUsize,
        standby: AtomicUsize,
        started: AtomicUsize,
        stopped: AtomicUsize,
    }

    impl Scripted {
        fn new(name: &'static str, script: Vec<Pass>) -> Arc<Self> {
            Arc::new(Self {
                name,
                script: Mutex::new(script),
                passes: AtomicUsize::new(0),
                standby: AtomicUsize::new(0),
                started: AtomicUsize::new(0),
                stopped: AtomicUsize::new(0),
            })
        }
    }

    #[async_trait]
    impl Job for Scripted {
        fn name(&self) -> &'static str {
            self.name
        }
        async fn started(&self, _: &JobContext) {
            self.started.fetch_add(1, Ordering::SeqCst);
        }
        async fn pass(&self, _: &JobContext) -> Pass {
            self.passes.fetch_add(1, Ordering::SeqCst);
            let mut script = self.script.lock().expect("lock");
            if script.is_empty() {
                Pass::Done
            } else {
                script.remove(0)
            }
        }
        async fn standby_pass(&self) {
            self.standby.fetch_add(1, Ordering::SeqCst);
        }
        async fn stopped(&self) {
            self.stopped.fetch_add(1, Ordering::SeqCst);
        }
    }

    const SCHEDULE: Schedule = Schedule {
        cadence: Duration::from_secs(10),
        backoff: Backoff {
            base: Duration::from_secs(30),
            cap: Duration::from_secs(600),
        },
    };

    fn data_dir() -> (tempfile::TempDir, DataDir) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path()).expect("dir");
        (tmp, dir)
    }

    /// Lets the runner's task run until it waits on its timer again.
    async fn settle() {
        for _ in 0..20 {
            tokio::task::yield_now().await;
        }
    }

    #[tokio::test(start_paused = true)]
    async fn passes_follow_the_cadence_and_a_wake_up_comes_early() {
        let (_tmp, dir) = data_dir();
        let job = Scripted::new("cadence", vec![]);
        let handle = spawn(job.clone(), dir, SCHEDULE);
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            1,
            "the first pass is at once"
        );
        tokio::time::advance(Duration::from_secs(9)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            1,
            "nothing before the cadence"
        );
        tokio::time::advance(Duration::from_secs(1)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            2,
            "a pass at the cadence"
        );
        handle.wake();
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            3,
            "a wake-up runs a pass at once"
        );
        handle.stop().await;
        assert_eq!(
            job.stopped.load(Ordering::SeqCst),
            1,
            "stop is announced to the job"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn failures_back_off_at_least_as_long_as_the_server_asks() {
        let (_tmp, dir) = data_dir();
        let failed = |retry_after| Pass::Failed {
            error: "down".into(),
            retry_after,
        };
        let job = Scripted::new(
            "backoff",
            vec![failed(None), failed(Some(Duration::from_secs(500)))],
        );
        let handle = spawn(job.clone(), dir, SCHEDULE);
        settle().await;
        assert_eq!(job.passes.load(Ordering::SeqCst), 1);
        // First failure: 15-30 s (half fixed, half jitter), never the 10 s cadence.
        tokio::time::advance(Duration::from_secs(14)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            1,
            "backed off past the cadence"
        );
        tokio::time::advance(Duration::from_secs(16)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            2,
            "retried within the backoff"
        );
        // Second failure: the server's 500 s beat the 30-60 s backoff.
        tokio::time::advance(Duration::from_secs(499)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            2,
            "Retry-After is a floor"
        );
        tokio::time::advance(Duration::from_secs(1)).await;
        settle().await;
        assert_eq!(job.passes.load(Ordering::SeqCst), 3);
        // A success resets the count: back to the cadence.
        tokio::time::advance(Duration::from_secs(10)).await;
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            4,
            "cadence again after a success"
        );
        handle.stop().await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_paused_job_does_nothing_until_resumed() {
        let (_tmp, dir) = data_dir();
        let job = Scripted::new("pause", vec![]);
        let handle = spawn(job.clone(), dir, SCHEDULE);
        settle().await;
        handle.set_paused(true);
        settle().await;
        let before = job.passes.load(Ordering::SeqCst);
        tokio::time::advance(Duration::from_secs(3600)).await;
        handle.wake();
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            before,
            "no pass while paused"
        );
        handle.set_paused(false);
        settle().await;
        assert_eq!(
            job.passes.load(Ordering::SeqCst),
            before + 1,
            "resuming runs a pass"
        );
        handle.stop().await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_second_runner_stands_by_and_takes_over_when_the_first_stops() {
        let (_tmp, dir) = data_dir();
        let first = Scripted::new("shared", vec![]);
        let second = Scripted::new("shared", vec![]);
        let first_handle = spawn(first.clone(), dir.clone(), SCHEDULE);
        settle().await;
        let second_handle = spawn(second.clone(), dir, SCHEDULE);
        settle().await;
        tokio::time::advance(Duration::from_secs(30)).await;
        settle().await;
        assert_eq!(
            second.passes.load(Ordering::SeqCst),
            0,
            "only the holder works"
        );
        assert!(
            second.standby.load(Ordering::SeqCst) >= 1,
            "the other stands by"
        );
        assert_eq!(second.started.load(Ordering::SeqCst), 0);
        first_handle.stop().await;
        tokio::time::advance(Duration::from_secs(10)).await;
        settle().await;
        assert_eq!(
            second.started.load(Ordering::SeqCst),
            1,
            "took over within a cadence"
        );
        assert!(second.passes.load(Ordering::SeqCst) >= 1);
        second_handle.stop().await;
    }

    #[tokio::test]
    async fn another_process_wakes_the_job_through_its_port_file() {
        let (_tmp, dir) = data_dir();
        let job = Scripted::new("nudged", vec![]);
        let slow = Schedule {
            cadence: Duration::from_secs(3600),
            ..SCHEDULE
        };
        let handle = spawn(job.clone(), dir.clone(), slow);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !dir.root().join("nudged.wake").exists() || job.passes.load(Ordering::SeqCst) < 1 {
            assert!(
                std::time::Instant::now() < deadline,
                "the runner starts and listens"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        super::super::wake::nudge(&dir, "nudged");
        while job.passes.load(Ordering::SeqCst) < 2 {
            assert!(
                std::time::Instant::now() < deadline,
                "a nudge from another process runs a pass long before the hour's cadence"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        handle.stop().await;
    }
}
