//! What the shell keeps for the life of the app.

use crate::error::{IpcError, IpcResult};
use chorus_core::inbox::Inbox;
use chorus_core::publish::{Engine, EngineConfig, NetworkConnector};
use chorus_core::service::Service;
use chorus_core::{Clock, CoreError, DataDir, ErrorPayload, Store, SystemClock, secrets};
use std::sync::{Arc, Mutex};

pub struct AppState {
    pub data_dir: DataDir,
    pub clock: Arc<dyn Clock>,
    /// Err when the database could not be opened: the window still opens and every
    /// command reports why, instead of the app vanishing at start-up.
    service: Result<Arc<Service>, ErrorPayload>,
    /// The publishing engine, when this process holds the data dir's publisher lock.
    pub engine: Option<Arc<Engine>>,
    /// Why there is no engine (another Chorus publishes from this data dir, say).
    pub engine_problem: Option<String>,
    /// The one factory of live networks, shared by the engine and the inbox.
    networks: Option<Arc<NetworkConnector>>,
}

impl AppState {
    pub fn open(data_dir: DataDir) -> Self {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let store = match Store::open(data_dir.database_path()) {
            Ok(store) => Arc::new(Mutex::new(store)),
            Err(e) => {
                tracing::error!("cannot open the database: {e}");
                return Self {
                    data_dir,
                    clock,
                    service: Err(e.to_payload()),
                    engine: None,
                    engine_problem: None,
                    networks: None,
                };
            }
        };
        let secrets = secrets::default_store();
        let connector = Arc::new(NetworkConnector::new(secrets.clone()));
        let (engine, engine_problem) = match Engine::new(
            store.clone(),
            data_dir.clone(),
            clock.clone(),
            connector.clone(),
            EngineConfig::default(),
        ) {
            Ok(engine) => (Some(Arc::new(engine)), None),
            Err(e) => {
                tracing::warn!("publishing engine not started: {e}");
                (None, Some(e.to_string()))
            }
        };
        let service = Service {
            store,
            dir: data_dir.clone(),
            clock: clock.clone(),
            secrets,
            connector: connector.clone(),
            engine_waker: engine.as_ref().map(|e| e.waker()),
        };
        Self {
            data_dir,
            clock,
            service: Ok(Arc::new(service)),
            engine,
            engine_problem,
            networks: Some(connector),
        }
    }

    /// The inbox over the open database, sharing the engine's live networks.
    pub fn inbox(&self) -> Option<Arc<Inbox>> {
        let service = self.service.as_ref().ok()?;
        Some(Arc::new(Inbox::with_networks(
            service.store.clone(),
            service.clock.clone(),
            self.networks.clone()?,
        )))
    }

    pub fn service(&self) -> IpcResult<Arc<Service>> {
        self.service.clone().map_err(IpcError::from)
    }

    /// Runs blocking storage work off the main thread.
    pub async fn with_store<T, F>(&self, work: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, CoreError> + Send + 'static,
    {
        let service = self.service()?;
        let result = tokio::task::spawn_blocking(move || {
            let mut guard = service
                .store
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut guard)
        })
        .await?;
        Ok(result?)
    }

    /// Runs a blocking service call off the main thread.
    pub async fn with_service<T, F>(&self, work: F) -> IpcResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Service) -> Result<T, CoreError> + Send + 'static,
    {
        let service = self.service()?;
        Ok(tokio::task::spawn_blocking(move || work(&service)).await??)
    }
}
