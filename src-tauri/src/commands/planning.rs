//! Posting slots and the queue, the composer's autosave, CSV import and export.

use crate::error::IpcResult;
use crate::state::AppState;
use chorus_core::inputs::parse_instant;
use chorus_core::planning::autosave::ComposerState;
use chorus_core::planning::csv_io::CsvImportReport;
use chorus_core::planning::library::{TagSuggestion, WritingLibrary};
use chorus_core::planning::slots::{PostingSlot, SlotInput, SlotOccurrence};
use chorus_core::post_tags::TagCount;
use std::path::PathBuf;
use tauri::State;

#[tauri::command]
pub async fn posting_slots(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<Vec<PostingSlot>> {
    state
        .with_service(move |s| s.posting_slots(workspace_id))
        .await
}

#[tauri::command]
pub async fn set_posting_slots(
    state: State<'_, AppState>,
    channel_id: i64,
    slots: Vec<SlotInput>,
) -> IpcResult<Vec<PostingSlot>> {
    state
        .with_service(move |s| s.set_posting_slots(channel_id, &slots))
        .await
}

/// The open and taken slots in `[from, to)` (RFC 3339), for the calendar.
#[tauri::command]
pub async fn slot_occurrences(
    state: State<'_, AppState>,
    workspace_id: i64,
    from: String,
    to: String,
) -> IpcResult<Vec<SlotOccurrence>> {
    let from = parse_instant("from", &from)?;
    let to = parse_instant("to", &to)?;
    state
        .with_service(move |s| s.slot_occurrences(workspace_id, from, to))
        .await
}

/// "Add to queue": the next free slot of these channels, as an RFC 3339 instant.
#[tauri::command]
pub async fn next_free_slot(
    state: State<'_, AppState>,
    workspace_id: i64,
    channel_ids: Vec<i64>,
) -> IpcResult<String> {
    state
        .with_service(move |s| {
            s.next_free_slot(workspace_id, &channel_ids)
                .map(|at| at.to_rfc3339())
        })
        .await
}

#[tauri::command]
pub async fn save_composer_state(
    state: State<'_, AppState>,
    workspace_id: i64,
    slot: String,
    composer: String,
) -> IpcResult<()> {
    state
        .with_service(move |s| s.save_composer_state(workspace_id, &slot, &composer))
        .await
}

#[tauri::command]
pub async fn composer_states(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<Vec<ComposerState>> {
    state
        .with_service(move |s| s.composer_states(workspace_id))
        .await
}

#[tauri::command]
pub async fn clear_composer_state(
    state: State<'_, AppState>,
    workspace_id: i64,
    slot: String,
) -> IpcResult<()> {
    state
        .with_service(move |s| s.clear_composer_state(workspace_id, &slot))
        .await
}

/// Checks (and unless `dryRun`, imports) a CSV file of posts; see chorus_core::planning::csv_io.
#[tauri::command]
pub async fn import_csv(
    state: State<'_, AppState>,
    workspace_id: i64,
    path: String,
    dry_run: bool,
) -> IpcResult<CsvImportReport> {
    let service = state.service()?;
    Ok(service
        .import_csv(workspace_id, &PathBuf::from(path), dry_run)
        .await?)
}

/// Writes every post of the workspace to a CSV file; returns how many.
#[tauri::command]
pub async fn export_csv(
    state: State<'_, AppState>,
    workspace_id: i64,
    path: String,
) -> IpcResult<usize> {
    state
        .with_service(move |s| s.export_csv(workspace_id, &PathBuf::from(path)))
        .await
}

#[tauri::command]
pub async fn writing_library(
    state: State<'_, AppState>,
    workspace_id: i64,
) -> IpcResult<WritingLibrary> {
    state
        .with_service(move |s| s.writing_library(workspace_id))
        .await
}

#[tauri::command]
pub async fn save_writing_library(
    state: State<'_, AppState>,
    workspace_id: i64,
    library: WritingLibrary,
) -> IpcResult<WritingLibrary> {
    state
        .with_service(move |s| s.save_writing_library(workspace_id, &library))
        .await
}

/// Replaces a post's tags; answers with them as stored (trimmed, without repeats).
#[tauri::command]
pub async fn set_post_tags(
    state: State<'_, AppState>,
    post_id: i64,
    tags: Vec<String>,
) -> IpcResult<Vec<String>> {
    state
        .with_service(move |s| s.set_post_tags(post_id, &tags))
        .await
}

/// The workspace's tags, most used first.
#[tauri::command]
pub async fn post_tags(state: State<'_, AppState>, workspace_id: i64) -> IpcResult<Vec<TagCount>> {
    state.with_service(move |s| s.post_tags(workspace_id)).await
}

/// `prefix` starts with # or @; answers with the workspace's own, most used first.
#[tauri::command]
pub async fn suggest_tags(
    state: State<'_, AppState>,
    workspace_id: i64,
    prefix: String,
) -> IpcResult<Vec<TagSuggestion>> {
    state
        .with_service(move |s| s.suggest_tags(workspace_id, &prefix))
        .await
}
