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
pub async fn set_missed_grace(
    state: State<'_, AppState>,
    minutes: u32,
) -> IpcResult<PublishingSettings> {
    state
        .with_service(move |s| s.set_missed_grace(minutes))
        .await
}

#[tauri::command]
pub async fn set_publishing_paused(
    app: AppHandle,
    state: State<'_, AppState>,
    paused: bool,
) -> IpcResult<PublishingSettings> {
    let service = state.service()?;
    let result = service.set_paused(paused).await;
    // Even when some server-scheduled posts could not be withdrawn, the switch itself moved.
    if let Ok(now) = service.publishing_settings() {
        events::paused_changed(&app, now.paused);
        tray::reflect_paused(&app, now.paused);
    }
    Ok(result?)
}
