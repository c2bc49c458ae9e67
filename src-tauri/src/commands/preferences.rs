use super::schema::Ctx;
use crate::error::IpcResult;
use chorus_core::preferences::{self, Preferences};

pub async fn get_preferences(cx: &Ctx<'_>) -> IpcResult<Preferences> {
    cx.with_store(|store| preferences::load(store.connection()))
        .await
}

pub async fn set_preferences(cx: &Ctx<'_>, preferences: Preferences) -> IpcResult<Preferences> {
    cx.with_store(move |store| preferences::save(store.connection(), &preferences))
        .await
}
