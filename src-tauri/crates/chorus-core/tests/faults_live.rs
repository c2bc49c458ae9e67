//! Faults between the real engine and real servers: the real adapters talk to the AT Protocol
//! reference PDS (`@atproto/dev-env`), to `mastodon-mock` (a MOCK of the Mastodon client API,
//! not Mastodon) and to a real `nostr-rs-relay`, each through chorus-testkit's fault proxy,
//! which answers 5xx or 429, hangs, resets before or after forwarding, or delays, on cue.
//!
//! Time is a FixedClock moved to each retry's `next_attempt_at`, so retries come without
//! sleeping; only a hang waits, for the adapters' timeout (set short here). Every outcome is
//! checked on the server itself (listRecords, the account's statuses, a relay query by author):
//! each post exactly once, threads chained. Started by `make test-networks`.

use chorus_core::channel::{self, Channel, ChannelConfig, ChannelStatus};
use chorus_core::inputs::{PostInput, WhenInput};
use chorus_core::jobs::Backoff;
use chorus_core::post::{self, PostDetails, TargetSummary};
use chorus_core::publish::{Engine, EngineConfig, NetworkConnector, PublishEvent, TargetState};
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{Clock, DataDir, FixedClock, Store};
use chorus_testkit::servers;
use chorus_testkit::{Fault, FaultProxy, Match};
use chrono::{DateTime, SubsecRound, Utc};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every adapter call gives up after this long, so a hung server costs seconds, not a minute.
const TIMEOUT: Duration = Duration::from_secs(5);
const MAX_ATTEMPTS: u32 = 3;
const CREATE_RECORD: &str = "/xrpc/com.atproto.repo.createRecord";
const STATUSES: &str = "/api/v1/statuses";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Net {
    Bluesky,
    Mastodon,
    Nostr,
}

/// Who published, to read the server back.
enum Account {
    Bluesky { did: String },
    Mastodon { token: String },
    Nostr { pubkey: String },
}

/// A post as the server has it.
#[derive(Debug, Clone)]
struct Posted {
    id: String,
    text: String,
    /// What it replies to: the parent's at:// URI, status id or event id.
    parent: Option<String>,
}

/// A data dir, an engine on a FixedClock, and one channel whose server sits behind a proxy.
struct Live {
    _tmp: tempfile::TempDir,
    store: Arc<Mutex<Store>>,
    clock: Arc<FixedClock>,
    engine: Arc<Engine>,
    service: Service,
    workspace: i64,
    proxy: FaultProxy,
    channel: Channel,
    account: Account,
    net: Net,
    /// Requests the proxy saw while the channel was connected (credentials checked).
    setup_requests: usize,
}

impl Live {
    async fn start(net: Net) -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let store = Arc::new(Mutex::new(Store::open(dir.database_path()).expect("open")));
        // Starts at the real time, since the key's instant goes into records and events and the
        // servers compare it with their own clocks; in whole seconds, so that instants survive
        // the database's millisecond round trip exactly.
        let clock = Arc::new(FixedClock::new(Utc::now().trunc_subsecs(0)));
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
        let connector = Arc::new(NetworkConnector::new(secrets.clone()).with_timeout(TIMEOUT));
        let engine = Arc::new(
            Engine::new(
                store.clone(),
                dir.clone(),
                clock.clone(),
                connector.clone(),
                EngineConfig {
                    max_concurrent: 4,
                    max_attempts: MAX_ATTEMPTS,
                    backoff: Backoff {
                        base: Duration::from_secs(10),
                        cap: Duration::from_secs(60),
                    },
                    max_sleep: Duration::from_secs(30),
                },
            )
            .expect("engine"),
        );
        let service = Service {
            store: store.clone(),
            dir,
            clock: clock.clone(),
            secrets,
            connector,
            engine_waker: Some(engine.waker()),
        };
        let workspace = workspace::create(
            store.lock().expect("lock").connection(),
            clock.as_ref(),
            &NewWorkspace {
                name: "Faults".into(),
                timezone: "Europe/Berlin".into(),
            },
        )
        .expect("workspace")
        .id;

        let (proxy, config, secret, account) = match net {
            Net::Bluesky => {
                let pds = servers::pds_url();
                let proxy = FaultProxy::start(&pds).await.expect("proxy");
                // The DID document names the PDS; the adapter must keep talking to the proxy.
                proxy.rewrite_answers(&pds, &proxy.url());
                let account = servers::bluesky_account(&pds).await;
                let config = ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                    service_url: proxy.url(),
                    identifier: account.handle.clone(),
                });
                (
                    proxy,
                    config,
                    account.app_password,
                    Account::Bluesky { did: account.did },
                )
            }
            Net::Mastodon => {
                let base = servers::mastodon_mock_url();
                let proxy = FaultProxy::start(&base).await.expect("proxy");
                let token = servers::mastodon_mock_user(&base).await;
                let config = ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
                    instance_url: proxy.url(),
                });
                (proxy, config, token.clone(), Account::Mastodon { token })
            }
            Net::Nostr => {
                let relay = servers::nostr_relay_url();
                let proxy = FaultProxy::start(&relay).await.expect("proxy");
                let config = ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: vec![proxy.url()],
                });
                let key = chorus_core::networks::generate_nostr_key();
                (
                    proxy,
                    config,
                    key,
                    Account::Nostr {
                        pubkey: String::new(),
                    },
                )
            }
        };
        let channel = service
            .connect_channel(workspace, None, config, secret)
            .await
            .expect("the channel connects through the proxy");
        let account = match account {
            // The handle is the npub; the relay is asked by hex key.
            Account::Nostr { .. } => Account::Nostr {
                pubkey: servers::nostr_public_key_hex(&channel.handle),
            },
            other => other,
        };
        let setup_requests = proxy.seen().len();
        Self {
            _tmp: tmp,
            store,
            clock,
            engine,
            service,
            workspace,
            proxy,
            channel,
            account,
            net,
            setup_requests,
        }
    }

    /// The request that writes a post (on Nostr: the next websocket connection, whatever it is).
    fn write(&self) -> Match {
        match self.net {
            Net::Bluesky => Match::post(CREATE_RECORD),
            Net::Mastodon => Match::post(STATUSES),
            Net::Nostr => Match::any(),
        }
    }

    /// Writes seen by the proxy (Nostr: every connection, queries included).
    fn writes_seen(&self) -> usize {
        match self.net {
            Net::Bluesky => self.proxy.count_method("POST", CREATE_RECORD),
            Net::Mastodon => self.proxy.count_method("POST", STATUSES),
            Net::Nostr => self.proxy.count("/"),
        }
    }

    /// Lookups that can only be reconciliation (Nostr: connections beyond one per segment).
    fn lookups_seen(&self, segments: usize) -> usize {
        match self.net {
            Net::Bluesky => self
                .proxy
                .count_method("GET", "/xrpc/com.atproto.repo.getRecord"),
            Net::Mastodon => self
                .proxy
                .seen()
                .iter()
                .filter(|s| {
                    s.path.starts_with("/api/v1/accounts/") && s.path.ends_with("/statuses")
                })
                .count(),
            Net::Nostr => (self.proxy.seen().len() - self.setup_requests).saturating_sub(segments),
        }
    }

    async fn post(&self, text: &str, thread: &[&str]) -> i64 {
        self.service
            .create_post(PostInput {
                workspace_id: self.workspace,
                channel_ids: vec![self.channel.id],
                text: text.into(),
                thread: thread.iter().map(|s| (*s).to_owned()).collect(),
                images: vec![],
                when: WhenInput::Now,
                content_warning: None,
                language: None,
                deliver_on_server: false,
                variants: vec![],
                recurrence: None,
                tags: Vec::new(),
            })
            .await
            .expect("post")
            .id
    }

    fn details(&self, post_id: i64) -> PostDetails {
        post::show(self.store.lock().expect("lock").connection(), post_id).expect("show")
    }

    fn target(&self, post_id: i64) -> TargetSummary {
        self.details(post_id).post.targets.remove(0)
    }

    fn channel_now(&self) -> Channel {
        channel::get(
            self.store.lock().expect("lock").connection(),
            self.channel.id,
        )
        .expect("channel")
    }

    /// One engine pass at the clock's time.
    async fn pass(&self) -> TargetSummary {
        self.engine.run_once().await.expect("engine pass");
        let store = self.store.lock().expect("lock");
        let posts = post::list(store.connection(), Some(self.workspace)).expect("list");
        posts
            .into_iter()
            .flat_map(|p| p.targets)
            .min_by_key(|t| t.id)
            .expect("a target")
    }

    /// Moves the clock to the target's next attempt.
    fn to_next_attempt(&self, target: &TargetSummary) {
        let next = instant(target.next_attempt_at.as_deref().expect("a next attempt"));
        if next > self.clock.now() {
            self.clock.set(next);
        }
    }

    /// Passes until the target stops being retried (bounded by the attempts allowed).
    async fn settle(&self, post_id: i64) -> TargetSummary {
        for _ in 0..=MAX_ATTEMPTS {
            self.engine.run_once().await.expect("engine pass");
            let target = self.target(post_id);
            if target.state != TargetState::Scheduled {
                return target;
            }
            self.to_next_attempt(&target);
        }
        panic!(
            "post {post_id} still scheduled after {} passes: {:?}",
            MAX_ATTEMPTS + 1,
            self.target(post_id)
        )
    }

    /// What the server holds for this account, read without the proxy or the adapter.
    async fn on_server(&self) -> Vec<Posted> {
        match &self.account {
            Account::Bluesky { did } => servers::bluesky_posts(&servers::pds_url(), did)
                .await
                .into_iter()
                .map(|r| Posted {
                    id: r["uri"].as_str().expect("uri").to_owned(),
                    text: r["value"]["text"].as_str().expect("text").to_owned(),
                    parent: r["value"]["reply"]["parent"]["uri"]
                        .as_str()
                        .map(str::to_owned),
                })
                .collect(),
            Account::Mastodon { token } => {
                servers::mastodon_mock_statuses(&servers::mastodon_mock_url(), token)
                    .await
                    .into_iter()
                    .map(|s| Posted {
                        id: s["id"].as_str().expect("id").to_owned(),
                        text: servers::html_text(s["content"].as_str().expect("content"))
                            .trim()
                            .to_owned(),
                        parent: s["in_reply_to_id"].as_str().map(str::to_owned),
                    })
                    .collect()
            }
            Account::Nostr { pubkey } => servers::nostr_notes(&servers::nostr_relay_url(), pubkey)
                .await
                .into_iter()
                .map(|e| {
                    let parent = servers::nostr_parent(&e);
                    Posted {
                        id: e["id"].as_str().expect("id").to_owned(),
                        text: e["content"].as_str().expect("content").to_owned(),
                        parent,
                    }
                })
                .collect(),
        }
    }

    /// The server holds exactly these posts, each once, each replying to the one before, and
    /// the target's remote id is the first.
    async fn assert_on_server_once(&self, target: &TargetSummary, texts: &[&str]) {
        let posted = self.on_server().await;
        assert_eq!(
            posted.len(),
            texts.len(),
            "{:?}: the server has {posted:#?}",
            self.net
        );
        let mut previous: Option<&Posted> = None;
        for text in texts {
            let matching: Vec<&Posted> = posted.iter().filter(|p| p.text == *text).collect();
            assert_eq!(matching.len(), 1, "{text:?} on the server: {posted:#?}");
            let this = matching[0];
            assert_eq!(
                this.parent.as_deref(),
                previous.map(|p| p.id.as_str()),
                "{text:?} must reply to the segment before it"
            );
            previous = Some(this);
        }
        let first = posted
            .iter()
            .find(|p| p.text == texts[0])
            .expect("first segment");
        assert_eq!(target.remote_id.as_deref(), Some(first.id.as_str()));
    }
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("an instant")
        .with_timezone(&Utc)
}

fn text(net: Net, what: &str) -> String {
    format!(
        "{what} via the fault proxy ({net:?}) {}",
        servers::unique("p")
    )
}

// --- scenarios, each run against every server it applies to -----------------------------------

/// A 5xx answer, then the server works: retried at the backoff time, out once.
async fn server_error_then_success(net: Net, fault: Fault) {
    let live = Live::start(net).await;
    live.proxy.enqueue(live.write(), fault);
    let body = text(net, "5xx then fine");
    let id = live.post(&body, &[]).await;

    let first = live.pass().await;
    assert_eq!(first.state, TargetState::Scheduled, "{first:?}");
    assert!(
        first.last_error.contains("attempt 1 of 3; trying again"),
        "{}",
        first.last_error
    );
    let target = live.settle(id).await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Published, 2),
        "{target:?}"
    );
    live.assert_on_server_once(&target, &[&body]).await;
    let outcomes: Vec<String> = live
        .details(id)
        .activity
        .into_iter()
        .map(|a| a.outcome)
        .collect();
    assert_eq!(outcomes, ["failed", "published"]);
}

/// 429 with Retry-After: the next attempt waits at least that long, then goes out once.
async fn rate_limited_then_success(net: Net, body_429: &str) {
    const RETRY_AFTER: i64 = 120;
    let live = Live::start(net).await;
    live.proxy.enqueue(
        live.write(),
        Fault::too_many_requests(RETRY_AFTER as u64, body_429),
    );
    let body = text(net, "rate limited");
    let id = live.post(&body, &[]).await;
    let failed_at = live.clock.now();

    let first = live.pass().await;
    assert_eq!(first.state, TargetState::Scheduled, "{first:?}");
    assert!(
        first.last_error.starts_with("rate limited by the network"),
        "{}",
        first.last_error
    );
    let next = instant(first.next_attempt_at.as_deref().expect("next attempt"));
    assert!(
        next >= failed_at + chrono::Duration::seconds(RETRY_AFTER),
        "Retry-After {RETRY_AFTER} s honoured: next attempt {next}, failed at {failed_at}"
    );

    // Past the backoff (10-20 s) but before Retry-After: nothing is sent.
    let writes = live.writes_seen();
    live.clock.advance(chrono::Duration::seconds(60));
    assert_eq!(live.pass().await.state, TargetState::Scheduled);
    assert_eq!(
        live.writes_seen(),
        writes,
        "nothing sent before Retry-After"
    );

    let target = live.settle(id).await;
    assert_eq!(target.state, TargetState::Published, "{target:?}");
    live.assert_on_server_once(&target, &[&body]).await;
    let activity = live.details(id).activity;
    assert_eq!(activity[0].error_code.as_deref(), Some("rate_limited"));
}

/// A fault that leaves nothing on the server (reset before forwarding, a hang, a refused
/// websocket): retried, then out exactly once.
async fn lost_before_the_server_then_retried(net: Net, fault: Fault) {
    let live = Live::start(net).await;
    live.proxy.enqueue(live.write(), fault.clone());
    let body = text(net, &fault.name());
    let id = live.post(&body, &[]).await;

    let first = live.pass().await;
    assert_eq!(first.state, TargetState::Scheduled, "{first:?}");
    assert!(!first.last_error.is_empty());
    assert!(
        live.on_server().await.is_empty(),
        "nothing reached the server"
    );
    let target = live.settle(id).await;
    assert_eq!(target.state, TargetState::Published, "{target:?}");
    live.assert_on_server_once(&target, &[&body]).await;
}

/// The write reaches the server but its answer is lost (reset after forwarding, or an answer
/// slower than the timeout): reconciled, never sent twice. With `thread`, it happens to the
/// second segment of three.
async fn answer_lost_after_the_write(net: Net, fault: Fault, thread: bool) {
    let live = Live::start(net).await;
    if thread {
        live.proxy.enqueue(live.write(), Fault::Pass);
    }
    live.proxy.enqueue(live.write(), fault.clone());
    let name = fault.name();
    let texts: Vec<String> = if thread {
        ["one", "two", "three"]
            .iter()
            .map(|n| text(net, &format!("{name}, segment {n}")))
            .collect()
    } else {
        vec![text(net, &name)]
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let id = live.post(refs[0], &refs[1..]).await;
    let mut events = live.engine.subscribe();

    let target = live.pass().await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Published, 1),
        "reconciled within the same attempt: {target:?}"
    );
    assert_eq!(live.proxy.pending(), 0, "the fault was used");
    assert!(
        live.lookups_seen(refs.len()) >= 1,
        "the lost answer was reconciled by looking on the server: {:#?}",
        live.proxy.seen()
    );
    let activity = live.details(id).activity;
    assert_eq!(activity.len(), 1, "{activity:#?}");
    assert_eq!(activity[0].outcome, "published");
    live.assert_on_server_once(&target, &refs).await;
    // Later passes send nothing more.
    let writes = live.writes_seen();
    live.clock.advance(chrono::Duration::minutes(5));
    live.pass().await;
    assert_eq!(live.writes_seen(), writes);
    live.assert_on_server_once(&target, &refs).await;
    let mut published = 0;
    while let Ok(event) = events.try_recv() {
        if let PublishEvent::TargetChanged {
            state: TargetState::Published,
            ..
        } = event
        {
            published += 1;
        }
    }
    assert_eq!(published, 1);
}

/// The write's answer is lost AND the lookup that should settle it fails too: the engine can
/// only retry, and the network's idempotency (Bluesky's record key, Mastodon's Idempotency-Key,
/// Nostr's content-addressed event id) must keep the retry from posting twice.
async fn answer_lost_and_lookup_failed(net: Net) {
    let live = Live::start(net).await;
    live.proxy.enqueue(live.write(), Fault::ResetAfterForward);
    let lookup_down = Fault::status(503, r#"{"error":"Service Unavailable"}"#);
    match net {
        Net::Bluesky => live.proxy.set_rule(move |r| {
            (r.method == "GET" && r.path == "/xrpc/com.atproto.repo.getRecord")
                .then(|| lookup_down.clone())
        }),
        Net::Mastodon => live.proxy.set_rule(move |r| {
            (r.method == "GET" && r.path.starts_with("/api/v1/accounts/"))
                .then(|| lookup_down.clone())
        }),
        // The connection after the one that published is the reconciling query.
        Net::Nostr => live.proxy.enqueue(Match::any(), lookup_down),
    }
    let body = text(net, "answer lost, lookup failed");
    let id = live.post(&body, &[]).await;

    let first = live.pass().await;
    assert_eq!(first.state, TargetState::Scheduled, "{first:?}");
    assert_eq!(
        live.on_server().await.len(),
        1,
        "the first write did happen"
    );
    live.proxy.clear();
    let target = live.settle(id).await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Published, 2),
        "{target:?}"
    );
    live.assert_on_server_once(&target, &[&body]).await;
}

/// The server keeps failing: failed after the last attempt, in the server's own words, in
/// `last_error` and in every line of the activity log.
async fn persistent_failure(net: Net, fault: Fault, words: &str) {
    let live = Live::start(net).await;
    let write = live.write();
    live.proxy
        .set_rule(move |request| write.matches(request).then(|| fault.clone()));
    let id = live.post(&text(net, "never"), &[]).await;
    let mut events = live.engine.subscribe();

    let target = live.settle(id).await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Failed, MAX_ATTEMPTS),
        "{target:?}"
    );
    assert!(target.last_error.contains(words), "{}", target.last_error);
    assert!(
        !target.last_error.contains("trying again"),
        "{}",
        target.last_error
    );
    let activity = live.details(id).activity;
    assert_eq!(activity.len(), MAX_ATTEMPTS as usize, "{activity:#?}");
    for line in &activity {
        assert_eq!(line.outcome, "failed");
        assert!(line.message.contains(words), "{}", line.message);
    }
    let mut failed = false;
    while let Ok(event) = events.try_recv() {
        if let PublishEvent::Failed { reason, .. } = event {
            failed |= reason.contains(words);
        }
    }
    assert!(failed, "a Failed event names the reason");
    assert!(live.on_server().await.is_empty());
}

/// 401: failed at once, and the channel needs the user.
async fn unauthorized(net: Net, body_401: &str, words: &str) {
    let live = Live::start(net).await;
    live.proxy
        .enqueue(live.write(), Fault::status(401, body_401.to_owned()));
    let id = live.post(&text(net, "unauthorized"), &[]).await;
    let target = live.pass().await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Failed, 1),
        "{target:?}"
    );
    assert!(target.last_error.contains(words), "{}", target.last_error);
    let channel = live.channel_now();
    assert_eq!(channel.status, ChannelStatus::NeedsAttention);
    assert!(channel.status_reason.contains(words), "{channel:?}");
    assert_eq!(
        live.details(id).activity[0].error_code.as_deref(),
        Some("auth")
    );
    assert!(live.on_server().await.is_empty());
}

/// An answer slower than usual but within the timeout is just success.
async fn slow_answer(net: Net) {
    let live = Live::start(net).await;
    live.proxy
        .enqueue(live.write(), Fault::Delay(Duration::from_millis(700)));
    let body = text(net, "slow");
    let id = live.post(&body, &[]).await;
    let target = live.pass().await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Published, 1),
        "{target:?}"
    );
    assert_eq!(live.details(id).activity.len(), 1);
    live.assert_on_server_once(&target, &[&body]).await;
}

fn too_late() -> Fault {
    Fault::Delay(TIMEOUT + Duration::from_secs(2))
}

// --- AT Protocol reference PDS ---------------------------------------------------------------

const PDS_500: &str = r#"{"error":"InternalServerError","message":"Internal Server Error"}"#;

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_500_then_success_publishes_once() {
    server_error_then_success(Net::Bluesky, Fault::status(500, PDS_500)).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_429_waits_for_retry_after() {
    rate_limited_then_success(
        Net::Bluesky,
        r#"{"error":"RateLimitExceeded","message":"Rate Limit Exceeded"}"#,
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_reset_before_forwarding_is_retried_and_published_once() {
    lost_before_the_server_then_retried(Net::Bluesky, Fault::ResetBeforeForward).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_hung_write_times_out_and_is_published_once() {
    lost_before_the_server_then_retried(Net::Bluesky, Fault::Hang).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_reset_after_forwarding_is_reconciled_not_reposted() {
    answer_lost_after_the_write(Net::Bluesky, Fault::ResetAfterForward, false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_reset_after_forwarding_mid_thread_keeps_the_chain() {
    answer_lost_after_the_write(Net::Bluesky, Fault::ResetAfterForward, true).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_answer_slower_than_the_timeout_is_reconciled() {
    answer_lost_after_the_write(Net::Bluesky, too_late(), false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_slow_answer_within_the_timeout_publishes() {
    slow_answer(Net::Bluesky).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_persistent_500s_fail_after_max_attempts() {
    persistent_failure(
        Net::Bluesky,
        Fault::status(
            500,
            r#"{"error":"InternalServerError","message":"the repository is unavailable"}"#,
        ),
        "the repository is unavailable",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_401_fails_and_flags_the_channel() {
    unauthorized(
        Net::Bluesky,
        r#"{"error":"AuthenticationRequired","message":"Token could not be verified"}"#,
        "Token could not be verified",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_lost_answer_and_failed_lookup_is_retried_once() {
    answer_lost_and_lookup_failed(Net::Bluesky).await;
}

/// The PDS says the access token expired: the adapter refreshes the session (on the real PDS)
/// and writes again, within the same attempt.
#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn atproto_reference_pds_expired_token_is_refreshed_within_the_attempt() {
    let live = Live::start(Net::Bluesky).await;
    live.proxy.enqueue(
        Match::post(CREATE_RECORD),
        Fault::status(
            400,
            r#"{"error":"ExpiredToken","message":"Token has expired"}"#,
        ),
    );
    let body = text(Net::Bluesky, "expired token");
    let id = live.post(&body, &[]).await;
    let target = live.pass().await;
    assert_eq!(
        (target.state, target.attempts),
        (TargetState::Published, 1),
        "{target:?}"
    );
    assert_eq!(
        live.proxy
            .count_method("POST", "/xrpc/com.atproto.server.refreshSession"),
        1
    );
    assert_eq!(live.proxy.count_method("POST", CREATE_RECORD), 2);
    assert_eq!(live.channel_now().status, ChannelStatus::Active);
    assert_eq!(live.details(id).activity.len(), 1);
    live.assert_on_server_once(&target, &[&body]).await;
}

// --- mastodon-mock (a mock of the Mastodon API) ------------------------------------------------

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_503_then_success_publishes_once() {
    server_error_then_success(
        Net::Mastodon,
        Fault::status(503, r#"{"error":"Service Unavailable"}"#),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_429_waits_for_retry_after() {
    rate_limited_then_success(Net::Mastodon, r#"{"error":"Too many requests"}"#).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_reset_before_forwarding_is_retried_and_published_once() {
    lost_before_the_server_then_retried(Net::Mastodon, Fault::ResetBeforeForward).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_hung_write_times_out_and_is_published_once() {
    lost_before_the_server_then_retried(Net::Mastodon, Fault::Hang).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_reset_after_forwarding_is_reconciled_not_reposted() {
    answer_lost_after_the_write(Net::Mastodon, Fault::ResetAfterForward, false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_reset_after_forwarding_mid_thread_keeps_the_chain() {
    answer_lost_after_the_write(Net::Mastodon, Fault::ResetAfterForward, true).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_answer_slower_than_the_timeout_is_reconciled() {
    answer_lost_after_the_write(Net::Mastodon, too_late(), false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_slow_answer_within_the_timeout_publishes() {
    slow_answer(Net::Mastodon).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_persistent_500s_fail_after_max_attempts() {
    persistent_failure(
        Net::Mastodon,
        Fault::status(500, r#"{"error":"the database is on fire"}"#),
        "the database is on fire",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_401_fails_and_flags_the_channel() {
    unauthorized(
        Net::Mastodon,
        r#"{"error":"The access token is invalid"}"#,
        "The access token is invalid",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_lost_answer_and_failed_lookup_is_retried_once() {
    answer_lost_and_lookup_failed(Net::Mastodon).await;
}

// --- nostr-rs-relay (websocket: faults apply per connection) ---------------------------------

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_reset_before_the_upgrade_is_retried_and_published_once() {
    lost_before_the_server_then_retried(Net::Nostr, Fault::ResetBeforeForward).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_hung_connection_times_out_and_is_published_once() {
    lost_before_the_server_then_retried(Net::Nostr, Fault::Hang).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_refused_upgrade_is_retried_and_published_once() {
    lost_before_the_server_then_retried(Net::Nostr, Fault::status(503, "relay overloaded")).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_reset_after_the_event_is_reconciled_not_reposted() {
    answer_lost_after_the_write(Net::Nostr, Fault::ResetAfterForward, false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_reset_after_the_event_mid_thread_keeps_the_chain() {
    answer_lost_after_the_write(Net::Nostr, Fault::ResetAfterForward, true).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_ok_slower_than_the_timeout_is_reconciled() {
    answer_lost_after_the_write(Net::Nostr, too_late(), false).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_slow_ok_within_the_timeout_publishes() {
    slow_answer(Net::Nostr).await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_that_keeps_refusing_fails_after_max_attempts() {
    persistent_failure(
        Net::Nostr,
        Fault::status(503, "relay overloaded"),
        "no relay took the event",
    )
    .await;
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn real_nostr_relay_lost_ok_and_failed_lookup_is_retried_once() {
    answer_lost_and_lookup_failed(Net::Nostr).await;
}
