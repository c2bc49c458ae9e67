import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AppInfo,
  IpcError,
  NewWorkspace,
  Preferences,
  Workspace,
  WorkspaceOverview,
  WorkspaceUpdate,
} from "../lib/ipc/client";

export const TIME_ZONES = [
  "America/New_York",
  "Asia/Tokyo",
  "Europe/Berlin",
  "Europe/London",
  "UTC",
];

export const APP_INFO: AppInfo = {
  version: "0.1.0",
  dataDir: "/home/ada/.local/share/app.chorus",
  databasePath: "/home/ada/.local/share/app.chorus/chorus.sqlite3",
  logDir: "/home/ada/.local/share/app.chorus/logs",
  schemaVersion: 1,
};

export function workspace(id: number, name: string, timezone = "Europe/Berlin"): Workspace {
  return { id, name, timezone, createdAt: "2025-01-01T00:00:00Z" };
}

type Counts = Omit<WorkspaceOverview, "workspace">;
type Failure = IpcError | string;

/**
 * An in-memory stand-in for the Rust commands, installed with mockIPC.
 * Tests read `calls` to assert on what the UI sent, and put a failure in
 * `fail[command]` to make the next call of that command reject with it.
 */
export interface FakeBackend {
  workspaces: Workspace[];
  preferences: Preferences;
  timeZones: string[];
  counts: Record<number, Partial<Counts>>;
  fail: Record<string, Failure | undefined>;
  calls: { cmd: string; args: Record<string, unknown> }[];
  argsOf: (cmd: string) => Record<string, unknown>[];
}

export function installBackend(
  init: Partial<Pick<FakeBackend, "workspaces" | "preferences" | "timeZones" | "counts">> = {},
): FakeBackend {
  let nextId = 100;
  const backend: FakeBackend = {
    workspaces: init.workspaces ?? [],
    preferences: init.preferences ?? { theme: "system", activeWorkspaceId: null },
    timeZones: init.timeZones ?? TIME_ZONES,
    counts: init.counts ?? {},
    fail: {},
    calls: [],
    argsOf: (cmd) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args),
  };

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    app_info: () => APP_INFO,
    list_workspaces: () => [...backend.workspaces].sort((a, b) => a.name.localeCompare(b.name)),
    list_time_zones: () => backend.timeZones,
    get_preferences: () => backend.preferences,
    set_preferences: (args) => {
      backend.preferences = args.preferences as Preferences;
      return backend.preferences;
    },
    create_workspace: (args) => {
      const input = args.input as NewWorkspace;
      const created = workspace(nextId++, input.name, input.timezone);
      backend.workspaces.push(created);
      return created;
    },
    update_workspace: (args) => {
      const input = args.input as WorkspaceUpdate;
      const existing = backend.workspaces.find((w) => w.id === input.id);
      if (!existing) throw { code: "not_found", message: "No such workspace", field: null };
      Object.assign(existing, { name: input.name, timezone: input.timezone });
      return { ...existing };
    },
    workspace_overview: (args) => {
      const id = args.workspaceId as number;
      const found = backend.workspaces.find((w) => w.id === id);
      if (!found) throw { code: "not_found", message: `Workspace ${id} not found`, field: null };
      return {
        workspace: found,
        channels: 0,
        posts: 0,
        scheduledPosts: 0,
        mediaAssets: 0,
        nextScheduledAt: null,
        ...backend.counts[id],
      } satisfies WorkspaceOverview;
    },
  };

  mockIPC(
    (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      backend.calls.push({ cmd, args });
      const failure = backend.fail[cmd];
      if (failure !== undefined) {
        backend.fail[cmd] = undefined;
        throw failure;
      }
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unexpected command ${cmd}`);
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return backend;
}
