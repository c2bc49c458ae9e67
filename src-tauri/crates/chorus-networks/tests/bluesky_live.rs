//! The Bluesky adapter against the real AT Protocol reference implementation: a local
//! `@atproto/dev-env` network (PLC + PDS + AppView) on 127.0.0.1, started by
//! `tests/servers/with-servers.sh` (`make test-networks`), which sets `CHORUS_TEST_PDS_URL`.
//!
//! Accounts are created with plain XRPC calls; everything else goes through the adapter, and
//! the results are checked against what the PDS and the AppView then report.

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use chorus_networks::bluesky::{Bluesky, BlueskyConfig, record_key};
use chorus_networks::{
    IdempotencyKey, NetworkError, OutgoingImage, OutgoingPost, Publisher, Reconciled, RemotePost,
    ReplyTarget,
};
use chrono::Utc;
use serde_json::{Value, json};
use url::Url;

fn pds_url() -> Url {
    let raw = std::env::var("CHORUS_TEST_PDS_URL").unwrap_or_else(|_| {
        panic!(
            "CHORUS_TEST_PDS_URL is not set. These tests need the local AT Protocol network; run \
             them through tests/servers/with-servers.sh (make test-networks), which sets it."
        )
    });
    Url::parse(&raw).unwrap_or_else(|e| panic!("CHORUS_TEST_PDS_URL={raw} is not a URL: {e}"))
}

fn xrpc(nsid: &str) -> String {
    format!("{}xrpc/{nsid}", pds_url())
}

/// Unique per test and per run: the network may be shared by several runs.
fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    format!(
        "{prefix}{:x}{:x}{}",
        nanos % 0xffff_ffff,
        std::process::id() % 0xffff,
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

struct Account {
    handle: String,
    did: String,
    access_jwt: String,
    app_password: String,
}

async fn create_account(prefix: &str) -> Account {
    let http = reqwest::Client::new();
    let name = unique(prefix);
    let handle = format!("{name}.test");
    let created: Value = http
        .post(xrpc("com.atproto.server.createAccount"))
        .json(&json!({"email": format!("{name}@example.com"), "handle": handle, "password": "account-pw-1"}))
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    let access_jwt = created["accessJwt"]
        .as_str()
        .unwrap_or_else(|| panic!("createAccount: {created}"))
        .to_owned();
    // The adapter signs in the way a user would: with an app password, not the account password.
    let app: Value = http
        .post(xrpc("com.atproto.server.createAppPassword"))
        .bearer_auth(&access_jwt)
        .json(&json!({"name": "chorus"}))
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    Account {
        handle,
        did: created["did"].as_str().expect("should succeed").to_owned(),
        access_jwt,
        app_password: app["password"]
            .as_str()
            .unwrap_or_else(|| panic!("createAppPassword: {app}"))
            .to_owned(),
    }
}

fn adapter(account: &Account) -> Bluesky {
    Bluesky::new(BlueskyConfig {
        service_url: pds_url(),
        identifier: account.handle.clone(),
        app_password: account.app_password.clone(),
    })
    .expect("should succeed")
}

fn key(segment: u32) -> IdempotencyKey {
    static TARGET: AtomicU32 = AtomicU32::new(1);
    IdempotencyKey::new(
        i64::from(TARGET.fetch_add(1, Ordering::SeqCst)),
        segment,
        Utc::now(),
    )
}

fn text(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        language: Some("en".into()),
        ..Default::default()
    }
}

async fn get_record(uri: &str) -> Option<Value> {
    let parts: Vec<&str> = uri.trim_start_matches("at://").split('/').collect();
    let response = reqwest::Client::new()
        .get(xrpc("com.atproto.repo.getRecord"))
        .query(&[
            ("repo", parts[0]),
            ("collection", parts[1]),
            ("rkey", parts[2]),
        ])
        .send()
        .await
        .expect("should succeed");
    let ok = response.status().is_success();
    let body: Value = response.json().await.expect("should succeed");
    if ok {
        Some(body)
    } else {
        assert_eq!(body["error"], "RecordNotFound", "{body}");
        None
    }
}

async fn post_count(did: &str) -> usize {
    let listed: Value = reqwest::Client::new()
        .get(xrpc("com.atproto.repo.listRecords"))
        .query(&[
            ("repo", did),
            ("collection", "app.bsky.feed.post"),
            ("limit", "100"),
        ])
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    listed["records"].as_array().expect("should succeed").len()
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_publishes_text_with_link_and_tag_facets() {
    let alice = create_account("al").await;
    let bluesky = adapter(&alice);

    let me = bluesky.verify_credentials().await.expect("should succeed");
    assert_eq!(me.id, alice.did);
    assert_eq!(me.handle, alice.handle);

    let body = "Grüße! Read https://example.com/a?b=1. #chorus";
    let k = key(0);
    let remote = bluesky
        .publish(&k, &text(body), None)
        .await
        .expect("should succeed");
    assert_eq!(
        remote.id,
        format!("at://{}/app.bsky.feed.post/{}", alice.did, record_key(&k))
    );
    assert!(remote.cid.is_some());

    let record = get_record(&remote.id).await.expect("should succeed");
    let value = &record["value"];
    assert_eq!(value["text"], body);
    assert_eq!(value["langs"], json!(["en"]));
    assert_eq!(
        value["createdAt"],
        k.created_at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    );
    let link_start = body.find("https").expect("should succeed");
    assert_eq!(
        value["facets"],
        json!([
            {"index": {"byteStart": link_start, "byteEnd": link_start + "https://example.com/a?b=1".len()},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/a?b=1"}]},
            {"index": {"byteStart": body.len() - "#chorus".len(), "byteEnd": body.len()},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "chorus"}]},
        ])
    );
    assert_eq!(
        bluesky
            .fetch(&remote)
            .await
            .expect("should succeed")
            .as_deref(),
        Some(body)
    );
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_stores_an_image_with_alt_text() {
    let alice = create_account("im").await;
    let bluesky = adapter(&alice);
    let png_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/test.png");
    let png = std::fs::read(&png_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (create it with ImageMagick, see the recipe)",
            png_path.display()
        )
    });
    let post = OutgoingPost {
        text: "A gradient".into(),
        images: vec![OutgoingImage {
            bytes: png.clone(),
            mime_type: "image/png".into(),
            alt: "A gradient from blue to red".into(),
            width: 64,
            height: 48,
        }],
        ..Default::default()
    };
    assert!(bluesky.validate(&post).is_empty());
    let remote = bluesky
        .publish(&key(0), &post, None)
        .await
        .expect("should succeed");

    let record = get_record(&remote.id).await.expect("should succeed");
    let embed = &record["value"]["embed"];
    assert_eq!(embed["$type"], "app.bsky.embed.images");
    let image = &embed["images"][0];
    assert_eq!(image["alt"], "A gradient from blue to red");
    assert_eq!(image["aspectRatio"], json!({"width": 64, "height": 48}));
    assert_eq!(image["image"]["$type"], "blob");
    assert_eq!(image["image"]["mimeType"], "image/png");
    assert_eq!(image["image"]["size"], png.len());
    let cid = image["image"]["ref"]["$link"]
        .as_str()
        .expect("should succeed");

    // The blob itself is stored and served back byte for byte.
    let blob = reqwest::Client::new()
        .get(xrpc("com.atproto.sync.getBlob"))
        .query(&[("did", alice.did.as_str()), ("cid", cid)])
        .send()
        .await
        .expect("should succeed")
        .bytes()
        .await
        .expect("should succeed");
    assert_eq!(blob.as_ref(), png.as_slice());
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_appview_notifies_the_mentioned_account() {
    let alice = create_account("mn").await;
    let bob = create_account("mb").await;
    let bluesky = adapter(&alice);

    let unknown = format!("{}.test", unique("nobody"));
    let body = format!("Hello @{} and @{unknown}", bob.handle);
    let remote = bluesky
        .publish(&key(0), &text(&body), None)
        .await
        .expect("should succeed");

    let record = get_record(&remote.id).await.expect("should succeed");
    let start = body.find('@').expect("should succeed");
    assert_eq!(
        record["value"]["facets"],
        json!([{
            "index": {"byteStart": start, "byteEnd": start + 1 + bob.handle.len()},
            "features": [{"$type": "app.bsky.richtext.facet#mention", "did": bob.did}]
        }]),
        "the unknown handle stays plain text"
    );

    // The AppView indexes from the firehose, asynchronously but quickly.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let notifications: Value = reqwest::Client::new()
            .get(xrpc("app.bsky.notification.listNotifications"))
            .bearer_auth(&bob.access_jwt)
            .send()
            .await
            .expect("should succeed")
            .json()
            .await
            .expect("should succeed");
        let seen = notifications["notifications"]
            .as_array()
            .expect("should succeed")
            .iter()
            .any(|n| {
                n["reason"] == "mention"
                    && n["uri"] == remote.id.as_str()
                    && n["author"]["did"] == alice.did.as_str()
            });
        if seen {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "bob saw no mention notification within 10 s: {notifications}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_chains_a_three_segment_thread() {
    let alice = create_account("th").await;
    let bluesky = adapter(&alice);

    let first = bluesky
        .publish(&key(0), &text("1/3"), None)
        .await
        .expect("should succeed");
    let second_target = ReplyTarget {
        root: first.clone(),
        parent: first.clone(),
    };
    let second = bluesky
        .publish(&key(1), &text("2/3"), Some(&second_target))
        .await
        .expect("should succeed");
    // Ids only, as after a restart: the adapter looks the CIDs up itself.
    let bare = |p: &RemotePost| RemotePost {
        id: p.id.clone(),
        cid: None,
        url: None,
    };
    let third_target = ReplyTarget {
        root: bare(&first),
        parent: bare(&second),
    };
    let third = bluesky
        .publish(&key(2), &text("3/3"), Some(&third_target))
        .await
        .expect("should succeed");

    let strong = |p: &RemotePost| json!({"uri": p.id, "cid": p.cid});
    let reply_of = |record: Value| record["value"]["reply"].clone();
    assert!(
        get_record(&first.id).await.expect("should succeed")["value"]
            .get("reply")
            .is_none()
    );
    assert_eq!(
        reply_of(get_record(&second.id).await.expect("should succeed")),
        json!({"root": strong(&first), "parent": strong(&first)})
    );
    assert_eq!(
        reply_of(get_record(&third.id).await.expect("should succeed")),
        json!({"root": strong(&first), "parent": strong(&second)})
    );
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_keeps_one_record_when_a_key_is_published_twice() {
    let alice = create_account("id").await;
    let bluesky = adapter(&alice);
    let k = key(0);
    let post = text("Only once, please");

    let first = bluesky
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    // A retry after a crash: a fresh adapter, no memory of the first attempt.
    let second = adapter(&alice)
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    assert_eq!(first, second);
    assert_eq!(post_count(&alice.did).await, 1);

    // Another segment at the very same instant gets its own record.
    let mut sibling = k.clone();
    sibling.token.push_str("-other");
    let third = bluesky
        .publish(&sibling, &post, None)
        .await
        .expect("should succeed");
    assert_ne!(third.id, first.id);
    assert_eq!(post_count(&alice.did).await, 2);
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_reconciles_before_and_after_publishing() {
    let alice = create_account("rc").await;
    let bluesky = adapter(&alice);
    let k = key(0);
    let post = text("Did it go out?");

    assert_eq!(
        bluesky.reconcile(&k, &post).await.expect("should succeed"),
        Reconciled::NotPublished
    );
    let remote = bluesky
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    assert_eq!(
        bluesky.reconcile(&k, &post).await.expect("should succeed"),
        Reconciled::Published(remote)
    );
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_deletes_a_post() {
    let alice = create_account("dl").await;
    let bluesky = adapter(&alice);
    let remote = bluesky
        .publish(&key(0), &text("Short-lived"), None)
        .await
        .expect("should succeed");
    assert_eq!(
        bluesky
            .fetch(&remote)
            .await
            .expect("should succeed")
            .as_deref(),
        Some("Short-lived")
    );

    bluesky.delete(&remote).await.expect("should succeed");
    assert_eq!(bluesky.fetch(&remote).await.expect("should succeed"), None);
    assert!(get_record(&remote.id).await.is_none());
    // Deleting again is not an error: the post is gone either way.
    bluesky.delete(&remote).await.expect("should succeed");
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_refuses_a_wrong_app_password() {
    let alice = create_account("pw").await;
    let bluesky = Bluesky::new(BlueskyConfig {
        service_url: pds_url(),
        identifier: alice.handle.clone(),
        app_password: "aaaa-bbbb-cccc-dddd".into(),
    })
    .expect("should succeed");
    let err = bluesky.verify_credentials().await.expect_err("should fail");
    assert!(matches!(err, NetworkError::Auth { .. }), "{err:?}");
    assert!(!err.to_string().contains("aaaa-bbbb"), "{err}");
    let err = bluesky
        .publish(&key(0), &text("no"), None)
        .await
        .expect_err("should fail");
    assert_eq!(err.code(), "auth", "{err}");
}

#[tokio::test]
#[ignore = "needs the local AT Protocol network: make test-networks"]
async fn atproto_reference_pds_agrees_with_the_300_grapheme_limit() {
    let alice = create_account("ln").await;
    let bluesky = adapter(&alice);
    let longest = text(&"é".repeat(300));
    assert!(bluesky.validate(&longest).is_empty());
    bluesky
        .publish(&key(0), &longest, None)
        .await
        .expect("should succeed");

    let too_long = text(&"é".repeat(301));
    assert_eq!(
        bluesky.validate(&too_long)[0].message,
        "This post is 301 characters; Bluesky allows 300."
    );
    let err = bluesky
        .publish(&key(1), &too_long, None)
        .await
        .expect_err("should fail");
    assert!(
        matches!(
            err,
            NetworkError::Rejected {
                status: Some(400),
                ..
            }
        ),
        "{err:?}"
    );
}
