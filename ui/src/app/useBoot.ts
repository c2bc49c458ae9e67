import { useCallback, useEffect, useState } from "react";
import * as ipc from "../lib/ipc/client";
import type { IpcError, Preferences, Workspace } from "../lib/ipc/client";
import { useErrors } from "./errors";

export interface BootData {
  workspaces: Workspace[];
  preferences: Preferences;
  /** Empty when the list could not be loaded; forms then accept free text. */
  timeZones: string[];
}

export type BootState =
  | { status: "loading" }
  | { status: "failed"; error: IpcError }
  | { status: "ready"; data: BootData };

/** Loads what every screen needs before the first paint of real content. */
export function useBoot(): { state: BootState; retry: () => void } {
  const { showError } = useErrors();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<BootState>({ status: "loading" });

  useEffect(() => {
    let cancelled = false;
    const timeZones = ipc.listTimeZones().catch((reason: unknown) => {
      if (!cancelled) showError(reason);
      return [] as string[];
    });
    Promise.all([ipc.listWorkspaces(), ipc.getPreferences(), timeZones]).then(
      ([workspaces, preferences, zones]) => {
        if (!cancelled) {
          setState({
            status: "ready",
            data: { workspaces, preferences, timeZones: zones },
          });
        }
      },
      (reason: unknown) => {
        if (!cancelled) {
          setState({ status: "failed", error: ipc.toIpcError(reason) });
        }
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt, showError]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  return { state, retry };
}
