//! What the shell keeps for the life of the app.

use crate::error::{IpcError, IpcResult};
use chorus_core::{Clock, DataDir, ErrorPayload, Store, SystemClock};
use std::sync::{Arc, Mutex};

pub struct AppState {
    pub data_dir: DataDir,
    pub clock: Arc<dyn Clock>,
    /// Err when the database could not be opened: the window still opens and every
    /// command reports why, instead of the app vanishing at start-up.
    store: Result<Arc<Mutex<Store>>, ErrorPayload>,
}

impl AppState {
    pub fn open(data_dir: DataDir) -> Self {
        let store = Store::open(data_dir.database_path())
            .map(|s| Arc::new(Mutex::new(s)))
            .map_err(|e| {
                tracing::error!("cannot open the database: {e}");
                e.to_payload()
            });
        Self {
            data_dir,
            clock: Arc::new(SystemClock),
            store,
        }
    }

    /// Runs blocking storage work off the main thread.
    pub async fn with_store<T, F>(&self, work: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, chorus_core::CoreError> + Send + 'static,
    {
        let store = self.store.clone().map_err(IpcError::from)?;
        let result = tokio::task::spawn_blocking(move || {
            let mut guard = store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await?;
        Ok(result?)
    }
}
