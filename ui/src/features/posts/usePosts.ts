import { useCallback, useEffect, useState } from "react";
import { useErrors } from "../../app/errors";
import * as ipc from "../../lib/ipc/client";
import type { PostSummary } from "../../lib/ipc/client";
import { useTopicVersion } from "../../lib/ipc/changes";

type Loaded =
  | { workspaceId: number; posts: PostSummary[]; failed?: undefined }
  | { workspaceId: number; posts?: undefined; failed: true };

/**
 * The workspace's posts, fetched when the page becomes visible and again
 * whenever a publish event (or this UI) says posts changed. No polling.
 */
export function usePosts(workspaceId: number, visible: boolean) {
  const { showError } = useErrors();
  const postsRevision = useTopicVersion("posts");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    ipc.listPosts(workspaceId).then(
      (posts) => {
        if (!cancelled) setLoaded({ workspaceId, posts });
      },
      (reason: unknown) => {
        if (cancelled) return;
        setLoaded({ workspaceId, failed: true });
        showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, visible, postsRevision, attempt, showError]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const current = loaded?.workspaceId === workspaceId ? loaded : null;
  return {
    posts: current?.posts ?? null,
    failed: current?.failed ?? false,
    retry,
  };
}
