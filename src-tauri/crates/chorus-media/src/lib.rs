//! Chorus's pixels, apart from storage: safe decoding with EXIF orientation and colour
//! management ([`decode`]), non-destructive edit recipes ([`recipe`]) rendered to each
//! network's limits ([`render`], [`presets`]), text and watermarks on the image ([`overlay`]),
//! and the tray's unread badge ([`badge`]). No SQL and no Tauri: chorus-core's media library
//! stores the files and recipes and calls in here.

pub mod badge;
pub mod decode;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod overlay;
pub mod presets;
pub mod recipe;
pub mod render;

/// A recipe or setting the user gave that cannot be applied; `field` names the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidInput {
    pub field: &'static str,
    pub message: String,
}

pub type Result<T, E = InvalidInput> = std::result::Result<T, E>;

impl InvalidInput {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}
