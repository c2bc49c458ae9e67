//! Opening a month on the calendar with 10,000 posts in the database: how long does the query
//! for one visible range take? The goal: under 5 ms.
//!
//! `cargo bench -p chorus-core --bench calendar_range` (also `make bench`). Prints figures and
//! asserts nothing about time; it does fail when a range returns the wrong posts.
//!
//! The database is built through the real `post::create` (3 channels per post, so 30,000
//! publish targets), then two layouts are measured, each over a month grid (42 days, the most a
//! month view shows) and a week:
//! - "spread": 10,000 posts over one year (about 27 a day), the realistic heavy user;
//! - "packed": 10,000 posts inside the one month being opened, the worst case.
//!
//! Each figure is `calendar::range` (SQL + grouping into entries) and, beside it, the same plus
//! `serde_json::to_vec` of the result: what the app sends across IPC to the webview. The
//! minimum is printed too: on a shared machine it moves least between runs, so it is the figure
//! to compare two versions of the code by.
//! Settings: `CHORUS_BENCH_POSTS` (10000), `CHORUS_BENCH_RUNS` (200).

use chorus_core::calendar;
use chorus_core::channel::{self, ChannelConfig};
use chorus_core::post::{self, NewPost, When};
use chorus_core::secrets::MemorySecretStore;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, FixedClock, Store};
use chorus_networks::AccountInfo;
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::time::Instant;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

struct Db {
    _tmp: tempfile::TempDir,
    dir: DataDir,
    store: Store,
    workspace: i64,
}

/// A workspace with three channels and `posts` posts, the i-th at `at(i)`.
fn build(posts: usize, at: impl Fn(usize) -> DateTime<Utc>) -> BenchResult<Db> {
    let tmp = tempfile::tempdir()?;
    let dir = DataDir::at(tmp.path().join("data"))?;
    let mut store = Store::open(dir.database_path())?;
    // Created "before" every post time, so none is in the past.
    let clock = FixedClock::new(start() - Duration::days(1));
    let ws = workspace::create(
        store.connection(),
        &clock,
        &NewWorkspace {
            name: "Bench Bakery".into(),
            timezone: "Europe/Berlin".into(),
        },
    )?;
    let mut channels = Vec::new();
    for handle in [
        "bakery.bsky.social",
        "bakery@mastodon.example",
        "npub-bakery",
    ] {
        channels.push(
            channel::create(
                store.connection_mut(),
                &clock,
                &MemorySecretStore::default(),
                ws.id,
                &ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: vec!["wss://relay.example".into()],
                }),
                &AccountInfo {
                    id: handle.into(),
                    handle: handle.into(),
                    display_name: "Bakery".into(),
                },
                "secret",
            )?
            .id,
        );
    }
    let text = "Fresh sourdough out of the oven at seven, rye at eight. Come early: the \
                cinnamon buns went by nine yesterday! #bakery #sourdough https://bakery.example";
    for i in 0..posts {
        post::create(
            store.connection_mut(),
            &clock,
            &dir,
            &NewPost {
                workspace_id: ws.id,
                channel_ids: channels.clone(),
                text: format!("{i}: {text}"),
                thread: vec![],
                images: vec![],
                when: When::At(at(i)),
                content_warning: None,
                language: None,
                deliver_on_server: false,
                variants: vec![],
                tags: Vec::new(),
            },
            &|_, _| vec![],
        )?;
    }
    Ok(Db {
        _tmp: tmp,
        dir,
        store,
        workspace: ws.id,
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn measure(
    db: &Db,
    label: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    runs: usize,
) -> BenchResult<()> {
    let conn = db.store.connection();
    let expected = conn.query_row(
        "SELECT count(*) FROM posts WHERE workspace_id = ?1 AND scheduled_at >= ?2 AND scheduled_at < ?3",
        rusqlite::params![
            db.workspace,
            chorus_core::clock::to_db_instant(from),
            chorus_core::clock::to_db_instant(to)
        ],
        |r| r.get::<_, i64>(0),
    )? as usize;
    let mut query_ms = Vec::with_capacity(runs);
    let mut ipc_ms = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let entries = calendar::range(conn, &db.dir, db.workspace, from, to)?;
        query_ms.push(t.elapsed().as_secs_f64() * 1e3);
        if entries.len() != expected || entries.iter().any(|e| e.targets.len() != 3) {
            return Err(format!(
                "{label}: got {} entries, expected {expected} with 3 targets each",
                entries.len()
            )
            .into());
        }
        let t = Instant::now();
        let entries = calendar::range(conn, &db.dir, db.workspace, from, to)?;
        bytes = serde_json::to_vec(&entries)?.len();
        ipc_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    query_ms.sort_by(f64::total_cmp);
    ipc_ms.sort_by(f64::total_cmp);
    println!(
        "{label:<28} {expected:>6} posts | range min {:>6.2} ms  p50 {:>6.2}  p95 {:>6.2}  p99 {:>6.2} | +json p50 {:>6.2} ms  p99 {:>6.2} | {:>7} KiB",
        query_ms[0],
        percentile(&query_ms, 0.5),
        percentile(&query_ms, 0.95),
        percentile(&query_ms, 0.99),
        percentile(&ipc_ms, 0.5),
        percentile(&ipc_ms, 0.99),
        bytes / 1024
    );
    Ok(())
}

fn main() -> BenchResult<()> {
    let posts = env_usize("CHORUS_BENCH_POSTS", 10_000);
    let runs = env_usize("CHORUS_BENCH_RUNS", 200);
    println!("calendar_range: {posts} posts x 3 channels in the database, {runs} runs each");

    let t = Instant::now();
    let year = Duration::days(365).num_seconds() as usize;
    let spread = build(posts, |i| {
        start() + Duration::seconds((i * year / posts) as i64)
    })?;
    println!("  built 'spread' in {:.1} s", t.elapsed().as_secs_f64());
    // March: a month grid starts on the Monday before the 1st and shows 6 weeks.
    let march = Utc
        .with_ymd_and_hms(2027, 2, 22, 0, 0, 0)
        .single()
        .unwrap_or_default();
    measure(
        &spread,
        "spread: month grid",
        march,
        march + Duration::days(42),
        runs,
    )?;
    measure(
        &spread,
        "spread: week",
        march,
        march + Duration::days(7),
        runs,
    )?;

    let t = Instant::now();
    let month = Duration::days(30).num_seconds() as usize;
    let packed = build(posts, |i| {
        march + Duration::days(7) + Duration::seconds((i * month / posts) as i64)
    })?;
    println!("  built 'packed' in {:.1} s", t.elapsed().as_secs_f64());
    measure(
        &packed,
        "packed: month grid",
        march,
        march + Duration::days(42),
        runs,
    )?;
    measure(
        &packed,
        "packed: week",
        march + Duration::days(7),
        march + Duration::days(14),
        runs,
    )?;
    Ok(())
}
