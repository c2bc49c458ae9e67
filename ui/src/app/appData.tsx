import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import * as ipc from "../lib/ipc/client";
import type {
  NewWorkspace,
  Preferences,
  Theme,
  Workspace,
  WorkspaceUpdate,
} from "../lib/ipc/client";
import { useErrors } from "./errors";
import type { BootData } from "./useBoot";

interface AppDataValue {
  workspaces: Workspace[];
  preferences: Preferences;
  /** The workspace every screen works on; null only before onboarding. */
  activeWorkspace: Workspace | null;
  timeZones: string[];
  /** Creates a workspace and makes it active. Rejects with the create error. */
  createWorkspace: (input: NewWorkspace) => Promise<Workspace>;
  /** Rejects with the update error so forms can show field errors. */
  updateWorkspace: (input: WorkspaceUpdate) => Promise<Workspace>;
  /** Errors go to the banner. */
  switchWorkspace: (id: number) => Promise<void>;
  /** Errors go to the banner. */
  setTheme: (theme: Theme) => Promise<void>;
}

const AppDataContext = createContext<AppDataValue | null>(null);

function byName(a: Workspace, b: Workspace): number {
  return a.name.localeCompare(b.name) || a.id - b.id;
}

function upsert(list: Workspace[], workspace: Workspace): Workspace[] {
  return [...list.filter((w) => w.id !== workspace.id), workspace].sort(byName);
}

export function AppDataProvider({
  initial,
  children,
}: {
  initial: BootData;
  children: ReactNode;
}) {
  const { showError } = useErrors();
  const [workspaces, setWorkspaces] = useState(initial.workspaces);
  const [preferences, setPreferencesState] = useState(initial.preferences);
  // The latest preferences, for async code that must not send a stale copy.
  const preferencesRef = useRef(initial.preferences);

  const commitPreferences = useCallback((next: Preferences) => {
    preferencesRef.current = next;
    setPreferencesState(next);
  }, []);

  // Optimistic: the UI changes at once and rolls back if the write fails.
  const persistPreferences = useCallback(
    async (patch: Partial<Preferences>) => {
      const previous = preferencesRef.current;
      const next = { ...previous, ...patch };
      commitPreferences(next);
      try {
        const saved = await ipc.setPreferences(next);
        if (preferencesRef.current === next) commitPreferences(saved);
      } catch (reason) {
        if (preferencesRef.current === next) commitPreferences(previous);
        showError(reason);
      }
    },
    [commitPreferences, showError],
  );

  const createWorkspace = useCallback(
    async (input: NewWorkspace) => {
      const created = await ipc.createWorkspace(input);
      setWorkspaces((list) => upsert(list, created));
      await persistPreferences({ activeWorkspaceId: created.id });
      return created;
    },
    [persistPreferences],
  );

  const updateWorkspace = useCallback(async (input: WorkspaceUpdate) => {
    const updated = await ipc.updateWorkspace(input);
    setWorkspaces((list) => upsert(list, updated));
    return updated;
  }, []);

  const switchWorkspace = useCallback(
    (id: number) => persistPreferences({ activeWorkspaceId: id }),
    [persistPreferences],
  );

  const setTheme = useCallback(
    (theme: Theme) => persistPreferences({ theme }),
    [persistPreferences],
  );

  const activeWorkspace =
    workspaces.find((w) => w.id === preferences.activeWorkspaceId) ??
    workspaces[0] ??
    null;

  useThemeAttribute(preferences.theme);

  const value = useMemo(
    () => ({
      workspaces,
      preferences,
      activeWorkspace,
      timeZones: initial.timeZones,
      createWorkspace,
      updateWorkspace,
      switchWorkspace,
      setTheme,
    }),
    [
      workspaces,
      preferences,
      activeWorkspace,
      initial.timeZones,
      createWorkspace,
      updateWorkspace,
      switchWorkspace,
      setTheme,
    ],
  );
  return <AppDataContext.Provider value={value}>{children}</AppDataContext.Provider>;
}

/** "system" leaves the attribute off so the CSS follows prefers-color-scheme. */
function useThemeAttribute(theme: Theme) {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", theme);
  }, [theme]);
}

export function useAppData(): AppDataValue {
  const value = useContext(AppDataContext);
  if (!value) throw new Error("useAppData must be used inside <AppDataProvider>");
  return value;
}
