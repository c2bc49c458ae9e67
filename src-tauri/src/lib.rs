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
    let log_guard = match chorus_core::logging::init(
        &data_dir.log_dir(),
        chorus_core::logging::Program::App,
        cfg!(debug_assertions),
    ) {
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
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("Chorus stopped with an error: {e}");
        eprintln!("Chorus stopped with an error: {e}");
    }
    drop(log_guard);
}
