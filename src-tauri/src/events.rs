//! The events the shell sends to the UI, declared once: `events!` gives each a name constant and
//! a typed send function, and for the tests the list `ui/src/lib/ipc/bindings/events.ts` is
//! generated from (the UI's `EVENTS` names and `Events` payload map).

use chorus_core::inbox::InboxItem;
use chorus_core::publish::PublishEvent;
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

/// Sections the shell can open from outside the window (the tray). The UI also knows "overview".
#[derive(Debug, Clone, Copy, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Section {
    Settings,
}

/// New inbox items after a background sync, and the unread count after it.
#[derive(Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "InboxNewItems")]
pub struct NewItems {
    pub items: Vec<InboxItem>,
    pub unread: i64,
}

#[derive(Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "InboxUnread")]
pub struct Unread {
    pub unread: i64,
}

/// An OS notification was clicked: the item it was about, or null for a summary.
#[derive(Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, rename = "InboxFocus")]
pub struct Focus {
    pub item_id: Option<i64>,
}

/// Declares the events; each line is `send_fn CONST = "name": Payload;`.
macro_rules! events {
    ($(
        $(#[doc = $doc:literal])*
        $send:ident $konst:ident = $name:literal : $payload:ty;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[allow(dead_code)]
            pub const $konst: &str = $name;

            $(#[doc = $doc])*
            pub fn $send(app: &AppHandle, payload: &$payload) {
                emit(app, $name, payload);
            }
        )*

        #[cfg(test)]
        fn specs() -> Vec<EventSpec> {
            vec![$(
                EventSpec {
                    key: stringify!($send),
                    name: $name,
                    docs: &[$($doc),*],
                    payload: crate::commands::schema::TsType::of::<$payload>(),
                },
            )*]
        }
    };
}

events! {
    /// Open a section of the window (from the tray).
    navigate NAVIGATE = "chorus://navigate": Section;
    /// Something the publishing engine did or saw (a post went out, failed, was missed, …).
    publish PUBLISH = "chorus://publish": PublishEvent;
    /// New inbox items after a background sync.
    inbox_new INBOX_NEW = "chorus://inbox-new": NewItems;
    /// The inbox's unread count changed.
    inbox_unread INBOX_UNREAD = "chorus://inbox-unread": Unread;
    /// An inbox notification was clicked: show that item (or, for a summary, the inbox).
    inbox_focus INBOX_FOCUS = "chorus://inbox-focus": Focus;
}

pub fn paused_changed(app: &AppHandle, paused: bool) {
    publish(app, &PublishEvent::PausedChanged { paused });
}

fn emit<T: Serialize + Clone>(app: &AppHandle, name: &str, payload: T) {
    if let Err(e) = app.emit(name, payload) {
        tracing::warn!("cannot send {name}: {e}");
    }
}

#[cfg(test)]
struct EventSpec {
    key: &'static str,
    name: &'static str,
    docs: &'static [&'static str],
    payload: crate::commands::schema::TsType,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::schema::{camel_case, render_doc, render_imports};
    use std::fmt::Write;

    /// `make test` checks the generated file for drift like the other bindings.
    #[test]
    fn export_bindings_events() {
        let specs = specs();
        let mut out = String::from(
            "// Generated from src-tauri/src/events.rs (events::tests::export_bindings_events). Do not edit.\n",
        );
        out.push_str(&render_imports(specs.iter().map(|s| &s.payload)));
        out.push_str("\n/** Every event the shell sends: its payload by name. */\nexport interface Events {\n");
        for spec in &specs {
            out.push_str(&render_doc(spec.docs, "  "));
            writeln!(out, "  \"{}\": {};", spec.name, spec.payload.name)
                .expect("writing to a String");
        }
        out.push_str("}\n\n/** The events' names. */\nexport const EVENTS = {\n");
        for spec in &specs {
            writeln!(out, "  {}: \"{}\",", camel_case(spec.key), spec.name)
                .expect("writing to a String");
        }
        out.push_str("} as const;\n");
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR (.cargo/config.toml)");
        std::fs::create_dir_all(&dir).expect("export dir");
        std::fs::write(std::path::Path::new(&dir).join("events.ts"), out).expect("write events.ts");
    }

    #[test]
    fn event_names_are_unique_and_namespaced() {
        let specs = specs();
        for spec in &specs {
            assert!(spec.name.starts_with("chorus://"), "{}", spec.name);
            assert_eq!(specs.iter().filter(|s| s.name == spec.name).count(), 1);
        }
        let focus = specs
            .iter()
            .find(|s| s.key == "inbox_focus")
            .expect("inbox_focus");
        assert_eq!(focus.payload.name, "InboxFocus");
    }
}
