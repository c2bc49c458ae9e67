// The fake backend's shape, from the generated command schema: one handler per command, its
// arguments and result typed as the Rust command declares them. A command declared in
// src-tauri/src/commands/mod.rs without a handler here fails the type check (fakeBackend.ts
// puts the parts together with `satisfies AllHandlers`).
import type { CommandName, Commands } from "../lib/ipc/client";

type Result<K extends CommandName> = Commands[K]["result"];

export type Handlers = {
  [K in CommandName]: (args: Commands[K]["args"]) => Result<K> | Promise<Result<K>>;
};

/** The plugin commands the fakes answer (the plugins' own, not declared by Chorus). */
export interface PluginHandlers {
  "plugin:dialog|open": (args: Record<string, unknown>) => unknown;
  "plugin:dialog|save": (args: Record<string, unknown>) => unknown;
  "plugin:opener|open_url": (args: { url?: unknown }) => unknown;
}

export type AllHandlers = Handlers & PluginHandlers;

/** Part of the fake backend (one area's handlers). */
export type SomeHandlers = Partial<AllHandlers>;
