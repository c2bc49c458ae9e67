//! The unified inbox: list and search, triage, reply and like, saved replies, notification
//! settings. Payload types are chorus-core's (`ui/src/lib/ipc/bindings/`).

use crate::error::IpcResult;
use crate::inbox_events::{self, InboxState};
use chorus_core::CoreError;
use chorus_core::inbox::{
    Inbox, InboxFilter, InboxItem, InboxListing, InboxReply, InboxUpdate, NotificationSettings,
    SavedReply, SyncReport,
};
use std::sync::Arc;
use tauri::{AppHandle, State};

async fn blocking<T, F>(state: &State<'_, InboxState>, work: F) -> IpcResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Inbox) -> Result<T, CoreError> + Send + 'static,
{
    let inbox: Arc<Inbox> = state.inbox.clone();
    Ok(tokio::task::spawn_blocking(move || work(&inbox)).await??)
}

#[tauri::command]
pub async fn list_inbox(
    state: State<'_, InboxState>,
    filter: InboxFilter,
) -> IpcResult<InboxListing> {
    blocking(&state, move |i| i.list(&filter)).await
}

#[tauri::command]
pub async fn get_inbox_item(state: State<'_, InboxState>, id: i64) -> IpcResult<InboxItem> {
    blocking(&state, move |i| i.get(id)).await
}

/// Read/unread, done/open, star, assignee, on one or more items (j/k/e triage in the UI).
#[tauri::command]
pub async fn update_inbox_items(
    app: AppHandle,
    state: State<'_, InboxState>,
    ids: Vec<i64>,
    change: InboxUpdate,
) -> IpcResult<Vec<InboxItem>> {
    let items = blocking(&state, move |i| {
        i.update(&ids, &change)?;
        ids.iter().map(|id| i.get(*id)).collect()
    })
    .await?;
    inbox_events::unread_changed(&app, &state.inbox);
    Ok(items)
}

#[tauri::command]
pub async fn add_inbox_tag(
    state: State<'_, InboxState>,
    id: i64,
    tag: String,
) -> IpcResult<InboxItem> {
    blocking(&state, move |i| i.add_tag(id, &tag)).await
}

#[tauri::command]
pub async fn remove_inbox_tag(
    state: State<'_, InboxState>,
    id: i64,
    tag: String,
) -> IpcResult<InboxItem> {
    blocking(&state, move |i| i.remove_tag(id, &tag)).await
}

#[tauri::command]
pub async fn inbox_tags(state: State<'_, InboxState>) -> IpcResult<Vec<String>> {
    blocking(&state, |i| i.tags()).await
}

#[tauri::command]
pub async fn inbox_unread_count(
    state: State<'_, InboxState>,
    channel_id: Option<i64>,
) -> IpcResult<i64> {
    blocking(&state, move |i| i.unread_count(channel_id)).await
}

/// Syncs now (all channels, or one) instead of waiting for the background loop.
#[tauri::command]
pub async fn sync_inbox(
    app: AppHandle,
    state: State<'_, InboxState>,
    channel_id: Option<i64>,
) -> IpcResult<Vec<SyncReport>> {
    let reports = state.job.sync_now(channel_id).await?;
    inbox_events::unread_changed(&app, &state.inbox);
    Ok(reports)
}

#[tauri::command]
pub async fn reply_to_inbox_item(
    app: AppHandle,
    state: State<'_, InboxState>,
    id: i64,
    text: String,
) -> IpcResult<InboxReply> {
    let reply = state.inbox.reply(id, &text).await?;
    inbox_events::unread_changed(&app, &state.inbox);
    Ok(reply)
}

#[tauri::command]
pub async fn inbox_replies(state: State<'_, InboxState>, id: i64) -> IpcResult<Vec<InboxReply>> {
    blocking(&state, move |i| i.replies(id)).await
}

#[tauri::command]
pub async fn like_inbox_item(state: State<'_, InboxState>, id: i64) -> IpcResult<InboxItem> {
    state.inbox.like(id).await?;
    blocking(&state, move |i| i.get(id)).await
}

#[tauri::command]
pub async fn list_saved_replies(state: State<'_, InboxState>) -> IpcResult<Vec<SavedReply>> {
    blocking(&state, |i| i.saved_replies()).await
}

/// Creates a saved reply, or with `id` replaces one.
#[tauri::command]
pub async fn save_saved_reply(
    state: State<'_, InboxState>,
    id: Option<i64>,
    name: String,
    body: String,
) -> IpcResult<SavedReply> {
    blocking(&state, move |i| i.save_reply_template(id, &name, &body)).await
}

#[tauri::command]
pub async fn delete_saved_reply(state: State<'_, InboxState>, id: i64) -> IpcResult<()> {
    blocking(&state, move |i| i.delete_reply_template(id)).await
}

/// The saved reply's text with `{name}`, `{handle}`, `{network}` filled in from the item.
#[tauri::command]
pub async fn render_saved_reply(
    state: State<'_, InboxState>,
    id: i64,
    item_id: i64,
) -> IpcResult<String> {
    blocking(&state, move |i| i.render_reply_template(id, item_id)).await
}

#[tauri::command]
pub async fn get_inbox_notification_settings(
    state: State<'_, InboxState>,
) -> IpcResult<NotificationSettings> {
    blocking(&state, |i| i.notification_settings()).await
}

#[tauri::command]
pub async fn set_inbox_notification_settings(
    state: State<'_, InboxState>,
    settings: NotificationSettings,
) -> IpcResult<NotificationSettings> {
    blocking(&state, move |i| i.set_notification_settings(settings)).await
}
