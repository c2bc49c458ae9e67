//! Typed events the shell sends to the UI.

use chorus_core::publish::PublishEvent;
use serde::Serialize;
use tauri::{AppHandle, Emitter};

pub const NAVIGATE: &str = "chorus://navigate";
pub const PUBLISH: &str = "chorus://publish";

/// Sections the shell can open from outside the window (the tray). The UI also knows "overview".
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Settings,
}

pub fn navigate(app: &AppHandle, section: Section) {
    emit(app, NAVIGATE, section);
}

pub fn publish(app: &AppHandle, event: &PublishEvent) {
    emit(app, PUBLISH, event);
}

pub fn paused_changed(app: &AppHandle, paused: bool) {
    publish(app, &PublishEvent::PausedChanged { paused });
}

fn emit<T: Serialize + Clone>(app: &AppHandle, name: &str, payload: T) {
    if let Err(e) = app.emit(name, payload) {
        tracing::warn!("cannot send {name}: {e}");
    }
}
