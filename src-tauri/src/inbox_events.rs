//! The inbox in the app: chorus-core's inbox job syncs (here, or in `chorus daemon` when it
//! holds the inbox's lease); this forwards what it announces: new items to the UI as an event,
//! OS notifications (a click focuses the app on the item), and the unread count on the tray's
//! icon and in its tooltip.

use crate::events::{self, Focus, NewItems, Unread};
use chorus_core::inbox::Inbox;
use chorus_core::inbox::job::{self, InboxJob};
use chorus_core::inbox::notify::InboxNotification;
use chorus_core::jobs::JobHandle;
use std::sync::Arc;
use tauri::AppHandle;
use tokio::sync::broadcast::error::RecvError;

/// The app's inbox and its job, managed as Tauri state.
pub struct InboxState {
    pub inbox: Arc<Inbox>,
    pub job: Arc<InboxJob>,
    /// Dropped when the app exits, which stops the job.
    pub _runner: JobHandle,
}

/// Forwards the job's announcements for the life of the app.
pub fn forward(app: AppHandle, inbox: Arc<Inbox>, job: &InboxJob) {
    let mut news = job.subscribe();
    tauri::async_runtime::spawn(async move {
        // What is unread from before shows on the tray from the start.
        unread_changed(&app, &inbox);
        loop {
            match news.recv().await {
                Ok(new) => show_new_items(&app, new),
                Err(RecvError::Lagged(n)) => tracing::warn!("{n} inbox announcements were dropped"),
                Err(RecvError::Closed) => break,
            }
        }
    });
}

fn show_new_items(app: &AppHandle, new: job::NewItems) {
    events::inbox_new(
        app,
        &NewItems {
            items: new.items,
            unread: new.unread,
        },
    );
    crate::tray::show_unread(app, new.unread);
    for notification in new.notifications {
        show(app.clone(), notification);
    }
}

/// Sends the new unread count to the UI and the tray.
pub fn unread_changed(app: &AppHandle, inbox: &Inbox) {
    let unread = inbox.unread_count(None).unwrap_or_default();
    events::inbox_unread(app, &Unread { unread });
    crate::tray::show_unread(app, unread);
}

/// Raises the notification; a click on it brings the window up on the item.
fn show(app: AppHandle, notification: InboxNotification) {
    // D-Bus is blocking, and waiting for the click more so: keep it off the async workers.
    tauri::async_runtime::spawn_blocking(move || match raise(&notification) {
        #[cfg(all(unix, not(target_os = "macos")))]
        Ok(handle) => handle.wait_for_action(|action| {
            if action == "default" {
                crate::tray::show_main_window(&app);
                events::inbox_focus(
                    &app,
                    &Focus {
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
    });
}

/// One D-Bus Notify call (on Linux) with the item's title and first words.
fn raise(
    notification: &InboxNotification,
) -> Result<notify_rust::NotificationHandle, notify_rust::error::Error> {
    notify_rust::Notification::new()
        .appname("Chorus")
        .summary(&notification.title)
        .body(&notification.body)
        .action("default", "Open")
        .show()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_core::channel::ChannelConfig;
    use chorus_core::inbox::InboxItem;
    use chorus_core::inbox::notify;
    use chorus_core::publish::NetworkConnector;
    use chorus_core::secrets::{MemorySecretStore, SecretStore};
    use chorus_core::service::Service;
    use chorus_core::workspace::{self, NewWorkspace};
    use chorus_core::{Clock, DataDir, Store, SystemClock};
    use chorus_networks::nostr::{Nostr, NostrConfig, NostrKeys};
    use chorus_networks::{IdempotencyKey, OutgoingPost, Publisher};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// What the notification server (dunst) has shown, as "summary: body".
    fn dunst_history() -> Vec<String> {
        let Ok(out) = std::process::Command::new("dunstctl")
            .arg("history")
            .output()
        else {
            return Vec::new();
        };
        let Ok(history) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
            return Vec::new();
        };
        history["data"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|group| group.as_array().cloned().unwrap_or_default())
            .map(|n| {
                format!(
                    "{}: {}",
                    n["summary"]["data"].as_str().unwrap_or_default(),
                    n["body"]["data"].as_str().unwrap_or_default()
                )
            })
            .collect()
    }

    async fn wait_for_dunst(started: Instant, wanted: &str) -> Duration {
        loop {
            // dunst moves shown notifications to its history when they are closed.
            let _ = std::process::Command::new("dunstctl")
                .arg("close-all")
                .status();
            if dunst_history().iter().any(|n| n.starts_with(wanted)) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no {wanted:?} notification; dunst has {:?}",
                dunst_history()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The real path from a mention on a real nostr-rs-relay to a D-Bus Notify call that a real
    /// notification server (dunst) shows: sync, the notification rules, notify-rust. Run with
    /// `CHORUS_TEST_SERVERS=nostr tests/servers/with-servers.sh xvfb-run -a dbus-run-session --
    /// sh -c 'dunst & sleep 1; cargo test -p chorus-app --lib inbox_sync -- --ignored'`.
    #[tokio::test]
    #[ignore = "needs nostr-rs-relay (make test-networks) and dunst under dbus-run-session"]
    async fn a_mention_on_the_relay_raises_an_os_notification_and_a_burst_raises_one() {
        let relay = std::env::var("CHORUS_TEST_NOSTR_RELAY").expect("CHORUS_TEST_NOSTR_RELAY");
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let store = Arc::new(Mutex::new(Store::open(dir.database_path()).expect("open")));
        let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::default());
        let service = Service {
            store: store.clone(),
            dir,
            clock: Arc::new(SystemClock),
            secrets: secrets.clone(),
            connector: Arc::new(NetworkConnector::new(secrets.clone())),
            engine_waker: None,
        };
        let ws = workspace::create(
            store.lock().expect("lock").connection(),
            &SystemClock,
            &NewWorkspace {
                name: "Notify".into(),
                timezone: "UTC".into(),
            },
        )
        .expect("workspace");
        let ours = NostrKeys::generate();
        service
            .connect_channel(
                ws.id,
                None,
                ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: vec![relay.clone()],
                }),
                ours.nsec(),
            )
            .await
            .expect("connect");
        let inbox = Inbox::new(store, Arc::new(SystemClock), secrets);
        inbox.sync(None).await.expect("first sync");
        let them = Nostr::new(NostrConfig {
            secret_key: NostrKeys::generate().nsec(),
            relays: vec![url::Url::parse(&relay).expect("url")],
        })
        .expect("adapter");
        let mention = |n: u32, text: String| {
            let post = OutgoingPost {
                text,
                ..OutgoingPost::default()
            };
            let them = &them;
            async move {
                them.publish(
                    &IdempotencyKey::new(i64::from(n), 0, SystemClock.now()),
                    &post,
                    None,
                )
                .await
                .expect("they post")
            }
        };

        let started = Instant::now();
        mention(
            1,
            format!("@{} Are the croissants vegan today?", ours.npub()),
        )
        .await;
        let items = loop {
            let items: Vec<InboxItem> = inbox
                .sync(None)
                .await
                .expect("sync")
                .into_iter()
                .flat_map(|r| r.new_items)
                .collect();
            if !items.is_empty() {
                break items;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let shown = notify::notifications(&Default::default(), &items, SystemClock.now());
        assert_eq!(shown.len(), 1);
        raise(&shown[0]).expect("D-Bus Notify");
        let took = wait_for_dunst(started, &shown[0].title).await;
        assert!(
            shown[0].title.ends_with("mentioned you"),
            "{}",
            shown[0].title
        );
        assert!(
            dunst_history().contains(&format!(
                "{}: Are the croissants vegan today?",
                shown[0].title
            )) || dunst_history()
                .iter()
                .any(|n| n.contains("Are the croissants vegan today?")),
            "{:?}",
            dunst_history()
        );
        println!(
            "FIGURE mention posted -> OS notification shown (dunst): {} ms (sync polling every 100 ms; the app's inbox job every {} s)",
            took.as_millis(),
            chorus_core::inbox::job::SCHEDULE.cadence.as_secs()
        );

        for n in 0..12 {
            mention(10 + n, format!("@{} burst message {n}", ours.npub())).await;
        }
        let items: Vec<InboxItem> = inbox
            .sync(None)
            .await
            .expect("sync")
            .into_iter()
            .flat_map(|r| r.new_items)
            .collect();
        assert_eq!(items.len(), 12);
        let shown = notify::notifications(&Default::default(), &items, SystemClock.now());
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert_eq!(shown[0].title, "12 new mentions");
        raise(&shown[0]).expect("D-Bus Notify");
        wait_for_dunst(Instant::now(), "12 new mentions").await;
        let history = dunst_history();
        let bursts = history
            .iter()
            .filter(|n| n.contains("burst message"))
            .count();
        assert_eq!(
            bursts, 0,
            "a burst must not raise one notification per item: {history:?}"
        );
    }
}
