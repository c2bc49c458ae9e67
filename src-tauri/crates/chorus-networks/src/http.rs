//! Shared HTTP plumbing for the REST-style adapters: one client configuration, and one place that
//! turns what a server (or the network) answered into a [`NetworkError`] the engine can act on.
//!
//! Whether a failed request may have taken effect depends on its method: a timeout or a reset on
//! a POST can happen after the server acted, so it becomes `OutcomeUnknown` and the engine
//! reconciles; the same on a GET is simply worth retrying.

use std::error::Error as _;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use reqwest::header::{HeaderMap, HeaderName, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::NetworkError;

pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Longest server-provided text kept in an error message: enough for a reason, not a whole page.
const MAX_MESSAGE_CHARS: usize = 300;

pub fn user_agent() -> String {
    format!("Chorus/{}", env!("CARGO_PKG_VERSION"))
}

/// The settings every adapter shares; adapters (and tests) may tighten them before `build()`.
pub fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(user_agent())
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
}

pub fn client() -> Result<reqwest::Client, NetworkError> {
    build(client_builder())
}

/// Like [`client`], with `timeout` for connecting and for each whole request instead of
/// [`CONNECT_TIMEOUT`] and [`REQUEST_TIMEOUT`] (fault tests make a hung server answer sooner).
pub fn client_with_timeout(timeout: Duration) -> Result<reqwest::Client, NetworkError> {
    build(client_builder().connect_timeout(timeout).timeout(timeout))
}

/// For a long-lived stream (server-sent events): no limit on the whole request, but one on
/// silence, which servers break with heartbeats (Mastodon's every ~15 s).
pub fn streaming_client(silence: Duration) -> Result<reqwest::Client, NetworkError> {
    build(
        reqwest::Client::builder()
            .user_agent(user_agent())
            .connect_timeout(CONNECT_TIMEOUT)
            .read_timeout(silence),
    )
}

/// A response that is not 2xx, as the error its body and status say.
pub async fn status_error(response: Response) -> NetworkError {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap_or_default();
    Failure::Status(ErrorResponse::parse(
        status,
        &headers,
        &body,
        true,
        Utc::now(),
    ))
    .into()
}

fn build(builder: reqwest::ClientBuilder) -> Result<reqwest::Client, NetworkError> {
    builder.build().map_err(|err| NetworkError::Transient {
        message: format!("could not set up the HTTP client: {}", describe(&err)),
        retry_after: None,
    })
}

/// A request that did not end in a 2xx answer.
#[derive(Debug)]
pub enum Failure {
    /// The server answered with an error status; adapters look at `error` for protocol-specific
    /// cases (an expired Bluesky token, a missing record) before falling back to the generic
    /// classification.
    Status(ErrorResponse),
    /// No usable answer: already classified.
    Network(NetworkError),
}

impl From<Failure> for NetworkError {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Status(response) => response.into_network_error(),
            Failure::Network(err) => err,
        }
    }
}

impl From<NetworkError> for Failure {
    fn from(err: NetworkError) -> Self {
        Self::Network(err)
    }
}

/// What an error answer said, parsed from the common shapes (XRPC `{error, message}`, Mastodon
/// `{error, error_description}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    pub status: u16,
    /// The machine-readable name (XRPC `error`, OAuth `error`), or Mastodon's sentence.
    pub error: Option<String>,
    /// The human-readable detail (XRPC `message`, OAuth `error_description`).
    pub message: Option<String>,
    /// How long the server asked us to wait, from Retry-After or rate-limit reset headers.
    pub retry_after: Option<Duration>,
    /// Whether the request could be replayed safely (GET, DELETE, ...), which decides how a
    /// gateway timeout is read.
    pub replay_safe: bool,
}

impl ErrorResponse {
    /// `now` is used only when the server did not send a `Date` header to measure instants against.
    pub fn parse(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        replay_safe: bool,
        now: DateTime<Utc>,
    ) -> Self {
        let (error, message) = parse_error_body(body);
        let retry_after = if status == StatusCode::TOO_MANY_REQUESTS {
            wait_hint(headers, now)
        } else {
            header_str(headers, &RETRY_AFTER)
                .and_then(|value| parse_retry_after(value, reference_time(headers, now)))
        };
        Self {
            status: status.as_u16(),
            error,
            message,
            retry_after,
            replay_safe,
        }
    }

    /// The server's own words, as one line.
    pub fn describe(&self) -> String {
        let reason = match (&self.error, &self.message) {
            (Some(error), Some(message)) if message != error => format!("{message} ({error})"),
            (Some(text), _) | (None, Some(text)) => text.clone(),
            (None, None) => {
                let reason = StatusCode::from_u16(self.status)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("error");
                format!("HTTP {} {reason}", self.status)
            }
        };
        truncate(&reason, MAX_MESSAGE_CHARS)
    }

    pub fn into_network_error(self) -> NetworkError {
        let message = self.describe();
        match self.status {
            401 | 403 => NetworkError::Auth { message },
            429 => NetworkError::RateLimited {
                message,
                retry_after: self.retry_after,
            },
            // A gateway that gave up waiting on a write cannot tell whether the write happened.
            504 | 524 if !self.replay_safe => NetworkError::OutcomeUnknown { message },
            408 | 500..=599 => NetworkError::Transient {
                message,
                retry_after: self.retry_after,
            },
            status => NetworkError::Rejected {
                message,
                status: Some(status),
            },
        }
    }
}

/// Sends the request and decodes a 2xx JSON answer.
pub async fn send_json<T: DeserializeOwned>(request: RequestBuilder) -> Result<T, Failure> {
    let answer = execute(request).await?;
    serde_json::from_slice(&answer.body).map_err(|err| {
        let detail = format!("the server's answer could not be read: {err}");
        Failure::Network(if answer.replay_safe {
            NetworkError::Transient {
                message: detail,
                retry_after: None,
            }
        } else {
            // The write was accepted (2xx), but we cannot tell what it created.
            NetworkError::OutcomeUnknown { message: detail }
        })
    })
}

/// Sends the request; any 2xx answer is success and its body is ignored.
pub async fn send(request: RequestBuilder) -> Result<(), Failure> {
    execute(request).await.map(|_| ())
}

struct Answer {
    body: Vec<u8>,
    replay_safe: bool,
}

async fn execute(request: RequestBuilder) -> Result<Answer, Failure> {
    let (client, request) = request.build_split();
    let request = request.map_err(|err| Failure::Network(classify_send_error(&err, true)))?;
    let replay_safe = is_replay_safe(request.method());
    let response = client
        .execute(request)
        .await
        .map_err(|err| Failure::Network(classify_send_error(&err, replay_safe)))?;
    let body = read_body(response, replay_safe).await?;
    Ok(Answer { body, replay_safe })
}

fn is_replay_safe(method: &Method) -> bool {
    method.is_idempotent()
}

/// Reads the whole body, so that a failure while reading is classified too.
async fn read_body(response: Response, replay_safe: bool) -> Result<Vec<u8>, Failure> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|err| Failure::Network(classify_send_error(&err, replay_safe)))?;
    if status.is_success() {
        Ok(body.to_vec())
    } else {
        Err(Failure::Status(ErrorResponse::parse(
            status,
            &headers,
            &body,
            replay_safe,
            Utc::now(),
        )))
    }
}

/// Classifies a failure to get an answer at all.
pub fn classify_send_error(err: &reqwest::Error, replay_safe: bool) -> NetworkError {
    let detail = describe(err);
    if err.is_builder() {
        return NetworkError::Rejected {
            message: format!("could not build the request: {detail}"),
            status: None,
        };
    }
    if err.is_redirect() {
        return NetworkError::Rejected {
            message: format!("the server redirected too often: {detail}"),
            status: None,
        };
    }
    // Connecting failed (refused, DNS, connect timeout): nothing was sent.
    if err.is_connect() {
        return NetworkError::Transient {
            message: format!("could not reach the server: {detail}"),
            retry_after: None,
        };
    }
    if replay_safe {
        NetworkError::Transient {
            message: format!("the connection failed: {detail}"),
            retry_after: None,
        }
    } else {
        NetworkError::OutcomeUnknown {
            message: format!("the connection failed after the request was sent: {detail}"),
        }
    }
}

/// The error and its causes on one line ("error sending request: ... : connection reset").
fn describe(err: &reqwest::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    if err.is_timeout() && !text.contains("timed out") {
        text.push_str(" (timed out)");
    }
    text
}

/// How long a 429 asks us to wait: Retry-After first, then the rate-limit reset headers
/// (Bluesky `ratelimit-reset`: unix seconds; Mastodon `x-ratelimit-reset`: an ISO 8601 instant).
pub fn wait_hint(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let now = reference_time(headers, now);
    if let Some(wait) = header_str(headers, &RETRY_AFTER).and_then(|v| parse_retry_after(v, now)) {
        return Some(wait);
    }
    ["ratelimit-reset", "x-ratelimit-reset"]
        .iter()
        .filter_map(|name| header_str(headers, &HeaderName::from_static(name)))
        .find_map(|value| parse_rate_limit_reset(value, now))
}

/// Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    parse_http_date(value).map(|at| until(at, now))
}

/// A reset header: an ISO 8601 instant, unix seconds, or (small numbers) delta-seconds as in the
/// IETF RateLimit draft, which some servers follow.
pub fn parse_rate_limit_reset(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(value) {
        return Some(until(at.with_timezone(&Utc), now));
    }
    let number: f64 = value.parse().ok()?;
    if !number.is_finite() || number < 0.0 {
        return None;
    }
    // Anything past 2001-09-09 is an instant; a delay that long is not plausible.
    if number >= 1_000_000_000.0 {
        let at = DateTime::from_timestamp(number as i64, 0)?;
        Some(until(at, now))
    } else {
        Some(Duration::from_secs_f64(number))
    }
}

/// IMF-fixdate, plus the two obsolete forms HTTP still asks recipients to accept.
pub fn parse_http_date(value: &str) -> Option<DateTime<Utc>> {
    if let Ok(at) = DateTime::parse_from_rfc2822(value) {
        return Some(at.with_timezone(&Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc())
}

/// Instants in headers are on the server's clock, so they are measured against the server's own
/// `Date` when it sent one; that keeps a skewed local clock out of the wait.
fn reference_time(headers: &HeaderMap, now: DateTime<Utc>) -> DateTime<Utc> {
    header_str(headers, &reqwest::header::DATE)
        .and_then(parse_http_date)
        .unwrap_or(now)
}

fn until(at: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (at - now).to_std().unwrap_or(Duration::ZERO)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn parse_error_body(body: &[u8]) -> (Option<String>, Option<String>) {
    let text = |v: &serde_json::Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(map)) => {
            let error = map.get("error").and_then(text);
            let message = ["message", "error_description", "detail"]
                .iter()
                .find_map(|key| map.get(*key).and_then(text));
            (error, message)
        }
        _ => {
            // A plain-text reason is worth showing; an HTML error page is not.
            let body = String::from_utf8_lossy(body);
            let body = body.trim();
            if body.is_empty() || body.starts_with('<') {
                (None, None)
            } else {
                (None, Some(truncate(body, MAX_MESSAGE_CHARS)))
            }
        }
    }
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use reqwest::header::HeaderValue;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("should succeed")
            .with_timezone(&Utc)
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                HeaderName::from_static(name),
                HeaderValue::from_str(value).expect("should succeed"),
            );
        }
        map
    }

    #[test]
    fn retry_after_takes_seconds_and_http_dates() {
        let now = at("1994-11-06T08:49:00Z");
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(37))
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now),
            Some(Duration::from_secs(37))
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:37 1994", now),
            Some(Duration::from_secs(37))
        );
        // An instant already past means "now", not a negative wait.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn rate_limit_reset_takes_iso_instants_unix_seconds_and_deltas() {
        let now = at("2017-09-12T22:55:00Z");
        // Mastodon
        assert_eq!(
            parse_rate_limit_reset("2017-09-12T22:57:22.442Z", now),
            Some(Duration::from_millis(142_442))
        );
        // Bluesky: unix seconds
        let unix = Utc
            .with_ymd_and_hms(2017, 9, 12, 23, 0, 0)
            .single()
            .expect("a valid instant")
            .timestamp();
        assert_eq!(
            parse_rate_limit_reset(&unix.to_string(), now),
            Some(Duration::from_secs(300))
        );
        // IETF draft: delta-seconds
        assert_eq!(
            parse_rate_limit_reset("30", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_rate_limit_reset("-5", now), None);
        assert_eq!(parse_rate_limit_reset("tomorrow", now), None);
    }

    #[test]
    fn wait_hint_prefers_retry_after_and_measures_against_the_server_date() {
        let local_now = at("2030-01-01T00:00:00Z"); // a local clock far ahead of the server
        let h = headers(&[
            ("date", "Tue, 12 Sep 2017 22:55:00 GMT"),
            ("x-ratelimit-reset", "2017-09-12T22:57:00Z"),
        ]);
        assert_eq!(wait_hint(&h, local_now), Some(Duration::from_secs(120)));

        let h = headers(&[
            ("retry-after", "7"),
            ("x-ratelimit-reset", "2017-09-12T22:57:00Z"),
        ]);
        assert_eq!(wait_hint(&h, local_now), Some(Duration::from_secs(7)));

        let h = headers(&[
            ("ratelimit-reset", "1505256900"),
            ("date", "Tue, 12 Sep 2017 22:55:00 GMT"),
        ]);
        assert_eq!(wait_hint(&h, local_now), Some(Duration::from_secs(0)));
        assert_eq!(wait_hint(&HeaderMap::new(), local_now), None);
    }

    fn classify(
        status: u16,
        pairs: &[(&'static str, &str)],
        body: &str,
        replay_safe: bool,
    ) -> NetworkError {
        ErrorResponse::parse(
            StatusCode::from_u16(status).expect("should succeed"),
            &headers(pairs),
            body.as_bytes(),
            replay_safe,
            at("2024-01-01T00:00:00Z"),
        )
        .into_network_error()
    }

    #[test]
    fn statuses_map_to_what_the_engine_does_next() {
        assert_eq!(
            classify(
                401,
                &[],
                r#"{"error":"AuthenticationRequired","message":"Invalid identifier or password"}"#,
                false
            ),
            NetworkError::Auth {
                message: "Invalid identifier or password (AuthenticationRequired)".into()
            }
        );
        assert_eq!(
            classify(
                403,
                &[],
                r#"{"error":"This action is outside the authorized scopes"}"#,
                true
            )
            .code(),
            "auth"
        );
        assert_eq!(
            classify(429, &[("retry-after", "42")], "", false),
            NetworkError::RateLimited {
                message: "HTTP 429 Too Many Requests".into(),
                retry_after: Some(Duration::from_secs(42))
            }
        );
        assert_eq!(
            classify(503, &[("retry-after", "5")], "<html>busy</html>", true),
            NetworkError::Transient {
                message: "HTTP 503 Service Unavailable".into(),
                retry_after: Some(Duration::from_secs(5))
            }
        );
        assert_eq!(
            classify(
                422,
                &[],
                r#"{"error":"Validation failed: Text character limit of 500 exceeded"}"#,
                false
            ),
            NetworkError::Rejected {
                message: "Validation failed: Text character limit of 500 exceeded".into(),
                status: Some(422)
            }
        );
        assert_eq!(
            classify(
                400,
                &[],
                r#"{"error":"InvalidRequest","message":"Record/text must not be longer than 300 graphemes"}"#,
                false
            ),
            NetworkError::Rejected {
                message: "Record/text must not be longer than 300 graphemes (InvalidRequest)"
                    .into(),
                status: Some(400)
            }
        );
        assert_eq!(
            classify(
                400,
                &[],
                r#"{"error":"invalid_grant","error_description":"The provided authorization grant is invalid"}"#,
                false
            ),
            NetworkError::Rejected {
                message: "The provided authorization grant is invalid (invalid_grant)".into(),
                status: Some(400)
            }
        );
        assert_eq!(
            classify(404, &[], "Not Found", true).to_string(),
            "the network rejected the post: Not Found"
        );
        assert_eq!(classify(504, &[], "", false).code(), "outcome_unknown");
        assert_eq!(classify(504, &[], "", true).code(), "transient");
        assert_eq!(classify(408, &[], "", false).code(), "transient");
    }

    #[test]
    fn long_server_messages_are_cut() {
        let body = format!(r#"{{"error":"{}"}}"#, "x".repeat(1000));
        let NetworkError::Rejected { message, .. } = classify(400, &[], &body, true) else {
            panic!("expected Rejected");
        };
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
    }

    /// What a one-connection test server does after reading the request head.
    enum Behaviour {
        Answer(&'static str),
        Hang,
        Close,
    }

    async fn serve_once(behaviour: Behaviour) -> String {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("should succeed");
        let url = format!(
            "http://{}/x",
            listener.local_addr().expect("should succeed")
        );
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.expect("should succeed");
            let mut buf = vec![0_u8; 8192];
            let mut seen = Vec::new();
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = socket.read(&mut buf).await.expect("should succeed");
                if n == 0 {
                    return;
                }
                seen.extend_from_slice(&buf[..n]);
            }
            match behaviour {
                Behaviour::Answer(raw) => {
                    socket
                        .write_all(raw.as_bytes())
                        .await
                        .expect("should succeed");
                    socket.shutdown().await.ok();
                }
                Behaviour::Hang => tokio::time::sleep(Duration::from_secs(30)).await,
                Behaviour::Close => drop(socket),
            }
        });
        url
    }

    fn quick_client() -> reqwest::Client {
        client_builder()
            .timeout(Duration::from_millis(300))
            .build()
            .expect("should succeed")
    }

    #[tokio::test]
    async fn answers_from_a_live_socket_are_classified() {
        let url = serve_once(Behaviour::Answer(
            "HTTP/1.1 429 Too Many Requests\r\nretry-after: 3\r\ncontent-type: application/json\r\ncontent-length: 26\r\nconnection: close\r\n\r\n{\"error\":\"RateLimitExceeded\"}",
        ))
        .await;
        let err: NetworkError = send(quick_client().post(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "rate_limited");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));

        let url = serve_once(Behaviour::Answer(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 8\r\nconnection: close\r\n\r\n{\"a\":1}\n",
        ))
        .await;
        let value: serde_json::Value = send_json(quick_client().get(url))
            .await
            .expect("should succeed");
        assert_eq!(value["a"], 1);
    }

    #[tokio::test]
    async fn a_write_that_got_no_answer_has_an_unknown_outcome() {
        let url = serve_once(Behaviour::Close).await;
        let err: NetworkError = send(quick_client().post(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "outcome_unknown", "{err}");

        let url = serve_once(Behaviour::Hang).await;
        let err: NetworkError = send(quick_client().post(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "outcome_unknown", "{err}");
        assert!(err.to_string().contains("timed out"), "{err}");
    }

    #[tokio::test]
    async fn a_read_that_got_no_answer_is_worth_retrying() {
        let url = serve_once(Behaviour::Close).await;
        let err: NetworkError = send(quick_client().get(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "transient", "{err}");

        let url = serve_once(Behaviour::Hang).await;
        let err: NetworkError = send(quick_client().get(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "transient", "{err}");
    }

    #[tokio::test]
    async fn a_refused_connection_is_transient_even_for_a_write() {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("should succeed");
        let url = format!(
            "http://{}/x",
            listener.local_addr().expect("should succeed")
        );
        drop(listener);
        let err: NetworkError = send(quick_client().post(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "transient", "{err}");
        assert!(err.to_string().contains("could not reach"), "{err}");
    }

    #[tokio::test]
    async fn a_2xx_write_whose_answer_cannot_be_read_has_an_unknown_outcome() {
        let url = serve_once(Behaviour::Answer(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 6\r\nconnection: close\r\n\r\n<html>",
        ))
        .await;
        let err: NetworkError = send_json::<serde_json::Value>(quick_client().post(url))
            .await
            .expect_err("should fail")
            .into();
        assert_eq!(err.code(), "outcome_unknown", "{err}");
    }

    #[test]
    fn user_agent_names_the_app_and_version() {
        assert_eq!(
            user_agent(),
            format!("Chorus/{}", env!("CARGO_PKG_VERSION"))
        );
    }
}
