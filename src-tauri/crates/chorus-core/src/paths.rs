//! Where Chorus keeps its files. Everything lives under one data directory so that a test,
//! or a user with two profiles, can point the app (`CHORUS_DATA_DIR`) or the CLI (`--data-dir`)
//! somewhere else.

use crate::{CoreError, Result};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory for the app and the CLI.
pub const DATA_DIR_ENV: &str = "CHORUS_DATA_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// Uses `explicit` if given, else `$CHORUS_DATA_DIR`, else the platform's data directory
    /// (`$XDG_DATA_HOME/chorus` on Linux). Creates the directory tree.
    pub fn resolve(explicit: Option<PathBuf>) -> Result<Self> {
        let root = match explicit {
            Some(path) => path,
            None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
                Some(path) => PathBuf::from(path),
                None => dirs::data_dir()
                    .ok_or_else(|| {
                        CoreError::io(
                            "cannot find the user's data directory (is $HOME set?)",
                            std::io::Error::from(std::io::ErrorKind::NotFound),
                        )
                    })?
                    .join("chorus"),
            },
        };
        Self::at(root)
    }

    /// A data directory at exactly `root`, created if missing.
    pub fn at(root: impl Into<PathBuf>) -> Result<Self> {
        let dir = Self { root: root.into() };
        for path in [dir.root(), &dir.log_dir(), &dir.media_dir()] {
            std::fs::create_dir_all(path).map_err(|e| {
                CoreError::io(format!("cannot create directory {}", path.display()), e)
            })?;
        }
        Ok(dir)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn database_path(&self) -> PathBuf {
        self.root.join("chorus.sqlite3")
    }

    pub fn log_dir(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// Content-addressed media files (referenced from SQLite by hash).
    pub fn media_dir(&self) -> PathBuf {
        self.root.join("media")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_directory_is_created_with_its_subfolders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("nested/profile");
        let dir = DataDir::resolve(Some(root.clone())).expect("resolves");
        assert_eq!(dir.root(), root);
        assert!(dir.log_dir().is_dir());
        assert!(dir.media_dir().is_dir());
        assert_eq!(dir.database_path(), root.join("chorus.sqlite3"));
    }

    #[test]
    fn unusable_directory_is_a_clear_error() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, b"x").expect("write");
        let err = DataDir::at(file.join("sub")).expect_err("a file is in the way");
        assert!(err.to_string().contains("cannot create directory"), "{err}");
    }
}
