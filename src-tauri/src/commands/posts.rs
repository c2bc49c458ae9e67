//! Posts: create, list, read, edit, delete, retry a channel, tags.

use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::inputs::PostInput;
use chorus_core::post::{PostDetails, PostSummary};
use chorus_core::post_tags::TagCount;

pub async fn create_post(cx: &Ctx<'_>, input: PostInput) -> IpcResult<PostSummary> {
    let service = cx.state().service()?;
    Ok(service.create_post(input).await?)
}

pub async fn list_posts(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<PostSummary>> {
    cx.with_service(move |s| s.list_posts(Some(workspace_id)))
        .await
}

pub async fn get_post(cx: &Ctx<'_>, post_id: i64) -> IpcResult<PostDetails> {
    cx.with_service(move |s| s.get_post(post_id)).await
}

pub async fn update_post(cx: &Ctx<'_>, post_id: i64, input: PostInput) -> IpcResult<PostSummary> {
    let service = cx.state().service()?;
    Ok(service.update_post(post_id, input).await?)
}

pub async fn delete_post(cx: &Ctx<'_>, post_id: i64) -> IpcResult<()> {
    let service = cx.state().service()?;
    Ok(service.delete_post(post_id).await?)
}

pub async fn retry_target(cx: &Ctx<'_>, target_id: i64) -> IpcResult<PostSummary> {
    cx.with_service(move |s| s.retry_target(target_id)).await
}

pub async fn set_post_tags(
    cx: &Ctx<'_>,
    post_id: i64,
    tags: Vec<String>,
) -> IpcResult<Vec<String>> {
    cx.with_service(move |s| s.set_post_tags(post_id, &tags))
        .await
}

pub async fn post_tags(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Vec<TagCount>> {
    cx.with_service(move |s| s.post_tags(workspace_id)).await
}
