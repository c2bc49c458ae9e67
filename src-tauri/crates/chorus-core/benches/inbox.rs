//! The inbox with 100,000 items: full-text search, the unread count and the first page of the
//! list. The issue's goals: search p95 under 20 ms, unread count under 1 ms.
//!
//! `cargo bench -p chorus-core --bench inbox` (also `make bench`). Prints figures and asserts
//! nothing about time; it does fail when a search misses an item it must find.
//!
//! Items are stored through the real `inbox::store::store_page` (triggers, FTS index and
//! counters included), 1,000 per transaction, over 3 channels, with text drawn from a
//! 2,000-word vocabulary (a few common words, many rare ones, like real chatter), so searches
//! range from a rare word (few hits) to a common one (tens of thousands of hits, of which the
//! newest 100 are returned). Settings: `CHORUS_BENCH_ITEMS` (100000), `CHORUS_BENCH_RUNS` (300).

use chorus_core::inbox::store::{self, InboxFilter};
use chorus_core::{DataDir, Store, channel};
use chorus_networks::{InboxAuthor, InboxKind, IncomingItem, RemotePost};
use chrono::{Duration, TimeZone, Utc};
use std::time::Instant;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A small deterministic generator (SplitMix64), so every run builds the same inbox.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Skewed towards small numbers: word 0 is far more common than word 1,999.
    fn word(&mut self, vocabulary: usize) -> usize {
        let a = (self.next() % vocabulary as u64) as usize;
        let b = (self.next() % vocabulary as u64) as usize;
        a.min(b).min((self.next() % vocabulary as u64) as usize)
    }
}

fn vocabulary() -> Vec<String> {
    let syllables = [
        "ba", "ke", "ri", "so", "lu", "ma", "ne", "ti", "po", "cha", "dor", "vel", "qui", "zan",
        "mo", "fe", "gri", "sal", "tor", "wen",
    ];
    let mut words = Vec::with_capacity(2000);
    'outer: for a in syllables {
        for b in syllables {
            for c in ["", "n", "s", "l", "r"] {
                words.push(format!("{a}{b}{c}"));
                if words.len() == 2000 {
                    break 'outer;
                }
            }
        }
    }
    words
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn report(what: &str, mut samples: Vec<f64>) {
    samples.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{what:<46} p50 {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms   ({} runs)",
        percentile(&samples, 0.50),
        percentile(&samples, 0.95),
        samples.last().copied().unwrap_or_default(),
        samples.len()
    );
}

fn main() -> BenchResult<()> {
    let total = env_usize("CHORUS_BENCH_ITEMS", 100_000);
    let runs = env_usize("CHORUS_BENCH_RUNS", 300);
    let tmp = tempfile::tempdir()?;
    let dir = DataDir::at(tmp.path().join("data"))?;
    let mut store = Store::open(dir.database_path())?;
    store.connection().execute_batch(
        "INSERT INTO workspaces (id, name, timezone, created_at)
             VALUES (1, 'Bench', 'UTC', '2026-01-01T00:00:00.000Z');
         INSERT INTO channels (id, workspace_id, network, handle, config, created_at, secret_ref) VALUES
             (1, 1, 'bluesky', 'a.test', '{\"network\":\"bluesky\",\"serviceUrl\":\"http://x\",\"identifier\":\"a.test\"}', '2026-01-01T00:00:00.000Z', 'c1'),
             (2, 1, 'mastodon', 'b@x', '{\"network\":\"mastodon\",\"instanceUrl\":\"http://x\"}', '2026-01-01T00:00:00.000Z', 'c2'),
             (3, 1, 'nostr', 'npub1c', '{\"network\":\"nostr\",\"relays\":[\"ws://x\"]}', '2026-01-01T00:00:00.000Z', 'c3');",
    )?;
    let channels = (1..=3)
        .map(|id| channel::get(store.connection(), id))
        .collect::<Result<Vec<_>, _>>()?;
    let words = vocabulary();
    let mut rng = Rng(42);
    let start = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .ok_or("start time")?;

    let built = Instant::now();
    let mut made = 0;
    while made < total {
        let batch = 1000.min(total - made);
        for channel in &channels {
            let items: Vec<IncomingItem> = (0..batch)
                .filter(|i| (made + i) % 3 == (channel.id as usize - 1))
                .map(|i| {
                    let n = made + i;
                    let len = 8 + (rng.next() % 25) as usize;
                    let text: Vec<&str> = (0..len)
                        .map(|_| words[rng.word(words.len())].as_str())
                        .collect();
                    let post = RemotePost {
                        id: format!("remote-{n}"),
                        cid: None,
                        url: None,
                    };
                    IncomingItem {
                        kind: if n % 4 == 0 {
                            InboxKind::Reply
                        } else {
                            InboxKind::Mention
                        },
                        web_url: None,
                        author: InboxAuthor {
                            id: format!("author-{}", n % 5000),
                            name: format!("Author {}", n % 5000),
                            handle: format!("author{}.test", n % 5000),
                            avatar_url: None,
                        },
                        text: text.join(" "),
                        html: None,
                        images: vec![],
                        in_reply_to: None,
                        in_reply_to_text: None,
                        root: RemotePost {
                            id: format!("root-{}", n / 4),
                            cid: None,
                            url: None,
                        },
                        post,
                        created_at: start + Duration::seconds(n as i64 * 30),
                    }
                })
                .collect();
            store::store_page(
                store.connection_mut(),
                channel,
                &items,
                Some("cursor"),
                "2026-06-01T00:00:00.000Z",
            )?;
        }
        made += batch;
    }
    let build_ms = built.elapsed().as_secs_f64() * 1000.0;
    // Half of them read, so the unread counters have something to count.
    let conn = store.connection();
    conn.execute("UPDATE inbox_items SET read = 1 WHERE id % 2 = 0", [])?;
    let items: i64 = conn.query_row("SELECT count(*) FROM inbox_items", [], |r| r.get(0))?;
    println!(
        "inbox bench: {items} items over 3 channels, stored in {build_ms:.0} ms ({:.1} µs/item)",
        build_ms * 1000.0 / items as f64
    );

    // Queries: a common word, a mid-frequency one, a rare one, a prefix, two words, an author.
    let queries: Vec<String> = vec![
        words[0].clone(),
        words[50].clone(),
        words[1500].clone(),
        words[300][..3].to_owned(),
        format!("{} {}", words[2], words[40]),
        "Author 4242".into(),
    ];
    for q in &queries {
        let hits = store::list(
            conn,
            &InboxFilter {
                search: Some(q.clone()),
                ..Default::default()
            },
        )?;
        let found: usize = hits.conversations.iter().map(|c| c.items.len()).sum();
        if found == 0 {
            return Err(format!("search {q:?} found nothing").into());
        }
        let matching: i64 = conn.query_row(
            "SELECT count(*) FROM inbox_fts WHERE inbox_fts MATCH ?1",
            [store::fts_query(q).unwrap_or_default()],
            |r| r.get(0),
        )?;
        println!("  search {q:<24} {matching:>6} matching items, first page {found}");
    }

    let mut all = Vec::with_capacity(runs);
    for run in 0..runs {
        let q = &queries[run % queries.len()];
        let t = Instant::now();
        store::list(
            conn,
            &InboxFilter {
                search: Some(q.clone()),
                ..Default::default()
            },
        )?;
        all.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("search (6 queries, first page of 100)", all);

    for (label, q) in [
        ("search rare word", &queries[2]),
        ("search most common word", &queries[0]),
    ] {
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            store::list(
                conn,
                &InboxFilter {
                    search: Some(q.clone()),
                    ..Default::default()
                },
            )?;
            samples.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        report(label, samples);
    }

    let mut samples = Vec::with_capacity(runs * 10);
    for _ in 0..runs * 10 {
        let t = Instant::now();
        std::hint::black_box(store::unread_count(conn, None)?);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let unread = store::unread_count(conn, None)?;
    let counted: i64 =
        conn.query_row("SELECT count(*) FROM inbox_items WHERE read = 0", [], |r| {
            r.get(0)
        })?;
    if unread != counted {
        return Err(format!("unread counter {unread} but {counted} unread rows").into());
    }
    report(&format!("unread count ({unread} unread)"), samples);

    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        store::list(conn, &InboxFilter::default())?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("list first page (100, grouped)", samples);

    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        store::list(
            conn,
            &InboxFilter {
                channel_id: Some(2),
                status: Some(store::InboxStatus::Unread),
                ..Default::default()
            },
        )?;
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("list channel 2, unread", samples);
    Ok(())
}
