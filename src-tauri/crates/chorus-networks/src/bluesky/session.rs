//! The account's session: created with the app password, kept in memory, refreshed when the
//! access token expires, and created again when the refresh token no longer works. Creating
//! sessions is rate limited far more tightly than refreshing them, hence the refresh first.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;
use url::Url;

use super::xrpc;
use crate::NetworkError;
use crate::http::{self, Failure};

/// A live session. Tokens never appear in Debug output or errors.
#[derive(Clone)]
pub struct Session {
    pub did: String,
    pub handle: String,
    /// Where the account's repository lives (from the DID document), which may differ from the
    /// address the user signed in at (an entryway such as bsky.social).
    pub pds: Url,
    access_jwt: String,
    refresh_jwt: String,
}

impl Session {
    pub fn bearer(&self) -> String {
        format!("Bearer {}", self.access_jwt)
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("did", &self.did)
            .field("handle", &self.handle)
            .field("pds", &self.pds.as_str())
            .field("access_jwt", &"<redacted>")
            .field("refresh_jwt", &"<redacted>")
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionAnswer {
    did: String,
    handle: String,
    access_jwt: String,
    refresh_jwt: String,
    #[serde(default)]
    did_doc: Option<Value>,
}

pub struct SessionStore {
    http: reqwest::Client,
    service_url: Url,
    identifier: String,
    app_password: String,
    current: Mutex<Option<Arc<Session>>>,
}

impl fmt::Debug for SessionStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionStore")
            .field("service_url", &self.service_url.as_str())
            .field("identifier", &self.identifier)
            .field("app_password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl SessionStore {
    pub fn new(
        http: reqwest::Client,
        service_url: Url,
        identifier: String,
        app_password: String,
    ) -> Self {
        Self {
            http,
            service_url,
            identifier,
            app_password,
            current: Mutex::new(None),
        }
    }

    /// The same account through another client (other timeouts).
    pub fn with_http(self, http: reqwest::Client) -> Self {
        Self { http, ..self }
    }

    /// The current session, signing in first when there is none.
    pub async fn current(&self) -> Result<Arc<Session>, NetworkError> {
        let mut current = self.current.lock().await;
        if let Some(session) = current.as_ref() {
            return Ok(Arc::clone(session));
        }
        let session = Arc::new(self.create().await?);
        *current = Some(Arc::clone(&session));
        Ok(session)
    }

    /// Replaces a session whose access token the server refused. When several calls hit the
    /// expiry at once, the first renews and the others pick up its result.
    #[tracing::instrument(skip_all, fields(did = %stale.did))]
    pub async fn renew(&self, stale: &Session) -> Result<Arc<Session>, NetworkError> {
        let mut current = self.current.lock().await;
        if let Some(session) = current.as_ref()
            && session.access_jwt != stale.access_jwt
        {
            return Ok(Arc::clone(session));
        }
        let fresh = match self.refresh(stale).await {
            Ok(session) => session,
            Err(Failure::Network(err)) => return Err(err),
            Err(Failure::Status(refused)) => {
                tracing::info!(
                    reason = %refused.describe(),
                    "the session could not be refreshed; signing in again"
                );
                self.create().await?
            }
        };
        let fresh = Arc::new(fresh);
        *current = Some(Arc::clone(&fresh));
        Ok(fresh)
    }

    /// Runs `call` with the current session; when the server says the token expired (or is no
    /// longer valid), renews the session and runs it once more.
    pub async fn with_session<T, F, Fut>(&self, call: F) -> Result<T, Failure>
    where
        F: Fn(Arc<Session>) -> Fut,
        Fut: Future<Output = Result<T, Failure>>,
    {
        let session = self.current().await?;
        match call(Arc::clone(&session)).await {
            Err(failure) if xrpc::is_token_problem(&failure) => {
                let session = self.renew(&session).await?;
                call(session).await
            }
            other => other,
        }
    }

    #[tracing::instrument(skip_all, fields(service = %self.service_url))]
    async fn create(&self) -> Result<Session, NetworkError> {
        let url = xrpc::endpoint(&self.service_url, "com.atproto.server.createSession")?;
        let request = self.http.post(url).json(&json!({
            "identifier": self.identifier,
            "password": self.app_password,
        }));
        let answer: SessionAnswer = http::send_json(request).await.map_err(sign_in_error)?;
        self.session_from(answer, None)
    }

    #[tracing::instrument(skip_all)]
    async fn refresh(&self, stale: &Session) -> Result<Session, Failure> {
        let url = xrpc::endpoint(&stale.pds, "com.atproto.server.refreshSession")?;
        let request = self
            .http
            .post(url)
            .header("authorization", format!("Bearer {}", stale.refresh_jwt));
        let answer: SessionAnswer = http::send_json(request).await?;
        Ok(self.session_from(answer, Some(&stale.pds))?)
    }

    fn session_from(
        &self,
        answer: SessionAnswer,
        known_pds: Option<&Url>,
    ) -> Result<Session, NetworkError> {
        let pds = answer
            .did_doc
            .as_ref()
            .and_then(pds_endpoint)
            .or_else(|| known_pds.cloned())
            .unwrap_or_else(|| self.service_url.clone());
        Ok(Session {
            did: answer.did,
            handle: answer.handle,
            pds,
            access_jwt: answer.access_jwt,
            refresh_jwt: answer.refresh_jwt,
        })
    }
}

/// Any refusal of the app password needs the user, whatever status the server chose for it;
/// only a rate limit or an outage is worth waiting out.
fn sign_in_error(failure: Failure) -> NetworkError {
    match failure {
        Failure::Status(refused) if refused.status != 429 && refused.status < 500 => {
            let hint = match refused.error.as_deref() {
                Some("AuthFactorTokenRequired") => {
                    " This account asks for a sign-in code by email: use an app password instead."
                }
                _ => "",
            };
            NetworkError::Auth {
                message: format!("{}{hint}", refused.describe()),
            }
        }
        other => other.into(),
    }
}

/// The `#atproto_pds` service of a DID document, when it is a usable http(s) URL.
fn pds_endpoint(did_doc: &Value) -> Option<Url> {
    did_doc
        .get("service")?
        .as_array()?
        .iter()
        .filter(|s| {
            s.get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| id.ends_with("#atproto_pds"))
        })
        .filter_map(|s| s.get("serviceEndpoint")?.as_str())
        .filter_map(|endpoint| Url::parse(endpoint).ok())
        .find(|url| matches!(url.scheme(), "https" | "http"))
}

#[cfg(test)]
mod tests;
