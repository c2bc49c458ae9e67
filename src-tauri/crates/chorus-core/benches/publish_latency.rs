//! Publishing latency: how late does a post leave when 1,000 of them are due at the same instant?
//!
//! The goal: p99 from due time to the request leaving under 1 s (Buffer reports 99 %
//! within 69 s). Run through `tests/bench/publish-latency.sh` (`make bench`), which starts a
//! real `nostr-rs-relay` on 127.0.0.1 and runs
//! `cargo bench -p chorus-core --bench publish_latency`. It prints figures and asserts nothing
//! about time; it does fail when a post is lost or doubled.
//!
//! Each run: a fresh data directory, Store and [`Engine`] on the system clock; 10 Nostr channels
//! connected through [`Service::connect_channel`] (credentials checked on the relay); N posts
//! (1,000) spread round-robin over them, all due at one instant a few seconds ahead, created
//! through [`Service::create_post`] (validated by the real adapter); then the real
//! [`Engine::run`] loop is started and left to wake up at the due time by itself.
//!
//! Why 10 channels: one Nostr key per channel is how Chorus is used (one account each), and
//! a relay may throttle per author, so one key sending all 1,000 would be an unrealistic
//! worst case. The adapter opens one websocket per publish whichever key signs, so the split
//! changes nothing else.
//!
//! Two kinds of run, each at `max_concurrent` 16 (the default) and 64:
//! - relay: the real adapter, wrapped in a timing decorator (a [`Connector`] that wraps each
//!   channel's real [`Publisher`]). "Sent" is the instant the engine calls `publish`, i.e. the
//!   request is handed to the adapter (it then signs the note, opens the websocket and writes
//!   the `EVENT`); "acknowledged" is when `publish` returns, i.e. the relay's `OK` came back
//!   (and the adapter closed its socket). Afterwards every author's notes are fetched with a
//!   `REQ` to prove each post went out exactly once.
//! - no-op: the same run, but `publish` returns at once (the keychain lookup and adapter cache
//!   of the real [`NetworkConnector`] still run): what the scheduler itself costs per post.
//!
//! Settings (environment): `CHORUS_TEST_NOSTR_RELAY` (required), `CHORUS_BENCH_POSTS` (1000),
//! `CHORUS_BENCH_CONCURRENCY` (`16,64`), `CHORUS_BENCH_LEAD_SECS` (seconds between creating
//! the posts and their due time, 6), `CHORUS_BENCH_TIMEOUT_SECS` (300), `CHORUS_BENCH_SINKS`
//! (`noop,relay`: which kinds of run).

use async_trait::async_trait;
use chorus_core::channel::{Channel, ChannelConfig};
use chorus_core::inputs::{PostInput, WhenInput};
use chorus_core::publish::{
    Connector, Engine, EngineConfig, NetworkConnector, PublishEvent, TargetState,
};
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, Store, SystemClock};
use chorus_networks::nostr::NostrKeys;
use chorus_networks::{
    AccountInfo, IdempotencyKey, NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled,
    RemotePost, ReplyTarget, ValidationProblem,
};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

type BenchResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const CHANNELS: usize = 10;

fn main() {
    // `cargo test --all-targets` builds and runs this binary too; only `cargo bench` passes
    // `--bench`, and only then is it worth a relay and half a minute.
    if !std::env::args().any(|a| a == "--bench") {
        println!("publish_latency: a benchmark; run it with tests/bench/publish-latency.sh");
        return;
    }
    let Ok(relay) = std::env::var("CHORUS_TEST_NOSTR_RELAY") else {
        eprintln!(
            "publish_latency: CHORUS_TEST_NOSTR_RELAY is not set. Run it with a local relay: \
             bash tests/bench/publish-latency.sh (or CHORUS_TEST_SERVERS=nostr bash \
             tests/servers/with-servers.sh cargo bench -p chorus-core --bench publish_latency)"
        );
        std::process::exit(2);
    };
    let settings = match Settings::from_env(relay) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("publish_latency: {e}");
            std::process::exit(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Err(e) = runtime.block_on(bench(&settings)) {
        eprintln!("publish_latency: FAILED: {e}");
        std::process::exit(1);
    }
}

struct Settings {
    relay: String,
    posts: usize,
    concurrency: Vec<usize>,
    sinks: Vec<Sink>,
    lead: Duration,
    timeout: Duration,
}

impl Settings {
    fn from_env(relay: String) -> BenchResult<Self> {
        fn number(name: &str, default: u64) -> BenchResult<u64> {
            match std::env::var(name) {
                Ok(v) => Ok(v
                    .trim()
                    .parse()
                    .map_err(|_| format!("{name}={v}: not a number"))?),
                Err(_) => Ok(default),
            }
        }
        let concurrency = std::env::var("CHORUS_BENCH_CONCURRENCY")
            .unwrap_or_else(|_| "16,64".into())
            .split(',')
            .map(|v| v.trim().parse::<usize>().ok().filter(|&n| n > 0))
            .collect::<Option<Vec<_>>>()
            .ok_or("CHORUS_BENCH_CONCURRENCY: a comma-separated list of positive numbers")?;
        let sinks = std::env::var("CHORUS_BENCH_SINKS")
            .unwrap_or_else(|_| "noop,relay".into())
            .split(',')
            .map(|v| match v.trim() {
                "noop" => Some(Sink::Noop),
                "relay" => Some(Sink::Relay),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .ok_or("CHORUS_BENCH_SINKS: a comma-separated list of noop and relay")?;
        Ok(Self {
            relay,
            posts: usize::try_from(number("CHORUS_BENCH_POSTS", 1000)?)?,
            concurrency,
            sinks,
            lead: Duration::from_secs(number("CHORUS_BENCH_LEAD_SECS", 6)?),
            timeout: Duration::from_secs(number("CHORUS_BENCH_TIMEOUT_SECS", 300)?),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    /// The real Nostr adapter and the local relay.
    Relay,
    /// `publish` returns at once: only the scheduler is measured.
    Noop,
}

impl Sink {
    fn name(self) -> &'static str {
        match self {
            Self::Relay => "relay",
            Self::Noop => "no-op",
        }
    }
}

async fn bench(settings: &Settings) -> BenchResult<()> {
    println!(
        "publish_latency: {} posts over {CHANNELS} Nostr channels, all due at one instant; \
         relay {}; max_concurrent {:?}; {} CPU(s), load average {}",
        settings.posts,
        settings.relay,
        settings.concurrency,
        std::thread::available_parallelism().map_or(0, usize::from),
        load_average()
    );
    let mut summary = Vec::new();
    // The no-op runs first (the default order), so their peak memory is not inflated by the relay runs (the
    // high-water mark is also reset before each run where the kernel allows it).
    for &sink in &settings.sinks {
        for &max_concurrent in &settings.concurrency {
            let figures = run(settings, sink, max_concurrent).await?;
            summary.push(figures);
        }
    }
    println!();
    println!(
        "== summary (ms after the due instant unless noted; load average now {}) ==",
        load_average()
    );
    println!(
        "{:<6} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>12} {:>12} {:>8} {:>9}",
        "sink",
        "conc",
        "sent p50",
        "sent p99",
        "sent max",
        "ack p50",
        "ack p99",
        "ack max",
        "all done",
        "per post µs",
        "CPU µs/post",
        "wall s",
        "peak MiB"
    );
    for f in &summary {
        println!(
            "{:<6} {:>5} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>10.1} {:>12.0} {:>12.0} {:>8.2} {:>9.1}",
            f.sink.name(),
            f.max_concurrent,
            ms(f.sent.p50),
            ms(f.sent.p99),
            ms(f.sent.max),
            ms(f.acked.p50),
            ms(f.acked.p99),
            ms(f.acked.max),
            ms(f.last_done),
            f.per_post.as_secs_f64() * 1e6,
            f.cpu_per_post.as_secs_f64() * 1e6,
            f.wall.as_secs_f64(),
            f.peak_rss_kib as f64 / 1024.0
        );
    }
    println!(
        "sent = publish() called (request handed to the adapter); ack = publish() returned \
         (the relay's OK); all done = the last target's final state saved; per post = all done / \
         posts; CPU = this process' (not the relay's) from engine start to all done; wall s = \
         the whole run with setup and the wait for the due time"
    );
    Ok(())
}

struct Figures {
    sink: Sink,
    max_concurrent: usize,
    sent: Spread,
    acked: Spread,
    last_done: Duration,
    per_post: Duration,
    /// This process' CPU time per post (scheduler and adapter; not the relay's).
    cpu_per_post: Duration,
    wall: Duration,
    peak_rss_kib: u64,
}

async fn run(settings: &Settings, sink: Sink, max_concurrent: usize) -> BenchResult<Figures> {
    let posts = settings.posts;
    println!();
    println!(
        "== {} run: {posts} posts, {CHANNELS} channels, max_concurrent {max_concurrent} ==",
        sink.name()
    );
    let wall_start = Instant::now();
    let tmp = tempfile::tempdir()?;
    let dir = DataDir::at(tmp.path().join("data"))?;
    let store = Arc::new(Mutex::new(Store::open(dir.database_path())?));
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
    let real = Arc::new(NetworkConnector::new(secrets.clone()));
    let calls = Arc::new(Calls::default());
    let timed = Arc::new(TimedConnector {
        inner: real.clone(),
        sink,
        calls: calls.clone(),
    });
    let engine = Arc::new(Engine::new(
        store.clone(),
        dir.clone(),
        Arc::new(SystemClock),
        timed,
        EngineConfig {
            max_concurrent,
            ..EngineConfig::default()
        },
    )?);
    let service = Service {
        store: store.clone(),
        dir: dir.clone(),
        clock: Arc::new(SystemClock),
        secrets,
        // Posts are validated by the real adapters, as in the app.
        connector: real,
        engine_waker: Some(engine.waker()),
    };
    let ws = {
        let guard = store.lock().map_err(|_| "store lock poisoned")?;
        workspace::create(
            guard.connection(),
            &SystemClock,
            &NewWorkspace {
                name: "Bench".into(),
                timezone: "Europe/Berlin".into(),
            },
        )?
    };

    let mut channels: Vec<(Channel, String)> = Vec::with_capacity(CHANNELS);
    for _ in 0..CHANNELS {
        let nsec = chorus_core::networks::generate_nostr_key();
        let pubkey = NostrKeys::parse(&nsec)?.public_key_hex();
        let channel = service
            .connect_channel(
                ws.id,
                None,
                ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: vec![settings.relay.clone()],
                }),
                nsec,
            )
            .await
            .map_err(|e| format!("connecting a Nostr channel on {}: {e}", settings.relay))?;
        channels.push((channel, pubkey));
    }

    // Whole milliseconds: the database keeps instants to the millisecond.
    let due = DateTime::from_timestamp_millis(
        (Utc::now() + chrono::Duration::from_std(settings.lead)?).timestamp_millis(),
    )
    .ok_or("due time out of range")?;
    let run_tag = format!("{}-c{max_concurrent}-{:x}", sink.name(), rand_tag());
    let created = Instant::now();
    let mut expected_texts = HashSet::with_capacity(posts);
    for i in 0..posts {
        let (channel, _) = &channels[i % CHANNELS];
        let text = format!("Chorus publishing bench {run_tag}: note {i} of {posts}");
        expected_texts.insert(text.clone());
        service
            .create_post(PostInput {
                workspace_id: ws.id,
                channel_ids: vec![channel.id],
                text,
                thread: vec![],
                images: vec![],
                when: WhenInput::At {
                    at: due.to_rfc3339(),
                },
                content_warning: None,
                language: None,
                deliver_on_server: false,
                variants: vec![],
                recurrence: None,
                tags: Vec::new(),
            })
            .await?;
    }
    let created = created.elapsed();
    let ahead = (due - Utc::now()).to_std().unwrap_or_default();
    println!(
        "setup: {CHANNELS} channels connected, {posts} posts created in {:.2} s ({:.2} ms each); \
         due at {} UTC, {:.2} s from now",
        created.as_secs_f64(),
        created.as_secs_f64() * 1e3 / posts as f64,
        due.format("%H:%M:%S%.3f"),
        ahead.as_secs_f64()
    );
    if ahead < Duration::from_millis(500) {
        return Err(format!(
            "creating the posts took too long: they were due before the engine could start; \
             raise CHORUS_BENCH_LEAD_SECS (now {})",
            settings.lead.as_secs()
        )
        .into());
    }

    // The engine's own events say when each target was claimed and when it was finished.
    let watch = Arc::new(EventLog::default());
    let mut events = engine.subscribe();
    let watcher = {
        let watch = watch.clone();
        tokio::spawn(async move {
            loop {
                match events.recv().await {
                    Ok(event) => watch.record(event),
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                        watch.lagged.fetch_add(n as usize, Ordering::Relaxed);
                    }
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                }
            }
        })
    };

    let peak_is_this_run = reset_peak_rss();
    let cpu_before = (cpu_time(&["self"]), cpu_time(&relay_pids()));
    let rss_before = proc_status_kib("VmRSS");
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(engine.clone().run(shutdown));

    // Done when every target reached a final state (or the timeout).
    let deadline = Instant::now() + ahead + settings.timeout;
    let mut last_db_check = Instant::now();
    let finished = loop {
        if watch.finished.load(Ordering::Relaxed) >= posts {
            break true;
        }
        // Events can be dropped if the watcher lags; the database is the truth then.
        if watch.lagged.load(Ordering::Relaxed) > 0
            && last_db_check.elapsed() > Duration::from_secs(1)
        {
            last_db_check = Instant::now();
            if unfinished(&store)? == 0 {
                break true;
            }
        }
        if Instant::now() > deadline {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let peak_rss_kib = proc_status_kib("VmHWM");
    let cpu = (
        cpu_time(&["self"]).saturating_sub(cpu_before.0),
        cpu_time(&relay_pids()).saturating_sub(cpu_before.1),
    );
    let _ = stop.send(true);
    running.await?;
    watcher.abort();
    if !finished {
        println!(
            "TIMEOUT: {} of {posts} targets not finished after {} s",
            unfinished(&store)?,
            settings.timeout.as_secs()
        );
    }

    // --- figures --------------------------------------------------------------------------
    let calls = calls.take();
    let sent: Vec<Duration> = calls.iter().map(|c| since(due, c.called)).collect();
    let acked: Vec<Duration> = calls.iter().map(|c| since(due, c.returned)).collect();
    let failed_calls = calls.iter().filter(|c| !c.ok).count();
    let distinct_tokens = calls.iter().map(|c| &c.token).collect::<HashSet<_>>().len();
    let Times {
        claimed: claims,
        finished: dones,
    } = watch.times();
    let claim_to_done: Vec<Duration> = dones
        .iter()
        .filter_map(|(id, done)| claims.get(id).map(|claimed| since(*claimed, *done)))
        .collect();
    let first_claim = claims.values().min().copied();
    let last_done = dones.values().max().copied();

    let sent = Spread::of(sent);
    let acked = Spread::of(acked);
    let claim_to_done = Spread::of(claim_to_done);
    let per_post = last_done.map_or(Duration::ZERO, |t| since(due, t) / posts.max(1) as u32);
    match sink {
        Sink::Relay => {
            sent.print("due -> publish() called (request handed to the adapter)");
            acked.print("due -> publish() returned (the relay's OK received)");
        }
        Sink::Noop => {
            sent.print("due -> publish() called (no-op publisher)");
            acked.print("due -> publish() returned (no-op publisher)");
        }
    }
    claim_to_done.print("claim -> done per target (engine events; includes the publish)");
    if let (Some(first), Some(last)) = (first_claim, last_done) {
        let span = since(first, last);
        println!(
            "engine: first claim {:.1} ms after due; last target done {:.1} ms after due; \
             {:.0} posts/s from first claim to last done; engine time per post {:.1} µs \
             (last done - due) / {posts}",
            ms(since(due, first)),
            ms(since(due, last)),
            posts as f64 / span.as_secs_f64().max(1e-9),
            per_post.as_secs_f64() * 1e6
        );
    }
    println!(
        "CPU from engine start to the last target done: this process {:.0} ms ({:.0} µs per \
         post), nostr-rs-relay {:.0} ms; the wait before the due time is idle",
        ms(cpu.0),
        cpu.0.as_secs_f64() * 1e6 / posts.max(1) as f64,
        ms(cpu.1)
    );
    let states = state_counts(&store)?;
    println!(
        "database: {}; attempts {} in total",
        states
            .0
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        states.1
    );
    println!(
        "publish() calls: {} ({} distinct targets, {} failed){}",
        calls.len(),
        distinct_tokens,
        failed_calls,
        match watch.lagged.load(Ordering::Relaxed) {
            0 => String::new(),
            n => format!("; {n} engine events dropped by the slow watcher"),
        }
    );
    println!(
        "memory: VmRSS {:.1} MiB before the engine started, peak (VmHWM) {:.1} MiB {}",
        rss_before as f64 / 1024.0,
        peak_rss_kib as f64 / 1024.0,
        if peak_is_this_run {
            "during the run"
        } else {
            "since the process started (the kernel refused to reset it)"
        }
    );

    let published = states
        .0
        .get(TargetState::Published.as_str())
        .copied()
        .unwrap_or(0);
    if usize::try_from(published) != Ok(posts) || distinct_tokens != posts || calls.len() != posts {
        return Err(format!(
            "{published} of {posts} published with {} publish() calls for {distinct_tokens} targets",
            calls.len()
        )
        .into());
    }
    if sink == Sink::Relay {
        verify_on_relay(&settings.relay, &channels, &expected_texts).await?;
    }
    let wall = wall_start.elapsed();
    println!(
        "wall time for the whole run (setup, wait for due, publishing, checks): {:.2} s",
        wall.as_secs_f64()
    );
    Ok(Figures {
        sink,
        max_concurrent,
        sent,
        acked,
        last_done: last_done.map_or(Duration::ZERO, |t| since(due, t)),
        per_post,
        cpu_per_post: cpu.0 / posts.max(1) as u32,
        wall,
        peak_rss_kib,
    })
}

/// Each author's kind-1 notes, fetched with one `REQ` per author: every expected text must be
/// there exactly once, and nothing else.
async fn verify_on_relay(
    relay: &str,
    channels: &[(Channel, String)],
    expected: &HashSet<String>,
) -> BenchResult<()> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut ids = HashSet::new();
    let mut total = 0;
    for (_, pubkey) in channels {
        // An independent reader (chorus-testkit's own REQ), not the adapter under test.
        for note in chorus_testkit::servers::nostr_notes(relay, pubkey).await {
            total += 1;
            ids.insert(note["id"].as_str().unwrap_or_default().to_owned());
            *seen
                .entry(note["content"].as_str().unwrap_or_default().to_owned())
                .or_default() += 1;
        }
    }
    let once = expected
        .iter()
        .filter(|t| seen.get(*t).copied() == Some(1))
        .count();
    let missing = expected.iter().filter(|t| !seen.contains_key(*t)).count();
    let doubled = seen.values().filter(|&&n| n > 1).count();
    let unexpected = seen.keys().filter(|t| !expected.contains(*t)).count();
    println!(
        "relay check (REQ by the {} authors): {total} notes, {} distinct ids; {once} of {} posts \
         exactly once, {missing} missing, {doubled} doubled, {unexpected} unexpected",
        channels.len(),
        ids.len(),
        expected.len()
    );
    if total != expected.len() || once != expected.len() {
        return Err("the relay does not hold every post exactly once".into());
    }
    Ok(())
}

// --- the timing decorator ----------------------------------------------------------------------

struct Call {
    token: String,
    called: DateTime<Utc>,
    returned: DateTime<Utc>,
    ok: bool,
}

#[derive(Default)]
struct Calls(Mutex<Vec<Call>>);

impl Calls {
    fn push(&self, call: Call) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(call);
    }

    fn take(&self) -> Vec<Call> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// The engine's connector: the real one (keychain lookup, adapter cache), with each adapter
/// wrapped so that every `publish` is timed, or replaced by a no-op.
struct TimedConnector {
    inner: Arc<NetworkConnector>,
    sink: Sink,
    calls: Arc<Calls>,
}

#[async_trait]
impl Connector for TimedConnector {
    async fn publisher(&self, channel: &Channel) -> chorus_core::Result<Arc<dyn Publisher>> {
        let real = self.inner.publisher(channel).await?;
        Ok(Arc::new(TimedPublisher {
            inner: (self.sink == Sink::Relay).then_some(real),
            calls: self.calls.clone(),
        }))
    }
}

struct TimedPublisher {
    /// `None`: publishing succeeds at once without sending anything.
    inner: Option<Arc<dyn Publisher>>,
    calls: Arc<Calls>,
}

#[async_trait]
impl Publisher for TimedPublisher {
    fn kind(&self) -> NetworkKind {
        NetworkKind::Nostr
    }

    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem> {
        self.inner
            .as_ref()
            .map_or_else(Vec::new, |p| p.validate(post))
    }

    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
        match &self.inner {
            Some(p) => p.verify_credentials().await,
            None => Err(unsupported()),
        }
    }

    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        let called = Utc::now();
        let result = match &self.inner {
            Some(p) => p.publish(key, post, reply_to).await,
            None => Ok(RemotePost {
                id: key.token.clone(),
                cid: None,
                url: None,
            }),
        };
        self.calls.push(Call {
            token: key.token.clone(),
            called,
            returned: Utc::now(),
            ok: result.is_ok(),
        });
        result
    }

    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError> {
        match &self.inner {
            Some(p) => p.reconcile(key, post).await,
            None => Ok(Reconciled::NotPublished),
        }
    }

    async fn delete(&self, remote: &RemotePost) -> Result<(), NetworkError> {
        match &self.inner {
            Some(p) => p.delete(remote).await,
            None => Err(unsupported()),
        }
    }

    async fn fetch(&self, remote: &RemotePost) -> Result<Option<String>, NetworkError> {
        match &self.inner {
            Some(p) => p.fetch(remote).await,
            None => Err(unsupported()),
        }
    }
}

fn unsupported() -> NetworkError {
    NetworkError::Rejected {
        message: "not part of the benchmark".into(),
        status: None,
    }
}

// --- engine events --------------------------------------------------------------------------

/// When each target was claimed and when it reached a final state, by target id.
#[derive(Default, Clone)]
struct Times {
    claimed: HashMap<i64, DateTime<Utc>>,
    finished: HashMap<i64, DateTime<Utc>>,
}

#[derive(Default)]
struct EventLog {
    times: Mutex<Times>,
    finished: AtomicUsize,
    lagged: AtomicUsize,
}

impl EventLog {
    fn record(&self, event: PublishEvent) {
        let now = Utc::now();
        let PublishEvent::TargetChanged {
            target_id, state, ..
        } = event
        else {
            return;
        };
        let is_final = matches!(
            state,
            TargetState::Published
                | TargetState::Failed
                | TargetState::Missed
                | TargetState::Unconfirmed
        );
        let mut times = self.times.lock().unwrap_or_else(|p| p.into_inner());
        if state == TargetState::Publishing {
            times.claimed.entry(target_id).or_insert(now);
        } else if is_final && times.finished.insert(target_id, now).is_none() {
            self.finished.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn times(&self) -> Times {
        self.times.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

// --- helpers -----------------------------------------------------------------------------------

fn unfinished(store: &Mutex<Store>) -> BenchResult<i64> {
    let guard = store.lock().map_err(|_| "store lock poisoned")?;
    Ok(guard.connection().query_row(
        "SELECT count(*) FROM post_variants WHERE state IN ('scheduled', 'publishing')",
        [],
        |r| r.get(0),
    )?)
}

/// Targets per state, and attempts in total.
fn state_counts(store: &Mutex<Store>) -> BenchResult<(BTreeMap<String, i64>, i64)> {
    let guard = store.lock().map_err(|_| "store lock poisoned")?;
    let conn = guard.connection();
    let mut stmt = conn.prepare("SELECT state, count(*) FROM post_variants GROUP BY state")?;
    let counts = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
    let attempts = conn.query_row(
        "SELECT coalesce(sum(attempt_count), 0) FROM post_variants",
        [],
        |r| r.get(0),
    )?;
    Ok((counts, attempts))
}

fn since(from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
    // Nothing is claimed before it is due; a negative gap would be clock trouble, shown as 0.
    (to - from).to_std().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn rand_tag() -> u32 {
    Utc::now().timestamp_subsec_nanos()
}

struct Spread {
    count: usize,
    p50: Duration,
    p90: Duration,
    p99: Duration,
    max: Duration,
    mean: Duration,
}

impl Spread {
    /// Nearest-rank percentiles.
    fn of(mut values: Vec<Duration>) -> Self {
        values.sort();
        let pick = |p: f64| {
            if values.is_empty() {
                return Duration::ZERO;
            }
            let rank = ((p * values.len() as f64).ceil() as usize).clamp(1, values.len());
            values[rank - 1]
        };
        let total: Duration = values.iter().sum();
        Self {
            count: values.len(),
            p50: pick(0.50),
            p90: pick(0.90),
            p99: pick(0.99),
            max: values.last().copied().unwrap_or_default(),
            mean: total / values.len().max(1) as u32,
        }
    }

    fn print(&self, what: &str) {
        println!(
            "{what}: n={} p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms, mean {:.1} ms",
            self.count,
            ms(self.p50),
            ms(self.p90),
            ms(self.p99),
            ms(self.max),
            ms(self.mean)
        );
    }
}

/// A field of /proc/self/status in KiB (VmRSS, VmHWM); 0 where there is no /proc.
fn proc_status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix(field)?
                    .strip_prefix(':')?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

/// User + system CPU time of the given /proc entries ("self" or pids), at the kernel's tick
/// resolution (usually 10 ms).
fn cpu_time(pids: &[impl AsRef<str>]) -> Duration {
    let ticks: u64 = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{}/stat", pid.as_ref())).ok())
        .filter_map(|stat| {
            // Fields after the command name, which is in parentheses and may hold spaces.
            let rest = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
            Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
        })
        .sum();
    // USER_HZ is 100 on every Linux this runs on.
    Duration::from_millis(ticks * 10)
}

/// The nostr-rs-relay processes on this machine (the test relay: one per with-servers run).
fn relay_pids() -> Vec<String> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.bytes().all(|b| b.is_ascii_digit()))
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/comm"))
                .is_ok_and(|comm| comm.trim() == "nostr-rs-relay")
        })
        .collect()
}

/// The 1-minute load average: other work on the machine competes for the same cores.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

/// Resets VmHWM to the current RSS (Linux: writing 5 to clear_refs), so each run's peak is
/// its own; where that is refused (false) the figure is the process' peak so far.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}
