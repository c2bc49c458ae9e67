//! The redirect target of a native-app sign-in (RFC 8252 §7.3): a one-shot HTTP listener on
//! 127.0.0.1 with a port the OS picks. It answers the browser with a small page and hands the
//! authorization code to the caller once `state` matches.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

use crate::NetworkError;

const CALLBACK_PATH: &str = "/callback";
/// Bound on a request head; a real redirect is far smaller.
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// How long one connection may take to send its request (a stalled one must not block others).
const REQUEST_READ_TIMEOUT: Duration = Duration::from_secs(10);

const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Chorus</title></head>\
<body style=\"font-family: sans-serif; margin: 3em\"><h1>You are signed in</h1>\
<p>You can close this window and go back to Chorus.</p></body></html>";

#[derive(Debug)]
pub struct LoopbackReceiver {
    listener: TcpListener,
    redirect_uri: String,
}

impl LoopbackReceiver {
    pub async fn bind() -> Result<Self, NetworkError> {
        let listener =
            TcpListener::bind(("127.0.0.1", 0))
                .await
                .map_err(|err| NetworkError::Transient {
                    message: format!("could not listen for the sign-in on 127.0.0.1: {err}"),
                    retry_after: None,
                })?;
        let port = listener
            .local_addr()
            .map_err(|err| NetworkError::Transient {
                message: format!("could not listen for the sign-in on 127.0.0.1: {err}"),
                retry_after: None,
            })?
            .port();
        Ok(Self {
            listener,
            redirect_uri: format!("http://127.0.0.1:{port}{CALLBACK_PATH}"),
        })
    }

    /// The URI to register and to send in the authorization request.
    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the browser to come back, at most `timeout`. Requests for other paths (a
    /// favicon) are answered 404 and ignored; the first request to the callback decides.
    #[tracing::instrument(skip_all)]
    pub async fn wait_for_code(
        self,
        expected_state: &str,
        timeout: Duration,
    ) -> Result<String, NetworkError> {
        let deadline = Instant::now() + timeout;
        loop {
            let accepted = tokio::time::timeout_at(deadline, self.listener.accept()).await;
            let mut socket = match accepted {
                Err(_) => {
                    return Err(NetworkError::Auth {
                        message: format!(
                            "the sign-in was not completed in the browser within {} minutes",
                            timeout.as_secs().div_ceil(60)
                        ),
                    });
                }
                Ok(Err(err)) => {
                    tracing::debug!(%err, "a loopback connection failed");
                    continue;
                }
                Ok(Ok((socket, _))) => socket,
            };
            let Some(target) = read_request_target(&mut socket).await else {
                continue;
            };
            match callback(&target, expected_state) {
                Callback::NotOurs => respond(&mut socket, "404 Not Found", "Not found").await,
                Callback::Code(code) => {
                    respond(&mut socket, "200 OK", DONE_PAGE).await;
                    return Ok(code);
                }
                Callback::Failed(message) => {
                    let page = format!(
                        "<!doctype html><html><body style=\"font-family: sans-serif; margin: 3em\">\
                         <h1>Sign-in failed</h1><p>{}</p><p>You can close this window.</p></body></html>",
                        escape(&message)
                    );
                    respond(&mut socket, "400 Bad Request", &page).await;
                    return Err(NetworkError::Auth { message });
                }
            }
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Callback {
    NotOurs,
    Code(String),
    Failed(String),
}

fn callback(target: &str, expected_state: &str) -> Callback {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path != CALLBACK_PATH {
        return Callback::NotOurs;
    }
    let param = |name: &str| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    // Checked first: an answer that is not for this sign-in must not be acted on at all.
    if param("state").as_deref() != Some(expected_state) {
        return Callback::Failed(
            "the answer from the server did not belong to this sign-in (state mismatch); please \
             start again"
                .into(),
        );
    }
    if let Some(error) = param("error") {
        let detail = param("error_description").unwrap_or_default();
        return Callback::Failed(if error == "access_denied" {
            "the sign-in was cancelled in the browser".into()
        } else {
            format!("the server refused the sign-in: {error} {detail}")
                .trim_end()
                .to_owned()
        });
    }
    match param("code").filter(|c| !c.is_empty()) {
        Some(code) => Callback::Code(code),
        None => Callback::Failed("the server sent no authorization code".into()),
    }
}

/// The request target of a `GET` ("/callback?code=..."), or None for anything unusable.
async fn read_request_target(socket: &mut TcpStream) -> Option<String> {
    let read = async {
        let mut head = Vec::new();
        let mut buf = [0_u8; 2048];
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < MAX_REQUEST_BYTES {
            let n = socket.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            head.extend_from_slice(&buf[..n]);
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        let mut parts = head.lines().next()?.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some("GET"), Some(target)) => Some(target.to_owned()),
            _ => None,
        }
    };
    tokio::time::timeout(REQUEST_READ_TIMEOUT, read)
        .await
        .ok()
        .flatten()
}

async fn respond(socket: &mut TcpStream, status: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: {}\r\n\
         cache-control: no-store\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    // The browser leaving early does not change the outcome of the sign-in.
    let _ = socket.write_all(response.as_bytes()).await;
    let _ = socket.shutdown().await;
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_callback() {
        assert_eq!(
            callback("/callback?code=abc&state=s1", "s1"),
            Callback::Code("abc".into())
        );
        assert_eq!(callback("/favicon.ico", "s1"), Callback::NotOurs);
        assert!(
            matches!(callback("/callback?code=abc&state=evil", "s1"), Callback::Failed(m) if m.contains("state"))
        );
        assert!(matches!(
            callback("/callback?code=abc", "s1"),
            Callback::Failed(_)
        ));
        assert_eq!(
            callback("/callback?error=access_denied&state=s1", "s1"),
            Callback::Failed("the sign-in was cancelled in the browser".into())
        );
        assert!(
            matches!(callback("/callback?state=s1", "s1"), Callback::Failed(m) if m.contains("no authorization code"))
        );
    }

    #[tokio::test]
    async fn serves_one_browser_visit_and_yields_the_code() {
        let receiver = LoopbackReceiver::bind().await.expect("should succeed");
        let uri = receiver.redirect_uri().to_owned();
        assert!(
            uri.starts_with("http://127.0.0.1:") && uri.ends_with("/callback"),
            "{uri}"
        );
        let browser = async {
            let http = reqwest::Client::new();
            let favicon = http
                .get(uri.replace("/callback", "/favicon.ico"))
                .send()
                .await
                .expect("should succeed");
            assert_eq!(favicon.status(), 404);
            let page = http
                .get(format!("{uri}?code=the-code&state=xyz"))
                .send()
                .await
                .expect("should succeed");
            assert_eq!(page.status(), 200);
            page.text().await.expect("should succeed")
        };
        let (code, page) = tokio::join!(
            receiver.wait_for_code("xyz", Duration::from_secs(10)),
            browser
        );
        assert_eq!(code.expect("should succeed"), "the-code");
        assert!(page.contains("You can close this window"));
    }

    #[tokio::test]
    async fn a_forged_state_fails_the_sign_in() {
        let receiver = LoopbackReceiver::bind().await.expect("should succeed");
        let uri = receiver.redirect_uri().to_owned();
        let browser = async {
            reqwest::get(format!("{uri}?code=stolen&state=<b>other</b>"))
                .await
                .expect("should succeed")
                .status()
        };
        let (result, status) = tokio::join!(
            receiver.wait_for_code("xyz", Duration::from_secs(10)),
            browser
        );
        assert_eq!(status, 400);
        assert_eq!(result.expect_err("should fail").code(), "auth");
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_the_timeout() {
        let receiver = LoopbackReceiver::bind().await.expect("should succeed");
        let err = receiver
            .wait_for_code("xyz", Duration::from_secs(300))
            .await
            .expect_err("should fail");
        assert_eq!(
            err.to_string(),
            "the network refused the credentials: the sign-in was not completed in the browser within 5 minutes"
        );
    }
}
