//! Text or JSON output, and errors in the same `{code, message, field}` shape as the app's IPC.

use chorus_core::{CoreError, ErrorPayload};
use serde::Serialize;

pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn print_error(json: bool, err: &anyhow::Error) {
    let payload = match err.downcast_ref::<CoreError>() {
        Some(core) => core.to_payload(),
        None => ErrorPayload::internal(format!("{err:#}")),
    };
    if json {
        let doc = serde_json::json!({ "error": payload });
        println!("{doc:#}");
    } else {
        match &payload.field {
            Some(field) => eprintln!("error ({field}): {}", payload.message),
            None => eprintln!("error: {}", payload.message),
        }
    }
}
