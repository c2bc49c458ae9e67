//! The media library and image editor: import, list and search, tags, alt text, edit
//! recipes, per-channel render previews, thumbnails, the brand watermark, guarded delete.
//!
//! Decoding and rendering run on blocking threads without the database lock (a 24 MP photo
//! takes a while); only the short reads and writes take it.

use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::media::library::{self, LibraryItem, MediaUse, RenderPreview, WatermarkSettings};
use chorus_core::media::presets::RenderTarget;
use chorus_core::media::recipe::{Recipe, TextOverlay};
use chorus_core::media::{self, thumbs};
use chorus_core::service::Service;
use chorus_core::{Result, SystemClock};
use std::path::PathBuf;
use std::sync::Arc;

fn locked<T>(service: &Service, work: impl FnOnce(&chorus_core::Store) -> Result<T>) -> Result<T> {
    let guard = service
        .store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    work(&guard)
}

/// Makes pending thumbnails one by one, holding the database only for the bookkeeping.
fn drain_thumbnails(service: &Service) -> Result<u32> {
    let mut made = 0;
    while let Some((_, sha)) = locked(service, |s| thumbs::next_pending(s.connection()))? {
        let outcome = thumbs::make(&service.dir, &sha);
        locked(service, |s| thumbs::record(s.connection(), &sha, &outcome))?;
        made += 1;
    }
    Ok(made)
}

fn spawn_thumbnails(service: Arc<Service>) {
    tokio::task::spawn_blocking(move || {
        if let Err(e) = drain_thumbnails(&service) {
            tracing::warn!("thumbnails stopped: {e}");
        }
    });
}

pub async fn list_media(
    cx: &Ctx<'_>,
    workspace_id: i64,
    search: Option<String>,
) -> IpcResult<Vec<LibraryItem>> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::list(st.connection(), &s.dir, workspace_id, search.as_deref())
        })
    })
    .await
}

/// Imports files (from drag and drop or the file picker); thumbnails follow in the
/// background (list again to see them).
pub async fn import_media(
    cx: &Ctx<'_>,
    workspace_id: i64,
    paths: Vec<PathBuf>,
) -> IpcResult<Vec<LibraryItem>> {
    let state = cx.state();
    let service = state.service()?;
    let items = state
        .with_service(move |s| {
            let mut ids = Vec::new();
            for path in &paths {
                // Read and checked without the lock; filed with it.
                let image = media::read_image(path)?;
                let asset = locked(s, |st| {
                    media::store_image(st.connection(), &SystemClock, &s.dir, workspace_id, &image)
                })?;
                ids.push(asset.id);
            }
            locked(s, |st| {
                ids.iter()
                    .map(|id| library::get(st.connection(), &s.dir, *id))
                    .collect()
            })
        })
        .await?;
    spawn_thumbnails(service);
    Ok(items)
}

/// Makes any thumbnails still missing (e.g. after a crash); returns how many were made.
pub async fn make_media_thumbnails(cx: &Ctx<'_>) -> IpcResult<u32> {
    cx.with_service(drain_thumbnails).await
}

pub async fn set_media_recipe(
    cx: &Ctx<'_>,
    media_id: i64,
    recipe: Recipe,
) -> IpcResult<LibraryItem> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::set_recipe(st.connection(), media_id, &recipe)?;
            library::get(st.connection(), &s.dir, media_id)
        })
    })
    .await
}

pub async fn set_media_alt(cx: &Ctx<'_>, media_id: i64, alt: String) -> IpcResult<LibraryItem> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::set_alt(st.connection(), media_id, &alt)?;
            library::get(st.connection(), &s.dir, media_id)
        })
    })
    .await
}

pub async fn add_media_tags(
    cx: &Ctx<'_>,
    media_id: i64,
    tags: Vec<String>,
) -> IpcResult<LibraryItem> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::add_tags(st.connection(), media_id, &tags)?;
            library::get(st.connection(), &s.dir, media_id)
        })
    })
    .await
}

pub async fn remove_media_tags(
    cx: &Ctx<'_>,
    media_id: i64,
    tags: Vec<String>,
) -> IpcResult<LibraryItem> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::remove_tags(st.connection(), media_id, &tags)?;
            library::get(st.connection(), &s.dir, media_id)
        })
    })
    .await
}

pub async fn media_used_in(cx: &Ctx<'_>, media_id: i64) -> IpcResult<Vec<MediaUse>> {
    cx.with_service(move |s| locked(s, |st| library::used_in(st.connection(), media_id)))
        .await
}

/// Refused (code "conflict") naming the post while any post uses the image.
pub async fn delete_media(cx: &Ctx<'_>, media_id: i64) -> IpcResult<()> {
    cx.with_service(move |s| locked(s, |st| library::delete(st.connection(), &s.dir, media_id)))
        .await
}

/// Renders the image (its stored recipe applied) for each target and writes the outputs to
/// media/previews/: the final size, format and what was removed, per channel.
pub async fn render_media_preview(
    cx: &Ctx<'_>,
    media_id: i64,
    targets: Vec<RenderTarget>,
) -> IpcResult<Vec<RenderPreview>> {
    cx.with_service(move |s| {
        let plan = locked(s, |st| library::plan(st.connection(), &s.dir, media_id))?;
        plan.write_previews(&s.dir, &targets)
    })
    .await
}

pub async fn get_watermark(
    cx: &Ctx<'_>,
    workspace_id: i64,
) -> IpcResult<Option<WatermarkSettings>> {
    cx.with_service(move |s| locked(s, |st| library::watermark(st.connection(), workspace_id)))
        .await
}

/// The style new text overlays start from: the one last used in the workspace.
pub async fn get_text_style(cx: &Ctx<'_>, workspace_id: i64) -> IpcResult<Option<TextOverlay>> {
    cx.with_service(move |s| locked(s, |st| library::text_style(st.connection(), workspace_id)))
        .await
}

pub async fn set_watermark(
    cx: &Ctx<'_>,
    workspace_id: i64,
    settings: WatermarkSettings,
) -> IpcResult<()> {
    cx.with_service(move |s| {
        locked(s, |st| {
            library::set_watermark(st.connection(), workspace_id, &settings)
        })
    })
    .await
}
