use crate::error::IpcResult;
use crate::state::AppState;
use crate::{events, tray};
use chorus_core::publish::control::PublishingSettings;
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn get_publishing_settings(state: State<'_, AppState>) -> IpcResult<PublishingSettings> {
    state.with_service(|s| s.publishing_settings()).await
}

#[tauri::command]
pub async fn set_publishing_paused(
    app: AppHandle,
    state: State<'_, AppState>,
    paused: bool,
) -> IpcResult<PublishingSettings> {
    let settings = state.with_service(move |s| s.set_paused(paused)).await?;
    events::paused_changed(&app, settings.paused);
    tray::reflect_paused(&app, settings.paused);
    Ok(settings)
}
