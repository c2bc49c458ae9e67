//! Remembers the main window's size and position.
//!
//! The window-state plugin saves on a clean close or exit only; a killed or crashed app would
//! forget the size. So every resize or move also saves, half a second after the last one.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tauri::{Manager, Runtime, Window, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

pub const FLAGS: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

const SETTLE: Duration = Duration::from_millis(500);

static LAST_CHANGE: AtomicU64 = AtomicU64::new(0);

pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
        return;
    }
    let change = LAST_CHANGE.fetch_add(1, Ordering::SeqCst) + 1;
    let app = window.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if LAST_CHANGE.load(Ordering::SeqCst) == change
            && let Err(e) = app.save_window_state(FLAGS)
        {
            tracing::warn!("cannot save the window size: {e}");
        }
    });
}
