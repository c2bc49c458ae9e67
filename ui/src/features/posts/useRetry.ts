import { useCallback, useState } from "react";
import { useErrors } from "../../app/errors";
import * as ipc from "../../lib/ipc/client";

/**
 * Retries a target. Errors go to the banner unless `onError` takes them (a
 * dialog covers the banner). `busy` holds the ids in flight.
 */
export function useRetry(onError?: (error: ipc.IpcError) => void) {
  const { showError } = useErrors();
  const [busy, setBusy] = useState<ReadonlySet<number>>(new Set());

  const retry = useCallback(
    async (targetId: number) => {
      setBusy((s) => new Set(s).add(targetId));
      try {
        await ipc.retryTarget(targetId);
      } catch (reason) {
        if (onError) onError(ipc.toIpcError(reason));
        else showError(reason);
      } finally {
        setBusy((s) => {
          const next = new Set(s);
          next.delete(targetId);
          return next;
        });
      }
    },
    [showError, onError],
  );

  return { retry, busy };
}
