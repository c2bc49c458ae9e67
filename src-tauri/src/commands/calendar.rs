//! The calendar: posts planned in a range, the drafts beside it, moving a post, open slots.

use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::calendar::CalendarEntry;
use chorus_core::inputs::parse_instant;
use chorus_core::planning::slots::SlotOccurrence;
use chorus_core::post::PostSummary;

pub async fn calendar_range(
    cx: &Ctx<'_>,
    workspace_id: i64,
    from: String,
    to: String,
) -> IpcResult<Vec<CalendarEntry>> {
    let state = cx.state();
    let from = parse_instant("from", &from)?;
    let to = parse_instant("to", &to)?;
    state
        .with_service(move |s| s.calendar_range(workspace_id, from, to))
        .await
}

pub async fn unscheduled_drafts(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<CalendarEntry>> {
    cx.with_service(move |s| s.unscheduled_drafts(workspace_id))
        .await
}

pub async fn reschedule_post(cx: &Ctx<'_>, post_id: i64, at: String) -> IpcResult<PostSummary> {
    let state = cx.state();
    let at = parse_instant("at", &at)?;
    let service = state.service()?;
    Ok(service.reschedule_post(post_id, at).await?)
}

pub async fn unschedule_post(cx: &Ctx<'_>, post_id: i64) -> IpcResult<PostSummary> {
    let service = cx.state().service()?;
    Ok(service.unschedule_post(post_id).await?)
}

pub async fn slot_occurrences(
    cx: &Ctx<'_>,
    workspace_id: i64,
    from: String,
    to: String,
) -> IpcResult<Vec<SlotOccurrence>> {
    let state = cx.state();
    let from = parse_instant("from", &from)?;
    let to = parse_instant("to", &to)?;
    state
        .with_service(move |s| s.slot_occurrences(workspace_id, from, to))
        .await
}
