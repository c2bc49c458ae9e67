//! Typed events the shell sends to the UI.

use serde::Serialize;
use tauri::{AppHandle, Emitter};

pub const NAVIGATE: &str = "chorus://navigate";

/// Sections the shell can open from outside the window (the tray). The UI also knows "overview".
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Settings,
}

pub fn navigate(app: &AppHandle, section: Section) {
    if let Err(e) = app.emit(NAVIGATE, section) {
        tracing::warn!("cannot send {NAVIGATE}: {e}");
    }
}
