//! The app's Tauri commands, one module per area. Payload types live in chorus-core and are
//! exported to `ui/src/lib/ipc/bindings/` by ts-rs.

pub mod app;
pub mod channels;
pub mod inbox;
pub mod media;
pub mod planning;
pub mod posts;
pub mod preferences;
pub mod publishing;
pub mod workspaces;
