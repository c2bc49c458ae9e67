use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::calendar::CalendarEntry;
use chorus_core::inputs::{PostInput, parse_instant};
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

/// The workspace's posts planned in `[from, to)` (RFC 3339 instants), for the calendar.
#[tauri::command]
pub async fn calendar_range(
    state: State<'_, AppState>,
    workspace_id: i64,
    from: String,
    to: String,
) -> IpcResult<Vec<CalendarEntry>> {
    let from = parse_instant("from", &from)?;
    let to = parse_instant("to", &to)?;
    state
        .with_service(move |s| s.calendar_range(workspace_id, from, to))
        .await
}

#[tauri::command]
pub async fn unscheduled_drafts(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<Vec<CalendarEntry>> {
    state
        .with_service(move |s| s.unscheduled_drafts(workspace_id))
        .await
}

/// Moves a post (every channel) to `at`, an RFC 3339 instant: a drag on the calendar.
#[tauri::command]
pub async fn reschedule_post(
    state: State<'_, AppState>,
    post_id: i64,
    at: String,
) -> IpcResult<PostSummary> {
    let at = parse_instant("at", &at)?;
    let service = state.service()?;
    Ok(service.reschedule_post(post_id, at).await?)
}

/// Replaces a post that has not gone out yet.
#[tauri::command]
pub async fn update_post(
    state: State<'_, AppState>,
    post_id: i64,
    input: PostInput,
) -> IpcResult<PostSummary> {
    let service = state.service()?;
    Ok(service.update_post(post_id, input).await?)
}

#[tauri::command]
pub async fn delete_post(state: State<'_, AppState>, post_id: i64) -> IpcResult<()> {
    let service = state.service()?;
    Ok(service.delete_post(post_id).await?)
}

/// Back to an unscheduled draft (the calendar's undo after dropping a draft).
#[tauri::command]
pub async fn unschedule_post(state: State<'_, AppState>, post_id: i64) -> IpcResult<PostSummary> {
    let service = state.service()?;
    Ok(service.unschedule_post(post_id).await?)
}
