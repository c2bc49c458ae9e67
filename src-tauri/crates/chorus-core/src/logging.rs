//! Logging with `tracing` to a daily-rotated file in the data directory (and to stderr when asked).

use crate::{CoreError, Result};
use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

/// Log files kept per program before the oldest is deleted (one per day).
pub const KEPT_LOG_FILES: usize = 14;

/// Which program writes the log: each has its own files (`app.2026-12-07.log`,
/// `daemon.2026-12-07.log`), so the app and `chorus daemon` running together on one data dir
/// neither interleave their lines nor prune each other's files.
#[derive(Debug, Clone, Copy)]
pub enum Program {
    App,
    Daemon,
}

impl Program {
    pub fn file_prefix(self) -> &'static str {
        match self {
            Self::App => "app",
            Self::Daemon => "daemon",
        }
    }
}

/// Installs the global subscriber. `RUST_LOG` overrides the default `info` level.
/// Keep the returned guard alive for the life of the process: dropping it flushes the file.
pub fn init(log_dir: &Path, program: Program, also_stderr: bool) -> Result<WorkerGuard> {
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(program.file_prefix())
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(log_dir)
        .map_err(|e| {
            CoreError::io(
                format!("cannot open the log file in {}", log_dir.display()),
                std::io::Error::other(e),
            )
        })?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let file_layer = tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_filter(filter());
    let stderr_layer = also_stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_filter(filter())
    });
    // A second init (tests, or an embedding host) keeps the first subscriber; that is fine.
    let _ = tracing_subscriber::registry()
        .with(file_layer)
        .with(stderr_layer)
        .try_init();
    Ok(guard)
}
