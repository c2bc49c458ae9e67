use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::preferences::{self, Preferences};
use tauri::State;

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> IpcResult<Preferences> {
    state
        .with_store(|store| preferences::load(store.connection()))
        .await
}

#[tauri::command]
pub async fn set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> IpcResult<Preferences> {
    state
        .with_store(move |store| preferences::save(store.connection(), &preferences))
        .await
}
