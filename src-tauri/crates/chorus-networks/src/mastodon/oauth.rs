//! Signing in to a Mastodon server as a native app (RFC 8252) with PKCE (RFC 7636, S256):
//! register an app, send the person's browser to `authorize_url`, receive the code on a
//! loopback redirect ([`super::loopback`]), and trade it for a token with the code verifier.
//! The caller opens the browser; nothing here does.
//!
//! Bind the loopback receiver before registering, so the exact redirect URI (with its port) is
//! the one registered: servers compare redirect URIs exactly.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use url::Url;

use crate::NetworkError;
use crate::http::{self, Failure};

pub const CLIENT_NAME: &str = "Chorus";

#[derive(Clone, Deserialize)]
pub struct AppRegistration {
    pub client_id: String,
    pub client_secret: String,
}

impl fmt::Debug for AppRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppRegistration")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .finish()
    }
}

/// The verifier stays with the app; only the challenge goes to the browser.
#[derive(Clone)]
pub struct Pkce {
    verifier: String,
    challenge: String,
}

impl Pkce {
    pub fn generate() -> Result<Self, NetworkError> {
        // 32 random bytes → 43 characters, the shortest verifier RFC 7636 allows.
        Ok(Self::from_verifier(random_token(32)?))
    }

    fn from_verifier(verifier: String) -> Self {
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        Self {
            verifier,
            challenge,
        }
    }

    pub fn verifier(&self) -> &str {
        &self.verifier
    }

    pub fn challenge(&self) -> &str {
        &self.challenge
    }
}

impl fmt::Debug for Pkce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pkce")
            .field("verifier", &"<redacted>")
            .field("challenge", &self.challenge)
            .finish()
    }
}

/// An unguessable `state`, URL-safe so that it survives any server's redirect untouched.
pub fn random_state() -> Result<String, NetworkError> {
    random_token(24)
}

fn random_token(bytes: usize) -> Result<String, NetworkError> {
    let mut buf = vec![0_u8; bytes];
    getrandom::fill(&mut buf).map_err(|err| NetworkError::Transient {
        message: format!("the system could not provide random numbers: {err}"),
        retry_after: None,
    })?;
    Ok(URL_SAFE_NO_PAD.encode(buf))
}

#[derive(Clone, Deserialize)]
pub struct AccessToken {
    pub access_token: String,
    #[serde(default)]
    pub token_type: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("access_token", &"<redacted>")
            .field("token_type", &self.token_type)
            .field("scope", &self.scope)
            .finish()
    }
}

/// `POST /api/v1/apps`.
#[tracing::instrument(skip_all, fields(instance = %instance))]
pub async fn register_app(
    instance: &Url,
    redirect_uri: &str,
    scopes: &str,
) -> Result<AppRegistration, NetworkError> {
    let request = http::client()?
        .post(endpoint(instance, "api/v1/apps")?)
        .form(&[
            ("client_name", CLIENT_NAME),
            ("redirect_uris", redirect_uri),
            ("scopes", scopes),
        ]);
    http::send_json(request)
        .await
        .map_err(|failure| match failure {
            // Registering twice only leaves an unused app behind: not worth a reconcile.
            Failure::Network(NetworkError::OutcomeUnknown { message }) => NetworkError::Transient {
                message,
                retry_after: None,
            },
            other => other.into(),
        })
}

/// Where to send the person's browser.
pub fn authorize_url(
    instance: &Url,
    client_id: &str,
    redirect_uri: &str,
    scopes: &str,
    state: &str,
    code_challenge: &str,
) -> Result<Url, NetworkError> {
    let mut url = endpoint(instance, "oauth/authorize")?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", scopes)
        .append_pair("state", state)
        .append_pair("code_challenge", code_challenge)
        .append_pair("code_challenge_method", "S256");
    Ok(url)
}

/// `POST /oauth/token` with the authorization code and the PKCE verifier.
#[tracing::instrument(skip_all, fields(instance = %instance))]
pub async fn exchange_code(
    instance: &Url,
    app: &AppRegistration,
    redirect_uri: &str,
    code: &str,
    code_verifier: &str,
) -> Result<AccessToken, NetworkError> {
    let request = http::client()?
        .post(endpoint(instance, "oauth/token")?)
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("client_id", app.client_id.as_str()),
            ("client_secret", app.client_secret.as_str()),
            ("redirect_uri", redirect_uri),
            ("code_verifier", code_verifier),
        ]);
    http::send_json(request)
        .await
        .map_err(|failure| match failure {
            // invalid_grant and friends: the sign-in did not work, the person has to try again.
            Failure::Status(refused) if refused.status == 400 || refused.status == 401 => {
                NetworkError::Auth {
                    message: format!("the server refused the sign-in: {}", refused.describe()),
                }
            }
            other => other.into(),
        })
}

pub(super) fn endpoint(instance: &Url, path: &str) -> Result<Url, NetworkError> {
    let mut base = instance.clone();
    if !base.path().ends_with('/') {
        let with_slash = format!("{}/", base.path());
        base.set_path(&with_slash);
    }
    base.join(path).map_err(|err| NetworkError::Rejected {
        message: format!("{instance} cannot be used as a Mastodon server address: {err}"),
        status: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_matches_the_rfc_example() {
        // RFC 7636, appendix B.
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(
            pkce.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_and_states_are_random_and_url_safe() {
        let a = Pkce::generate().expect("should succeed");
        let b = Pkce::generate().expect("should succeed");
        assert_ne!(a.verifier(), b.verifier());
        assert_eq!(a.verifier().len(), 43);
        let state = random_state().expect("should succeed");
        assert!(
            state
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert!(!format!("{a:?}").contains(a.verifier()));
    }

    #[test]
    fn the_authorize_url_carries_state_and_challenge() {
        let instance = Url::parse("https://social.example").expect("should succeed");
        let url = authorize_url(
            &instance,
            "cid",
            "http://127.0.0.1:4321/callback",
            "read write",
            "st",
            "ch",
        )
        .expect("should succeed");
        assert_eq!(
            url.as_str(),
            "https://social.example/oauth/authorize?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A4321%2Fcallback&scope=read+write&state=st&code_challenge=ch&code_challenge_method=S256"
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let app = AppRegistration {
            client_id: "id".into(),
            client_secret: "very-secret".into(),
        };
        let token = AccessToken {
            access_token: "tok-123".into(),
            token_type: Some("Bearer".into()),
            scope: None,
        };
        let printed = format!("{app:?} {token:?}");
        assert!(
            !printed.contains("very-secret") && !printed.contains("tok-123"),
            "{printed}"
        );
    }

    #[test]
    fn endpoints_keep_a_path_prefix() {
        let instance = Url::parse("https://example.com/masto").expect("should succeed");
        assert_eq!(
            endpoint(&instance, "api/v1/apps")
                .expect("should succeed")
                .as_str(),
            "https://example.com/masto/api/v1/apps"
        );
    }
}
