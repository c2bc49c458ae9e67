use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::CoreError;
use chorus_core::channel::Channel;
use chorus_core::inputs::ConnectInput;
use chorus_core::planning::slots::{PostingSlot, SlotInput};
use std::time::Duration;
use tauri_plugin_opener::OpenerExt;

/// How long the app waits for the user to approve Chorus in the browser.
const OAUTH_WAIT: Duration = Duration::from_secs(5 * 60);

pub async fn list_channels(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<Channel>> {
    cx.with_service(move |s| s.list_channels(Some(workspace_id)))
        .await
}

pub async fn connect_channel(cx: &Ctx<'_>, input: ConnectInput) -> IpcResult<Channel> {
    let service = cx.state().service()?;
    let app = cx.app();
    let open = |url: &url::Url| {
        app.opener()
            .open_url(url.as_str(), None::<&str>)
            .map_err(|e| {
                CoreError::Secrets(format!("cannot open the browser for the sign-in: {e}"))
            })
    };
    Ok(service
        .connect_with_form(
            input.workspace_id,
            input.channel_id,
            input.network,
            &input.answers,
            open,
            OAUTH_WAIT,
        )
        .await?)
}

pub async fn remove_channel(cx: &Ctx<'_>, channel_id: i64) -> IpcResult<()> {
    cx.with_service(move |s| s.remove_channel(channel_id)).await
}

pub async fn posting_slots(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<PostingSlot>> {
    cx.with_service(move |s| s.posting_slots(workspace_id))
        .await
}

pub async fn set_posting_slots(
    cx: &Ctx<'_>,
    channel_id: i64,
    slots: Vec<SlotInput>,
) -> IpcResult<Vec<PostingSlot>> {
    cx.with_service(move |s| s.set_posting_slots(channel_id, &slots))
        .await
}
