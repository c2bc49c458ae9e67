//! How WebKitGTK draws the window on a machine without a GPU.
//!
//! WebKitGTK 2.42+ composites through its DMA-BUF renderer. Without a GPU (no DRM render
//! node: a VM, a remote desktop, Xvfb) that renderer runs on Mesa's software OpenGL, which
//! costs more than the page itself: in `tests/bench/calendar-render-app.mjs` under Xvfb a
//! month switch took 229 ms with it and 93 ms with WebKit's shared-memory path instead, and a
//! one-word change of the page cost two frames of 81 ms against 48 ms. So, when no render node
//! exists and the user has not decided either way, the DMA-BUF renderer is turned off. With a
//! GPU nothing changes.
//!
//! The workspace forbids `unsafe`, and `std::env::set_var` is unsafe; the process execs itself
//! with the variable set instead, before any thread or window exists.

use std::path::Path;

/// WebKitGTK's switch for its DMA-BUF renderer ("1": use shared memory instead).
pub const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// What [`apply`] did, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    /// A GPU render node exists: WebKit's default renderer.
    Default,
    /// The user (or the environment) set the switch already; left as it is.
    UserChoice,
    /// No render node: the DMA-BUF renderer was turned off.
    SharedMemory,
}

/// Whether `dir` (normally /dev/dri) holds a DRM render node (renderD128, ...).
pub fn has_render_node(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// The decision, apart from the process environment.
pub fn decide(switch_already_set: bool, render_node: bool) -> Renderer {
    if switch_already_set {
        Renderer::UserChoice
    } else if render_node {
        Renderer::Default
    } else {
        Renderer::SharedMemory
    }
}

/// Set beside the switch when Chorus set it, so the log can tell it from the user's choice.
const MARKER: &str = "CHORUS_WEBKIT_SHARED_MEMORY";

/// Without a GPU: starts Chorus again in place of this process (exec, same pid, same
/// arguments) with the switch set, as the environment can only be changed safely before a
/// program starts. Must run first in `main`, before GTK. Returns only when nothing needs to
/// change, or when the exec failed (then WebKit's default renderer is used, and logged).
pub fn apply() -> Renderer {
    if std::env::var_os(MARKER).is_some() {
        return Renderer::SharedMemory;
    }
    let decision = decide(
        std::env::var_os(DMABUF_SWITCH).is_some(),
        cfg!(not(target_os = "linux")) || has_render_node(Path::new("/dev/dri")),
    );
    #[cfg(target_os = "linux")]
    if decision == Renderer::SharedMemory {
        use std::os::unix::process::CommandExt;
        if let Ok(exe) = std::env::current_exe() {
            let error = std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env(DMABUF_SWITCH, "1")
                .env(MARKER, "1")
                .exec();
            eprintln!("Chorus could not restart itself with {DMABUF_SWITCH}=1: {error}");
        }
        return Renderer::Default;
    }
    decision
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_machine_without_a_render_node_loses_the_dmabuf_renderer_and_a_users_choice_stands() {
        assert_eq!(decide(false, false), Renderer::SharedMemory);
        assert_eq!(decide(false, true), Renderer::Default);
        assert_eq!(decide(true, false), Renderer::UserChoice);
        assert_eq!(decide(true, true), Renderer::UserChoice);
    }

    #[test]
    fn a_render_node_is_a_renderd_entry_of_the_dri_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        assert!(!has_render_node(&tmp.path().join("missing")));
        std::fs::write(tmp.path().join("card0"), b"").expect("card0");
        assert!(
            !has_render_node(tmp.path()),
            "a card node alone is no render node"
        );
        std::fs::write(tmp.path().join("renderD128"), b"").expect("renderD128");
        assert!(has_render_node(tmp.path()));
    }
}
