//! The fault proxy itself, in front of small upstreams started here (an HTTP server that counts
//! what it received, and a websocket echo server). No timing is asserted: a delay is checked by
//! its answer arriving intact, a hang by the client's own timeout firing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chorus_testkit::http1::{self, Head, MessageKind};
use chorus_testkit::{Fault, FaultProxy, Match};
use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

/// What the upstream received: (method, target, body).
type Received = Arc<Mutex<Vec<(String, String, String)>>>;

/// An HTTP upstream that answers every request with a chunked body naming the request, and
/// mentions its own address (for the rewrite test). Keeps connections open (keep-alive) unless
/// asked to close, like real servers.
async fn http_upstream() -> (String, Received) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let received: Received = Arc::default();
    let log = received.clone();
    let own = url.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let log = log.clone();
            let own = own.clone();
            tokio::spawn(async move {
                let mut stream = BufReader::new(stream);
                while let Ok(Some(head)) = Head::read(&mut stream).await {
                    let (method, target) = head.request_line().expect("request line");
                    let framing = head.framing(MessageKind::Request).expect("framing");
                    let body = http1::read_body(&mut stream, framing).await.expect("body");
                    log.lock().expect("lock").push((
                        method.clone(),
                        target.clone(),
                        String::from_utf8_lossy(&body).into_owned(),
                    ));
                    let text = format!("{{\"seen\":\"{method} {target}\",\"self\":\"{own}/x\"}}");
                    let half = text.len() / 2;
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{}\r\n{:x}\r\n{}\r\n0\r\n\r\n",
                        half,
                        &text[..half],
                        text.len() - half,
                        &text[half..]
                    );
                    if stream.get_mut().write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                    if head.has_token("connection", "close") {
                        let _ = stream.get_mut().shutdown().await;
                        return;
                    }
                }
            });
        }
    });
    (url, received)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

fn calls(received: &Received) -> Vec<(String, String, String)> {
    received.lock().expect("lock").clone()
}

#[tokio::test]
async fn passes_requests_and_answers_through_and_counts_them_per_path() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    let http = client();
    for _ in 0..2 {
        let answer: serde_json::Value = http
            .post(format!("{}/a?x=1", proxy.url()))
            .json(&serde_json::json!({"hello": "world"}))
            .send()
            .await
            .expect("send")
            .error_for_status()
            .expect("2xx")
            .json()
            .await
            .expect("json");
        assert_eq!(answer["seen"], "POST /a?x=1");
    }
    http.get(format!("{}/b", proxy.url()))
        .send()
        .await
        .expect("send");
    let got = calls(&received);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].2, r#"{"hello":"world"}"#, "the body arrives intact");
    assert_eq!(proxy.count("/a"), 2);
    assert_eq!(proxy.count_method("GET", "/a"), 0);
    assert_eq!(proxy.count("/b"), 1);
    assert!(proxy.seen().iter().all(|s| s.fault == "pass"));
}

#[tokio::test]
async fn answers_errors_itself_without_forwarding() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(
        Match::any(),
        Fault::status(503, r#"{"error":"Unavailable","message":"down for a bit"}"#),
    );
    proxy.enqueue(Match::any(), Fault::too_many_requests(42, "slow down"));
    let http = client();

    let first = http.get(proxy.url()).send().await.expect("answer");
    assert_eq!(first.status().as_u16(), 503);
    assert_eq!(
        first.headers()["content-type"].to_str().expect("ascii"),
        "application/json"
    );
    assert_eq!(
        first.text().await.expect("body"),
        r#"{"error":"Unavailable","message":"down for a bit"}"#
    );

    let second = http.get(proxy.url()).send().await.expect("answer");
    assert_eq!(second.status().as_u16(), 429);
    assert_eq!(
        second.headers()["retry-after"].to_str().expect("ascii"),
        "42"
    );
    assert_eq!(second.text().await.expect("body"), "slow down");

    assert!(calls(&received).is_empty(), "nothing reached the upstream");
    assert_eq!(proxy.pending(), 0);
    let third = http.get(proxy.url()).send().await.expect("answer");
    assert_eq!(third.status().as_u16(), 200, "the queue is used up: pass");
}

#[tokio::test]
async fn queued_faults_go_to_the_first_matching_request_and_the_rule_decides_the_rest() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::post("/write"), Fault::status(500, "boom"));
    proxy.set_rule(|request| {
        (request.path == "/always-down").then(|| Fault::status(502, "bad gateway"))
    });
    let http = client();
    let status = |r: reqwest::Response| r.status().as_u16();

    assert_eq!(
        status(
            http.get(format!("{}/write", proxy.url()))
                .send()
                .await
                .expect("get")
        ),
        200,
        "a GET does not match Match::post"
    );
    assert_eq!(
        status(
            http.post(format!("{}/write", proxy.url()))
                .send()
                .await
                .expect("post")
        ),
        500
    );
    assert_eq!(
        status(
            http.post(format!("{}/write", proxy.url()))
                .send()
                .await
                .expect("post")
        ),
        200
    );
    for _ in 0..3 {
        assert_eq!(
            status(
                http.get(format!("{}/always-down", proxy.url()))
                    .send()
                    .await
                    .expect("get")
            ),
            502
        );
    }
    assert_eq!(calls(&received).len(), 2);
    assert_eq!(proxy.count("/write"), 3);
    assert_eq!(proxy.count("/always-down"), 3);
    proxy.clear();
    assert_eq!(
        status(
            http.get(format!("{}/always-down", proxy.url()))
                .send()
                .await
                .expect("get")
        ),
        200
    );
}

#[tokio::test]
async fn a_rule_can_fail_the_first_requests_to_a_path_then_let_them_pass() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.set_rule(|request| {
        (request.path == "/flaky" && request.earlier < 2).then(|| Fault::status(503, "warming up"))
    });
    let http = client();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let answer = http
            .get(format!("{}/flaky?n=1", proxy.url()))
            .send()
            .await
            .expect("answer");
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses, [503, 503, 200, 200]);
    assert_eq!(calls(&received).len(), 2);
    let faults: Vec<String> = proxy.seen().into_iter().map(|s| s.fault).collect();
    assert_eq!(faults, ["respond 503", "respond 503", "pass", "pass"]);
}

#[tokio::test]
async fn a_reset_before_forwarding_never_reaches_the_upstream() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::any(), Fault::ResetBeforeForward);
    let err = client()
        .post(format!("{}/write", proxy.url()))
        .body("payload")
        .send()
        .await
        .expect_err("reset");
    assert!(!err.is_timeout(), "{err:?}");
    assert!(calls(&received).is_empty());
    assert_eq!(proxy.seen()[0].fault, "reset before forwarding");
}

#[tokio::test]
async fn a_reset_after_forwarding_loses_the_answer_but_the_write_happened() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::post("/write"), Fault::ResetAfterForward);
    let err = client()
        .post(format!("{}/write", proxy.url()))
        .body("payload")
        .send()
        .await
        .expect_err("reset");
    assert!(!err.is_timeout(), "{err:?}");
    let got = calls(&received);
    assert_eq!(got.len(), 1, "the upstream got the write");
    assert_eq!(got[0].2, "payload");
}

#[tokio::test]
async fn a_hang_leaves_the_client_to_time_out() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::any(), Fault::Hang);
    let quick = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let err = quick
        .post(format!("{}/write", proxy.url()))
        .send()
        .await
        .expect_err("no answer");
    assert!(err.is_timeout(), "{err:?}");
    assert!(calls(&received).is_empty());
}

#[tokio::test]
async fn a_delayed_answer_arrives_whole() {
    let (upstream, received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::any(), Fault::Delay(Duration::from_millis(200)));
    let answer: serde_json::Value = client()
        .get(format!("{}/slow", proxy.url()))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["seen"], "GET /slow");
    assert_eq!(calls(&received).len(), 1);
    assert_eq!(proxy.seen()[0].fault, "delay 200 ms");
}

#[tokio::test]
async fn the_upstreams_own_address_can_be_rewritten_in_answers() {
    let (upstream, _received) = http_upstream().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.rewrite_answers(&upstream, &proxy.url());
    let answer: serde_json::Value = client()
        .get(proxy.url())
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["self"], format!("{}/x", proxy.url()));
}

#[tokio::test]
async fn only_loopback_http_and_ws_upstreams_are_accepted() {
    for bad in [
        "https://127.0.0.1:1",
        "http://10.0.0.1:80",
        "http://example.com",
        "nonsense",
    ] {
        assert!(FaultProxy::start(bad).await.is_err(), "{bad}");
    }
}

/// A websocket server that echoes every text message, and counts the ones it received.
async fn ws_echo() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("ws://{}", listener.local_addr().expect("addr"));
    let received = Arc::new(AtomicUsize::new(0));
    let count = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let count = count.clone();
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
                    return;
                };
                while let Some(Ok(message)) = ws.next().await {
                    if let Message::Text(text) = message {
                        count.fetch_add(1, Ordering::SeqCst);
                        if ws
                            .send(Message::text(format!("echo {text}")))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                }
            });
        }
    });
    (url, received)
}

#[tokio::test]
async fn websockets_pass_through_per_connection() {
    let (upstream, received) = ws_echo().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    assert!(proxy.url().starts_with("ws://127.0.0.1:"));
    let (mut ws, _) = tokio_tungstenite::connect_async(proxy.url())
        .await
        .expect("upgrade through the proxy");
    for n in 0..3 {
        ws.send(Message::text(format!("m{n}"))).await.expect("send");
        let reply = tokio::time::timeout(Duration::from_secs(10), ws.next())
            .await
            .expect("a reply")
            .expect("open")
            .expect("frame");
        assert_eq!(reply, Message::text(format!("echo m{n}")));
    }
    ws.close(None).await.expect("close");
    assert_eq!(received.load(Ordering::SeqCst), 3);
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "one upgrade, however many messages");
    assert!(seen[0].websocket);
}

#[tokio::test]
async fn a_websocket_reset_after_forwarding_delivers_the_message_and_loses_the_reply() {
    let (upstream, received) = ws_echo().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::any(), Fault::ResetAfterForward);
    let (mut ws, _) = tokio_tungstenite::connect_async(proxy.url())
        .await
        .expect("the upgrade passes");
    ws.send(Message::text("EVENT")).await.expect("send");
    let reply = tokio::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("the connection ends");
    assert!(
        !matches!(reply, Some(Ok(Message::Text(_)))),
        "no reply may arrive: {reply:?}"
    );
    assert_eq!(received.load(Ordering::SeqCst), 1, "the upstream got it");

    // The next connection passes again.
    let (mut ws, _) = tokio_tungstenite::connect_async(proxy.url())
        .await
        .expect("upgrade");
    ws.send(Message::text("again")).await.expect("send");
    let reply = tokio::time::timeout(Duration::from_secs(10), ws.next())
        .await
        .expect("a reply")
        .expect("open")
        .expect("frame");
    assert_eq!(reply, Message::text("echo again"));
}

#[tokio::test]
async fn a_websocket_upgrade_can_be_refused_hung_or_reset() {
    let (upstream, received) = ws_echo().await;
    let proxy = FaultProxy::start(&upstream).await.expect("proxy");
    proxy.enqueue(Match::any(), Fault::status(503, "busy"));
    proxy.enqueue(Match::any(), Fault::ResetBeforeForward);
    proxy.enqueue(Match::any(), Fault::Hang);
    let refused = tokio_tungstenite::connect_async(proxy.url())
        .await
        .expect_err("503");
    assert!(refused.to_string().contains("503"), "{refused}");
    assert!(tokio_tungstenite::connect_async(proxy.url()).await.is_err());
    let hung = tokio::time::timeout(
        Duration::from_millis(300),
        tokio_tungstenite::connect_async(proxy.url()),
    )
    .await;
    assert!(hung.is_err(), "the upgrade never completes");
    assert_eq!(received.load(Ordering::SeqCst), 0);
    assert_eq!(proxy.count("/"), 3);
}
