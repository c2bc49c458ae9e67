use super::schema::Ctx;
use crate::error::IpcResult;
use crate::{events, tray};
use chorus_core::publish::control::PublishingSettings;

pub async fn get_publishing_settings(cx: &Ctx<'_>) -> IpcResult<PublishingSettings> {
    cx.with_service(|s| s.publishing_settings()).await
}

pub async fn set_missed_grace(cx: &Ctx<'_>, minutes: u32) -> IpcResult<PublishingSettings> {
    cx.with_service(move |s| s.set_missed_grace(minutes)).await
}

pub async fn set_publishing_paused(cx: &Ctx<'_>, paused: bool) -> IpcResult<PublishingSettings> {
    let state = cx.state();
    let app = cx.app();
    let service = state.service()?;
    let result = service.set_paused(paused).await;
    // Even when some server-scheduled posts could not be withdrawn, the switch itself moved.
    if let Ok(now) = service.publishing_settings() {
        events::paused_changed(app, now.paused);
        tray::reflect_paused(app, now.paused);
    }
    Ok(result?)
}
