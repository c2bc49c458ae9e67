use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::about::AppInfo;
use chorus_core::time_zones;

pub async fn app_info(cx: &Ctx<'_>) -> IpcResult<AppInfo> {
    let state = cx.state();
    let dir = state.data_dir.clone();
    state
        .with_store(move |store| AppInfo::collect(env!("CARGO_PKG_VERSION"), &dir, store))
        .await
}

pub async fn list_time_zones(_cx: &Ctx<'_>) -> IpcResult<Vec<String>> {
    Ok(time_zones::all().into_iter().map(str::to_owned).collect())
}
