//! Configuration, validation, and the relay answers a real relay will not give on demand
//! (refusals, rate limits, silence), played by a scripted fake relay on 127.0.0.1.
//! The real-relay tests are in `tests/nostr_live.rs`.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use futures_util::{SinkExt, StreamExt};
use nostr::prelude::{FromNostrUri, Nip19Event};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

use super::*;
use crate::OutgoingImage;

const HEX: &str = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";

fn config(relays: &[&str]) -> NostrConfig {
    NostrConfig {
        secret_key: HEX.into(),
        relays: relays.iter().map(|r| Url::parse(r).expect("url")).collect(),
    }
}

fn key() -> IdempotencyKey {
    IdempotencyKey::new(
        7,
        0,
        Utc.with_ymd_and_hms(2025, 5, 1, 8, 0, 0)
            .single()
            .expect("time"),
    )
}

fn post(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        ..OutgoingPost::default()
    }
}

#[test]
fn config_errors_are_clear_and_never_show_the_key() {
    let mut bad_key = config(&["ws://127.0.0.1:1"]);
    bad_key.secret_key = format!("{}zz", &HEX[..62]);
    let err = Nostr::new(bad_key).expect_err("bad key");
    assert_eq!(err.code(), "auth");
    assert!(!err.to_string().contains(&HEX[..62]));

    let err = Nostr::new(config(&["https://relay.example.com"])).expect_err("https");
    assert_eq!(err.code(), "rejected");
    assert!(err.to_string().contains("wss://"), "{err}");

    let err = Nostr::new(config(&[])).expect_err("no relays");
    assert_eq!(err.code(), "rejected");

    let nostr = Nostr::new(config(&[
        "wss://relay.example.com",
        "ws://127.0.0.1:7447",
        "wss://relay.example.com",
    ]))
    .expect("valid");
    assert_eq!(nostr.relays().len(), 2);
    let shown = format!("{nostr:?} {:?}", config(&["ws://127.0.0.1:1"]));
    assert!(!shown.contains(HEX), "{shown}");
}

#[test]
fn validation_reports_images_empty_text_and_size() {
    let nostr = Nostr::new(config(&["ws://127.0.0.1:1"])).expect("nostr");
    assert!(nostr.validate(&post("hello")).is_empty());

    let mut with_image = post("look");
    with_image.images.push(OutgoingImage {
        bytes: vec![1, 2, 3],
        mime_type: "image/png".into(),
        alt: String::new(),
        width: 1,
        height: 1,
    });
    let problems = nostr.validate(&with_image);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "images");
    assert!(
        problems[0]
            .message
            .starts_with("Nostr relays do not store images")
    );

    let problems = nostr.validate(&post("  \n"));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "text");

    assert!(nostr.validate(&post(&"a".repeat(60_000))).is_empty());
    let problems = nostr.validate(&post(&"a".repeat(MAX_EVENT_BYTES)));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("KiB"), "{:?}", problems[0]);
}

/// How the fake relay answers an `EVENT`.
#[derive(Clone, Copy)]
enum Script {
    Ok(bool, &'static str),
    Silent,
    /// An `OK` for some other event first, then the real one: only the matching id counts.
    OtherIdFirst,
}

/// Accepts connections until the test ends; answers each `EVENT` as scripted.
async fn fake_relay(script: Script) -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                    return;
                };
                while let Some(Ok(frame)) = ws.next().await {
                    let Message::Text(text) = frame else { continue };
                    let msg: serde_json::Value = serde_json::from_str(text.as_str()).expect("json");
                    let id = msg[1]["id"].as_str().unwrap_or_default().to_owned();
                    let replies = match script {
                        Script::Silent => vec![],
                        _ if msg[0] == "REQ" => vec![serde_json::json!(["EOSE", msg[1]])],
                        _ if msg[0] != "EVENT" => vec![],
                        Script::Ok(ok, message) => vec![serde_json::json!(["OK", id, ok, message])],
                        Script::OtherIdFirst => vec![
                            serde_json::json!(["NOTICE", "hello"]),
                            serde_json::json!(["OK", "0".repeat(64), false, "blocked: other"]),
                            serde_json::json!(["OK", id, true, ""]),
                        ],
                    };
                    for reply in replies {
                        if ws.send(Message::text(reply.to_string())).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    Url::parse(&format!("ws://127.0.0.1:{port}")).expect("url")
}

async fn publish_to(relays: Vec<Url>) -> Result<RemotePost, NetworkError> {
    let nostr = Nostr::new(NostrConfig {
        secret_key: HEX.into(),
        relays,
    })
    .expect("nostr")
    .with_timeout(Duration::from_millis(500));
    nostr.publish(&key(), &post("hello"), None).await
}

#[tokio::test]
async fn a_refusal_from_every_relay_is_rejected_in_its_words() {
    let relay = fake_relay(Script::Ok(false, "blocked: you are not on the list")).await;
    let err = publish_to(vec![relay]).await.expect_err("refused");
    assert_eq!(err.code(), "rejected");
    assert!(
        err.to_string().contains("blocked: you are not on the list"),
        "{err}"
    );
}

#[tokio::test]
async fn rate_limited_is_retryable() {
    let relay = fake_relay(Script::Ok(false, "rate-limited: slow down")).await;
    let err = publish_to(vec![relay]).await.expect_err("limited");
    assert_eq!(err.code(), "rate_limited");
}

#[tokio::test]
async fn a_duplicate_counts_as_published_whatever_its_flag() {
    for flag in [true, false] {
        let relay = fake_relay(Script::Ok(flag, "duplicate: already have it")).await;
        let remote = publish_to(vec![relay]).await.expect("duplicate is success");
        assert_eq!(remote.id.len(), 64);
        assert!(remote.url.is_some_and(|u| u.starts_with("nostr:nevent1")));
    }
}

#[tokio::test]
async fn only_the_ok_for_our_event_counts() {
    let relay = fake_relay(Script::OtherIdFirst).await;
    publish_to(vec![relay]).await.expect("published");
}

#[tokio::test]
async fn silence_after_sending_is_an_unknown_outcome() {
    let silent = fake_relay(Script::Silent).await;
    let refusing = fake_relay(Script::Ok(false, "blocked: no")).await;
    let err = publish_to(vec![silent, refusing])
        .await
        .expect_err("unknown");
    assert_eq!(err.code(), "outcome_unknown");
}

#[tokio::test]
async fn one_acceptance_beats_refusals_and_outages() {
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let closed_url = Url::parse(&format!(
        "ws://127.0.0.1:{}",
        closed.local_addr().expect("addr").port()
    ))
    .expect("url");
    drop(closed);
    let refusing = fake_relay(Script::Ok(false, "blocked: no")).await;
    let accepting = fake_relay(Script::Ok(true, "")).await;
    let remote = publish_to(vec![closed_url, refusing, accepting.clone()])
        .await
        .expect("published");
    let url = remote.url.expect("nevent");
    let nevent = Nip19Event::from_nostr_uri(&url).expect("nevent");
    assert_eq!(nevent.relays.len(), 1, "only the accepting relay is a hint");
}

#[tokio::test]
async fn reconcile_needs_every_relay_to_answer_before_saying_not_published() {
    let nostr_with = |relays: Vec<Url>| {
        Nostr::new(NostrConfig {
            secret_key: HEX.into(),
            relays,
        })
        .expect("nostr")
        .with_timeout(Duration::from_millis(300))
    };
    let answering = fake_relay(Script::Ok(true, "")).await;
    let silent = fake_relay(Script::Silent).await;

    let all = nostr_with(vec![answering.clone()]);
    assert_eq!(
        all.reconcile(&key(), &post("hello")).await,
        Ok(Reconciled::NotPublished)
    );

    let half = nostr_with(vec![answering, silent.clone()]);
    match half.reconcile(&key(), &post("hello")).await {
        Ok(Reconciled::Unconfirmed { reason }) => {
            assert!(reason.contains(silent.as_str()), "{reason}");
        }
        other => panic!("expected Unconfirmed, got {other:?}"),
    }

    let none = nostr_with(vec![silent]);
    let err = none
        .reconcile(&key(), &post("hello"))
        .await
        .expect_err("nobody answered");
    assert_eq!(err.code(), "transient");
}
