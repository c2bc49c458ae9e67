use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::overview::{self, WorkspaceOverview};
use chorus_core::workspace::{self, NewWorkspace, Workspace, WorkspaceUpdate};

pub async fn list_workspaces(cx: &Ctx<'_>) -> IpcResult<Vec<Workspace>> {
    cx.with_store(|store| workspace::list(store.connection()))
        .await
}

pub async fn create_workspace(cx: &Ctx<'_>, input: NewWorkspace) -> IpcResult<Workspace> {
    let state = cx.state();
    let clock = state.clock.clone();
    state
        .with_store(move |store| workspace::create(store.connection(), clock.as_ref(), &input))
        .await
}

pub async fn update_workspace(cx: &Ctx<'_>, input: WorkspaceUpdate) -> IpcResult<Workspace> {
    cx.with_store(move |store| workspace::update(store.connection(), &input))
        .await
}

pub async fn workspace_overview(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<WorkspaceOverview> {
    let state = cx.state();
    let now = state.clock.now();
    state
        .with_store(move |store| {
            overview::workspace_overview(store.connection(), workspace_id, now)
        })
        .await
}
