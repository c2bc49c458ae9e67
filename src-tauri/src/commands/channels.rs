use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::channel::{Channel, ChannelConfig};
use chorus_core::inputs::{
    BlueskyConnectInput, MastodonOAuthInput, MastodonTokenInput, NostrConnectInput,
};
use chorus_core::networks::generate_nostr_key;
use chorus_core::{CoreError, ErrorPayload};
use std::time::Duration;
use tauri::State;
use tauri_plugin_opener::OpenerExt;

/// How long the app waits for the user to approve Chorus in the browser.
const OAUTH_WAIT: Duration = Duration::from_secs(5 * 60);

#[tauri::command]
pub async fn list_channels(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<Vec<Channel>> {
    state
        .with_service(move |s| s.list_channels(Some(workspace_id)))
        .await
}

#[tauri::command]
pub async fn connect_bluesky(
    state: State<'_, AppState>,
    input: BlueskyConnectInput,
) -> IpcResult<Channel> {
    let service = state.service()?;
    let service_url = match input.service_url.trim() {
        "" => chorus_networks::bluesky::DEFAULT_SERVICE_URL.to_owned(),
        url => url.to_owned(),
    };
    if input.identifier.trim().is_empty() {
        return Err(CoreError::validation(
            "identifier",
            "Enter the account's handle, e.g. alice.bsky.social.",
        )
        .into());
    }
    if input.app_password.trim().is_empty() {
        return Err(CoreError::validation(
            "appPassword",
            "Enter an app password (Settings → Privacy and security → App passwords in Bluesky).",
        )
        .into());
    }
    let config = ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
        service_url,
        identifier: input.identifier.trim().trim_start_matches('@').to_owned(),
    });
    Ok(service
        .connect_channel(
            input.workspace_id,
            input.channel_id,
            config,
            input.app_password,
        )
        .await
        .map_err(|e| rename_secret_field(e, "appPassword"))?)
}

#[tauri::command]
pub async fn connect_mastodon_token(
    state: State<'_, AppState>,
    input: MastodonTokenInput,
) -> IpcResult<Channel> {
    let service = state.service()?;
    if input.access_token.trim().is_empty() {
        return Err(CoreError::validation(
            "accessToken",
            "Paste the access token from your instance's Development settings.",
        )
        .into());
    }
    let config = ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
        instance_url: input.instance_url.trim().to_owned(),
    });
    Ok(service
        .connect_channel(
            input.workspace_id,
            input.channel_id,
            config,
            input.access_token.trim().to_owned(),
        )
        .await
        .map_err(|e| rename_secret_field(e, "accessToken"))?)
}

#[tauri::command]
pub async fn connect_mastodon_oauth(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: MastodonOAuthInput,
) -> IpcResult<Channel> {
    let service = state.service()?;
    let open = |url: &url::Url| {
        app.opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| {
                CoreError::Secrets(format!("cannot open the browser for the sign-in: {e}"))
            })
    };
    Ok(service
        .connect_mastodon_oauth(
            input.workspace_id,
            input.channel_id,
            &input.instance_url,
            open,
            OAUTH_WAIT,
        )
        .await?)
}

#[tauri::command]
pub async fn connect_nostr(
    state: State<'_, AppState>,
    input: NostrConnectInput,
) -> IpcResult<Channel> {
    let service = state.service()?;
    let relays: Vec<String> = input
        .relays
        .iter()
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
        .collect();
    if relays.is_empty() {
        return Err(CoreError::validation("relays", "Add at least one relay (wss://…).").into());
    }
    let secret = match input.secret_key.as_deref().map(str::trim) {
        None | Some("") => generate_nostr_key(),
        Some(key) => key.to_owned(),
    };
    Ok(service
        .connect_channel(
            input.workspace_id,
            input.channel_id,
            ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings { relays }),
            secret,
        )
        .await
        .map_err(|e| rename_secret_field(e, "secretKey"))?)
}

#[tauri::command]
pub async fn remove_channel(state: State<'_, AppState>, channel_id: i64) -> IpcResult<()> {
    state
        .with_service(move |s| s.remove_channel(channel_id))
        .await
}

/// The core reports refused credentials against "secret"; each form names its own field.
fn rename_secret_field(err: CoreError, field: &'static str) -> ErrorPayload {
    let mut payload = err.to_payload();
    if payload.field.as_deref() == Some("secret") {
        payload.field = Some(field.to_owned());
    }
    payload
}
