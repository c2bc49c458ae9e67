//! The inbox in the app: a background sync of every channel, new items sent to the UI as an
//! event, OS notifications for them (batched, quiet hours and muted channels respected; a
//! click focuses the app on the item), and the unread count in the tray's tooltip.

use chorus_core::inbox::notify::{self, InboxNotification};
use chorus_core::inbox::{Inbox, InboxItem};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter};

/// Time between syncs. With the time a sync takes, a mention posted on a server that answers
/// promptly shows up within about this long (the issue asks for under 5 s).
pub const POLL_INTERVAL: Duration = Duration::from_secs(3);

/// New items after a sync: `{ items: InboxItem[], unread: number }`.
pub const NEW_ITEMS: &str = "chorus://inbox-new";
/// The unread count changed: `{ unread: number }`.
pub const UNREAD: &str = "chorus://inbox-unread";
/// A notification was clicked: `{ itemId: number | null }` (null: a summary, open the inbox).
pub const FOCUS_ITEM: &str = "chorus://inbox-focus";

/// The app's inbox, managed as Tauri state.
pub struct InboxState(pub Arc<Inbox>);

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct NewItems {
    items: Vec<InboxItem>,
    unread: i64,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Unread {
    unread: i64,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Focus {
    item_id: Option<i64>,
}

/// Runs the sync loop for the life of the app.
pub fn spawn(app: AppHandle, inbox: Arc<Inbox>) {
    tauri::async_runtime::spawn(async move {
        loop {
            sync_once(&app, &inbox).await;
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    });
}

/// One sync of every channel, then events and notifications for what was new.
pub async fn sync_once(app: &AppHandle, inbox: &Arc<Inbox>) {
    let reports = match inbox.sync(None).await {
        Ok(reports) => reports,
        Err(e) => {
            tracing::warn!("inbox sync failed: {e}");
            return;
        }
    };
    let items: Vec<InboxItem> = reports.into_iter().flat_map(|r| r.new_items).collect();
    if items.is_empty() {
        return;
    }
    let unread = inbox.unread_count(None).unwrap_or_default();
    emit(
        app,
        NEW_ITEMS,
        NewItems {
            items: items.clone(),
            unread,
        },
    );
    reflect_unread(app, unread);
    let settings = inbox.notification_settings().unwrap_or_default();
    for notification in notify::notifications(&settings, &items, inbox.clock.now()) {
        show(app.clone(), notification);
    }
}

/// Sends the new unread count to the UI and the tray.
pub fn unread_changed(app: &AppHandle, inbox: &Inbox) {
    let unread = inbox.unread_count(None).unwrap_or_default();
    emit(app, UNREAD, Unread { unread });
    reflect_unread(app, unread);
}

fn reflect_unread(app: &AppHandle, unread: i64) {
    if let Some(tray) = app.tray_by_id("main") {
        let tooltip = match unread {
            0 => "Chorus".to_owned(),
            1 => "Chorus: 1 unread in the inbox".to_owned(),
            n => format!("Chorus: {n} unread in the inbox"),
        };
        if let Err(e) = tray.set_tooltip(Some(&tooltip)) {
            tracing::debug!("cannot set the tray tooltip: {e}");
        }
    }
}

/// Raises the notification; a click on it brings the window up on the item.
fn show(app: AppHandle, notification: InboxNotification) {
    // D-Bus is blocking, and waiting for the click more so: keep it off the async workers.
    tauri::async_runtime::spawn_blocking(move || {
        let shown = notify_rust::Notification::new()
            .appname("Chorus")
            .summary(&notification.title)
            .body(&notification.body)
            .action("default", "Open")
            .show();
        match shown {
            #[cfg(all(unix, not(target_os = "macos")))]
            Ok(handle) => handle.wait_for_action(|action| {
                if action == "default" {
                    crate::tray::show_main_window(&app);
                    emit(
                        &app,
                        FOCUS_ITEM,
                        Focus {
                            item_id: notification.item_id,
                        },
                    );
                }
            }),
            #[cfg(not(all(unix, not(target_os = "macos"))))]
            Ok(_) => {
                let _ = &app;
            }
            Err(e) => tracing::warn!(
                "cannot show a notification ({e}): {}: {}",
                notification.title,
                notification.body
            ),
        }
    });
}

fn emit<T: Serialize + Clone>(app: &AppHandle, name: &str, payload: T) {
    if let Err(e) = app.emit(name, payload) {
        tracing::warn!("cannot send {name}: {e}");
    }
}
