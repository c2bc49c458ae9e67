use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::inputs::PostInput;
use chorus_core::post::{PostDetails, PostSummary};
use tauri::State;

#[tauri::command]
pub async fn create_post(state: State<'_, AppState>, input: PostInput) -> IpcResult<PostSummary> {
    let service = state.service()?;
    Ok(service.create_post(input).await?)
}

#[tauri::command]
pub async fn list_posts(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<Vec<PostSummary>> {
    state
        .with_service(move |s| s.list_posts(Some(workspace_id)))
        .await
}

#[tauri::command]
pub async fn get_post(state: State<'_, AppState>, post_id: i64) -> IpcResult<PostDetails> {
    state.with_service(move |s| s.get_post(post_id)).await
}

#[tauri::command]
pub async fn retry_target(state: State<'_, AppState>, target_id: i64) -> IpcResult<PostSummary> {
    state.with_service(move |s| s.retry_target(target_id)).await
}
