//! Chorus core: domain types, storage and (later) the publishing engine.
//!
//! This crate must never depend on Tauri: the desktop shell, the `chorus` CLI and the
//! tests all drive the same code. The shell passes in the data directory, the clock and
//! (later) the secret store and an event sink.

pub mod about;
pub mod calendar;
pub mod channel;
pub mod clock;
pub mod error;
pub mod inbox;
pub mod inputs;
pub mod jobs;
pub mod logging;
pub mod media;
pub mod networks;
pub mod overview;
pub mod paths;
pub mod planning;
pub mod post;
pub mod post_tags;
pub mod preferences;
pub mod publish;
pub mod secrets;
pub mod service;
pub mod storage;
pub mod time_zones;
pub mod workspace;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{CoreError, ErrorCode, ErrorPayload, Result};
pub use paths::DataDir;
pub use storage::Store;
