use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::about::AppInfo;
use chorus_core::time_zones;
use tauri::State;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    let dir = state.data_dir.clone();
    state
        .with_store(move |store| AppInfo::collect(env!("CARGO_PKG_VERSION"), &dir, store))
        .await
}

#[tauri::command]
pub fn list_time_zones() -> Vec<&'static str> {
    time_zones::all()
}
