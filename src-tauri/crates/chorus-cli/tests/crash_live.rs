//! Crash test: the real `chorus` binary, killed with SIGKILL again and again while it publishes
//! to the local test servers (the AT Protocol reference PDS, `mastodon-mock` — a MOCK of the
//! Mastodon API, not Mastodon — and a real `nostr-rs-relay`), then run to the end. Afterwards
//! the servers themselves must hold every post exactly once per channel (threads: every
//! segment once, each replying to the one before), and every target must be published, or
//! failed/unconfirmed with a reason. Nothing lost, nothing doubled.
//!
//! Each run is killed 50-400 ms after it starts (longer after runs that got nothing out, so
//! publishing keeps moving), up to 25 times or until nothing is left to publish. The delays
//! come from a seeded generator; the seed is printed, and `CHORUS_CRASH_SEED=N` replays the
//! delays (not the servers' timing). Started by `make test-networks`.

mod support;

use chorus_testkit::servers;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const POSTS: usize = 30;
const KILLS: usize = 25;
const KILL_AFTER_MS: std::ops::RangeInclusive<u64> = 50..=400;
/// A restart first signs in to the reference PDS (scrypt: a few hundred ms here) and reconciles
/// what the last run left mid-publish, so a run can die in recovery without writing anything.
/// After each such run the next one lives this much longer, so that publishing moves on.
const STALL_EXTRA_MS: u64 = 150;
const MAX_KILL_AFTER_MS: u64 = 2000;
/// The final run's wait for every target to settle, in polls of POLL (bounded, not timed).
const FINAL_POLLS: usize = 1500;
const POLL: Duration = Duration::from_millis(200);

/// SplitMix64: a small seeded generator, so a failing run can be replayed from its seed.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn between(&mut self, range: &std::ops::RangeInclusive<u64>) -> u64 {
        range.start() + self.next() % (range.end() - range.start() + 1)
    }
}

/// The shared test binary (tests/support), and where the daemon's output goes.
struct Chorus {
    cli: support::Chorus,
    logs: PathBuf,
}

impl Chorus {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = self.cli.command();
        command.args(args);
        command
    }

    /// Runs a command to its end (with `stdin` piped in), expecting success and JSON.
    fn json(&self, args: &[&str], stdin: Option<&str>) -> Value {
        self.cli.json_with_input(args, stdin)
    }

    fn daemon(&self) -> Daemon {
        let log = |name: &str| {
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.logs.join(name))
                .expect("log file")
        };
        let child = self
            .command(&["daemon"])
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(log("daemon.out"))
            .stderr(log("daemon.err"))
            .spawn()
            .expect("the daemon starts");
        Daemon(Some(child))
    }

    /// Every target of every post, from `chorus post list --json`.
    fn targets(&self) -> Vec<Value> {
        self.json(&["post", "list"], None)
            .as_array()
            .expect("posts")
            .iter()
            .flat_map(|p| p["targets"].as_array().cloned().unwrap_or_default())
            .collect()
    }
}

/// A running daemon, killed if the test ends first.
struct Daemon(Option<Child>);

impl Daemon {
    fn pid(&self) -> u32 {
        self.0.as_ref().expect("running").id()
    }

    fn sigkill(&mut self) {
        if let Some(mut child) = self.0.take() {
            // Child::kill is SIGKILL on Unix: no shutdown code runs.
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
        }
    }

    /// SIGTERM, then a bounded wait for a clean exit.
    fn sigterm(&mut self) -> bool {
        let Some(mut child) = self.0.take() else {
            return false;
        };
        let sent = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill -TERM");
        assert!(sent.success());
        for _ in 0..150 {
            if let Some(status) = child.try_wait().expect("try_wait") {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = child.kill();
        let _ = child.wait();
        false
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One post as planned: its segments' texts.
struct Planned {
    segments: Vec<String>,
}

/// A post as a server holds it.
#[derive(Debug, Clone)]
struct Posted {
    id: String,
    text: String,
    parent: Option<String>,
}

fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[test]
#[ignore = "needs the local test servers: make test-networks"]
fn killing_the_daemon_never_loses_or_doubles_a_post_on_atproto_reference_mastodon_mock_and_nostr_rs_relay()
 {
    let seed = std::env::var("CHORUS_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    println!("crash test seed: {seed} (replay with CHORUS_CRASH_SEED={seed})");
    let mut rng = SplitMix64(seed);

    let (pds, masto, relay) = (
        servers::pds_url(),
        servers::mastodon_mock_url(),
        servers::nostr_relay_url(),
    );
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let tmp = tempfile::tempdir().expect("tempdir");
    let chorus = Chorus {
        cli: support::Chorus::at(tmp.path()),
        // CHORUS_CRASH_LOGS=DIR keeps the daemon's output for a look afterwards.
        logs: std::env::var_os("CHORUS_CRASH_LOGS")
            .map(PathBuf::from)
            .unwrap_or_else(|| tmp.path().to_path_buf()),
    };

    // --- a workspace and three channels, connected through the CLI ---------------------------
    chorus.json(
        &[
            "workspace",
            "create",
            "--name",
            "Crash",
            "--timezone",
            "Europe/Berlin",
        ],
        None,
    );
    let account = runtime.block_on(servers::bluesky_account(&pds));
    let bsky = chorus.json(
        &[
            "channel",
            "add",
            "bluesky",
            "--handle",
            &account.handle,
            "--service",
            &pds,
            "--secret-stdin",
        ],
        Some(&account.app_password),
    );
    let token = runtime.block_on(servers::mastodon_mock_user(&masto));
    let mastodon = chorus.json(
        &[
            "channel",
            "add",
            "mastodon",
            "--instance",
            &masto,
            "--secret-stdin",
        ],
        Some(&token),
    );
    let nostr = chorus.json(
        &["channel", "add", "nostr", "--relay", &relay, "--generate"],
        None,
    );
    let npub = nostr["handle"].as_str().expect("npub").to_owned();
    let channel_ids: Vec<String> = [&bsky, &mastodon, &nostr]
        .iter()
        .map(|c| c["id"].as_i64().expect("channel id").to_string())
        .collect();
    let network_of: HashMap<i64, String> = [&bsky, &mastodon, &nostr]
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().expect("id"),
                c["network"].as_str().expect("network").to_owned(),
            )
        })
        .collect();

    // --- 30 posts due now, every fifth a thread of three, some of two -------------------------
    let run = servers::unique("r");
    let mut planned: HashMap<i64, Planned> = HashMap::new();
    for i in 0..POSTS {
        let first = format!("Crash run {run}: post {i:02}");
        let extra = match i % 5 {
            0 => 2,
            3 => 1,
            _ => 0,
        };
        let mut segments = vec![first];
        for k in 1..=extra {
            segments.push(format!("Crash run {run}: post {i:02}, part {}", k + 1));
        }
        let mut args: Vec<&str> = vec!["post", "create", "--now", "--text", &segments[0]];
        for id in &channel_ids {
            args.extend(["--channel", id]);
        }
        for part in &segments[1..] {
            args.extend(["--thread", part]);
        }
        let post = chorus.json(&args, None);
        planned.insert(post["id"].as_i64().expect("post id"), Planned { segments });
    }
    let expected_targets = POSTS * channel_ids.len();
    assert_eq!(chorus.targets().len(), expected_targets);

    // --- kill it again and again ------------------------------------------------------------
    let database = chorus.cli.data_dir.join("chorus.sqlite3");
    let segments_out = || -> i64 {
        rusqlite::Connection::open(&database)
            .expect("db")
            .query_row("SELECT count(*) FROM target_segments", [], |r| r.get(0))
            .expect("count")
    };
    let mut kills = 0;
    let mut stalled_runs = 0;
    let mut segments_before = 0;
    let mut published_after_kill = Vec::new();
    for _ in 0..KILLS {
        let targets = chorus.targets();
        let count = |state: &str| targets.iter().filter(|t| t["state"] == state).count();
        if count("scheduled") + count("publishing") == 0 {
            println!("nothing left to publish after {kills} kills");
            break;
        }
        let delay =
            (rng.between(&KILL_AFTER_MS) + STALL_EXTRA_MS * stalled_runs).min(MAX_KILL_AFTER_MS);
        let mut daemon = chorus.daemon();
        std::thread::sleep(Duration::from_millis(delay));
        let pid = daemon.pid();
        daemon.sigkill();
        kills += 1;

        let segments = segments_out();
        stalled_runs = if segments == segments_before {
            stalled_runs + 1
        } else {
            0
        };
        segments_before = segments;
        let targets = chorus.targets();
        let count = |state: &str| targets.iter().filter(|t| t["state"] == state).count();
        let published = count("published");
        println!(
            "kill {kills}: pid {pid} after {delay} ms; segments out {segments}; targets published \
             {published}/{expected_targets}, publishing {}, scheduled {}",
            count("publishing"),
            count("scheduled")
        );
        published_after_kill.push(published);
    }

    // --- then let it finish -----------------------------------------------------------------
    let mut daemon = chorus.daemon();
    let mut settled = false;
    for _ in 0..FINAL_POLLS {
        std::thread::sleep(POLL);
        let busy = chorus
            .targets()
            .iter()
            .filter(|t| t["state"] == "scheduled" || t["state"] == "publishing")
            .count();
        if busy == 0 {
            settled = true;
            break;
        }
    }
    let clean_exit = daemon.sigterm();
    assert!(
        settled,
        "targets still scheduled or publishing after the final run; daemon log:\n{}",
        tail(&chorus.logs.join("daemon.err"), 60)
    );
    assert!(clean_exit, "the daemon stops cleanly on SIGTERM");

    // --- what the servers hold --------------------------------------------------------------
    let on_server: HashMap<String, Vec<Posted>> = runtime.block_on(async {
        let bluesky = servers::bluesky_posts(&pds, &account.did)
            .await
            .into_iter()
            .map(|r| Posted {
                id: r["uri"].as_str().expect("uri").to_owned(),
                text: r["value"]["text"].as_str().expect("text").to_owned(),
                parent: r["value"]["reply"]["parent"]["uri"]
                    .as_str()
                    .map(str::to_owned),
            })
            .collect();
        let mastodon = servers::mastodon_mock_statuses(&masto, &token)
            .await
            .into_iter()
            .map(|s| Posted {
                id: s["id"].as_str().expect("id").to_owned(),
                text: servers::html_text(s["content"].as_str().expect("content"))
                    .trim()
                    .to_owned(),
                parent: s["in_reply_to_id"].as_str().map(str::to_owned),
            })
            .collect();
        let nostr = servers::nostr_notes(&relay, &servers::nostr_public_key_hex(&npub))
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
            .collect();
        HashMap::from([
            ("bluesky".to_owned(), bluesky),
            ("mastodon".to_owned(), mastodon),
            ("nostr".to_owned(), nostr),
        ])
    });

    // Each server holds only planned texts, none twice.
    let planned_texts: Vec<&String> = planned.values().flat_map(|p| &p.segments).collect();
    for (network, posted) in &on_server {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for p in posted {
            assert!(
                planned_texts.contains(&&p.text),
                "{network} holds a post nobody planned: {p:?}"
            );
            *seen.entry(p.text.as_str()).or_default() += 1;
        }
        let doubled: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
        assert!(
            doubled.is_empty(),
            "{network} holds duplicates: {doubled:?}"
        );
    }

    // Every target: published and on the server once, chained, with the ids the database
    // recorded; or failed/unconfirmed with a reason.
    let db = rusqlite::Connection::open(&database).expect("db");
    let mut states: HashMap<String, usize> = HashMap::new();
    let mut interrupted_attempts = 0_i64;
    for (post_id, plan) in &planned {
        let details = chorus.json(&["post", "show", &post_id.to_string()], None);
        for target in details["targets"].as_array().expect("targets") {
            let state = target["state"].as_str().expect("state").to_owned();
            *states.entry(state.clone()).or_default() += 1;
            let target_id = target["id"].as_i64().expect("target id");
            let network = &network_of[&target["channelId"].as_i64().expect("channel id")];
            let posted = &on_server[network];
            let found: Vec<Option<&Posted>> = plan
                .segments
                .iter()
                .map(|text| posted.iter().find(|p| &p.text == text))
                .collect();
            match state.as_str() {
                "published" => {
                    let mut stmt = db
                        .prepare(
                            "SELECT segment, remote_id FROM target_segments WHERE variant_id = ?1 ORDER BY segment",
                        )
                        .expect("prepare");
                    let saved: Vec<(u32, String)> = stmt
                        .query_map([target_id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .expect("query")
                        .collect::<Result<_, _>>()
                        .expect("rows");
                    assert_eq!(
                        saved.len(),
                        plan.segments.len(),
                        "target {target_id} ({network}) saved every segment"
                    );
                    for (k, text) in plan.segments.iter().enumerate() {
                        let this = found[k].unwrap_or_else(|| {
                            panic!(
                                "target {target_id} is published but {text:?} is not on {network}"
                            )
                        });
                        assert_eq!(
                            saved[k],
                            (k as u32, this.id.clone()),
                            "{network}: the database has the server's id for {text:?}"
                        );
                        let parent = k.checked_sub(1).and_then(|p| found[p]).map(|p| &p.id);
                        assert_eq!(
                            this.parent.as_ref(),
                            parent,
                            "{network}: {text:?} replies to the segment before it"
                        );
                    }
                }
                "failed" | "unconfirmed" => {
                    let reason = target["lastError"].as_str().unwrap_or_default();
                    assert!(
                        !reason.trim().is_empty(),
                        "target {target_id} ({network}) is {state} without a reason"
                    );
                    println!("target {target_id} ({network}) {state}: {reason}");
                }
                other => panic!("target {target_id} ({network}) ended {other}: {target}"),
            }
        }
        interrupted_attempts += db
            .query_row(
                "SELECT count(*) FROM publish_attempts a JOIN post_variants v ON v.id = a.variant_id
                 WHERE v.post_id = ?1 AND a.outcome = 'in_progress'",
                [post_id],
                |r| r.get::<_, i64>(0),
            )
            .expect("count");
    }
    let total: usize = states.values().sum();
    assert_eq!(total, expected_targets, "no target lost");

    let mut states: Vec<_> = states.into_iter().collect();
    states.sort();
    println!(
        "crash test summary (seed {seed}): {kills} SIGKILLs, then one run to the end; \
         published after each kill: {published_after_kill:?}; final states: {states:?}; \
         attempts cut short by a kill: {interrupted_attempts}; on the servers: bluesky {}, \
         mastodon-mock {}, nostr-rs-relay {}",
        on_server["bluesky"].len(),
        on_server["mastodon"].len(),
        on_server["nostr"].len(),
    );
}

/// `chorus post create` in one process while `chorus daemon` publishes from the same data dir
/// in another. The daemon looks at the schedule at least every 30 s by itself; the CLI's
/// wake-up datagram (chorus_core::publish::wake) must make it publish at once. The test waits
/// at most 15 s, half that, so it fails without the wake-up.
#[test]
#[ignore = "needs the local test servers: make test-networks"]
fn a_post_created_with_the_cli_wakes_the_running_daemon_at_once_on_nostr_rs_relay() {
    let relay = servers::nostr_relay_url();
    let tmp = tempfile::tempdir().expect("tempdir");
    let chorus = Chorus {
        cli: support::Chorus::at(tmp.path()),
        logs: tmp.path().to_path_buf(),
    };
    chorus.json(
        &["workspace", "create", "--name", "Wake", "--timezone", "UTC"],
        None,
    );
    let nostr = chorus.json(
        &["channel", "add", "nostr", "--relay", &relay, "--generate"],
        None,
    );
    let channel = nostr["id"].as_i64().expect("channel id").to_string();
    let mut daemon = chorus.daemon();
    let port_file = chorus.cli.data_dir.join("publisher.wake");
    for _ in 0..150 {
        if port_file.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        port_file.exists(),
        "the daemon listens for wake-ups:\n{}",
        tail(&chorus.logs.join("daemon.err"), 20)
    );
    // Let the daemon settle into its long sleep (nothing is due).
    std::thread::sleep(Duration::from_secs(1));

    let text = format!("Wake run {}", servers::unique("w"));
    chorus.json(
        &[
            "post",
            "create",
            "--channel",
            &channel,
            "--text",
            &text,
            "--now",
        ],
        None,
    );
    let mut state = String::new();
    for _ in 0..75 {
        state = chorus.targets()[0]["state"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if state == "published" {
            break;
        }
        std::thread::sleep(POLL);
    }
    assert_eq!(
        state,
        "published",
        "the daemon did not publish within 15 s of the CLI's post:\n{}",
        tail(&chorus.logs.join("daemon.err"), 30)
    );
    assert!(daemon.sigterm(), "the daemon stops cleanly");
    assert!(!port_file.exists(), "and takes its port file with it");
}
