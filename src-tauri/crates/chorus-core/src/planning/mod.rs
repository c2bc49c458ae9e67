//! Planning ahead: local clock time that survives daylight-saving changes, weekly posting slots
//! per channel ("Add to queue"), recurring posts, the composer's autosave buffer, and CSV
//! import/export.

pub mod autosave;
pub mod csv_io;
pub mod library;
pub mod local_time;
pub mod recurrence;
pub mod series;
pub mod slots;
