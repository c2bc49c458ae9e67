//! The inbox against real servers: another account mentions ours, a sync stores the mention
//! exactly once, a second sync and a restart (the database reopened) add nothing, and the
//! reply sent from the inbox lands in the mention's thread on the server. Bluesky: the AT
//! Protocol reference implementation (`@atproto/dev-env`); Nostr: a real `nostr-rs-relay`;
//! Mastodon: `mastodon-mock`, a MOCK of the Mastodon client API (no real Mastodon can be
//! installed here). Started by `tests/servers/with-servers.sh` (`make test-networks`).
//!
//! Each test also prints how long the mention took from being posted to being in the inbox
//! (polling every 100 ms): a figure, not an assertion.

use chorus_core::channel::{Channel, ChannelConfig};
use chorus_core::inbox::{Inbox, InboxFilter, InboxItem};
use chorus_core::publish::NetworkConnector;
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, Store, SystemClock};
use chorus_networks::bluesky::{Bluesky, BlueskyConfig};
use chorus_networks::mastodon::{Mastodon, MastodonConfig};
use chorus_networks::nostr::{Nostr, NostrConfig, NostrKeys};
use chorus_networks::{IdempotencyKey, InboxKind, OutgoingPost, Publisher, RemotePost};
use chorus_testkit::servers;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Setup {
    _tmp: tempfile::TempDir,
    db_path: PathBuf,
    secrets: Arc<dyn SecretStore>,
    service: Service,
    workspace_id: i64,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = DataDir::at(tmp.path().join("data")).expect("dir");
    let db_path = dir.database_path();
    let store = Arc::new(Mutex::new(Store::open(&db_path).expect("open")));
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
    let service = Service {
        store: store.clone(),
        dir,
        clock: Arc::new(SystemClock),
        secrets: secrets.clone(),
        connector: Arc::new(NetworkConnector::new(secrets.clone())),
        engine_waker: None,
    };
    let ws = workspace::create(
        store.lock().expect("lock").connection(),
        &SystemClock,
        &NewWorkspace {
            name: "Inbox".into(),
            timezone: "UTC".into(),
        },
    )
    .expect("workspace");
    Setup {
        _tmp: tmp,
        db_path,
        secrets,
        service,
        workspace_id: ws.id,
    }
}

impl Setup {
    fn inbox(&self) -> Inbox {
        Inbox::new(
            self.service.store.clone(),
            Arc::new(SystemClock),
            self.secrets.clone(),
        )
    }

    /// A fresh process's view: the database opened again from its file.
    fn reopened_inbox(&self) -> Inbox {
        let store = Arc::new(Mutex::new(Store::open(&self.db_path).expect("reopen")));
        Inbox::new(store, Arc::new(SystemClock), self.secrets.clone())
    }
}

fn post(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.to_owned(),
        ..OutgoingPost::default()
    }
}

fn items(inbox: &Inbox, channel: &Channel) -> Vec<InboxItem> {
    inbox
        .list(&InboxFilter {
            channel_id: Some(channel.id),
            ..Default::default()
        })
        .expect("list")
        .conversations
        .into_iter()
        .flat_map(|c| c.items)
        .collect()
}

/// Syncs every 100 ms until the mention is in the inbox; returns it and how long it took.
async fn wait_for(inbox: &Inbox, channel: &Channel, remote_id: &str) -> (InboxItem, Duration) {
    let started = Instant::now();
    loop {
        let report = inbox.sync(Some(channel.id)).await.expect("sync");
        assert_eq!(report[0].error, None);
        if let Some(item) = items(inbox, channel)
            .into_iter()
            .find(|i| i.remote_id == remote_id)
        {
            return (item, started.elapsed());
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the mention {remote_id} did not reach the inbox within 30 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// One item, and still one after another sync and after a restart.
async fn exactly_once(setup: &Setup, inbox: &Inbox, channel: &Channel, remote_id: &str) {
    let count = |inbox: &Inbox| {
        items(inbox, channel)
            .iter()
            .filter(|i| i.remote_id == remote_id)
            .count()
    };
    assert_eq!(count(inbox), 1);
    inbox.sync(Some(channel.id)).await.expect("second sync");
    assert_eq!(count(inbox), 1, "a second sync stored the mention again");
    let restarted = setup.reopened_inbox();
    let report = restarted
        .sync(Some(channel.id))
        .await
        .expect("sync after restart");
    assert!(
        report[0].new_items.iter().all(|i| i.remote_id != remote_id),
        "after a restart the mention came back as new"
    );
    assert_eq!(count(&restarted), 1, "a restart duplicated the mention");
    assert_eq!(restarted.unread_count(Some(channel.id)).expect("unread"), 1);
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn bluesky_mention_arrives_once_and_the_reply_threads_under_it() {
    let pds = servers::pds_url();
    let setup = setup();
    let ours = servers::bluesky_account(&pds).await;
    let theirs = servers::bluesky_account(&pds).await;
    let channel = setup
        .service
        .connect_channel(
            setup.workspace_id,
            None,
            ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                service_url: pds.clone(),
                identifier: ours.handle.clone(),
            }),
            ours.app_password.clone(),
        )
        .await
        .expect("connect");
    let inbox = setup.inbox();
    inbox.sync(Some(channel.id)).await.expect("first sync");

    let them = Bluesky::new(BlueskyConfig {
        service_url: url::Url::parse(&pds).expect("url"),
        identifier: theirs.handle.clone(),
        app_password: theirs.app_password.clone(),
    })
    .expect("adapter");
    let text = format!("Hi @{} do you open on Sundays?", ours.handle);
    let mention = them
        .publish(
            &IdempotencyKey::new(1, 0, chrono::Utc::now()),
            &post(&text),
            None,
        )
        .await
        .expect("they post the mention");

    let (item, took) = wait_for(&inbox, &channel, &mention.id).await;
    println!(
        "FIGURE bluesky mention -> inbox item: {} ms",
        took.as_millis()
    );
    assert_eq!(item.kind, InboxKind::Mention);
    assert_eq!(item.text, text);
    assert_eq!(item.author_handle, theirs.handle);
    assert!(!item.read);
    exactly_once(&setup, &inbox, &channel, &mention.id).await;

    let reply = inbox
        .reply(item.id, "Yes, from 8 to 12!")
        .await
        .expect("reply");
    assert_eq!(reply.status, "sent");
    let reply_uri = reply.remote_id.clone().expect("reply uri");
    let records = servers::bluesky_posts(&pds, &ours.did).await;
    let record = records
        .iter()
        .find(|r| r["uri"] == Value::String(reply_uri.clone()))
        .unwrap_or_else(|| panic!("the reply {reply_uri} is not in our repo"));
    assert_eq!(record["value"]["reply"]["root"]["uri"], mention.id.as_str());
    assert_eq!(
        record["value"]["reply"]["parent"]["uri"],
        mention.id.as_str()
    );
    assert_eq!(
        record["value"]["reply"]["parent"]["cid"].as_str(),
        mention.cid.as_deref()
    );
    assert!(
        inbox.get(item.id).expect("item").read,
        "answering marks it read"
    );

    inbox.like(item.id).await.expect("like");
    assert!(inbox.get(item.id).expect("item").liked);
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn nostr_mention_arrives_once_and_the_reply_carries_nip10_tags() {
    let relay = servers::nostr_relay_url();
    let setup = setup();
    let our_keys = NostrKeys::generate();
    let channel = setup
        .service
        .connect_channel(
            setup.workspace_id,
            None,
            ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                relays: vec![relay.clone()],
            }),
            our_keys.nsec(),
        )
        .await
        .expect("connect");
    let inbox = setup.inbox();
    inbox.sync(Some(channel.id)).await.expect("first sync");

    let their_keys = NostrKeys::generate();
    let them = Nostr::new(NostrConfig {
        secret_key: their_keys.nsec(),
        relays: vec![url::Url::parse(&relay).expect("url")],
    })
    .expect("adapter");
    let text = format!("Hello @{} are the croissants vegan?", our_keys.npub());
    let mention: RemotePost = them
        .publish(
            &IdempotencyKey::new(2, 0, chrono::Utc::now()),
            &post(&text),
            None,
        )
        .await
        .expect("they post the mention");

    let (item, took) = wait_for(&inbox, &channel, &mention.id).await;
    println!(
        "FIGURE nostr mention -> inbox item: {} ms",
        took.as_millis()
    );
    assert_eq!(item.kind, InboxKind::Mention);
    assert!(item.text.contains("croissants"), "{}", item.text);
    exactly_once(&setup, &inbox, &channel, &mention.id).await;

    let reply = inbox.reply(item.id, "They are!").await.expect("reply");
    assert_eq!(reply.status, "sent");
    let reply_id = reply.remote_id.clone().expect("reply id");
    let notes = servers::nostr_notes(&relay, &our_keys.public_key_hex()).await;
    let note = notes
        .iter()
        .find(|n| n["id"] == Value::String(reply_id.clone()))
        .unwrap_or_else(|| panic!("the reply {reply_id} is not on the relay"));
    assert_eq!(
        servers::nostr_e_tags(note),
        vec![(mention.id.clone(), "root".to_owned())]
    );
    let p_tags: Vec<&str> = note["tags"]
        .as_array()
        .expect("tags")
        .iter()
        .filter(|t| t[0] == "p")
        .filter_map(|t| t[1].as_str())
        .collect();
    assert!(
        p_tags.contains(&their_keys.public_key_hex().as_str()),
        "the reply does not tag the author: {note}"
    );

    inbox.like(item.id).await.expect("like");
}

/// A status as mastodon-mock has it.
async fn mastodon_status(base: &str, token: &str, id: &str) -> Value {
    reqwest::Client::new()
        .get(format!("{base}/api/v1/statuses/{id}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("status")
        .json()
        .await
        .expect("json")
}

/// Two mastodon-mock accounts; ours connected as a channel. Returns the channel and the two
/// access tokens (ours, theirs).
async fn mastodon_channel(setup: &Setup, base: &str) -> (Channel, String, String) {
    let our_token = servers::mastodon_mock_user(base).await;
    let their_token = servers::mastodon_mock_user(base).await;
    let channel = setup
        .service
        .connect_channel(
            setup.workspace_id,
            None,
            ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
                instance_url: base.to_owned(),
            }),
            our_token.clone(),
        )
        .await
        .expect("connect");
    (channel, our_token, their_token)
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_mention_arrives_once_and_the_reply_sets_in_reply_to_id() {
    // mastodon-mock is a MOCK of the Mastodon client API, not Mastodon.
    let base = servers::mastodon_mock_url();
    let setup = setup();
    let (channel, our_token, their_token) = mastodon_channel(&setup, &base).await;
    let inbox = setup.inbox();
    inbox.sync(Some(channel.id)).await.expect("first sync");

    let them = Mastodon::new(MastodonConfig {
        instance_url: url::Url::parse(&base).expect("url"),
        access_token: their_token,
    })
    .expect("adapter");
    let username = channel.handle.split('@').next().expect("username");
    let text = format!("@{username} is the shop open today?");
    let mention = them
        .publish(
            &IdempotencyKey::new(3, 0, chrono::Utc::now()),
            &post(&text),
            None,
        )
        .await
        .expect("they post the mention");

    let (item, took) = wait_for(&inbox, &channel, &mention.id).await;
    println!(
        "FIGURE mastodon-mock mention -> inbox item: {} ms",
        took.as_millis()
    );
    assert_eq!(item.kind, InboxKind::Mention);
    assert!(
        item.text.contains("is the shop open today?"),
        "{}",
        item.text
    );
    assert!(item.html.is_some());
    exactly_once(&setup, &inbox, &channel, &mention.id).await;

    let reply = inbox.reply(item.id, "Until six.").await.expect("reply");
    let reply_id = reply.remote_id.clone().expect("reply id");
    let status = mastodon_status(&base, &our_token, &reply_id).await;
    assert_eq!(status["in_reply_to_id"], mention.id.as_str(), "{status}");

    // A reply the app was still sending when it stopped: sent again when it starts, in the
    // same thread; a reply that went out is not sent again.
    let stalled = {
        let store = setup.service.store.lock().expect("lock");
        store
            .connection()
            .execute(
                "INSERT INTO inbox_replies (item_id, text, status, created_at)
                 VALUES (?1, 'Rye is sold out, sorry.', 'sending', '2026-12-01T10:00:00.000Z')",
                [item.id],
            )
            .expect("stalled reply");
        store.connection().last_insert_rowid()
    };
    assert_eq!(inbox.retry_stalled_replies().await.expect("retry"), 1);
    let again = inbox
        .replies(item.id)
        .expect("replies")
        .into_iter()
        .find(|r| r.id == stalled)
        .expect("the stalled reply");
    let again_id = again.remote_id.clone().expect("sent this time");
    let status = mastodon_status(&base, &our_token, &again_id).await;
    assert_eq!(status["in_reply_to_id"], mention.id.as_str(), "{status}");
    assert_eq!(inbox.retry_stalled_replies().await.expect("none left"), 0);
    let err = inbox.retry_reply(stalled).await.expect_err("already sent");
    assert!(err.to_string().contains("already gone out"), "{err}");

    // The same words sent again after a failure retry the failed reply (its row, its key).
    let failed = {
        let store = setup.service.store.lock().expect("lock");
        store
            .connection()
            .execute(
                "INSERT INTO inbox_replies (item_id, text, status, error, created_at)
                 VALUES (?1, 'Open until six.', 'failed', 'timed out', '2026-12-01T11:00:00.000Z')",
                [item.id],
            )
            .expect("failed reply");
        store.connection().last_insert_rowid()
    };
    let retried = inbox
        .reply(item.id, "Open until six.")
        .await
        .expect("retried");
    assert_eq!(
        retried.id, failed,
        "no new reply row: the failed one was sent"
    );
    assert_eq!(retried.status, "sent");

    inbox.like(item.id).await.expect("favourite");
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn mastodon_mock_streaming_announces_a_mention_at_once() {
    // mastodon-mock is a MOCK of the Mastodon client API (its streaming API too), not Mastodon.
    let base = servers::mastodon_mock_url();
    let setup = setup();
    let (channel, _, their_token) = mastodon_channel(&setup, &base).await;
    let inbox = Arc::new(setup.inbox());
    inbox.sync(Some(channel.id)).await.expect("first sync");
    assert_eq!(inbox.watchable_channels().expect("channels"), [channel.id]);

    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let listener = {
        let inbox = inbox.clone();
        let id = channel.id;
        tokio::spawn(async move {
            let wake = move || {
                let _ = tx.send(std::time::Instant::now());
            };
            inbox.watch(id, &wake).await
        })
    };
    let them = Mastodon::new(MastodonConfig {
        instance_url: url::Url::parse(&base).expect("url"),
        access_token: their_token,
    })
    .expect("adapter");
    let username = channel.handle.split('@').next().expect("username");
    // The stream is open once the server has sent its first comment, which a loaded machine
    // may take a while to get to: a mention posted before that is not announced (the next
    // sync brings it). So mention until one is announced, each given 2 s.
    let mut mentions = Vec::new();
    let (posted, woke) = loop {
        let posted = std::time::Instant::now();
        let mention = them
            .publish(
                &IdempotencyKey::new(4 + mentions.len() as i64, 0, chrono::Utc::now()),
                &post(&format!("@{username} streaming: do you have rye today?")),
                None,
            )
            .await
            .expect("they post the mention");
        mentions.push(mention.id);
        match tokio::time::timeout(Duration::from_secs(2), rx.recv()).await {
            Ok(Some(woke)) => break (posted, woke),
            Ok(None) => panic!("the stream ended: {:?}", listener.is_finished()),
            Err(_) => assert!(
                mentions.len() < 10,
                "the stream announced none of {} mentions",
                mentions.len()
            ),
        }
    };
    println!(
        "FIGURE mastodon-mock mention -> streaming announcement: {} ms (mention {} of {})",
        woke.duration_since(posted).as_millis(),
        mentions.len(),
        mentions.len()
    );
    // The announcement is a wake-up: the sync it triggers brings the items, each once.
    let reports = inbox.sync(Some(channel.id)).await.expect("sync");
    for id in &mentions {
        let new = reports
            .iter()
            .flat_map(|r| &r.new_items)
            .filter(|i| &i.remote_id == id)
            .count();
        assert_eq!(new, 1, "mention {id} stored once: {reports:?}");
    }
    assert!(!listener.is_finished(), "the stream stays open");
    listener.abort();
}
