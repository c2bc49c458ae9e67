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
window.__chorus = { backend, emit: (event, payload) => emit(event, payload) };
