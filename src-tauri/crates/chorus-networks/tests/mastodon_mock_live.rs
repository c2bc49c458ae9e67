//! The Mastodon adapter against `mastodon-mock` 0.6.1 (PyPI): a third-party **mock** of the
//! Mastodon client API (FastAPI + SQLite), **not a real Mastodon server**; none can be installed
//! from the registries this project uses. What passes here shows the adapter speaks the client
//! API as the mock implements it; where the mock is known to differ from Mastodon, the test says
//! what it verifies. Started by `tests/servers/with-servers.sh` (`make test-networks`), which
//! sets `CHORUS_TEST_MASTODON_MOCK_URL`.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use chorus_networks::mastodon::loopback::LoopbackReceiver;
use chorus_networks::mastodon::oauth::{self, Pkce};
use chorus_networks::mastodon::{Mastodon, MastodonConfig};
use chorus_networks::{
    IdempotencyKey, NetworkError, OutgoingImage, OutgoingPost, Publisher, Reconciled, ReplyTarget,
};
use chrono::Utc;
use serde_json::Value;
use url::Url;

fn mock_url() -> Url {
    let raw = std::env::var("CHORUS_TEST_MASTODON_MOCK_URL").unwrap_or_else(|_| {
        panic!(
            "CHORUS_TEST_MASTODON_MOCK_URL is not set. These tests need mastodon-mock (a mock of \
             the Mastodon API); run them through tests/servers/with-servers.sh \
             (make test-networks), which sets it."
        )
    });
    Url::parse(&raw)
        .unwrap_or_else(|e| panic!("CHORUS_TEST_MASTODON_MOCK_URL={raw} is not a URL: {e}"))
}

fn api(path: &str) -> String {
    format!("{}{path}", mock_url().as_str().trim_end_matches('/'))
}

fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default() as u64;
    format!(
        "{prefix}{}x{}",
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A user created the way the mock allows without a browser: an app token, then
/// `POST /api/v1/accounts`. Returns (username, user token).
async fn create_user(prefix: &str) -> (String, String) {
    let http = reqwest::Client::new();
    let app: Value = http
        .post(api("/api/v1/apps"))
        .form(&[
            ("client_name", "chorus-test"),
            ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ("scopes", "read write"),
        ])
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    let app_token: Value = http
        .post(api("/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            (
                "client_id",
                app["client_id"].as_str().expect("should succeed"),
            ),
            (
                "client_secret",
                app["client_secret"].as_str().expect("should succeed"),
            ),
            ("scope", "read write"),
        ])
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    let username = unique(prefix);
    let user: Value = http
        .post(api("/api/v1/accounts"))
        .bearer_auth(app_token["access_token"].as_str().expect("should succeed"))
        .form(&[
            ("username", username.as_str()),
            ("email", &format!("{username}@example.com")),
            ("password", "pw-123456789"),
            ("agreement", "true"),
            ("locale", "en"),
        ])
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed");
    let token = user["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("{user}"))
        .to_owned();
    (username, token)
}

fn adapter(token: &str) -> Mastodon {
    Mastodon::new(MastodonConfig {
        instance_url: mock_url(),
        access_token: token.to_owned(),
    })
    .expect("should succeed")
}

fn key(segment: u32) -> IdempotencyKey {
    static TARGET: AtomicU32 = AtomicU32::new(1);
    let mut key = IdempotencyKey::new(
        i64::from(TARGET.fetch_add(1, Ordering::SeqCst)),
        segment,
        Utc::now(),
    );
    // Keys are per account on a real server, but the mock may be shared by several runs.
    key.token.push_str(&format!("-{}", unique("")));
    key
}

fn text(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        ..Default::default()
    }
}

async fn get(token: &str, path: &str) -> Value {
    reqwest::Client::new()
        .get(api(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("should succeed")
        .json()
        .await
        .expect("should succeed")
}

async fn own_statuses(token: &str) -> Vec<Value> {
    let me = get(token, "/api/v1/accounts/verify_credentials").await;
    let id = me["id"].as_str().expect("should succeed");
    get(token, &format!("/api/v1/accounts/{id}/statuses?limit=40"))
        .await
        .as_array()
        .expect("should succeed")
        .clone()
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_oauth_code_flow_with_pkce_through_the_loopback_receiver() {
    let (username, _) = create_user("oa").await;
    let instance = mock_url();

    let receiver = LoopbackReceiver::bind().await.expect("should succeed");
    let redirect_uri = receiver.redirect_uri().to_owned();
    let app = oauth::register_app(&instance, &redirect_uri, "read write")
        .await
        .expect("should succeed");
    assert!(!app.client_id.is_empty() && !app.client_secret.is_empty());

    let pkce = Pkce::generate().expect("should succeed");
    let state = oauth::random_state().expect("should succeed");
    let authorize = oauth::authorize_url(
        &instance,
        &app.client_id,
        &redirect_uri,
        "read write",
        &state,
        pkce.challenge(),
    )
    .expect("should succeed");
    let query: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
    assert!(query.contains(&("code_challenge_method".into(), "S256".into())));
    assert!(query.contains(&("state".into(), state.clone())));
    // The authorization page the browser would show exists.
    let page = reqwest::get(authorize.as_str())
        .await
        .expect("should succeed");
    assert_eq!(page.status(), 200);

    // The browser step: the mock has no login, it issues a code for the account picked on its
    // page (POST /oauth/authorize with username=...) and redirects to our loopback URI.
    let browser = async {
        let no_redirects = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("should succeed");
        let picked = no_redirects
            .post(api("/oauth/authorize"))
            .form(&[
                ("username", username.as_str()),
                ("redirect_uri", redirect_uri.as_str()),
                ("client_id", app.client_id.as_str()),
                ("scope", "read write"),
                ("state", state.as_str()),
            ])
            .send()
            .await
            .expect("should succeed");
        assert_eq!(picked.status(), 302);
        let location = picked.headers()["location"]
            .to_str()
            .expect("should succeed")
            .to_owned();
        assert!(location.starts_with(&redirect_uri), "{location}");
        let landing = reqwest::get(&location).await.expect("should succeed");
        assert_eq!(landing.status(), 200);
        landing.text().await.expect("should succeed")
    };
    let (code, landing) = tokio::join!(
        receiver.wait_for_code(&state, Duration::from_secs(30)),
        browser
    );
    let code = code.expect("should succeed");
    assert!(landing.contains("You can close this window"));

    let token = oauth::exchange_code(&instance, &app, &redirect_uri, &code, pkce.verifier())
        .await
        .expect("should succeed");
    let me = adapter(&token.access_token)
        .verify_credentials()
        .await
        .expect("should succeed");
    assert!(
        me.handle.starts_with(&format!("{username}@")),
        "{}",
        me.handle
    );

    // A made-up code is refused, and that is a sign-in problem.
    let err = oauth::exchange_code(
        &instance,
        &app,
        &redirect_uri,
        "not-a-code",
        pkce.verifier(),
    )
    .await
    .expect_err("should fail");
    assert!(matches!(err, NetworkError::Auth { .. }), "{err:?}");
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_publishes_a_status_with_an_image_and_content_warning() {
    let (_, token) = create_user("im").await;
    let mastodon = adapter(&token);
    let png_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/test.png");
    let png = std::fs::read(&png_path).unwrap_or_else(|e| panic!("{}: {e}", png_path.display()));
    let post = OutgoingPost {
        text: "A gradient & more".into(),
        images: vec![OutgoingImage {
            bytes: png,
            mime_type: "image/png".into(),
            alt: "A gradient from blue to red".into(),
            width: 64,
            height: 48,
        }],
        content_warning: Some("colours".into()),
        language: Some("en".into()),
    };
    assert!(mastodon.validate(&post).is_empty());
    let remote = mastodon
        .publish(&key(0), &post, None)
        .await
        .expect("should succeed");
    assert!(remote.url.is_some());

    let status = get(&token, &format!("/api/v1/statuses/{}", remote.id)).await;
    assert_eq!(status["spoiler_text"], "colours");
    assert_eq!(status["sensitive"], true);
    assert_eq!(status["language"], "en");
    assert_eq!(status["visibility"], "public");
    let media = &status["media_attachments"][0];
    assert_eq!(media["type"], "image");
    assert_eq!(media["description"], "A gradient from blue to red");
    assert_eq!(
        mastodon
            .fetch(&remote)
            .await
            .expect("should succeed")
            .as_deref(),
        Some("A gradient & more")
    );
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_threads_segments_with_in_reply_to_id() {
    let (_, token) = create_user("th").await;
    let mastodon = adapter(&token);
    let first = mastodon
        .publish(&key(0), &text("1/3"), None)
        .await
        .expect("should succeed");
    let second = mastodon
        .publish(
            &key(1),
            &text("2/3"),
            Some(&ReplyTarget {
                root: first.clone(),
                parent: first.clone(),
            }),
        )
        .await
        .expect("should succeed");
    let third = mastodon
        .publish(
            &key(2),
            &text("3/3"),
            Some(&ReplyTarget {
                root: first.clone(),
                parent: second.clone(),
            }),
        )
        .await
        .expect("should succeed");
    let parent_of = |s: Value| s["in_reply_to_id"].clone();
    assert_eq!(
        parent_of(get(&token, &format!("/api/v1/statuses/{}", first.id)).await),
        Value::Null
    );
    assert_eq!(
        parent_of(get(&token, &format!("/api/v1/statuses/{}", second.id)).await),
        first.id.as_str()
    );
    assert_eq!(
        parent_of(get(&token, &format!("/api/v1/statuses/{}", third.id)).await),
        second.id.as_str()
    );
}

/// mastodon-mock honours `Idempotency-Key`: it keeps (account, key) → status in a table and
/// answers a repeat with the first status. Unlike Mastodon, it never forgets a key (Mastodon
/// drops it after an hour), so this verifies only the within-the-hour behaviour.
#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_answers_a_repeated_idempotency_key_with_the_first_status() {
    let (_, token) = create_user("id").await;
    let k = key(0);
    let post = text("Only once, please");
    let first = adapter(&token)
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    // A retry after a crash: a fresh adapter, same key.
    let second = adapter(&token)
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    assert_eq!(first, second);
    assert_eq!(own_statuses(&token).await.len(), 1);

    // The same text under another key is another status.
    let third = adapter(&token)
        .publish(&key(0), &post, None)
        .await
        .expect("should succeed");
    assert_ne!(third.id, first.id);
    assert_eq!(own_statuses(&token).await.len(), 2);
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_reconciles_before_and_after_publishing() {
    let (_, token) = create_user("rc").await;
    let mastodon = adapter(&token);
    let k = key(0);
    let post = text("Did it go out? https://example.com/a and @nobody@elsewhere.example");

    assert_eq!(
        mastodon.reconcile(&k, &post).await.expect("should succeed"),
        Reconciled::NotPublished
    );
    let remote = mastodon
        .publish(&k, &post, None)
        .await
        .expect("should succeed");
    assert_eq!(
        mastodon.reconcile(&k, &post).await.expect("should succeed"),
        Reconciled::Published(remote)
    );

    // Two hours later, a segment that never went out can no longer be retried blindly.
    let later = Utc::now() + chrono::Duration::hours(2);
    let late = adapter(&token).with_clock(Arc::new(move || later));
    let verdict = late
        .reconcile(&key(1), &text("never sent"))
        .await
        .expect("should succeed");
    assert!(
        matches!(verdict, Reconciled::Unconfirmed { .. }),
        "{verdict:?}"
    );
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_deleted_status_fetches_as_none() {
    let (_, token) = create_user("dl").await;
    let mastodon = adapter(&token);
    let remote = mastodon
        .publish(&key(0), &text("Short-lived"), None)
        .await
        .expect("should succeed");
    assert_eq!(
        mastodon
            .fetch(&remote)
            .await
            .expect("should succeed")
            .as_deref(),
        Some("Short-lived")
    );
    mastodon.delete(&remote).await.expect("should succeed");
    assert_eq!(mastodon.fetch(&remote).await.expect("should succeed"), None);
    // Deleting again is not an error: the status is gone either way.
    mastodon.delete(&remote).await.expect("should succeed");
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_refuses_a_bogus_token() {
    let mastodon = adapter("bogus-token");
    let err = mastodon
        .verify_credentials()
        .await
        .expect_err("should fail");
    assert!(matches!(err, NetworkError::Auth { .. }), "{err:?}");
    assert!(!err.to_string().contains("bogus-token"));
    let err = mastodon
        .publish(&key(0), &text("no"), None)
        .await
        .expect_err("should fail");
    assert_eq!(err.code(), "auth", "{err}");
}

/// Validation follows Mastodon's rule (a link counts as `characters_reserved_per_url`, read
/// from the mock's /api/v2/instance). The mock's own length check counts raw characters, so the
/// 500-character post is only validated here, not published.
#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_configuration_makes_a_url_count_23_characters() {
    let (_, token) = create_user("ln").await;
    let mastodon = adapter(&token);
    let limits = mastodon.refresh_limits().await.expect("should succeed");
    assert_eq!(
        (limits.max_characters, limits.characters_reserved_per_url),
        (500, 23)
    );

    let url = format!("https://example.com/{}", "long-path/".repeat(10));
    let at_limit = text(&format!("{} {url}", "a".repeat(500 - 1 - 23)));
    assert!(
        mastodon.validate(&at_limit).is_empty(),
        "{:?}",
        mastodon.validate(&at_limit)
    );
    let over = text(&format!("{} {url}", "a".repeat(500 - 23)));
    let problems = mastodon.validate(&over);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .starts_with("This post is 501 characters;"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0]
            .message
            .contains("Each link counts as 23 characters.")
    );
}

#[tokio::test]
#[ignore = "needs mastodon-mock: make test-networks"]
async fn mastodon_mock_schedules_on_the_server_and_cancels() {
    let (_, token) = create_user("sc").await;
    let mastodon = adapter(&token);
    let at = Utc::now() + chrono::Duration::minutes(30);
    let scheduled = mastodon
        .schedule_on_server(&key(0), &text("Later"), at)
        .await
        .expect("should succeed");
    assert_eq!(scheduled.scheduled_at.timestamp(), at.timestamp());
    let listed = get(&token, "/api/v1/scheduled_statuses").await;
    assert!(
        listed
            .as_array()
            .expect("should succeed")
            .iter()
            .any(|s| s["id"] == scheduled.id.as_str()),
        "{listed}"
    );
    assert!(
        own_statuses(&token).await.is_empty(),
        "nothing is published yet"
    );

    mastodon
        .cancel_scheduled(&scheduled.id)
        .await
        .expect("should succeed");
    let listed = get(&token, "/api/v1/scheduled_statuses").await;
    assert!(
        listed.as_array().expect("should succeed").is_empty(),
        "{listed}"
    );
}
