import { useCallback, useEffect, useEffectEvent, useRef, useState } from "react";
import * as ipc from "../../lib/ipc/client";
import { DebouncedWriter } from "./debouncedWriter";
import { isBlank, parseDraft, type ComposerDraft } from "./draft";

export interface Restored {
  draft: ComposerDraft;
  savedAt: string;
}

/**
 * Looks for what was being written in `slot` when the composer last closed (or crashed).
 * `ready` turns true once the answer is in, restored or not.
 */
export function useRestore(workspaceId: number, slot: string, onRestore: (restored: Restored) => void) {
  const [ready, setReady] = useState(false);
  const apply = useEffectEvent((restored: Restored) => onRestore(restored));
  useEffect(() => {
    let cancelled = false;
    ipc.composerStates(workspaceId).then(
      (states) => {
        if (cancelled) return;
        const found = states.find((s) => s.slot === slot);
        const draft = found ? parseDraft(found.state) : null;
        if (found && draft && !isBlank(draft)) apply({ draft, savedAt: found.savedAt });
        setReady(true);
      },
      () => {
        if (!cancelled) setReady(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, slot]);
  return ready;
}

export type AutosaveStatus = { kind: "idle" } | { kind: "saved"; at: Date } | { kind: "failed"; message: string };

/**
 * Saves the draft through save_composer_state ~500 ms after each change (at most a second
 * after the first unsaved one), and at once when the window closes or the composer unmounts.
 * A blank composer clears the saved state instead.
 */
export function useAutosave(workspaceId: number, slot: string, draft: ComposerDraft, ready: boolean) {
  const [status, setStatus] = useState<AutosaveStatus>({ kind: "idle" });
  const [writer] = useState(() => new DebouncedWriter(() => undefined));
  useEffect(() => {
    writer.setWrite((json) => {
      const parsed = parseDraft(json);
      const blank = parsed !== null && isBlank(parsed);
      const done = blank ? ipc.clearComposerState(workspaceId, slot) : ipc.saveComposerState(workspaceId, slot, json);
      done.then(
        () => setStatus(blank ? { kind: "idle" } : { kind: "saved", at: new Date() }),
        (reason: unknown) => setStatus({ kind: "failed", message: ipc.toIpcError(reason).message }),
      );
    });
  }, [writer, workspaceId, slot]);
  const json = JSON.stringify(draft);
  const settledOnce = useRef(false);

  useEffect(() => {
    if (!ready) return;
    const w = writer;
    if (!settledOnce.current) {
      // What is on screen when the restore check ends is what is on disk (or nothing is).
      settledOnce.current = true;
      w.settle(json);
      return;
    }
    w.push(json);
  }, [json, ready, writer]);

  useEffect(() => {
    const w = writer;
    const flush = () => w.flush();
    const onHidden = () => {
      if (document.visibilityState === "hidden") w.flush();
    };
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", flush);
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("beforeunload", flush);
      document.removeEventListener("visibilitychange", onHidden);
      flush();
    };
  }, [writer]);

  /** After a successful save: nothing is pending, and the saved state is gone. */
  const clear = useCallback(
    (next: ComposerDraft) => {
    const w = writer;
    w.settle(JSON.stringify(next));
    setStatus({ kind: "idle" });
    return ipc.clearComposerState(workspaceId, slot).catch(() => null);
    },
    [writer, workspaceId, slot],
  );

  return { status, clear };
}
