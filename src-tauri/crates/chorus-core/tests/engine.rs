//! The publishing engine against a scripted fake network: exactly once, retries, reconcile,
//! missed posts, pause. Time is a FixedClock moved by the test; nothing sleeps.

use async_trait::async_trait;
use chorus_core::channel::{self, ChannelConfig, ChannelStatus};
use chorus_core::jobs::Backoff;
use chorus_core::post::{self, NewPost, When};
use chorus_core::publish::{Connector, Engine, EngineConfig, PublishEvent, TargetState, control};
use chorus_core::secrets::MemorySecretStore;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{Clock, CoreError, DataDir, FixedClock, Store};
use chorus_networks::{
    AccountInfo, IdempotencyKey, NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled,
    RemotePost, ReplyTarget, ValidationProblem,
};
use chrono::{DateTime, TimeZone, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the fake network does on the next publish call.
#[derive(Clone)]
enum Step {
    Ok,
    Fail(NetworkError),
    /// The post goes out, but the answer is lost.
    LoseAnswer,
}

#[derive(Default)]
struct FakeNetwork {
    script: Mutex<VecDeque<Step>>,
    /// The network's own record: idempotency token -> (post text, reply parent id).
    posts: Mutex<HashMap<String, (String, Option<String>)>>,
    publish_calls: Mutex<u32>,
    reconcile_answer: Mutex<Option<Reconciled>>,
    /// Posts handed to the fake server's scheduler: schedule id -> token.
    server_scheduled: Mutex<HashMap<String, String>>,
    /// Calls being answered right now, and the most seen at once (with `answer_delay`).
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    /// How long the network takes to answer publish and reconcile calls (default: at once).
    answer_delay: Mutex<Option<Duration>>,
}

impl FakeNetwork {
    fn script(&self, steps: &[Step]) {
        self.script
            .lock()
            .expect("lock")
            .extend(steps.iter().cloned());
    }
    fn count(&self) -> usize {
        self.posts.lock().expect("lock").len()
    }
    fn calls(&self) -> u32 {
        *self.publish_calls.lock().expect("lock")
    }
    /// Counts this call as in flight for the length of the network's answer delay.
    async fn answering(&self) {
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let delay = *self.answer_delay.lock().expect("lock");
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
    fn remote(token: &str) -> RemotePost {
        RemotePost {
            id: format!("remote-{token}"),
            cid: None,
            url: Some(format!("https://example.test/{token}")),
        }
    }
}

#[async_trait]
impl Publisher for FakeNetwork {
    fn kind(&self) -> NetworkKind {
        NetworkKind::Nostr
    }
    fn validate(&self, post: &OutgoingPost) -> Vec<ValidationProblem> {
        if post.text.chars().count() > 20 {
            vec![ValidationProblem {
                field: "text".into(),
                message: "longer than 20".into(),
            }]
        } else {
            vec![]
        }
    }
    async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
        Ok(AccountInfo {
            id: "me".into(),
            handle: "me.test".into(),
            display_name: "Me".into(),
        })
    }
    async fn publish(
        &self,
        key: &IdempotencyKey,
        post: &OutgoingPost,
        reply_to: Option<&ReplyTarget>,
    ) -> Result<RemotePost, NetworkError> {
        *self.publish_calls.lock().expect("lock") += 1;
        self.answering().await;
        let step = self
            .script
            .lock()
            .expect("lock")
            .pop_front()
            .unwrap_or(Step::Ok);
        let mut posts = self.posts.lock().expect("lock");
        let record = (post.text.clone(), reply_to.map(|r| r.parent.id.clone()));
        match step {
            Step::Ok => {
                // Idempotent like the real networks: the same key never makes a second post.
                posts.entry(key.token.clone()).or_insert(record);
                Ok(Self::remote(&key.token))
            }
            Step::Fail(e) => Err(e),
            Step::LoseAnswer => {
                posts.entry(key.token.clone()).or_insert(record);
                Err(NetworkError::OutcomeUnknown {
                    message: "timed out".into(),
                })
            }
        }
    }
    async fn reconcile(
        &self,
        key: &IdempotencyKey,
        _post: &OutgoingPost,
    ) -> Result<Reconciled, NetworkError> {
        self.answering().await;
        if let Some(answer) = self.reconcile_answer.lock().expect("lock").clone() {
            return Ok(answer);
        }
        Ok(
            if self.posts.lock().expect("lock").contains_key(&key.token) {
                Reconciled::Published(Self::remote(&key.token))
            } else {
                Reconciled::NotPublished
            },
        )
    }
    fn can_schedule_on_server(&self) -> bool {
        true
    }
    async fn schedule_on_server(
        &self,
        key: &IdempotencyKey,
        _post: &OutgoingPost,
        _at: DateTime<Utc>,
    ) -> Result<String, NetworkError> {
        let id = format!("sched-{}", key.token);
        self.server_scheduled
            .lock()
            .expect("lock")
            .insert(id.clone(), key.token.clone());
        Ok(id)
    }
    async fn cancel_on_server(&self, schedule_id: &str) -> Result<(), NetworkError> {
        self.server_scheduled
            .lock()
            .expect("lock")
            .remove(schedule_id);
        Ok(())
    }
    async fn delete(&self, _remote: &RemotePost) -> Result<(), NetworkError> {
        Ok(())
    }
    async fn fetch(&self, _remote: &RemotePost) -> Result<Option<String>, NetworkError> {
        Ok(None)
    }
}

struct FakeConnector(Arc<FakeNetwork>);

#[async_trait]
impl Connector for FakeConnector {
    async fn publisher(
        &self,
        _channel: &channel::Channel,
    ) -> chorus_core::Result<Arc<dyn Publisher>> {
        Ok(self.0.clone())
    }
}

struct World {
    _tmp: tempfile::TempDir,
    dir: DataDir,
    store: Arc<Mutex<Store>>,
    clock: Arc<FixedClock>,
    net: Arc<FakeNetwork>,
    workspace: i64,
    channel: i64,
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0)
        .single()
        .expect("valid")
}

impl World {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let mut store = Store::open(dir.database_path()).expect("open");
        let clock = Arc::new(FixedClock::new(t0()));
        let ws = workspace::create(
            store.connection(),
            clock.as_ref(),
            &NewWorkspace {
                name: "Bakery".into(),
                timezone: "Europe/Berlin".into(),
            },
        )
        .expect("workspace");
        let ch = channel::create(
            store.connection_mut(),
            clock.as_ref(),
            &MemorySecretStore::default(),
            ws.id,
            &ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                relays: vec!["ws://127.0.0.1:1".into()],
            }),
            &AccountInfo {
                id: "me".into(),
                handle: "me.test".into(),
                display_name: "Me".into(),
            },
            "secret",
        )
        .expect("channel");
        World {
            _tmp: tmp,
            dir,
            store: Arc::new(Mutex::new(store)),
            clock,
            net: Arc::new(FakeNetwork::default()),
            workspace: ws.id,
            channel: ch.id,
        }
    }

    fn engine(&self) -> Arc<Engine> {
        self.engine_with(EngineConfig {
            max_concurrent: 4,
            max_attempts: 3,
            backoff: Backoff {
                base: Duration::from_secs(10),
                cap: Duration::from_secs(60),
            },
            max_sleep: Duration::from_secs(30),
        })
    }

    fn engine_with(&self, config: EngineConfig) -> Arc<Engine> {
        Arc::new(
            Engine::new(
                self.store.clone(),
                self.dir.clone(),
                self.clock.clone(),
                Arc::new(FakeConnector(self.net.clone())),
                config,
            )
            .expect("engine"),
        )
    }

    fn post(&self, text: &str, thread: &[&str], when: When) -> Result<i64, CoreError> {
        let mut store = self.store.lock().expect("lock");
        let net = self.net.clone();
        post::create(
            store.connection_mut(),
            self.clock.as_ref(),
            &self.dir,
            &NewPost {
                workspace_id: self.workspace,
                channel_ids: vec![self.channel],
                text: text.into(),
                thread: thread.iter().map(|s| s.to_string()).collect(),
                images: vec![],
                when,
                content_warning: None,
                language: None,
                deliver_on_server: false,
                variants: vec![],
                tags: Vec::new(),
            },
            &move |_c, segments| segments.iter().flat_map(|s| net.validate(s)).collect(),
        )
    }

    fn target(&self, post_id: i64) -> post::TargetSummary {
        let store = self.store.lock().expect("lock");
        post::show(store.connection(), post_id)
            .expect("show")
            .post
            .targets
            .remove(0)
    }

    fn advance(&self, by: chrono::Duration) {
        self.clock.advance(by);
    }
}

fn drain(rx: &mut tokio::sync::broadcast::Receiver<PublishEvent>) -> Vec<PublishEvent> {
    let mut out = vec![];
    while let Ok(e) = rx.try_recv() {
        out.push(e);
    }
    out
}

#[tokio::test]
async fn publishes_a_due_post_exactly_once_and_leaves_future_ones() {
    let w = World::new();
    let now_post = w.post("now", &[], When::Now).expect("post");
    let later = w
        .post("later", &[], When::At(t0() + chrono::Duration::hours(1)))
        .expect("post");
    let engine = w.engine();
    engine.run_once().await.expect("run");
    engine.run_once().await.expect("run again");
    assert_eq!(w.target(now_post).state, TargetState::Published);
    assert_eq!(
        w.target(now_post).remote_url.as_deref(),
        Some("https://example.test/chorus-t1-s0")
    );
    assert_eq!(w.target(later).state, TargetState::Scheduled);
    assert_eq!((w.net.count(), w.net.calls()), (1, 1));

    w.advance(chrono::Duration::hours(1));
    engine.run_once().await.expect("run");
    assert_eq!(w.target(later).state, TargetState::Published);
    assert_eq!(w.net.count(), 2);
}

#[tokio::test]
async fn a_thread_goes_out_in_order_each_segment_replying_to_the_previous() {
    let w = World::new();
    let id = w.post("one", &["two", "three"], When::Now).expect("post");
    w.engine().run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Published);
    let posts = w.net.posts.lock().expect("lock").clone();
    assert_eq!(posts["chorus-t1-s0"], ("one".into(), None));
    assert_eq!(
        posts["chorus-t1-s1"],
        ("two".into(), Some("remote-chorus-t1-s0".into()))
    );
    assert_eq!(
        posts["chorus-t1-s2"],
        ("three".into(), Some("remote-chorus-t1-s1".into()))
    );
}

#[tokio::test]
async fn transient_errors_retry_with_backoff_and_honour_retry_after() {
    let w = World::new();
    w.net.script(&[
        Step::Fail(NetworkError::RateLimited {
            message: "slow down".into(),
            retry_after: Some(Duration::from_secs(45)),
        }),
        Step::Ok,
    ]);
    let id = w.post("hello", &[], When::Now).expect("post");
    let engine = w.engine();
    engine.run_once().await.expect("run");
    let t = w.target(id);
    assert_eq!(t.state, TargetState::Scheduled);
    assert!(
        t.last_error.contains("slow down") && t.last_error.contains("attempt 1 of 3"),
        "{}",
        t.last_error
    );
    // Retry-After 45 s beats the 10 s backoff.
    let next =
        DateTime::parse_from_rfc3339(t.next_attempt_at.as_deref().expect("next")).expect("instant");
    assert!(
        next.with_timezone(&Utc) >= t0() + chrono::Duration::seconds(45),
        "{next}"
    );

    w.advance(chrono::Duration::seconds(30));
    engine.run_once().await.expect("run");
    assert_eq!(
        w.target(id).state,
        TargetState::Scheduled,
        "not before Retry-After"
    );
    w.advance(chrono::Duration::seconds(30));
    engine.run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Published);
    let details = post::show(w.store.lock().expect("lock").connection(), id).expect("show");
    let outcomes: Vec<_> = details
        .activity
        .iter()
        .map(|a| a.outcome.as_str())
        .collect();
    assert_eq!(outcomes, ["failed", "published"]);
    assert_eq!(
        details.activity[0].error_code.as_deref(),
        Some("rate_limited")
    );
}

#[tokio::test]
async fn gives_up_after_the_last_attempt_and_says_why() {
    let w = World::new();
    let e = NetworkError::Transient {
        message: "502 Bad Gateway".into(),
        retry_after: None,
    };
    w.net
        .script(&[Step::Fail(e.clone()), Step::Fail(e.clone()), Step::Fail(e)]);
    let id = w.post("hello", &[], When::Now).expect("post");
    let engine = w.engine();
    let mut rx = engine.subscribe();
    for _ in 0..3 {
        engine.run_once().await.expect("run");
        w.advance(chrono::Duration::minutes(2));
    }
    let t = w.target(id);
    assert_eq!((t.state, t.attempts), (TargetState::Failed, 3));
    assert_eq!(t.last_error, "502 Bad Gateway");
    assert!(
        drain(&mut rx).iter().any(
            |e| matches!(e, PublishEvent::Failed { reason, .. } if reason == "502 Bad Gateway")
        )
    );
    assert_eq!(w.net.count(), 0);
}

#[tokio::test]
async fn bad_credentials_fail_at_once_and_flag_the_channel() {
    let w = World::new();
    w.net.script(&[Step::Fail(NetworkError::Auth {
        message: "Invalid app password".into(),
    })]);
    let id = w.post("hello", &[], When::Now).expect("post");
    let engine = w.engine();
    let mut rx = engine.subscribe();
    engine.run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Failed);
    let ch = channel::get(w.store.lock().expect("lock").connection(), w.channel).expect("channel");
    assert_eq!(ch.status, ChannelStatus::NeedsAttention);
    assert!(ch.status_reason.contains("Invalid app password"));
    let events = drain(&mut rx);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, PublishEvent::ChannelNeedsAttention { .. }))
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, PublishEvent::Failed { .. }))
    );
    // New posts to a channel that needs attention are refused up front.
    let err = w.post("again", &[], When::Now).expect_err("refused");
    assert!(err.to_string().contains("reconnected"), "{err}");
}

#[tokio::test]
async fn rejected_content_fails_at_once_with_the_networks_words() {
    let w = World::new();
    w.net.script(&[Step::Fail(NetworkError::Rejected {
        message: "Text character limit of 500 exceeded".into(),
        status: Some(422),
    })]);
    let id = w.post("hello", &[], When::Now).expect("post");
    w.engine().run_once().await.expect("run");
    let t = w.target(id);
    assert_eq!((t.state, t.attempts), (TargetState::Failed, 1));
    assert!(
        t.last_error
            .contains("Text character limit of 500 exceeded")
    );
}

#[tokio::test]
async fn a_lost_answer_is_reconciled_instead_of_reposted() {
    let w = World::new();
    w.net.script(&[Step::LoseAnswer]);
    let id = w.post("hello", &[], When::Now).expect("post");
    w.engine().run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Published);
    assert_eq!(
        (w.net.count(), w.net.calls()),
        (1, 1),
        "found by reconcile, not sent twice"
    );
}

#[tokio::test]
async fn after_a_crash_mid_thread_the_next_run_resumes_without_duplicates() {
    let w = World::new();
    let id = w.post("one", &["two", "three"], When::Now).expect("post");
    {
        // Simulate a run that claimed the target, got segments 0 and 1 out (1's answer lost),
        // then died: the database knows only segment 0.
        let store = w.store.lock().expect("lock");
        let conn = store.connection();
        let claimed = chorus_core::publish::target::claim_next(conn, t0(), "dead-run")
            .expect("claim")
            .expect("due");
        chorus_core::publish::target::start_attempt(conn, claimed.id, None, t0()).expect("attempt");
        let remote = RemotePost {
            id: "remote-chorus-t1-s0".into(),
            cid: None,
            url: None,
        };
        chorus_core::publish::target::save_segment(conn, claimed.id, 0, &remote, t0())
            .expect("save");
        let mut posts = w.net.posts.lock().expect("lock");
        posts.insert("chorus-t1-s0".into(), ("one".into(), None));
        posts.insert(
            "chorus-t1-s1".into(),
            ("two".into(), Some("remote-chorus-t1-s0".into())),
        );
    }
    w.engine().run_once().await.expect("recover");
    assert_eq!(w.target(id).state, TargetState::Published);
    assert_eq!(w.net.count(), 3);
    assert_eq!(w.net.calls(), 1, "only segment 2 was sent again");
    let details = post::show(w.store.lock().expect("lock").connection(), id).expect("show");
    let log: Vec<_> = details
        .activity
        .iter()
        .map(|a| (a.outcome.as_str(), a.error_code.as_deref()))
        .collect();
    assert_eq!(
        log,
        [("failed", Some("interrupted")), ("published", None)],
        "the killed attempt is closed"
    );
    assert_eq!(
        details.post.targets[0].attempts, 1,
        "being killed does not use up retries"
    );
}

#[tokio::test]
async fn an_outcome_that_cannot_be_confirmed_waits_for_the_user() {
    let w = World::new();
    let id = w.post("hello", &[], When::Now).expect("post");
    {
        let store = w.store.lock().expect("lock");
        chorus_core::publish::target::claim_next(store.connection(), t0(), "dead-run")
            .expect("claim");
    }
    *w.net.reconcile_answer.lock().expect("lock") = Some(Reconciled::Unconfirmed {
        reason: "the relay is unreachable".into(),
    });
    let engine = w.engine();
    let mut rx = engine.subscribe();
    engine.run_once().await.expect("recover");
    let t = w.target(id);
    assert_eq!(t.state, TargetState::Unconfirmed);
    assert!(t.last_error.contains("unreachable"));
    assert_eq!(w.net.calls(), 0, "never a blind repost");
    assert!(
        drain(&mut rx)
            .iter()
            .any(|e| matches!(e, PublishEvent::Unconfirmed { .. }))
    );

    // The user says "try again": the same idempotency key goes out once.
    *w.net.reconcile_answer.lock().expect("lock") = None;
    post::retry_target(
        w.store.lock().expect("lock").connection(),
        w.clock.as_ref(),
        t.id,
    )
    .expect("retry");
    engine.run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Published);
    assert_eq!(w.net.count(), 1);
}

#[tokio::test]
async fn posts_due_while_closed_publish_within_grace_and_are_missed_beyond_it() {
    let w = World::new();
    let late = w
        .post(
            "a bit late",
            &[],
            When::At(t0() + chrono::Duration::minutes(10)),
        )
        .expect("post");
    let very_late = w.post("too late", &[], When::At(t0())).expect("post");
    // Chorus was closed for an hour and ten minutes.
    w.advance(chrono::Duration::minutes(70));
    let engine = w.engine();
    let mut rx = engine.subscribe();
    engine.run_once().await.expect("run");
    // Both are past the 15-minute default grace: one hour late and an hour ten late.
    assert_eq!(w.target(very_late).state, TargetState::Missed);
    assert_eq!(w.target(late).state, TargetState::Missed);
    assert!(
        drain(&mut rx)
            .iter()
            .filter(|e| matches!(e, PublishEvent::Missed { .. }))
            .count()
            == 2
    );

    let w = World::new();
    let soon = w
        .post("due", &[], When::At(t0() + chrono::Duration::minutes(1)))
        .expect("post");
    w.advance(chrono::Duration::minutes(11));
    w.engine().run_once().await.expect("run");
    assert_eq!(
        w.target(soon).state,
        TargetState::Published,
        "10 minutes late is within grace"
    );
    assert_eq!(w.net.count(), 1);
}

#[tokio::test]
async fn pause_stops_everything_keeps_times_and_resumes_cleanly() {
    let w = World::new();
    let due_at = t0() + chrono::Duration::minutes(5);
    let id = w.post("hello", &[], When::At(due_at)).expect("post");
    let before = w.target(id).due_at;
    assert_eq!(
        control::set_paused(w.store.lock().expect("lock").connection_mut(), true).expect("pause"),
        1
    );
    let while_paused = w.post("made while paused", &[], When::Now).expect("post");
    assert_eq!(w.target(while_paused).state, TargetState::Paused);
    w.advance(chrono::Duration::minutes(6));
    let engine = w.engine();
    engine.run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Paused);
    assert_eq!(w.net.calls(), 0);
    assert_eq!(w.target(id).due_at, before, "the original time is kept");

    control::set_paused(w.store.lock().expect("lock").connection_mut(), false).expect("resume");
    engine.run_once().await.expect("run");
    assert_eq!(w.target(id).state, TargetState::Published);
    assert_eq!(w.target(while_paused).state, TargetState::Published);
    assert_eq!(w.net.count(), 2);
}

#[tokio::test]
async fn validation_problems_are_reported_before_anything_is_stored() {
    let w = World::new();
    let err = w
        .post("this text is much longer than twenty", &[], When::Now)
        .expect_err("too long");
    assert_eq!(err.field(), Some("text"));
    assert!(
        err.to_string().contains("me.test (nostr): longer than 20"),
        "{err}"
    );
    let err = w
        .post("hi", &[], When::At(t0() - chrono::Duration::hours(2)))
        .expect_err("past");
    assert!(err.to_string().contains("in the past"), "{err}");
    assert!(
        post::list(w.store.lock().expect("lock").connection(), None)
            .expect("list")
            .is_empty()
    );
}

#[tokio::test]
async fn only_one_engine_per_data_dir() {
    let w = World::new();
    let _first = w.engine();
    let second = Engine::new(
        w.store.clone(),
        w.dir.clone(),
        w.clock.clone() as Arc<dyn Clock>,
        Arc::new(FakeConnector(w.net.clone())),
        EngineConfig::default(),
    );
    assert!(matches!(second, Err(CoreError::Conflict(_))));
}

/// A Mastodon-style channel beside the default one, for server-side scheduling.
fn mastodon_channel(w: &World) -> i64 {
    let mut store = w.store.lock().expect("lock");
    channel::create(
        store.connection_mut(),
        w.clock.as_ref(),
        &MemorySecretStore::default(),
        w.workspace,
        &ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
            instance_url: "https://masto.example".into(),
        }),
        &AccountInfo {
            id: "9".into(),
            handle: "bakery@masto.example".into(),
            display_name: "B".into(),
        },
        "token",
    )
    .expect("channel")
    .id
}

fn service(w: &World, engine: &Engine) -> chorus_core::service::Service {
    chorus_core::service::Service {
        store: w.store.clone(),
        dir: w.dir.clone(),
        clock: w.clock.clone(),
        secrets: Arc::new(MemorySecretStore::default()),
        connector: Arc::new(FakeConnector(w.net.clone())),
        engine_waker: Some(engine.waker()),
    }
}

#[tokio::test]
async fn a_post_handed_to_the_server_is_confirmed_after_its_time_not_sent_again() {
    let w = World::new();
    let masto = mastodon_channel(&w);
    let engine = w.engine();
    let svc = service(&w, &engine);
    let at = t0() + chrono::Duration::hours(2);
    let summary = svc
        .create_post(chorus_core::inputs::PostInput {
            workspace_id: w.workspace,
            channel_ids: vec![masto, w.channel],
            text: "while you sleep".into(),
            thread: vec![],
            images: vec![],
            when: chorus_core::inputs::WhenInput::At {
                at: at.to_rfc3339(),
            },
            content_warning: None,
            language: None,
            deliver_on_server: true,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("created");
    let on_server = summary
        .targets
        .iter()
        .find(|t| t.channel_id == masto)
        .expect("mastodon target");
    let local = summary
        .targets
        .iter()
        .find(|t| t.channel_id == w.channel)
        .expect("nostr target");
    assert_eq!(
        (on_server.delivery.as_str(), local.delivery.as_str()),
        ("server", "local")
    );
    assert_eq!(w.net.server_scheduled.lock().expect("lock").len(), 1);

    // Chorus is closed at the due time; the server publishes it. Two hours later Chorus runs:
    // the local target is missed, the server one is found on the network, never re-sent.
    let token = format!("chorus-t{}-s0", on_server.id);
    w.net
        .posts
        .lock()
        .expect("lock")
        .insert(token, ("while you sleep".into(), None));
    w.advance(chrono::Duration::hours(4));
    engine.run_once().await.expect("run");
    let details = post::show(w.store.lock().expect("lock").connection(), summary.id).expect("show");
    let state = |id: i64| {
        details
            .post
            .targets
            .iter()
            .find(|t| t.channel_id == id)
            .expect("target")
            .state
    };
    assert_eq!(state(masto), TargetState::Published);
    assert_eq!(state(w.channel), TargetState::Missed);
    assert_eq!(w.net.calls(), 0, "nothing published by Chorus itself");
}

#[tokio::test]
async fn pausing_withdraws_posts_from_the_servers_scheduler() {
    let w = World::new();
    let masto = mastodon_channel(&w);
    let engine = w.engine();
    let svc = service(&w, &engine);
    let summary = svc
        .create_post(chorus_core::inputs::PostInput {
            workspace_id: w.workspace,
            channel_ids: vec![masto],
            text: "crisis".into(),
            thread: vec![],
            images: vec![],
            when: chorus_core::inputs::WhenInput::At {
                at: (t0() + chrono::Duration::hours(1)).to_rfc3339(),
            },
            content_warning: None,
            language: None,
            deliver_on_server: true,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("created");
    assert_eq!(w.net.server_scheduled.lock().expect("lock").len(), 1);
    svc.set_paused(true).await.expect("paused");
    assert!(
        w.net.server_scheduled.lock().expect("lock").is_empty(),
        "withdrawn from the server"
    );
    let t = w.target(summary.id);
    assert_eq!(
        (t.state, t.delivery.as_str()),
        (TargetState::Paused, "local")
    );
    // Resumed before its time, Chorus itself publishes it when due.
    svc.set_paused(false).await.expect("resumed");
    w.advance(chrono::Duration::hours(1));
    engine.run_once().await.expect("run");
    assert_eq!(w.target(summary.id).state, TargetState::Published);
    assert_eq!(w.net.count(), 1);
}

#[tokio::test]
async fn a_thread_cannot_be_handed_to_the_server() {
    let w = World::new();
    let masto = mastodon_channel(&w);
    let engine = w.engine();
    let err = service(&w, &engine)
        .create_post(chorus_core::inputs::PostInput {
            workspace_id: w.workspace,
            channel_ids: vec![masto],
            text: "one".into(),
            thread: vec!["two".into()],
            images: vec![],
            when: chorus_core::inputs::WhenInput::At {
                at: (t0() + chrono::Duration::hours(1)).to_rfc3339(),
            },
            content_warning: None,
            language: None,
            deliver_on_server: true,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect_err("refused");
    assert_eq!(err.field(), Some("thread"));
}

/// Starts the real loop (`Engine::run`, real timers) and returns its stop switch.
fn run_in_background(
    engine: Arc<Engine>,
) -> (
    tokio::sync::watch::Sender<bool>,
    tokio::task::JoinHandle<()>,
) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    (stop, tokio::spawn(engine.run(stopped)))
}

/// Waits for an event matching `want`; panics after `within` (a generous bound, not a figure).
async fn wait_for(
    rx: &mut tokio::sync::broadcast::Receiver<PublishEvent>,
    within: Duration,
    want: impl Fn(&PublishEvent) -> bool,
) {
    tokio::time::timeout(within, async {
        loop {
            match rx.recv().await {
                Ok(e) if want(&e) => return,
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(e) => panic!("event stream ended: {e}"),
            }
        }
    })
    .await
    .expect("the event came");
}

fn published(id: i64) -> impl Fn(&PublishEvent) -> bool {
    move |e| matches!(e, PublishEvent::TargetChanged { post_id, state: TargetState::Published, .. } if *post_id == id)
}

#[tokio::test]
async fn after_a_crash_orphans_are_reconciled_no_more_than_max_concurrent_at_a_time() {
    let w = World::new();
    let ids: Vec<i64> = (0..10)
        .map(|i| w.post(&format!("post {i}"), &[], When::Now).expect("post"))
        .collect();
    {
        // A run that claimed all ten and died before sending any.
        let store = w.store.lock().expect("lock");
        for _ in &ids {
            chorus_core::publish::target::claim_next(store.connection(), t0(), "dead-run")
                .expect("claim")
                .expect("due");
        }
    }
    *w.net.answer_delay.lock().expect("lock") = Some(Duration::from_millis(20));
    w.engine().run_once().await.expect("recover");
    for id in &ids {
        assert_eq!(w.target(*id).state, TargetState::Published);
    }
    assert_eq!(w.net.count(), 10);
    assert_eq!(
        w.net.max_in_flight.load(Ordering::SeqCst),
        4,
        "recovery keeps to max_concurrent (4), and does use it"
    );
}

#[tokio::test]
async fn the_running_loop_catches_up_after_the_clock_jumps_as_after_a_system_sleep() {
    let w = World::new();
    let within_grace = w
        .post(
            "back soon",
            &[],
            When::At(t0() + chrono::Duration::minutes(60)),
        )
        .expect("post");
    let too_late = w
        .post(
            "too late",
            &[],
            When::At(t0() + chrono::Duration::minutes(10)),
        )
        .expect("post");
    let engine = w.engine_with(EngineConfig {
        max_sleep: Duration::from_millis(50),
        ..EngineConfig::default()
    });
    let mut rx = engine.subscribe();
    let (stop, handle) = run_in_background(engine);
    tokio::time::sleep(Duration::from_millis(120)).await;
    assert_eq!(w.net.calls(), 0, "nothing is due before the jump");
    // The laptop slept for 65 minutes: the wall clock moves on, the loop's timer does not.
    w.advance(chrono::Duration::minutes(65));
    wait_for(&mut rx, Duration::from_secs(10), published(within_grace)).await;
    assert_eq!(
        w.target(too_late).state,
        TargetState::Missed,
        "55 minutes late, past the 15-minute grace"
    );
    assert_eq!(w.net.count(), 1);
    stop.send(true).expect("stop");
    handle.await.expect("loop ends");
}

#[tokio::test]
async fn a_post_created_by_another_process_wakes_the_running_engine_at_once() {
    let w = World::new();
    // An hour's sleep: only a wake-up can make it publish within the test's time.
    let engine = w.engine_with(EngineConfig {
        max_sleep: Duration::from_secs(3600),
        ..EngineConfig::default()
    });
    let mut rx = engine.subscribe();
    let (stop, handle) = run_in_background(engine);
    let port_file = w.dir.root().join("publisher.wake");
    tokio::time::timeout(Duration::from_secs(10), async {
        while !port_file.exists() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await
    .expect("the engine listens for wake-ups");
    tokio::time::sleep(Duration::from_millis(50)).await;

    // The CLI's view: its own connection to the same database, no engine of its own.
    let cli = chorus_core::service::Service {
        store: Arc::new(Mutex::new(
            Store::open(w.dir.database_path()).expect("open"),
        )),
        dir: w.dir.clone(),
        clock: w.clock.clone(),
        secrets: Arc::new(MemorySecretStore::default()),
        connector: Arc::new(FakeConnector(w.net.clone())),
        engine_waker: None,
    };
    let created = cli
        .create_post(chorus_core::inputs::PostInput {
            workspace_id: w.workspace,
            channel_ids: vec![w.channel],
            text: "from the CLI".into(),
            thread: vec![],
            images: vec![],
            when: chorus_core::inputs::WhenInput::Now,
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("create");
    wait_for(&mut rx, Duration::from_secs(10), published(created.id)).await;
    assert_eq!(w.net.count(), 1);
    stop.send(true).expect("stop");
    handle.await.expect("loop ends");
    assert!(
        !port_file.exists(),
        "the engine removes its port file when it stops"
    );
}
