//! CSV import and export of posts (chorus_core::planning::csv_io).

use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::planning::csv_io::CsvImportReport;
use std::path::PathBuf;

pub async fn import_csv(
    cx: &Ctx<'_>,
    workspace_id: i64,
    path: String,
    dry_run: bool,
) -> IpcResult<CsvImportReport> {
    let service = cx.state().service()?;
    Ok(service
        .import_csv(workspace_id, &PathBuf::from(path), dry_run)
        .await?)
}

pub async fn export_csv(cx: &Ctx<'_>, workspace_id: i64, path: String) -> IpcResult<usize> {
    cx.with_service(move |s| s.export_csv(workspace_id, &PathBuf::from(path)))
        .await
}
