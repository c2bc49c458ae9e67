//! The tray icon: open the window, the crisis switch, jump to Settings, quit; the inbox's
//! unread count on the icon (a red badge) and in the tooltip.

use crate::events;
use crate::state::AppState;
use tauri::menu::{CheckMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager};

/// The tray's "Pause all publishing" item, kept to mirror changes made elsewhere.
pub struct PauseItem(pub CheckMenuItem<tauri::Wry>);

pub fn install(app: &AppHandle, paused: bool) -> tauri::Result<()> {
    let open = MenuItem::with_id(app, "open", "Open Chorus", true, None::<&str>)?;
    let pause = CheckMenuItem::with_id(
        app,
        "pause",
        "Pause all publishing",
        true,
        paused,
        None::<&str>,
    )?;
    let settings = MenuItem::with_id(app, "settings", "Settings…", true, None::<&str>)?;
    let quit = MenuItem::with_id(app, "quit", "Quit Chorus", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &PredefinedMenuItem::separator(app)?,
            &pause,
            &PredefinedMenuItem::separator(app)?,
            &settings,
            &quit,
        ],
    )?;
    app.manage(PauseItem(pause));
    let mut builder = TrayIconBuilder::with_id("main")
        .tooltip("Chorus")
        .menu(&menu)
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_main_window(app),
            "pause" => toggle_pause(app),
            "settings" => {
                show_main_window(app);
                events::navigate(app, &events::Section::Settings);
            }
            "quit" => app.exit(0),
            other => tracing::warn!(id = other, "unknown tray menu item"),
        })
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                show_main_window(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    Ok(())
}

fn toggle_pause(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let Ok(service) = app.state::<AppState>().service() else {
            tracing::error!("cannot switch publishing from the tray: the database is not open");
            return;
        };
        let paused = service
            .publishing_settings()
            .map(|s| s.paused)
            .unwrap_or(false);
        if let Err(e) = service.set_paused(!paused).await {
            tracing::error!("switching publishing from the tray: {e}");
            crate::notifications::show("Publishing switch".into(), e.to_string());
        }
        if let Ok(now) = service.publishing_settings() {
            events::paused_changed(&app, now.paused);
            reflect_paused(&app, now.paused);
        }
    });
}

/// Keeps the tray's check mark in step with the switch in the window and the CLI.
pub fn reflect_paused(app: &AppHandle, paused: bool) {
    if let Some(item) = app.try_state::<PauseItem>()
        && let Err(e) = item.0.set_checked(paused)
    {
        tracing::warn!("cannot update the tray: {e}");
    }
}

/// Brings the main window to the front (also used when a second instance is started).
pub fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Shows the inbox's unread count on the tray: a badge on the app's icon ("99+" beyond 99;
/// none at zero) and the tooltip.
pub fn show_unread(app: &AppHandle, unread: i64) {
    let Some(tray) = app.tray_by_id("main") else {
        return;
    };
    let tooltip = match unread {
        0 => "Chorus".to_owned(),
        1 => "Chorus: 1 unread in the inbox".to_owned(),
        n => format!("Chorus: {n} unread in the inbox"),
    };
    if let Err(e) = tray.set_tooltip(Some(&tooltip)) {
        tracing::debug!("cannot set the tray tooltip: {e}");
    }
    let Some(base) = app.default_window_icon() else {
        return;
    };
    let icon = match chorus_core::media::badge::label(unread) {
        None => base.clone().to_owned(),
        Some(text) => {
            let mut rgba = base.rgba().to_vec();
            chorus_core::media::badge::draw(&mut rgba, base.width(), base.height(), &text);
            tauri::image::Image::new_owned(rgba, base.width(), base.height())
        }
    };
    if let Err(e) = tray.set_icon(Some(icon)) {
        tracing::debug!("cannot set the tray icon: {e}");
    }
}
