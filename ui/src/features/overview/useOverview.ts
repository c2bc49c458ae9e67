import { useCallback, useEffect, useState } from "react";
import { useErrors } from "../../app/errors";
import * as ipc from "../../lib/ipc/client";
import type { IpcError, WorkspaceOverview } from "../../lib/ipc/client";
import { useTopicVersion } from "../../lib/ipc/changes";

type Loaded =
  | { workspaceId: number; overview: WorkspaceOverview; error?: undefined }
  | { workspaceId: number; overview?: undefined; error: IpcError };

/**
 * The overview of `workspaceId`, fetched whenever the screen becomes visible
 * or the workspace changes, and again when a publish event says posts changed.
 * Data of the same workspace stays on screen while it refreshes.
 */
export function useOverview(workspaceId: number, visible: boolean) {
  const { showError } = useErrors();
  const postsRevision = useTopicVersion("posts");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    ipc.workspaceOverview(workspaceId).then(
      (overview) => {
        if (!cancelled) setLoaded({ workspaceId, overview });
      },
      (reason: unknown) => {
        if (cancelled) return;
        const error = ipc.toIpcError(reason);
        setLoaded({ workspaceId, error });
        showError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, visible, attempt, postsRevision, showError]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = loaded?.workspaceId === workspaceId ? loaded : null;
  return {
    overview: current?.overview ?? null,
    error: current?.error ?? null,
    loading: current === null,
    retry,
  };
}
