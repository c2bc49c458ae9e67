//! Test-only tools for Chorus (a dev-dependency, never shipped; no Tauri):
//!
//! - [`proxy`]: a fault-injecting HTTP/websocket proxy on 127.0.0.1 that answers 5xx or 429,
//!   hangs, resets before or after forwarding, or delays, per request, from a queue or a rule.
//! - [`contract`]: the checks every network adapter passes against its server (one line per
//!   network in `tests/contract_live.rs`).
//! - [`servers`]: the local test servers (`tests/servers/with-servers.sh`): accounts, and
//!   independent readers of what is stored on them.

pub mod contract;
pub mod http1;
pub mod proxy;
pub mod servers;

pub use proxy::{Fault, FaultProxy, Match, Request, Seen};
