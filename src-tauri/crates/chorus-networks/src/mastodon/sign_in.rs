//! Mastodon's browser sign-in (RFC 8252): Chorus registers itself with the instance for a
//! loopback redirect, the browser shows the authorization page (PKCE, S256), and the code that
//! comes back is traded for a token.

use std::time::Duration;

use async_trait::async_trait;
use url::Url;

use super::loopback::LoopbackReceiver;
use super::oauth::{self, AppRegistration, Pkce};
use crate::NetworkError;
use crate::connect::BrowserSignIn;

const SCOPES: &str = "read write";

pub struct MastodonSignIn {
    instance: Url,
    pending: Option<Pending>,
}

struct Pending {
    receiver: LoopbackReceiver,
    redirect: String,
    app: AppRegistration,
    pkce: Pkce,
    state: String,
}

impl MastodonSignIn {
    pub fn new(instance: Url) -> Self {
        Self {
            instance,
            pending: None,
        }
    }
}

#[async_trait]
impl BrowserSignIn for MastodonSignIn {
    async fn start(&mut self) -> Result<Url, NetworkError> {
        let receiver = LoopbackReceiver::bind().await?;
        let redirect = receiver.redirect_uri().to_owned();
        let app = oauth::register_app(&self.instance, &redirect, SCOPES).await?;
        let pkce = Pkce::generate()?;
        let state = oauth::random_state()?;
        let url = oauth::authorize_url(
            &self.instance,
            &app.client_id,
            &redirect,
            SCOPES,
            &state,
            pkce.challenge(),
        )?;
        self.pending = Some(Pending {
            receiver,
            redirect,
            app,
            pkce,
            state,
        });
        Ok(url)
    }

    async fn finish(&mut self, wait: Duration) -> Result<String, NetworkError> {
        let pending = self.pending.take().ok_or_else(|| NetworkError::Auth {
            message: "the sign-in was not started".into(),
        })?;
        let code = pending.receiver.wait_for_code(&pending.state, wait).await?;
        let token = oauth::exchange_code(
            &self.instance,
            &pending.app,
            &pending.redirect,
            &code,
            pending.pkce.verifier(),
        )
        .await?;
        Ok(token.access_token)
    }
}
