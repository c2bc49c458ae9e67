use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::json;

use super::*;
use crate::bluesky::fake_pds::{FakePds, Handler, Request};

fn session_answer(n: usize) -> (u16, Value) {
    (
        200,
        json!({
            "did": "did:plc:alice", "handle": "alice.test",
            "accessJwt": format!("access-{n}"), "refreshJwt": format!("refresh-{n}"),
        }),
    )
}

fn expired() -> (u16, Value) {
    (
        400,
        json!({"error": "ExpiredToken", "message": "Token has expired"}),
    )
}

fn store(pds: &FakePds, password: &str) -> SessionStore {
    SessionStore::new(
        http::client().expect("should succeed"),
        pds.url.clone(),
        "alice.test".into(),
        password.into(),
    )
}

async fn probe(store: &SessionStore, pds: &FakePds) -> Result<Value, NetworkError> {
    let url = xrpc::endpoint(&pds.url, "app.bsky.actor.getProfile").expect("should succeed");
    store
        .with_session(|s| {
            let request = store
                .http
                .get(url.clone())
                .header("authorization", s.bearer());
            async move { http::send_json::<Value>(request).await }
        })
        .await
        .map_err(xrpc::into_network_error)
}

/// Accepts only the newest access token, and not even that once `expire` is set (as if its
/// lifetime ran out); refreshes with the newest refresh token unless `refresh_works` is false.
fn server(refresh_works: bool) -> (Arc<Handler>, Arc<AtomicBool>) {
    let generation = Arc::new(AtomicUsize::new(0));
    let expire = Arc::new(AtomicBool::new(false));
    let expired_flag = Arc::clone(&expire);
    let handler: Arc<Handler> = Arc::new(move |r: &Request| match r.nsid.as_str() {
        "com.atproto.server.createSession" => {
            if r.body["password"] != "app-password" {
                return (
                    401,
                    json!({"error": "AuthenticationRequired", "message": "Invalid identifier or password"}),
                );
            }
            expired_flag.store(false, Ordering::SeqCst);
            session_answer(generation.fetch_add(1, Ordering::SeqCst) + 1)
        }
        "com.atproto.server.refreshSession" => {
            let current = generation.load(Ordering::SeqCst);
            let expected = format!("Bearer refresh-{current}");
            if !refresh_works || r.authorization.as_deref() != Some(expected.as_str()) {
                return expired();
            }
            expired_flag.store(false, Ordering::SeqCst);
            session_answer(generation.fetch_add(1, Ordering::SeqCst) + 1)
        }
        _ => {
            let current = generation.load(Ordering::SeqCst);
            let expected = format!("Bearer access-{current}");
            if !expired_flag.load(Ordering::SeqCst)
                && r.authorization.as_deref() == Some(expected.as_str())
            {
                (200, json!({"ok": current}))
            } else {
                expired()
            }
        }
    });
    (handler, expire)
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_not_recreated() {
    let (handler, expire) = server(true);
    let pds = FakePds::start(handler).await;
    let store = store(&pds, "app-password");
    assert_eq!(probe(&store, &pds).await.expect("should succeed")["ok"], 1);

    expire.store(true, Ordering::SeqCst);
    assert_eq!(probe(&store, &pds).await.expect("should succeed")["ok"], 2);
    assert_eq!(
        pds.calls(),
        [
            "com.atproto.server.createSession",
            "app.bsky.actor.getProfile",
            "app.bsky.actor.getProfile",
            "com.atproto.server.refreshSession",
            "app.bsky.actor.getProfile",
        ]
    );
}

#[tokio::test]
async fn a_refused_token_triggers_one_refresh_and_a_retry() {
    let pds = FakePds::start(server(true).0).await;
    let store = store(&pds, "app-password");
    store.current().await.expect("should succeed");
    // Pretend the server moved on: sign in again behind the store's back.
    let other = self::store(&pds, "app-password");
    other.current().await.expect("should succeed"); // generation 2; the store still holds access-1

    // access-1 is refused, refresh-1 is refused (not the newest), so the store signs in again.
    assert_eq!(probe(&store, &pds).await.expect("should succeed")["ok"], 3);
    let calls = pds.calls();
    assert_eq!(
        &calls[2..],
        [
            "app.bsky.actor.getProfile",
            "com.atproto.server.refreshSession",
            "com.atproto.server.createSession",
            "app.bsky.actor.getProfile",
        ]
    );
}

#[tokio::test]
async fn when_refreshing_fails_the_session_is_created_again() {
    let pds = FakePds::start(server(false).0).await;
    let store = store(&pds, "app-password");
    let first = store.current().await.expect("should succeed");
    let renewed = store.renew(&first).await.expect("should succeed");
    assert_eq!(renewed.bearer(), "Bearer access-2");
    // A second caller holding the stale session gets the renewed one without another sign-in.
    let again = store.renew(&first).await.expect("should succeed");
    assert_eq!(again.bearer(), "Bearer access-2");
    assert_eq!(
        pds.calls(),
        [
            "com.atproto.server.createSession",
            "com.atproto.server.refreshSession",
            "com.atproto.server.createSession",
        ]
    );
}

#[tokio::test]
async fn a_wrong_app_password_is_an_auth_error() {
    let pds = FakePds::start(server(true).0).await;
    let store = store(&pds, "not-it");
    let err = store.current().await.expect_err("should fail");
    assert_eq!(err.code(), "auth");
    assert!(
        err.to_string().contains("Invalid identifier or password"),
        "{err}"
    );
    assert!(!err.to_string().contains("not-it"));
}

#[tokio::test]
async fn the_pds_comes_from_the_did_document() {
    let handler: Arc<Handler> = Arc::new(|_r: &Request| {
        (
            200,
            json!({
                "did": "did:plc:alice", "handle": "alice.test",
                "accessJwt": "a", "refreshJwt": "r",
                "didDoc": {"service": [
                    {"id": "#atproto_labeler", "serviceEndpoint": "https://labeler.example"},
                    {"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                     "serviceEndpoint": "https://pds.example.com"}
                ]}
            }),
        )
    });
    let pds = FakePds::start(handler).await;
    let session = store(&pds, "x").current().await.expect("should succeed");
    assert_eq!(session.pds.as_str(), "https://pds.example.com/");
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output() {
    let pds = FakePds::start(server(true).0).await;
    let store = store(&pds, "app-password");
    let session = store.current().await.expect("should succeed");
    let printed = format!("{session:?} {store:?}");
    assert!(!printed.contains("access-1"), "{printed}");
    assert!(!printed.contains("refresh-1"), "{printed}");
    assert!(!printed.contains("app-password"), "{printed}");
    assert!(printed.contains("<redacted>"));
}
