//! The whole publishing path against real servers: channels connected through the Service
//! (credentials verified by each network), posts validated by the real adapters, published by
//! the engine, and checked on the servers. Bluesky: the AT Protocol reference implementation
//! (`@atproto/dev-env`); Nostr: a real `nostr-rs-relay`; Mastodon: `mastodon-mock`, a MOCK of
//! the Mastodon client API (no real Mastodon can be installed here).
//! Started by `tests/servers/with-servers.sh` (`make test-networks`).

use chorus_core::channel::ChannelConfig;
use chorus_core::inputs::{ImageInput, PostInput, WhenInput};
use chorus_core::post;
use chorus_core::publish::{Engine, EngineConfig, NetworkConnector, TargetState};
use chorus_core::secrets::{MemorySecretStore, SecretStore};
use chorus_core::service::Service;
use chorus_core::workspace::{self, NewWorkspace};
use chorus_core::{DataDir, Store, SystemClock};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run through tests/servers/with-servers.sh (make test-networks)")
    })
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        chrono::Utc::now().timestamp_micros() % 10_000_000_000
    )
}

/// A Bluesky account and an app password for it, made with plain XRPC calls.
async fn bluesky_account(http: &reqwest::Client, pds: &str) -> (String, String) {
    let name = unique("eng");
    let created: Value = http
        .post(format!("{pds}/xrpc/com.atproto.server.createAccount"))
        .json(&json!({"email": format!("{name}@example.com"), "handle": format!("{name}.test"), "password": "pw-account-1"}))
        .send().await.expect("createAccount").json().await.expect("json");
    let jwt = created["accessJwt"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let app: Value = http
        .post(format!("{pds}/xrpc/com.atproto.server.createAppPassword"))
        .bearer_auth(&jwt)
        .json(&json!({"name": "chorus"}))
        .send()
        .await
        .expect("createAppPassword")
        .json()
        .await
        .expect("json");
    (
        format!("{name}.test"),
        app["password"].as_str().expect("app password").to_owned(),
    )
}

/// A mastodon-mock user token: app, client-credentials token, account.
async fn mastodon_mock_user(http: &reqwest::Client, base: &str) -> String {
    let app: Value = http
        .post(format!("{base}/api/v1/apps"))
        .form(&[
            ("client_name", "t"),
            ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ("scopes", "read write"),
        ])
        .send()
        .await
        .expect("apps")
        .json()
        .await
        .expect("json");
    let token: Value = http
        .post(format!("{base}/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", app["client_id"].as_str().expect("id")),
            (
                "client_secret",
                app["client_secret"].as_str().expect("secret"),
            ),
            ("scope", "read write"),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let name = unique("eng");
    let user: Value = http
        .post(format!("{base}/api/v1/accounts"))
        .bearer_auth(token["access_token"].as_str().expect("app token"))
        .form(&[
            ("username", name.as_str()),
            ("email", &format!("{name}@example.com")),
            ("password", "pw-123456789"),
            ("agreement", "true"),
            ("locale", "en"),
        ])
        .send()
        .await
        .expect("accounts")
        .json()
        .await
        .expect("json");
    user["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{user}"))
        .to_owned()
}

#[tokio::test]
#[ignore = "needs the local test servers: make test-networks"]
async fn engine_publishes_once_to_atproto_reference_nostr_rs_relay_and_mastodon_mock() {
    let (pds, relay, masto) = (
        env("CHORUS_TEST_PDS_URL"),
        env("CHORUS_TEST_NOSTR_RELAY"),
        env("CHORUS_TEST_MASTODON_MOCK_URL"),
    );
    let pds = pds.trim_end_matches('/').to_owned();
    let masto = masto.trim_end_matches('/').to_owned();
    let http = reqwest::Client::new();
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = DataDir::at(tmp.path().join("data")).expect("dir");
    let store = Arc::new(Mutex::new(Store::open(dir.database_path()).expect("open")));
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
    let connector = Arc::new(NetworkConnector::new(secrets.clone()));
    let engine = Arc::new(
        Engine::new(
            store.clone(),
            dir.clone(),
            Arc::new(SystemClock),
            connector.clone(),
            EngineConfig::default(),
        )
        .expect("engine"),
    );
    let service = Service {
        store: store.clone(),
        dir: dir.clone(),
        clock: Arc::new(SystemClock),
        secrets: secrets.clone(),
        connector,
        engine_waker: Some(engine.waker()),
    };
    let ws = workspace::create(
        store.lock().expect("lock").connection(),
        &SystemClock,
        &NewWorkspace {
            name: "Live".into(),
            timezone: "Europe/Berlin".into(),
        },
    )
    .expect("workspace");

    let (handle, app_password) = bluesky_account(&http, &pds).await;
    let bsky = service
        .connect_channel(
            ws.id,
            None,
            ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                service_url: pds.clone(),
                identifier: handle.clone(),
            }),
            app_password,
        )
        .await
        .expect("bluesky connects");
    assert_eq!(bsky.handle, handle);
    let masto_token = mastodon_mock_user(&http, &masto).await;
    let mastodon = service
        .connect_channel(
            ws.id,
            None,
            ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
                instance_url: masto.clone(),
            }),
            masto_token.clone(),
        )
        .await
        .expect("mastodon-mock connects");
    let nostr = service
        .connect_channel(
            ws.id,
            None,
            ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                relays: vec![relay.clone()],
            }),
            chorus_core::networks::generate_nostr_key(),
        )
        .await
        .expect("nostr connects");
    // Secrets went to the secret store, not the database.
    let db_bytes = std::fs::read(dir.database_path()).expect("db file");
    assert!(
        !String::from_utf8_lossy(&db_bytes).contains(&masto_token),
        "a token leaked into SQLite"
    );

    // Wrong credentials are refused before anything is saved, with the field to fix.
    let err = service
        .connect_channel(
            ws.id,
            None,
            ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                service_url: pds.clone(),
                identifier: handle.clone(),
            }),
            "wrong-wrong-wrong".into(),
        )
        .await
        .expect_err("bad app password");
    assert_eq!(err.field(), Some("secret"), "{err}");

    // A thread to all three networks; an image with alt text to the two that host images.
    let thread = service
        .create_post(PostInput {
            workspace_id: ws.id,
            channel_ids: vec![bsky.id, mastodon.id, nostr.id],
            text: "Fresh bread at seven #bakery".into(),
            thread: vec!["Second: sourdough".into(), "Third: see you there".into()],
            images: vec![],
            when: WhenInput::Now,
            content_warning: None,
            language: Some("en".into()),
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("thread post");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/test.png");
    let image = service
        .create_post(PostInput {
            workspace_id: ws.id,
            channel_ids: vec![bsky.id, mastodon.id],
            text: "Our new loaf".into(),
            thread: vec![],
            images: vec![ImageInput {
                path: fixture.display().to_string(),
                alt: "A gradient standing in for a loaf".into(),
            }],
            when: WhenInput::Now,
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect("image post");
    // Nostr relays host no images: refused up front, with the network named.
    let err = service
        .create_post(PostInput {
            workspace_id: ws.id,
            channel_ids: vec![nostr.id],
            text: "pic".into(),
            thread: vec![],
            images: vec![ImageInput {
                path: fixture.display().to_string(),
                alt: "x".into(),
            }],
            when: WhenInput::Now,
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            recurrence: None,
            tags: Vec::new(),
        })
        .await
        .expect_err("no images on nostr");
    assert!(err.to_string().contains("(nostr)"), "{err}");

    engine.run_once().await.expect("publish");
    engine
        .run_once()
        .await
        .expect("a second pass sends nothing again");

    for post_id in [thread.id, image.id] {
        let details = post::show(store.lock().expect("lock").connection(), post_id).expect("show");
        for t in &details.post.targets {
            assert_eq!(
                t.state,
                TargetState::Published,
                "{} on {}: {}",
                post_id,
                t.channel,
                t.last_error
            );
            assert_eq!(t.attempts, 1);
        }
    }

    // Bluesky: the thread's first post, and a reply chain on the PDS.
    let bsky_target = |post_id: i64| {
        let store = store.lock().expect("lock");
        post::show(store.connection(), post_id)
            .expect("show")
            .post
            .targets
            .into_iter()
            .find(|t| t.network == "bluesky")
            .expect("bluesky target")
    };
    let uri = bsky_target(thread.id).remote_id.expect("at uri");
    let parts: Vec<&str> = uri.trim_start_matches("at://").split('/').collect();
    let record: Value = http
        .get(format!("{pds}/xrpc/com.atproto.repo.getRecord"))
        .query(&[
            ("repo", parts[0]),
            ("collection", parts[1]),
            ("rkey", parts[2]),
        ])
        .send()
        .await
        .expect("getRecord")
        .json()
        .await
        .expect("json");
    assert_eq!(record["value"]["text"], "Fresh bread at seven #bakery");
    let feed: Value = http
        .get(format!("{pds}/xrpc/com.atproto.repo.listRecords"))
        .query(&[
            ("repo", parts[0]),
            ("collection", "app.bsky.feed.post"),
            ("limit", "50"),
        ])
        .send()
        .await
        .expect("listRecords")
        .json()
        .await
        .expect("json");
    let records = feed["records"].as_array().expect("records");
    assert_eq!(records.len(), 4, "3 thread posts + 1 image post, each once");
    let with_image = records
        .iter()
        .find(|r| r["value"]["text"] == "Our new loaf")
        .expect("image post");
    assert_eq!(
        with_image["value"]["embed"]["images"][0]["alt"],
        "A gradient standing in for a loaf"
    );
    let replies = records
        .iter()
        .filter(|r| r["value"]["reply"]["root"]["uri"] == uri.as_str())
        .count();
    assert_eq!(replies, 2);

    // mastodon-mock: 4 statuses for the account, the thread chained by in_reply_to_id.
    let me: Value = http
        .get(format!("{masto}/api/v1/accounts/verify_credentials"))
        .bearer_auth(&masto_token)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    let statuses: Value = http
        .get(format!(
            "{masto}/api/v1/accounts/{}/statuses",
            me["id"].as_str().expect("id")
        ))
        .bearer_auth(&masto_token)
        .send()
        .await
        .expect("statuses")
        .json()
        .await
        .expect("json");
    let statuses = statuses.as_array().expect("array");
    assert_eq!(statuses.len(), 4, "each post exactly once on the mock");
    assert_eq!(
        statuses
            .iter()
            .filter(|s| !s["in_reply_to_id"].is_null())
            .count(),
        2
    );
    assert!(statuses.iter().any(|s| {
        s["media_attachments"]
            .as_array()
            .is_some_and(|m| m.len() == 1)
    }));
}
