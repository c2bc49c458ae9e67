//! Errors cross the IPC boundary as `{code, message, field}`; the UI switches on `code`.

use chorus_core::{CoreError, ErrorPayload};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(ErrorPayload);

pub type IpcResult<T> = Result<T, IpcError>;

impl From<CoreError> for IpcError {
    fn from(err: CoreError) -> Self {
        tracing::warn!(code = err.code().as_str(), "command failed: {err}");
        Self(err.to_payload())
    }
}

impl From<ErrorPayload> for IpcError {
    fn from(payload: ErrorPayload) -> Self {
        Self(payload)
    }
}

impl From<tokio::task::JoinError> for IpcError {
    fn from(err: tokio::task::JoinError) -> Self {
        tracing::error!("background task failed: {err}");
        Self(ErrorPayload::internal(format!(
            "an internal task failed: {err}"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_message_field() {
        let err = IpcError::from(CoreError::validation("timezone", "Choose a time zone."));
        let json = serde_json::to_value(&err).expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"code": "validation", "message": "Choose a time zone.", "field": "timezone"})
        );
    }
}
