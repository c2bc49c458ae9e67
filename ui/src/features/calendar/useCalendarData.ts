import { useCallback, useEffect, useState } from "react";
import { useErrors } from "../../app/errors";
import { usePublishing } from "../../app/publishing";
import * as ipc from "../../lib/ipc/client";
import type { CalendarEntry } from "../../lib/ipc/client";
import { rangeArgs } from "./calendarTime";

export interface VisibleRange {
  start: Date;
  end: Date;
}

interface Loaded {
  key: string;
  entries: CalendarEntry[];
}

/**
 * The posts of the visible range and the unscheduled drafts. Fetched per range (never all
 * posts), again whenever a publish event or this UI says posts changed. No polling.
 */
export function useCalendarData(workspaceId: number, visible: boolean, range: VisibleRange | null) {
  const { showError } = useErrors();
  const { postsRevision } = usePublishing();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [drafts, setDrafts] = useState<{ workspaceId: number; entries: CalendarEntry[] } | null>(null);
  const [failedKey, setFailedKey] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const args = range ? rangeArgs(range.start, range.end) : null;
  const from = args?.from ?? null;
  const to = args?.to ?? null;
  const key = from && to ? `${workspaceId}|${from}|${to}` : null;

  useEffect(() => {
    if (!visible || !from || !to || !key) return;
    let cancelled = false;
    ipc.calendarRange(workspaceId, from, to).then(
      (entries) => {
        if (cancelled) return;
        setLoaded({ key, entries });
        setFailedKey(null);
      },
      (reason: unknown) => {
        if (cancelled) return;
        setFailedKey(key);
        showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, from, to, workspaceId, visible, postsRevision, attempt, showError]);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    ipc.unscheduledDrafts(workspaceId).then(
      (entries) => {
        if (!cancelled) setDrafts({ workspaceId, entries });
      },
      (reason: unknown) => {
        if (!cancelled) showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, visible, postsRevision, attempt, showError]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  /** Puts a moved post where the backend now has it, before the refetch confirms it. */
  const placed = useCallback((entry: CalendarEntry) => {
    setLoaded((current) => {
      if (!current) return current;
      const others = current.entries.filter((e) => e.postId !== entry.postId);
      const entries = [...others, entry].sort(
        (a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.postId - b.postId,
      );
      return { ...current, entries };
    });
    setDrafts((current) =>
      current ? { ...current, entries: current.entries.filter((e) => e.postId !== entry.postId) } : current,
    );
  }, []);

  // The last range's posts stay on screen while the next range loads, so paging does not flash.
  const current = loaded?.key.startsWith(`${workspaceId}|`) ? loaded : null;
  return {
    entries: current?.entries ?? null,
    /** True once the visible range itself has been loaded (not just an earlier one). */
    fresh: current !== null && current.key === key,
    failed: failedKey !== null && failedKey === key,
    drafts: drafts?.workspaceId === workspaceId ? drafts.entries : null,
    retry,
    placed,
  };
}
