//! The unified inbox: list and search, triage, reply and like, saved replies, notification
//! settings. Payload types are chorus-core's (`ui/src/lib/ipc/bindings/`).

use super::schema::Ctx;
use crate::error::IpcResult;
use crate::inbox_events::{self, InboxState};
use chorus_core::CoreError;
use chorus_core::inbox::{
    Inbox, InboxFilter, InboxItem, InboxListing, InboxReply, InboxUpdate, NotificationSettings,
    SavedReply, SyncReport,
};
use std::sync::Arc;

async fn blocking<T, F>(state: &InboxState, work: F) -> IpcResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Inbox) -> Result<T, CoreError> + Send + 'static,
{
    let inbox: Arc<Inbox> = state.inbox.clone();
    Ok(tokio::task::spawn_blocking(move || work(&inbox)).await??)
}

pub async fn list_inbox(cx: &Ctx<'_>, filter: InboxFilter) -> IpcResult<InboxListing> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.list(&filter)).await
}

pub async fn get_inbox_item(cx: &Ctx<'_>, id: i64) -> IpcResult<InboxItem> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.get(id)).await
}

/// Read/unread, done/open, star, assignee, on one or more items (j/k/e triage in the UI).
pub async fn update_inbox_items(
    cx: &Ctx<'_>,
    ids: Vec<i64>,
    change: InboxUpdate,
) -> IpcResult<Vec<InboxItem>> {
    let state = cx.inbox()?;
    let app = cx.app();
    let items = blocking(state, move |i| {
        i.update(&ids, &change)?;
        ids.iter().map(|id| i.get(*id)).collect()
    })
    .await?;
    inbox_events::unread_changed(app, &state.inbox);
    Ok(items)
}

pub async fn add_inbox_tag(cx: &Ctx<'_>, id: i64, tag: String) -> IpcResult<InboxItem> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.add_tag(id, &tag)).await
}

pub async fn remove_inbox_tag(cx: &Ctx<'_>, id: i64, tag: String) -> IpcResult<InboxItem> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.remove_tag(id, &tag)).await
}

pub async fn inbox_tags(cx: &Ctx<'_>) -> IpcResult<Vec<String>> {
    let state = cx.inbox()?;
    blocking(state, |i| i.tags()).await
}

pub async fn inbox_unread_count(cx: &Ctx<'_>, channel_id: Option<i64>) -> IpcResult<i64> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.unread_count(channel_id)).await
}

/// Syncs now (all channels, or one) instead of waiting for the background loop.
pub async fn sync_inbox(cx: &Ctx<'_>, channel_id: Option<i64>) -> IpcResult<Vec<SyncReport>> {
    let state = cx.inbox()?;
    let app = cx.app();
    let reports = state.job.sync_now(channel_id).await?;
    inbox_events::unread_changed(app, &state.inbox);
    Ok(reports)
}

pub async fn reply_to_inbox_item(cx: &Ctx<'_>, id: i64, text: String) -> IpcResult<InboxReply> {
    let state = cx.inbox()?;
    let app = cx.app();
    let reply = state.inbox.reply(id, &text).await?;
    inbox_events::unread_changed(app, &state.inbox);
    Ok(reply)
}

pub async fn inbox_replies(cx: &Ctx<'_>, id: i64) -> IpcResult<Vec<InboxReply>> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.replies(id)).await
}

pub async fn like_inbox_item(cx: &Ctx<'_>, id: i64) -> IpcResult<InboxItem> {
    let state = cx.inbox()?;
    state.inbox.like(id).await?;
    blocking(state, move |i| i.get(id)).await
}

pub async fn list_saved_replies(cx: &Ctx<'_>) -> IpcResult<Vec<SavedReply>> {
    let state = cx.inbox()?;
    blocking(state, |i| i.saved_replies()).await
}

/// Creates a saved reply, or with `id` replaces one.
pub async fn save_saved_reply(
    cx: &Ctx<'_>,
    id: Option<i64>,
    name: String,
    body: String,
) -> IpcResult<SavedReply> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.save_reply_template(id, &name, &body)).await
}

pub async fn delete_saved_reply(cx: &Ctx<'_>, id: i64) -> IpcResult<()> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.delete_reply_template(id)).await
}

/// The saved reply's text with `{name}`, `{handle}`, `{network}` filled in from the item.
pub async fn render_saved_reply(cx: &Ctx<'_>, id: i64, item_id: i64) -> IpcResult<String> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.render_reply_template(id, item_id)).await
}

pub async fn get_inbox_notification_settings(cx: &Ctx<'_>) -> IpcResult<NotificationSettings> {
    let state = cx.inbox()?;
    blocking(state, |i| i.notification_settings()).await
}

pub async fn set_inbox_notification_settings(
    cx: &Ctx<'_>,
    settings: NotificationSettings,
) -> IpcResult<NotificationSettings> {
    let state = cx.inbox()?;
    blocking(state, move |i| i.set_notification_settings(settings)).await
}
