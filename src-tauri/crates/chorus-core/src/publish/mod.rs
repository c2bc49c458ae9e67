//! The publishing engine: every (post, channel) target goes out once, on time, or says why not.
//!
//! - [`target`]: the durable state machine and its SQL (atomic claim, transitions, activity log).
//! - [`engine`]: the loop that sleeps until the next due time, claims, publishes, retries.
//! - [`content`]: what a target sends (its thread segments and images).
//! - [`control`]: pause/resume (the crisis switch) and the missed-post policy settings.
//!
//! Retry delays ([`crate::jobs::backoff`]), the one-publisher lock ([`crate::jobs::lease`]) and
//! wake-ups from other processes ([`crate::jobs::wake`]) are shared with the other jobs.

pub mod connector;
pub mod content;
pub mod control;
pub mod engine;
pub mod events;
pub mod target;

pub use crate::networks::NetworkConnector;
pub use connector::Connector;
pub use engine::{Engine, EngineConfig};
pub use events::PublishEvent;
pub use target::TargetState;
