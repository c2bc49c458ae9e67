import { useCallback, useEffect, useState } from "react";
import * as ipc from "../../lib/ipc/client";
import type { WritingLibrary } from "../../lib/ipc/client";

export const EMPTY_LIBRARY: WritingLibrary = { hashtagGroups: [], snippets: [], templates: [] };

/** The workspace's hashtag groups, snippets and templates; `save` answers the tidied library or rejects with an IpcError. */
export function useWritingLibrary(workspaceId: number) {
  const [library, setLibrary] = useState<WritingLibrary>(EMPTY_LIBRARY);
  useEffect(() => {
    let cancelled = false;
    ipc.writingLibrary(workspaceId).then(
      (found) => {
        if (!cancelled) setLibrary(found);
      },
      // Without the library the composer still writes posts; the menus stay empty.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);
  const save = useCallback(
    async (next: WritingLibrary) => {
      const tidy = await ipc.saveWritingLibrary(workspaceId, next);
      setLibrary(tidy);
      return tidy;
    },
    [workspaceId],
  );
  return { library, save };
}
