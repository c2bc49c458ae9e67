// The fake backend for browser tests (tests/web/): the same in-memory stand-in for the Rust
// commands as the Vitest tests use, bundled into one script that the test injects into the
// page before the app's own scripts run (Playwright's addInitScript). The built app in
// ui/dist is unchanged; only window.__TAURI_INTERNALS__ comes from here.
import { emit } from "@tauri-apps/api/event";
import { mockWindows } from "@tauri-apps/api/mocks";
import { installBackend, type FakeBackend } from "./fakeBackend";

type Seed = Parameters<typeof installBackend>[0];

declare global {
  interface Window {
    /** Set by the test (another init script) before this one runs. */
    __CHORUS_SEED__?: Seed;
    __chorus?: { backend: FakeBackend; emit: (event: string, payload: unknown) => Promise<void> };
  }
}

mockWindows("main");
const backend = installBackend(window.__CHORUS_SEED__ ?? {});
// The real backend keeps autosaved composer states on disk; here they outlive a reload of the
// page in sessionStorage, so a test can reload mid-typing and see the text come back.
const AUTOSAVE_KEY = "chorus-fake-composer-states";
try {
  const kept = sessionStorage.getItem(AUTOSAVE_KEY);
  if (kept) backend.composer.states = JSON.parse(kept) as FakeBackend["composer"]["states"];
} catch {
  // A page without storage starts empty, like a fresh data folder.
}
backend.composer.onStatesChanged = (states) => sessionStorage.setItem(AUTOSAVE_KEY, JSON.stringify(states));
window.__chorus = { backend, emit: (event, payload) => emit(event, payload) };
