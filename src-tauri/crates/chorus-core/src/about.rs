//! Where this installation keeps its data, for the Settings screen and `chorus doctor`.

use crate::{DataDir, Result, Store};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    pub log_dir: String,
    pub schema_version: u32,
}

impl AppInfo {
    /// `version` is the caller's own package version (the app's or the CLI's).
    pub fn collect(version: &str, dir: &DataDir, store: &Store) -> Result<Self> {
        Ok(Self {
            version: version.to_owned(),
            data_dir: dir.root().display().to_string(),
            database_path: store.path().display().to_string(),
            log_dir: dir.log_dir().display().to_string(),
            schema_version: store.schema_version()?,
        })
    }
}
