//! The composer: the queue's next free slot, autosave, the writing library (hashtag groups,
//! snippets, templates) and tag suggestions.

use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::planning::autosave::ComposerState;
use chorus_core::planning::library::{TagSuggestion, WritingLibrary};

pub async fn next_free_slot(
    cx: &Ctx<'_>,
    workspace_id: i64,
    channel_ids: Vec<i64>,
) -> IpcResult<String> {
    cx.with_service(move |s| {
        s.next_free_slot(workspace_id, &channel_ids)
            .map(|at| at.to_rfc3339())
    })
    .await
}

pub async fn save_composer_state(
    cx: &Ctx<'_>,
    workspace_id: i64,
    slot: String,
    composer: String,
) -> IpcResult<()> {
    cx.with_service(move |s| s.save_composer_state(workspace_id, &slot, &composer))
        .await
}

pub async fn composer_states(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<ComposerState>> {
    cx.with_service(move |s| s.composer_states(workspace_id))
        .await
}

pub async fn clear_composer_state(cx: &Ctx<'_>, workspace_id: i64, slot: String) -> IpcResult<()> {
    cx.with_service(move |s| s.clear_composer_state(workspace_id, &slot))
        .await
}

pub async fn writing_library(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<WritingLibrary> {
    cx.with_service(move |s| s.writing_library(workspace_id))
        .await
}

pub async fn save_writing_library(
    cx: &Ctx<'_>,
    workspace_id: i64,
    library: WritingLibrary,
) -> IpcResult<WritingLibrary> {
    cx.with_service(move |s| s.save_writing_library(workspace_id, &library))
        .await
}

pub async fn suggest_tags(
    cx: &Ctx<'_>,
    workspace_id: i64,
    prefix: String,
) -> IpcResult<Vec<TagSuggestion>> {
    cx.with_service(move |s| s.suggest_tags(workspace_id, &prefix))
        .await
}
