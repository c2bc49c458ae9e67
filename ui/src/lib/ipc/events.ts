// The shell's events, typed by the generated list (src-tauri/src/events.rs → bindings/events.ts).
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Events } from "./bindings/events";

export { EVENTS } from "./bindings/events";
export type { Events };

/** Listens to one of the shell's events; the handler gets its declared payload. */
export function listenTo<E extends keyof Events>(
  name: E,
  handler: (payload: Events[E]) => void,
): Promise<UnlistenFn> {
  return listen<Events[E]>(name, (event) => handler(event.payload));
}
