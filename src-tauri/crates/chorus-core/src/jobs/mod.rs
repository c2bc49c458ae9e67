//! Background jobs: publishing, the inbox sync, and (next) metrics and listening.
//!
//! Each runs in the app and in `chorus daemon` alike, never in the shell:
//! - [`lease`]: one process per job per data directory (a lock file), so running both never
//!   publishes or syncs twice; the other process stands by and takes over when the holder
//!   stops.
//! - [`runner`]: the loop every periodic job shares: cadence, backoff with jitter, the
//!   network's Retry-After, pause, wake-ups (in-process and from other processes), clean
//!   shutdown.
//! - [`wake`]: waking a job from another process (the CLI beside a running app).
//! - [`backoff`]: retry delays.
//!
//! The publishing engine ([`crate::publish::Engine`]) holds the `publisher` lease and wakes
//! through [`wake`] too; its loop sleeps until the next due post and keeps posts in flight,
//! which the periodic [`runner`] does not model.

pub mod backoff;
pub mod lease;
pub mod runner;
pub mod wake;

pub use backoff::{Backoff, Failures};
pub use lease::Lease;
pub use runner::{Job, JobContext, JobHandle, Pass, Schedule};
