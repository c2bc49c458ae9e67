//! The Chorus desktop shell: window, tray, commands, events. Everything else is chorus-core.

mod commands;
mod error;
mod events;
mod inbox_events;
mod notifications;
mod state;
mod tray;
pub mod webview_env;
mod window_memory;

use chorus_core::DataDir;
use state::AppState;
use tauri::Manager;

/// Tells the publishing loop to stop when the app exits.
struct EngineStop(#[allow(dead_code)] tokio::sync::watch::Sender<bool>);

/// The inbox job (core) and what the app does with its announcements.
fn start_inbox(app: &tauri::App, inbox: std::sync::Arc<chorus_core::inbox::Inbox>) {
    use chorus_core::inbox::job::{self, InboxJob};
    let job = match InboxJob::new(inbox.clone()) {
        Ok(job) => job,
        Err(e) => {
            tracing::error!("the inbox will not sync: {e}");
            return;
        }
    };
    inbox_events::forward(app.handle().clone(), inbox.clone(), &job);
    let dir = app.state::<AppState>().data_dir.clone();
    // The runner spawns on Tokio: enter Tauri's runtime for it.
    let runner = tauri::async_runtime::block_on(async {
        chorus_core::jobs::runner::spawn(job.clone(), dir, job::SCHEDULE)
    });
    app.manage(inbox_events::InboxState {
        inbox,
        job,
        _runner: runner,
    });
}

pub fn run() {
    // Before anything else: without a GPU this starts Chorus again with WebKit's shared-memory
    // renderer (see webview_env).
    let renderer = webview_env::apply();
    // The data dir comes first: the log file lives in it. CHORUS_DATA_DIR overrides it.
    let data_dir = match DataDir::resolve(None) {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("Chorus cannot start: {e}");
            std::process::exit(1);
        }
    };
    let log_guard = match chorus_core::logging::init(&data_dir.log_dir(), cfg!(debug_assertions)) {
        Ok(guard) => Some(guard),
        Err(e) => {
            eprintln!("Chorus continues without a log file: {e}");
            None
        }
    };
    tracing::info!(data_dir = %data_dir.root().display(), version = env!("CARGO_PKG_VERSION"), "starting Chorus");
    if renderer == webview_env::Renderer::SharedMemory {
        tracing::info!(
            "no GPU render node in /dev/dri: WebKit draws through shared memory ({}=1)",
            webview_env::DMABUF_SWITCH
        );
    }

    let result = tauri::Builder::default()
        // Must be the first plugin: a second launch hands over to the running app and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            tray::show_main_window(app);
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window_memory::FLAGS)
                .build(),
        )
        .on_window_event(window_memory::on_window_event)
        .manage(AppState::open(data_dir))
        .setup(|app| {
            let state = app.state::<AppState>();
            // The composer previews images through the asset protocol: the media library's own
            // copies (edited posts) are allowed here; files picked in the dialog are added to
            // the scope by the dialog plugin as they are picked. Nothing else on disk is served.
            if let Err(e) = app
                .asset_protocol_scope()
                // Recursive: thumbnails (media/thumbs/) and network renders (media/previews/).
                .allow_directory(state.data_dir.media_dir(), true)
            {
                tracing::warn!("image previews of stored media are off: {e}");
            }
            let paused = state
                .service()
                .ok()
                .and_then(|s| s.publishing_settings().ok())
                .is_some_and(|s| s.paused);
            // A missing tray host (some desktops) must not stop the app from opening.
            if let Err(e) = tray::install(app.handle(), paused) {
                tracing::warn!("no tray icon: {e}");
            }
            if let Some(engine) = state.engine.clone() {
                notifications::forward(app.handle().clone(), &engine);
                let (stop, stopped) = tokio::sync::watch::channel(false);
                app.manage(EngineStop(stop));
                tauri::async_runtime::spawn(engine.run(stopped));
            }
            if let Some(inbox) = state.inbox() {
                start_inbox(app, inbox);
            }
            if let Some(problem) = state.engine_problem.clone() {
                notifications::show("This window will not publish".into(), problem);
            }
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.set_focus();
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::list_time_zones,
            commands::workspaces::list_workspaces,
            commands::workspaces::create_workspace,
            commands::workspaces::update_workspace,
            commands::workspaces::workspace_overview,
            commands::preferences::get_preferences,
            commands::preferences::set_preferences,
            commands::channels::list_channels,
            commands::channels::connect_bluesky,
            commands::channels::connect_mastodon_token,
            commands::channels::connect_mastodon_oauth,
            commands::channels::connect_nostr,
            commands::channels::remove_channel,
            commands::media::list_media,
            commands::media::import_media,
            commands::media::make_media_thumbnails,
            commands::media::set_media_recipe,
            commands::media::get_text_style,
            commands::media::set_media_alt,
            commands::media::add_media_tags,
            commands::media::remove_media_tags,
            commands::media::media_used_in,
            commands::media::delete_media,
            commands::media::render_media_preview,
            commands::media::get_watermark,
            commands::media::set_watermark,
            commands::posts::create_post,
            commands::posts::list_posts,
            commands::posts::get_post,
            commands::posts::retry_target,
            commands::posts::calendar_range,
            commands::posts::unscheduled_drafts,
            commands::posts::reschedule_post,
            commands::posts::update_post,
            commands::posts::delete_post,
            commands::posts::unschedule_post,
            commands::planning::posting_slots,
            commands::planning::set_posting_slots,
            commands::planning::slot_occurrences,
            commands::planning::next_free_slot,
            commands::planning::save_composer_state,
            commands::planning::composer_states,
            commands::planning::clear_composer_state,
            commands::planning::import_csv,
            commands::planning::export_csv,
            commands::planning::writing_library,
            commands::planning::save_writing_library,
            commands::planning::suggest_tags,
            commands::planning::set_post_tags,
            commands::planning::post_tags,
            commands::publishing::get_publishing_settings,
            commands::publishing::set_publishing_paused,
            commands::publishing::set_missed_grace,
            commands::inbox::list_inbox,
            commands::inbox::get_inbox_item,
            commands::inbox::update_inbox_items,
            commands::inbox::add_inbox_tag,
            commands::inbox::remove_inbox_tag,
            commands::inbox::inbox_tags,
            commands::inbox::inbox_unread_count,
            commands::inbox::sync_inbox,
            commands::inbox::reply_to_inbox_item,
            commands::inbox::inbox_replies,
            commands::inbox::like_inbox_item,
            commands::inbox::list_saved_replies,
            commands::inbox::save_saved_reply,
            commands::inbox::delete_saved_reply,
            commands::inbox::render_saved_reply,
            commands::inbox::get_inbox_notification_settings,
            commands::inbox::set_inbox_notification_settings,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("Chorus stopped with an error: {e}");
        eprintln!("Chorus stopped with an error: {e}");
    }
    drop(log_guard);
}
