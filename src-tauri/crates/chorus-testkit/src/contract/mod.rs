//! The adapter contract: what every network adapter must do against its server, the same
//! checks for each. A network joins with one [`ContractServer`] for its test server (in
//! [`servers`]) and one line in `tests/contract_live.rs`.
//!
//! Checked through the registry's own factory ([`ChannelConfig::connect`]), as the app builds
//! it, and read back from the server without the adapter wherever the adapter could fool
//! itself (which post a reply answers):
//! 1. the same idempotency key published twice gives one post;
//! 2. after a lost answer, reconcile finds the post (and before it went out, says so);
//! 3. thread segments chain, each answering the one before;
//! 4. fetch returns a post's text, and `None` once deleted;
//! 5. an inbox page brings a mention, and its cursor brings the next one;
//! 6. a reply from the inbox threads under the item it answers;
//! 7. text over the declared length is refused by validation, and text at it is not.

pub mod servers;

use std::time::{Duration, Instant};

use async_trait::async_trait;
use chorus_networks::{
    AccountInfo, ChannelConfig, ConnectOptions, IdempotencyKey, InboxPage, InboxSource,
    InboxTarget, IncomingItem, Network, OutgoingPost, Reconciled, RemotePost, ReplyTarget,
    TextCounting,
};

/// Each network call may take this long (a loaded CI machine, a PDS signing in with scrypt).
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// Waiting for a mention to reach an inbox (the AT Protocol appview indexes asynchronously).
const INBOX_WAIT: Duration = Duration::from_secs(60);

/// A fresh account on the server under test.
#[derive(Debug, Clone)]
pub struct Account {
    pub config: ChannelConfig,
    pub secret: String,
}

/// What the contract needs from a network's test server.
#[async_trait]
pub trait ContractServer: Send + Sync {
    /// Named in every failure, saying whether it is the real server or a mock.
    fn name(&self) -> &'static str;

    /// A new account, as a channel would store it.
    async fn account(&self) -> Account;

    /// Another account on the server mentions `ours` with `text`; the mention's post.
    async fn mention(&self, ours: &AccountInfo, text: &str) -> RemotePost;

    /// The id of the post that `post` (by `ours`) answers, read from the server directly.
    async fn parent_of(
        &self,
        account: &Account,
        ours: &AccountInfo,
        post: &RemotePost,
    ) -> Option<String>;
}

/// A number no earlier run on the same server used, for idempotency keys.
fn fresh_target() -> i64 {
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or_default();
    (micros % 1_000_000_000_000) as i64
}

fn text(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.to_owned(),
        ..OutgoingPost::default()
    }
}

/// Runs every check of the contract against `server`, panicking with the server's name and
/// the check that failed.
pub async fn check(server: &dyn ContractServer) {
    let name = server.name();
    let account = server.account().await;
    let network = account
        .config
        .connect(
            &account.secret,
            &ConnectOptions {
                timeout: Some(CALL_TIMEOUT),
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: the registry cannot build the network: {e}"));
    let me = network
        .publisher
        .verify_credentials()
        .await
        .unwrap_or_else(|e| panic!("{name}: the new account's credentials are refused: {e}"));
    let target = fresh_target();
    let key = |n: i64, segment: u32| IdempotencyKey::new(target + n, segment, chrono::Utc::now());

    same_key_twice_gives_one_post(name, &network, key(1, 0)).await;
    reconcile_finds_a_post_whose_answer_was_lost(name, &network, key(2, 0)).await;
    thread_segments_chain(
        name,
        server,
        &account,
        &me,
        &network,
        [key(3, 0), key(3, 1), key(3, 2)],
    )
    .await;
    over_long_text_is_refused_as_declared(name, &network);
    inbox_pages_follow_their_cursor_and_replies_thread(
        name,
        server,
        &account,
        &me,
        &network,
        key(4, 0),
    )
    .await;
}

async fn same_key_twice_gives_one_post(name: &str, network: &Network, key: IdempotencyKey) {
    let post = text("Contract: one key, one post.");
    let first = network
        .publisher
        .publish(&key, &post, None)
        .await
        .unwrap_or_else(|e| panic!("{name}: publish: {e}"));
    let again = network
        .publisher
        .publish(&key, &post, None)
        .await
        .unwrap_or_else(|e| panic!("{name}: publishing the same key again must not fail: {e}"));
    assert_eq!(
        first.id, again.id,
        "{name}: the same key published twice must give the same post"
    );
    let fetched = network
        .publisher
        .fetch(&first)
        .await
        .unwrap_or_else(|e| panic!("{name}: fetch: {e}"));
    assert_eq!(
        fetched.as_deref(),
        Some(post.text.as_str()),
        "{name}: fetch returns the published text"
    );
}

async fn reconcile_finds_a_post_whose_answer_was_lost(
    name: &str,
    network: &Network,
    key: IdempotencyKey,
) {
    let post = text("Contract: the answer was lost, the post was not.");
    let before = network
        .publisher
        .reconcile(&key, &post)
        .await
        .unwrap_or_else(|e| panic!("{name}: reconcile before publishing: {e}"));
    assert_eq!(
        before,
        Reconciled::NotPublished,
        "{name}: nothing went out yet, so publishing is safe"
    );
    // The answer of this publish is thrown away, as a dropped connection would lose it.
    let published = network
        .publisher
        .publish(&key, &post, None)
        .await
        .unwrap_or_else(|e| panic!("{name}: publish: {e}"));
    let after = network
        .publisher
        .reconcile(&key, &post)
        .await
        .unwrap_or_else(|e| panic!("{name}: reconcile after publishing: {e}"));
    match after {
        Reconciled::Published(found) => assert_eq!(
            found.id, published.id,
            "{name}: reconcile must find the very post that went out"
        ),
        other => panic!("{name}: reconcile after a lost answer said {other:?}"),
    }
}

async fn thread_segments_chain(
    name: &str,
    server: &dyn ContractServer,
    account: &Account,
    me: &AccountInfo,
    network: &Network,
    keys: [IdempotencyKey; 3],
) {
    let mut published: Vec<RemotePost> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let reply = match (published.first(), published.last()) {
            (Some(root), Some(parent)) => Some(ReplyTarget {
                root: root.clone(),
                parent: parent.clone(),
            }),
            _ => None,
        };
        let segment = network
            .publisher
            .publish(
                key,
                &text(&format!("Contract thread, part {}.", i + 1)),
                reply.as_ref(),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: thread segment {}: {e}", i + 1));
        published.push(segment);
    }
    for pair in published.windows(2) {
        assert_eq!(
            server.parent_of(account, me, &pair[1]).await.as_deref(),
            Some(pair[0].id.as_str()),
            "{name}: each thread segment answers the one before it (read from the server)"
        );
    }
    let last = published.last().expect("three segments");
    network
        .publisher
        .delete(last)
        .await
        .unwrap_or_else(|e| panic!("{name}: delete: {e}"));
    assert_eq!(
        network
            .publisher
            .fetch(last)
            .await
            .unwrap_or_else(|e| panic!("{name}: fetch after delete: {e}")),
        None,
        "{name}: a deleted post fetches as gone"
    );
}

fn over_long_text_is_refused_as_declared(name: &str, network: &Network) {
    let rules = &network.capabilities.text;
    let unit = match rules.counting {
        TextCounting::Bytes => "x",
        _ => "é",
    };
    let text_problems = |n: usize| {
        network
            .publisher
            .validate(&text(&unit.repeat(n)))
            .into_iter()
            .filter(|p| p.field == "text")
            .count()
    };
    match rules.max_length {
        Some(limit) => {
            assert_eq!(
                text_problems(limit as usize),
                0,
                "{name}: {limit} is allowed"
            );
            assert_eq!(
                text_problems(limit as usize + 1),
                1,
                "{name}: {} is over the declared {limit}",
                limit + 1
            );
        }
        None => assert_eq!(
            text_problems(5000),
            0,
            "{name}: no length limit is declared, so a long text passes"
        ),
    }
}

/// Fetches pages from `cursor` on until one brings `wanted`; returns that item and the cursor
/// to ask with next.
async fn fetch_until(
    name: &str,
    inbox: &dyn InboxSource,
    mut cursor: Option<String>,
    wanted: &RemotePost,
) -> (IncomingItem, Option<String>) {
    let started = Instant::now();
    loop {
        let InboxPage {
            items,
            cursor: next,
        } = inbox
            .fetch_inbox(cursor.as_deref())
            .await
            .unwrap_or_else(|e| panic!("{name}: fetch_inbox: {e}"));
        if next.is_some() {
            cursor = next;
        }
        if let Some(item) = items.into_iter().find(|i| i.post.id == wanted.id) {
            return (item, cursor);
        }
        assert!(
            started.elapsed() < INBOX_WAIT,
            "{name}: the mention {} never reached the inbox",
            wanted.id
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn inbox_pages_follow_their_cursor_and_replies_thread(
    name: &str,
    server: &dyn ContractServer,
    account: &Account,
    me: &AccountInfo,
    network: &Network,
    reply_key: IdempotencyKey,
) {
    let inbox = network
        .inbox
        .as_deref()
        .unwrap_or_else(|| panic!("{name}: the contract's inbox checks need the inbox group"));
    let start = inbox
        .fetch_inbox(None)
        .await
        .unwrap_or_else(|e| panic!("{name}: the first inbox page: {e}"));
    let first = server
        .mention(me, "Contract: is the shop open today?")
        .await;
    let (item, cursor) = fetch_until(name, inbox, start.cursor, &first).await;
    assert!(
        item.text.contains("is the shop open today?"),
        "{name}: the item carries the mention's text: {:?}",
        item.text
    );
    let second = server.mention(me, "Contract: and tomorrow?").await;
    let (_, _) = fetch_until(name, inbox, cursor, &second).await;

    let reply = inbox
        .reply(
            &reply_key,
            &InboxTarget {
                post: item.post.clone(),
                root: item.root.clone(),
                author_id: item.author.id.clone(),
            },
            "Contract: until six.",
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: reply: {e}"));
    assert_eq!(
        server.parent_of(account, me, &reply).await.as_deref(),
        Some(first.id.as_str()),
        "{name}: the reply answers the mention (read from the server)"
    );
}
