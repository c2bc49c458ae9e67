// The one way the UI calls a command: the generated calls in bindings/commands.ts go through
// here. Errors become IpcError; a command that changed something invalidates its topics.
import { invoke } from "@tauri-apps/api/core";
import type { CommandName, Commands } from "./bindings/commands";
import type { Topic } from "./bindings/Topic";
import { invalidate } from "./changes";
import { toIpcError } from "./errors";

export async function call<K extends CommandName>(
  command: K,
  args: Commands[K]["args"],
  changes: readonly Topic[] = [],
): Promise<Commands[K]["result"]> {
  let result: Commands[K]["result"];
  try {
    result = await invoke<Commands[K]["result"]>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
  if (changes.length > 0) invalidate(changes);
  return result;
}
