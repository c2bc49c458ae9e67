import { useCallback, useEffect, useMemo, useState } from "react";
import { useErrors } from "../../app/errors";
import * as ipc from "../../lib/ipc/client";
import type { CalendarEntry } from "../../lib/ipc/client";
import { type VisibleRange, useRangeWindow, useSameItems, useShownCount, within } from "./rangeWindow";
import { useTopicVersion } from "../../lib/ipc/changes";

export type { VisibleRange } from "./rangeWindow";

const dueAtOf = (entry: CalendarEntry) => entry.dueAt;

/**
 * The posts of the visible range (and of a window around it, so paging draws at once) and
 * the unscheduled drafts. Fetched per range (never all posts), again whenever a publish event
 * or this UI says posts changed. No polling.
 */
export function useCalendarData(workspaceId: number, visible: boolean, range: VisibleRange | null) {
  const { showError } = useErrors();
  const postsRevision = useTopicVersion("posts");
  const [drafts, setDrafts] = useState<{ workspaceId: number; entries: CalendarEntry[] } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const shownCount = useShownCount(visible);
  const { loaded, fresh, failed, update } = useRangeWindow({
    workspaceId,
    visible,
    range,
    revision: `${postsRevision}|${attempt}|${shownCount}`,
    fetch: ipc.calendarRange,
    timeOf: dueAtOf,
    onError: showError,
  });

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
    update((entries) =>
      [...entries.filter((e) => e.postId !== entry.postId), entry].sort(
        (a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? "") || a.postId - b.postId,
      ),
    );
    setDrafts((current) =>
      current ? { ...current, entries: current.entries.filter((e) => e.postId !== entry.postId) } : current,
    );
  }, [update]);

  const items = loaded?.items ?? null;
  const entries = useSameItems(useMemo(() => (items && range ? within(items, dueAtOf, range) : null), [items, range]));
  return {
    /** The visible range's posts; the last range's stay while the next one loads. */
    entries,
    /** Every post fetched around the visible range: what the calendar is handed to draw. */
    windowEntries: items,
    /** True once the visible range itself has been loaded (not just an earlier one). */
    fresh,
    failed,
    drafts: drafts?.workspaceId === workspaceId ? drafts.entries : null,
    retry,
    placed,
  };
}
