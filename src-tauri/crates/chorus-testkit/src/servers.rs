//! The local test servers that `tests/servers/with-servers.sh` starts: their addresses, accounts
//! made with plain API calls, and independent readers of what ended up on them (so a test never
//! trusts the adapter it checks). These helpers panic with a clear message: they are for tests.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

/// A variable that with-servers.sh exports, or a panic saying how to get it.
pub fn env(name: &str) -> String {
    std::env::var(name)
        .map(|v| v.trim_end_matches('/').to_owned())
        .unwrap_or_else(|_| {
            panic!(
                "{name} is not set: run through tests/servers/with-servers.sh (make test-networks)"
            )
        })
}

pub fn pds_url() -> String {
    env("CHORUS_TEST_PDS_URL")
}

pub fn mastodon_mock_url() -> String {
    env("CHORUS_TEST_MASTODON_MOCK_URL")
}

pub fn nostr_relay_url() -> String {
    env("CHORUS_TEST_NOSTR_RELAY")
}

/// A name no other test (in this run or an earlier one on the same servers) has used:
/// `prefix` + 11 digits, short enough for a `.test` handle label.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed) % 100;
    format!("{prefix}{:09}{n:02}", micros % 1_000_000_000)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("an HTTP client")
}

async fn json_of(response: reqwest::Response, what: &str) -> Value {
    let status = response.status();
    let body = response.text().await.expect(what);
    let value: Value = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {status} {body}"));
    assert!(status.is_success(), "{what}: {status} {value}");
    value
}

/// An account on the AT Protocol PDS, with an app password for Chorus.
#[derive(Debug, Clone)]
pub struct BlueskyAccount {
    pub handle: String,
    pub did: String,
    pub app_password: String,
}

pub async fn bluesky_account(pds: &str) -> BlueskyAccount {
    let http = client();
    let name = unique("flt");
    let created = json_of(
        http.post(format!("{pds}/xrpc/com.atproto.server.createAccount"))
            .json(&json!({
                "email": format!("{name}@example.com"),
                "handle": format!("{name}.test"),
                "password": "pw-account-1",
            }))
            .send()
            .await
            .expect("createAccount"),
        "createAccount",
    )
    .await;
    let jwt = created["accessJwt"].as_str().expect("accessJwt");
    let app = json_of(
        http.post(format!("{pds}/xrpc/com.atproto.server.createAppPassword"))
            .bearer_auth(jwt)
            .json(&json!({"name": "chorus"}))
            .send()
            .await
            .expect("createAppPassword"),
        "createAppPassword",
    )
    .await;
    BlueskyAccount {
        handle: created["handle"].as_str().expect("handle").to_owned(),
        did: created["did"].as_str().expect("did").to_owned(),
        app_password: app["password"].as_str().expect("app password").to_owned(),
    }
}

/// Every `app.bsky.feed.post` record in `repo` (a DID or handle), read from the PDS directly.
pub async fn bluesky_posts(pds: &str, repo: &str) -> Vec<Value> {
    let http = client();
    let mut records = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..50 {
        let mut query = vec![
            ("repo", repo.to_owned()),
            ("collection", "app.bsky.feed.post".to_owned()),
            ("limit", "100".to_owned()),
        ];
        if let Some(cursor) = &cursor {
            query.push(("cursor", cursor.clone()));
        }
        let page = json_of(
            http.get(format!("{pds}/xrpc/com.atproto.repo.listRecords"))
                .query(&query)
                .send()
                .await
                .expect("listRecords"),
            "listRecords",
        )
        .await;
        let batch = page["records"].as_array().cloned().unwrap_or_default();
        let done = batch.is_empty();
        records.extend(batch);
        cursor = page["cursor"].as_str().map(str::to_owned);
        if done || cursor.is_none() {
            return records;
        }
    }
    panic!("listRecords for {repo} did not end after 50 pages")
}

/// A mastodon-mock user token: app, client-credentials token, account.
pub async fn mastodon_mock_user(base: &str) -> String {
    let http = client();
    let app = json_of(
        http.post(format!("{base}/api/v1/apps"))
            .form(&[
                ("client_name", "chorus-tests"),
                ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
                ("scopes", "read write"),
            ])
            .send()
            .await
            .expect("apps"),
        "apps",
    )
    .await;
    let token = json_of(
        http.post(format!("{base}/oauth/token"))
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", app["client_id"].as_str().expect("client_id")),
                (
                    "client_secret",
                    app["client_secret"].as_str().expect("client_secret"),
                ),
                ("scope", "read write"),
            ])
            .send()
            .await
            .expect("token"),
        "token",
    )
    .await;
    let name = unique("flt");
    let user = json_of(
        http.post(format!("{base}/api/v1/accounts"))
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
            .expect("accounts"),
        "accounts",
    )
    .await;
    user["access_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no user token: {user}"))
        .to_owned()
}

/// Every status of the token's own account, newest first, read from the mock directly.
pub async fn mastodon_mock_statuses(base: &str, token: &str) -> Vec<Value> {
    let http = client();
    let me = json_of(
        http.get(format!("{base}/api/v1/accounts/verify_credentials"))
            .bearer_auth(token)
            .send()
            .await
            .expect("verify_credentials"),
        "verify_credentials",
    )
    .await;
    let id = me["id"].as_str().expect("account id").to_owned();
    let mut statuses: Vec<Value> = Vec::new();
    let mut max_id: Option<String> = None;
    for _ in 0..50 {
        let mut query = vec![("limit", "40".to_owned())];
        if let Some(max_id) = &max_id {
            query.push(("max_id", max_id.clone()));
        }
        let page = json_of(
            http.get(format!("{base}/api/v1/accounts/{id}/statuses"))
                .bearer_auth(token)
                .query(&query)
                .send()
                .await
                .expect("statuses"),
            "statuses",
        )
        .await;
        let batch = page.as_array().cloned().unwrap_or_default();
        if batch.is_empty() {
            return statuses;
        }
        max_id = batch
            .last()
            .and_then(|s| s["id"].as_str())
            .map(str::to_owned);
        // A mock that ignored max_id would repeat itself: stop instead of looping.
        if batch
            .iter()
            .any(|s| statuses.iter().any(|seen| seen["id"] == s["id"]))
        {
            return statuses;
        }
        statuses.extend(batch);
    }
    panic!("the statuses of account {id} did not end after 50 pages")
}

/// A status' HTML content as plain text (tags dropped, the common entities decoded).
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The hex public key of an `npub1…` (or hex) key.
pub fn nostr_public_key_hex(npub: &str) -> String {
    nostr::key::PublicKey::parse(npub)
        .unwrap_or_else(|e| panic!("{npub} is not a Nostr public key: {e}"))
        .to_hex()
}

/// Every kind-1 note by `author_hex` that the relay stores, as raw JSON events.
pub async fn nostr_notes(relay: &str, author_hex: &str) -> Vec<Value> {
    let (mut ws, _) = tokio_tungstenite::connect_async(relay)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the relay {relay}: {e}"));
    let req = json!(["REQ", "check", {"authors": [author_hex], "kinds": [1], "limit": 5000}]);
    ws.send(Message::text(req.to_string()))
        .await
        .expect("send REQ");
    let mut events = Vec::new();
    for _ in 0..100_000 {
        let frame = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("the relay answers within 10 s")
            .expect("the connection stays open")
            .expect("a frame");
        let Message::Text(text) = frame else { continue };
        let message: Value = serde_json::from_str(text.as_str()).expect("relay JSON");
        match message[0].as_str() {
            Some("EVENT") => events.push(message[2].clone()),
            Some("EOSE") => {
                let _ = ws.close(None).await;
                return events;
            }
            Some("CLOSED") | Some("NOTICE") => panic!("the relay refused the query: {message}"),
            _ => {}
        }
    }
    panic!("no EOSE from {relay}")
}

/// `e` tags of a Nostr event as (event id, marker).
pub fn nostr_e_tags(event: &Value) -> Vec<(String, String)> {
    event["tags"]
        .as_array()
        .map(|tags| {
            tags.iter()
                .filter(|t| t[0] == "e")
                .map(|t| {
                    (
                        t[1].as_str().unwrap_or_default().to_owned(),
                        t[3].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The event a note replies to (NIP-10): the "reply"-marked `e` tag, or for a direct reply to
/// the thread's root, the "root" one.
pub fn nostr_parent(event: &Value) -> Option<String> {
    let tags = nostr_e_tags(event);
    tags.iter()
        .find(|(_, marker)| marker == "reply")
        .or_else(|| tags.iter().find(|(_, marker)| marker == "root"))
        .map(|(id, _)| id.clone())
}

/// Publishes a kind-1 note by a fresh key that tags `p_hex` (a mention), straight over a
/// websocket; returns the note's id once the relay says OK.
pub async fn nostr_mention(relay: &str, p_hex: &str, text: &str) -> String {
    use nostr::prelude::{EventBuilder, FinalizeEvent, Keys, Kind, Tag};
    let keys = Keys::generate();
    let event = EventBuilder::new(Kind::TextNote, text)
        .tag(Tag::custom("p", [p_hex]))
        .finalize(&keys)
        .expect("a signed note");
    let (mut ws, _) = tokio_tungstenite::connect_async(relay)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the relay {relay}: {e}"));
    let id = event.id.to_hex();
    ws.send(Message::text(json!(["EVENT", event]).to_string()))
        .await
        .expect("send EVENT");
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("the relay answers within 10 s")
            .expect("the connection stays open")
            .expect("a frame");
        let Message::Text(text) = frame else { continue };
        let message: Value = serde_json::from_str(text.as_str()).expect("relay JSON");
        if message[0] == "OK" && message[1] == id.as_str() {
            assert_eq!(message[2], true, "the relay refused the mention: {message}");
            let _ = ws.close(None).await;
            return id;
        }
    }
}
