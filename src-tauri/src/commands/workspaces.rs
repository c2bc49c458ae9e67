use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::overview::{self, WorkspaceOverview};
use chorus_core::workspace::{self, NewWorkspace, Workspace, WorkspaceUpdate};
use tauri::State;

#[tauri::command]
pub async fn list_workspaces(state: State<'_, AppState>) -> IpcResult<Vec<Workspace>> {
    state
        .with_store(|store| workspace::list(store.connection()))
        .await
}

#[tauri::command]
pub async fn create_workspace(
    state: State<'_, AppState>,
    input: NewWorkspace,
) -> IpcResult<Workspace> {
    let clock = state.clock.clone();
    state
        .with_store(move |store| workspace::create(store.connection(), clock.as_ref(), &input))
        .await
}

#[tauri::command]
pub async fn update_workspace(
    state: State<'_, AppState>,
    input: WorkspaceUpdate,
) -> IpcResult<Workspace> {
    state
        .with_store(move |store| workspace::update(store.connection(), &input))
        .await
}

#[tauri::command]
pub async fn workspace_overview(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<WorkspaceOverview> {
    let now = state.clock.now();
    state
        .with_store(move |store| {
            overview::workspace_overview(store.connection(), workspace_id, now)
        })
        .await
}
