//! The Nostr adapter against a REAL relay: nostr-rs-relay on 127.0.0.1, whose URL comes from
//! `CHORUS_TEST_NOSTR_RELAY` (e.g. `ws://127.0.0.1:7447`). `make test-networks` starts it;
//! by hand: `CHORUS_TEST_SERVERS=nostr tests/servers/with-servers.sh cargo test -p
//! chorus-networks --test nostr_live -- --ignored`.
//!
//! What the adapter wrote is read back with a plain websocket client, and every event is
//! checked with the `nostr` crate, so these tests do not trust the adapter's own reading.
//! Each test uses fresh keys, so they can share one relay and run in parallel.

use std::time::Duration;

use chorus_networks::nostr::{Nostr, NostrConfig, NostrKeys};
use chorus_networks::{
    IdempotencyKey, NetworkError, OutgoingPost, Publisher, Reconciled, RemotePost, ReplyTarget,
};
use chrono::Utc;
use futures_util::{SinkExt, StreamExt};
use nostr::prelude::{
    Event, EventBuilder, FinalizeEvent, Keys, Kind, RelayMessage, SubscriptionId,
};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::time::timeout;
use tokio_tungstenite::tungstenite::Message;
use url::Url;

fn relay_url() -> Url {
    let raw = std::env::var("CHORUS_TEST_NOSTR_RELAY").expect(
        "CHORUS_TEST_NOSTR_RELAY is not set: run through `make test-networks` \
         (or tests/servers/with-servers.sh), which starts nostr-rs-relay",
    );
    Url::parse(&raw).expect("CHORUS_TEST_NOSTR_RELAY is a ws:// URL")
}

/// A port nothing listens on: the relay that is down.
async fn closed_port_url() -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    Url::parse(&format!("ws://127.0.0.1:{port}")).expect("url")
}

fn adapter(keys: &NostrKeys, relays: Vec<Url>) -> Nostr {
    Nostr::new(NostrConfig {
        secret_key: keys.nsec(),
        relays,
    })
    .expect("valid config")
    .with_timeout(Duration::from_secs(5))
}

fn post(text: &str) -> OutgoingPost {
    OutgoingPost {
        text: text.into(),
        ..OutgoingPost::default()
    }
}

fn key(segment: u32) -> IdempotencyKey {
    IdempotencyKey::new(1, segment, Utc::now())
}

fn tags(event: &Event) -> Vec<Vec<String>> {
    event.tags.iter().map(|t| t.as_slice().to_vec()).collect()
}

/// Independent reader: one REQ on a raw websocket, every stored match until EOSE, each event
/// checked (id recomputed, BIP-340 signature verified) by the `nostr` crate.
async fn stored(filter: Value) -> Vec<Event> {
    let (mut ws, _) = tokio_tungstenite::connect_async(relay_url().as_str())
        .await
        .expect("connect to the relay");
    let req = json!(["REQ", "check", filter]).to_string();
    ws.send(Message::text(req)).await.expect("send REQ");
    let mut events = Vec::new();
    loop {
        let frame = timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("EOSE within 5 s")
            .expect("connection open")
            .expect("frame");
        let Message::Text(text) = frame else { continue };
        match RelayMessage::from_json(text.as_str()).expect("relay message") {
            RelayMessage::Event { event, .. } => {
                let event = event.into_owned();
                event
                    .verify()
                    .expect("stored event has a valid id and signature");
                events.push(event);
            }
            RelayMessage::EndOfStoredEvents(_) => return events,
            _ => {}
        }
    }
}

/// Sends an event on a raw websocket and returns the relay's `OK` verbatim.
async fn raw_send(event: &Event) -> (bool, String) {
    let (mut ws, _) = tokio_tungstenite::connect_async(relay_url().as_str())
        .await
        .expect("connect to the relay");
    let message = json!(["EVENT", event]).to_string();
    ws.send(Message::text(message)).await.expect("send EVENT");
    loop {
        let frame = timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("OK within 5 s")
            .expect("connection open")
            .expect("frame");
        let Message::Text(text) = frame else { continue };
        if let Ok(RelayMessage::Ok {
            event_id,
            status,
            message,
        }) = RelayMessage::from_json(text.as_str())
            && event_id == event.id
        {
            return (status, message.into_owned());
        }
    }
}

async fn one_stored(id: &str) -> Event {
    let mut found = stored(json!({ "ids": [id] })).await;
    assert_eq!(found.len(), 1, "event {id} on the relay");
    found.remove(0)
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_stores_the_published_note_with_a_valid_signature() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);
    let mut segment = post("Hello from Chorus #Testing");
    segment.content_warning = Some("test post".into());
    segment.language = Some("en".into());

    let remote = nostr
        .publish(&key(0), &segment, None)
        .await
        .expect("published");
    assert!(
        remote
            .url
            .as_deref()
            .is_some_and(|u| u.starts_with("nostr:nevent1"))
    );

    let event = one_stored(&remote.id).await;
    assert_eq!(event.id.to_hex(), remote.id);
    assert_eq!(event.pubkey, me.public_key());
    assert_eq!(event.kind, Kind::TextNote);
    assert_eq!(event.content, "Hello from Chorus #Testing");
    assert_eq!(
        tags(&event),
        vec![
            vec!["t".to_owned(), "testing".into()],
            vec!["content-warning".to_owned(), "test post".into()],
            vec!["L".to_owned(), "ISO-639-1".into()],
            vec!["l".to_owned(), "en".into(), "ISO-639-1".into()],
        ]
    );
    assert_eq!(
        nostr.fetch(&remote).await.expect("fetch").as_deref(),
        Some("Hello from Chorus #Testing")
    );
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_delivers_a_mention_to_a_p_subscription() {
    let me = NostrKeys::generate();
    let bob = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);

    // Bob's client, subscribed before the note exists.
    let (mut ws, _) = tokio_tungstenite::connect_async(relay_url().as_str())
        .await
        .expect("connect");
    let since = Utc::now().timestamp() - 5;
    let req = json!(["REQ", "bob", {"kinds": [1], "#p": [bob.public_key_hex()], "since": since}]);
    ws.send(Message::text(req.to_string())).await.expect("REQ");

    let text = format!("ping @{} and #Nostr", bob.npub());
    let remote = nostr
        .publish(&key(0), &post(&text), None)
        .await
        .expect("published");

    let delivered = loop {
        let frame = timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("the mention reaches bob within 5 s")
            .expect("open")
            .expect("frame");
        let Message::Text(raw) = frame else { continue };
        if let Ok(RelayMessage::Event {
            subscription_id,
            event,
        }) = RelayMessage::from_json(raw.as_str())
            && *subscription_id == SubscriptionId::new("bob")
        {
            break event.into_owned();
        }
    };
    delivered.verify().expect("valid");
    assert_eq!(delivered.id.to_hex(), remote.id);
    assert_eq!(
        delivered.content,
        format!("ping nostr:{} and #Nostr", bob.npub())
    );
    assert!(tags(&delivered).contains(&vec!["p".to_owned(), bob.public_key_hex()]));
    assert!(tags(&delivered).contains(&vec!["t".to_owned(), "nostr".into()]));
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_keeps_a_thread_of_three_with_nip10_tags() {
    let me = NostrKeys::generate();
    let relay = relay_url();
    let nostr = adapter(&me, vec![relay.clone()]);
    let at = Utc::now();

    let first = nostr
        .publish(&IdempotencyKey::new(3, 0, at), &post("thread 1/3"), None)
        .await
        .expect("1/3");
    let to_first = ReplyTarget {
        root: first.clone(),
        parent: first.clone(),
    };
    let second = nostr
        .publish(
            &IdempotencyKey::new(3, 1, at),
            &post("thread 2/3"),
            Some(&to_first),
        )
        .await
        .expect("2/3");
    let to_second = ReplyTarget {
        root: first.clone(),
        parent: second.clone(),
    };
    let third = nostr
        .publish(
            &IdempotencyKey::new(3, 2, at),
            &post("thread 3/3"),
            Some(&to_second),
        )
        .await
        .expect("3/3");

    let me_hex = me.public_key_hex();
    let hint = relay.to_string();
    let e = |id: &RemotePost, marker: &str| {
        vec![
            "e".to_owned(),
            id.id.clone(),
            hint.clone(),
            marker.into(),
            me_hex.clone(),
        ]
    };
    let p = vec!["p".to_owned(), me_hex.clone()];
    assert!(tags(&one_stored(&first.id).await).is_empty());
    assert_eq!(
        tags(&one_stored(&second.id).await),
        vec![e(&first, "root"), p.clone()]
    );
    assert_eq!(
        tags(&one_stored(&third.id).await),
        vec![e(&first, "root"), e(&second, "reply"), p]
    );

    // Everything replying into the thread, as a client opening it would ask.
    let replies = stored(json!({"kinds": [1], "#e": [first.id]})).await;
    assert_eq!(replies.len(), 2);

    // A reply segment is found again without being told what it replied to.
    match nostr
        .reconcile(&IdempotencyKey::new(3, 2, at), &post("thread 3/3"))
        .await
        .expect("reconcile")
    {
        Reconciled::Published(found) => assert_eq!(found.id, third.id),
        other => panic!("expected Published, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_keeps_one_event_when_the_same_key_publishes_twice() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);
    let key = key(0);

    let first = nostr
        .publish(&key, &post("only once"), None)
        .await
        .expect("first");
    let again = nostr
        .publish(&key, &post("only once"), None)
        .await
        .expect("retry");
    assert_eq!(first.id, again.id);

    let mine = stored(json!({"authors": [me.public_key_hex()]})).await;
    assert_eq!(mine.len(), 1, "{mine:?}");

    // What the relay says to a resend, which the adapter counts as success.
    let (ok, message) = raw_send(&mine[0]).await;
    println!("relay's answer to a resend: OK {ok} {message:?}");
    assert!(ok && message.starts_with("duplicate:"), "{ok} {message}");
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_reconcile_tells_not_published_from_published() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);
    let key = key(0);
    let segment = post("reconcile me");

    assert_eq!(
        nostr.reconcile(&key, &segment).await.expect("before"),
        Reconciled::NotPublished
    );
    let remote = nostr
        .publish(&key, &segment, None)
        .await
        .expect("published");
    match nostr.reconcile(&key, &segment).await.expect("after") {
        Reconciled::Published(found) => {
            assert_eq!(found.id, remote.id);
            assert!(found.url.is_some_and(|u| u.starts_with("nostr:nevent1")));
        }
        other => panic!("expected Published, got {other:?}"),
    }

    // With a relay down, a note found on the other is still Published; one found nowhere
    // cannot be called NotPublished, since it might be on the relay that is down.
    let half = adapter(&me, vec![closed_port_url().await, relay_url()]);
    assert!(matches!(
        half.reconcile(&key, &segment)
            .await
            .expect("half, published"),
        Reconciled::Published(_)
    ));
    match half
        .reconcile(&IdempotencyKey::new(9, 9, Utc::now()), &post("never sent"))
        .await
        .expect("half, missing")
    {
        Reconciled::Unconfirmed { reason } => assert!(reason.contains("127.0.0.1"), "{reason}"),
        other => panic!("expected Unconfirmed, got {other:?}"),
    }
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_drops_a_deleted_note() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);
    let remote = nostr
        .publish(&key(0), &post("delete me"), None)
        .await
        .expect("published");
    let original = one_stored(&remote.id).await;
    assert_eq!(
        nostr.fetch(&remote).await.expect("fetch"),
        Some("delete me".into())
    );

    nostr.delete(&remote).await.expect("deleted");
    assert_eq!(
        nostr.fetch(&remote).await.expect("fetch after delete"),
        None
    );
    assert!(stored(json!({ "ids": [remote.id] })).await.is_empty());
    let requests = stored(json!({"kinds": [5], "authors": [me.public_key_hex()]})).await;
    assert_eq!(requests.len(), 1);
    assert!(tags(&requests[0]).contains(&vec!["e".to_owned(), remote.id.clone()]));

    // What the relay does when the deleted note is sent again.
    let (ok, message) = raw_send(&original).await;
    println!("relay's answer to resending a deleted note: OK {ok} {message:?}");
    assert_eq!(
        nostr.fetch(&remote).await.expect("fetch after resend"),
        None
    );
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_takes_the_note_while_another_relay_is_down() {
    let me = NostrKeys::generate();
    let down = closed_port_url().await;
    let nostr = adapter(&me, vec![down, relay_url()]);
    let remote = nostr
        .publish(&key(0), &post("one relay is enough"), None)
        .await
        .expect("published via the live relay");
    one_stored(&remote.id).await;
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_setup_all_relays_down_is_transient() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![closed_port_url().await, closed_port_url().await]);
    let err = nostr
        .publish(&key(0), &post("nowhere to go"), None)
        .await
        .expect_err("no relay");
    assert!(matches!(err, NetworkError::Transient { .. }), "{err:?}");
    let err = nostr.verify_credentials().await.expect_err("no relay");
    assert_eq!(err.code(), "transient");
    let err = nostr
        .reconcile(&key(0), &post("nowhere to go"))
        .await
        .expect_err("no relay");
    assert_eq!(err.code(), "transient");
}

#[tokio::test]
#[ignore = "needs a local nostr-rs-relay: make test-networks"]
async fn real_nostr_relay_profile_names_the_account() {
    let me = NostrKeys::generate();
    let nostr = adapter(&me, vec![relay_url()]);

    let before = nostr.verify_credentials().await.expect("reachable");
    assert_eq!(before.id, me.public_key_hex());
    assert_eq!(before.handle, me.npub());
    assert!(before.display_name.starts_with("npub1") && before.display_name.contains('…'));

    let signer = Keys::parse(&me.nsec()).expect("keys");
    let profile = EventBuilder::new(
        Kind::Metadata,
        json!({"name": "chorus-test", "display_name": "Chorus Test"}).to_string(),
    )
    .finalize(&signer)
    .expect("signed profile");
    let (ok, message) = raw_send(&profile).await;
    assert!(ok, "{message}");

    let after = nostr.verify_credentials().await.expect("reachable");
    assert_eq!(after.display_name, "Chorus Test");
}
