//! One error type for the core, with a stable machine-readable code.
//!
//! The desktop shell and the CLI both serialize errors as [`ErrorPayload`] (`{code, message, field}`),
//! and the UI switches on `code`, never on the message text.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use ts_rs::TS;

pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The user's input is wrong; `field` names the input it is about.
    #[error("{message}")]
    Validation {
        field: &'static str,
        message: String,
    },

    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: i64 },

    #[error("{0}")]
    Conflict(String),

    #[error(
        "the database at {path} has schema version {found}, newer than this version of Chorus understands ({supported}); install a newer Chorus"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("stored data is damaged: {0}")]
    Corrupt(String),

    #[error("{0}")]
    Secrets(String),

    /// A network refused or failed; the message is the network's own words.
    #[error("{0}")]
    Network(chorus_networks::NetworkError),
}

impl From<chorus_media::InvalidInput> for CoreError {
    fn from(err: chorus_media::InvalidInput) -> Self {
        Self::Validation {
            field: err.field,
            message: err.message,
        }
    }
}

impl From<chorus_networks::NetworkError> for CoreError {
    /// Settings that cannot work are the user's input to fix, under the field that holds them.
    fn from(err: chorus_networks::NetworkError) -> Self {
        match err {
            chorus_networks::NetworkError::Settings { field, message } => {
                Self::Validation { field, message }
            }
            other => Self::Network(other),
        }
    }
}

impl CoreError {
    pub fn validation(field: &'static str, message: impl Into<String>) -> Self {
        Self::Validation {
            field,
            message: message.into(),
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            context: context.into(),
            source,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation { .. } => ErrorCode::Validation,
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::SchemaTooNew { .. } | Self::Sqlite(_) | Self::Io { .. } | Self::Corrupt(_) => {
                ErrorCode::Storage
            }
            Self::Secrets(_) => ErrorCode::Secrets,
            Self::Network(_) => ErrorCode::Network,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::Validation { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            field: self.field().map(str::to_owned),
        }
    }
}

/// Stable error codes shared by the UI, the CLI's `--json` output and the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Validation,
    NotFound,
    Conflict,
    Storage,
    /// The OS keychain is missing or locked.
    Secrets,
    /// A social network refused or could not be reached.
    Network,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::Storage => "storage",
            Self::Secrets => "secrets",
            Self::Network => "network",
            Self::Internal => "internal",
        }
    }
}

/// The shape every failed command rejects with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "IpcError")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about, when there is one.
    pub field: Option<String>,
}

impl ErrorPayload {
    pub fn internal(message: impl Into<String>) -> Self {
        Self {
            code: ErrorCode::Internal,
            message: message.into(),
            field: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_carry_code_and_field() {
        let payload = CoreError::validation("name", "Give the workspace a name.").to_payload();
        assert_eq!(payload.code, ErrorCode::Validation);
        assert_eq!(payload.field.as_deref(), Some("name"));
        let json = serde_json::to_value(&payload).expect("serializes");
        assert_eq!(json["code"], "validation");
        assert_eq!(json["message"], "Give the workspace a name.");
    }

    #[test]
    fn codes_serialize_as_their_stable_names() {
        for code in [
            ErrorCode::Validation,
            ErrorCode::NotFound,
            ErrorCode::Conflict,
            ErrorCode::Storage,
            ErrorCode::Secrets,
            ErrorCode::Network,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_value(code).expect("serializes");
            assert_eq!(json, code.as_str());
        }
    }
}
