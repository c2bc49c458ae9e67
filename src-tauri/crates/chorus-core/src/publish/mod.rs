//! The publishing engine: every (post, channel) target goes out once, on time, or says why not.
//!
//! - [`target`]: the durable state machine and its SQL (atomic claim, transitions, activity log).
//! - [`engine`]: the loop that sleeps until the next due time, claims, publishes, retries.
//! - [`backoff`]: retry delays with jitter, honouring the network's Retry-After.
//! - [`content`]: what a target sends (its thread segments and images).
//! - [`control`]: pause/resume (the crisis switch) and the missed-post policy settings.
//! - [`wake`]: waking the engine from another process (the CLI beside a running app).

pub mod backoff;
pub mod connector;
pub mod content;
pub mod control;
pub mod engine;
pub mod events;
pub mod target;
pub mod wake;

pub use connector::{Connector, NetworkConnector};
pub use engine::{Engine, EngineConfig};
pub use events::PublishEvent;
pub use target::TargetState;
