//! Secrets (app passwords, access tokens, private keys) live in the OS keychain, never in
//! SQLite, logs or error messages. The shell and CLI pass a [`SecretStore`] in; tests use
//! [`MemorySecretStore`].

use crate::{CoreError, Result};
use std::collections::HashMap;
use std::sync::Mutex;

/// Keychain "service" under which every Chorus secret is filed.
pub const KEYRING_SERVICE: &str = "app.chorus.desktop";

pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<String>>;
    fn set(&self, name: &str, secret: &str) -> Result<()>;
    fn delete(&self, name: &str) -> Result<()>;
}

/// For tests: secrets in memory only.
#[derive(Default)]
pub struct MemorySecretStore(Mutex<HashMap<String, String>>);

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<String>> {
        Ok(self.lock().get(name).cloned())
    }

    fn set(&self, name: &str, secret: &str) -> Result<()> {
        self.lock().insert(name.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<()> {
        self.lock().remove(name);
        Ok(())
    }
}

impl MemorySecretStore {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows).
pub struct KeyringSecretStore;

impl KeyringSecretStore {
    fn entry(name: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(KEYRING_SERVICE, name).map_err(keychain_error)
    }
}

fn keychain_error(e: keyring::Error) -> CoreError {
    // keyring's messages never contain the secret itself.
    CoreError::Secrets(format!(
        "the system keychain is not available ({e}); on Linux Chorus needs a Secret Service such as GNOME Keyring or KeePassXC, unlocked"
    ))
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, name: &str) -> Result<Option<String>> {
        match Self::entry(name)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    fn set(&self, name: &str, secret: &str) -> Result<()> {
        Self::entry(name)?
            .set_password(secret)
            .map_err(keychain_error)
    }

    fn delete(&self, name: &str) -> Result<()> {
        match Self::entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keychain_error(e)),
        }
    }
}

/// For automated tests only: secrets in a plain JSON file named by `CHORUS_TEST_SECRETS_FILE`.
/// Never the default; the CLI says loudly when it is in use.
pub struct PlainFileSecretStore {
    path: std::path::PathBuf,
    lock: Mutex<()>,
}

impl PlainFileSecretStore {
    pub const ENV: &'static str = "CHORUS_TEST_SECRETS_FILE";

    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        Self {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    fn read(&self) -> Result<HashMap<String, String>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                CoreError::Secrets(format!(
                    "{} is not a secrets file: {e}",
                    self.path.display()
                ))
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HashMap::new()),
            Err(e) => Err(CoreError::io(
                format!("cannot read {}", self.path.display()),
                e,
            )),
        }
    }

    fn write(&self, map: &HashMap<String, String>) -> Result<()> {
        let json = serde_json::to_vec(map).map_err(|e| CoreError::Secrets(e.to_string()))?;
        std::fs::write(&self.path, json)
            .map_err(|e| CoreError::io(format!("cannot write {}", self.path.display()), e))
    }
}

impl SecretStore for PlainFileSecretStore {
    fn get(&self, name: &str) -> Result<Option<String>> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.read()?.get(name).cloned())
    }

    fn set(&self, name: &str, secret: &str) -> Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        map.insert(name.to_owned(), secret.to_owned());
        self.write(&map)
    }

    fn delete(&self, name: &str) -> Result<()> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        map.remove(name);
        self.write(&map)
    }
}

/// The store a process should use: the OS keychain, unless a test named a plain file.
pub fn default_store() -> std::sync::Arc<dyn SecretStore> {
    match std::env::var_os(PlainFileSecretStore::ENV).filter(|v| !v.is_empty()) {
        Some(path) => {
            tracing::warn!(
                "secrets are kept in the plain test file {}",
                std::path::Path::new(&path).display()
            );
            std::sync::Arc::new(PlainFileSecretStore::new(path))
        }
        None => std::sync::Arc::new(KeyringSecretStore),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemorySecretStore::default();
        assert_eq!(store.get("channel-1").expect("get"), None);
        store.set("channel-1", "app-password").expect("set");
        assert_eq!(
            store.get("channel-1").expect("get").as_deref(),
            Some("app-password")
        );
        store.delete("channel-1").expect("delete");
        store.delete("channel-1").expect("deleting twice is fine");
        assert_eq!(store.get("channel-1").expect("get"), None);
    }
}
