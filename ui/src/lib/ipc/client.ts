import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";
import type { NewWorkspace } from "./bindings/NewWorkspace";
import type { Preferences } from "./bindings/Preferences";
import type { Workspace } from "./bindings/Workspace";
import type { WorkspaceOverview } from "./bindings/WorkspaceOverview";
import type { WorkspaceUpdate } from "./bindings/WorkspaceUpdate";

export type {
  AppInfo,
  ErrorCode,
  IpcError,
  NewWorkspace,
  Preferences,
  Workspace,
  WorkspaceOverview,
  WorkspaceUpdate,
};
export type { Theme } from "./bindings/Theme";

const ERROR_CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "conflict",
  "storage",
  "internal",
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True when `value` has the exact shape the Rust shell rejects commands with. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === "string" &&
    (value.field === null || typeof value.field === "string")
  );
}

/**
 * Turns anything a command can reject with into an IpcError, so callers only
 * ever switch on `code`. Plugins and the IPC layer itself can reject with
 * plain strings or Error objects; those become "internal".
 */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return reason;
  if (isRecord(reason) && typeof reason.message === "string") {
    const code =
      typeof reason.code === "string" &&
      (ERROR_CODES as readonly string[]).includes(reason.code)
        ? (reason.code as ErrorCode)
        : "internal";
    const field = typeof reason.field === "string" ? reason.field : null;
    return { code, message: reason.message || "Unexpected error", field };
  }
  if (typeof reason === "string" && reason.trim() !== "") {
    return { code: "internal", message: reason, field: null };
  }
  return { code: "internal", message: "Unexpected error", field: null };
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

export function appInfo(): Promise<AppInfo> {
  return call("app_info");
}

/** All workspaces, ordered by name. */
export function listWorkspaces(): Promise<Workspace[]> {
  return call("list_workspaces");
}

export function createWorkspace(input: NewWorkspace): Promise<Workspace> {
  return call("create_workspace", { input });
}

export function updateWorkspace(input: WorkspaceUpdate): Promise<Workspace> {
  return call("update_workspace", { input });
}

export function workspaceOverview(
  workspaceId: number,
): Promise<WorkspaceOverview> {
  return call("workspace_overview", { workspaceId });
}

export function getPreferences(): Promise<Preferences> {
  return call("get_preferences");
}

export function setPreferences(preferences: Preferences): Promise<Preferences> {
  return call("set_preferences", { preferences });
}

/** Every IANA zone name the backend accepts. */
export function listTimeZones(): Promise<string[]> {
  return call("list_time_zones");
}
