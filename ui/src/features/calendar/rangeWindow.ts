import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { rangeArgs } from "./calendarTime";

export interface VisibleRange {
  start: Date;
  end: Date;
}

/** What one fetch brought: the items of [from, to) as the backend had them at `revision`. */
export interface RangeWindow<T> {
  workspaceId: number;
  from: number;
  to: number;
  revision: string;
  items: T[];
}

const DAY = 86_400_000;

/**
 * The visible range plus the previous and next page: as much again on either side, and a
 * quarter more (at least a day), because pages differ in length (a month grid has five or
 * six weeks) and in hours (a daylight-saving change inside one).
 */
export function windowAround(range: VisibleRange): { from: number; to: number } {
  const span = range.end.getTime() - range.start.getTime();
  const pad = span + Math.max(span / 4, DAY);
  return { from: range.start.getTime() - pad, to: range.end.getTime() + pad };
}

export function covers(window: { from: number; to: number }, range: VisibleRange): boolean {
  return window.from <= range.start.getTime() && window.to >= range.end.getTime();
}

/**
 * True when paging once more in either direction would leave the window: time to fetch a
 * window centred on the range, in the background, before the user gets there.
 */
export function nearEdge(window: { from: number; to: number }, range: VisibleRange): boolean {
  const half = (range.end.getTime() - range.start.getTime()) / 2;
  return range.start.getTime() - window.from < half || window.to - range.end.getTime() < half;
}

/** The items whose instant lies in the range; ones without an instant are in none. */
export function within<T>(items: readonly T[], timeOf: (item: T) => string | null, range: VisibleRange): T[] {
  const from = range.start.getTime();
  const to = range.end.getTime();
  return items.filter((item) => {
    const at = timeOf(item);
    if (at === null) return false;
    const t = Date.parse(at);
    return t >= from && t < to;
  });
}

/**
 * Counts the times the calendar has been shown (starting at 1 when it mounts shown): part
 * of the revision, because what changed while it was hidden (the CLI, Settings) sends no
 * event the calendar hears.
 */
export function useShownCount(visible: boolean): number {
  const [count, setCount] = useState(visible ? 1 : 0);
  const was = useRef(visible);
  useEffect(() => {
    if (visible && !was.current) setCount((n) => n + 1);
    was.current = visible;
  }, [visible]);
  return count;
}

/** Resolves when the browser has nothing better to do (at the latest after a second). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof globalThis.requestIdleCallback === "function") globalThis.requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 50);
  });
}

function args(from: number, to: number) {
  return rangeArgs(new Date(from), new Date(to));
}

/**
 * Range-bound data (posts, posting slots) for a calendar that pages: the visible range is
 * fetched first, so the first paint waits for nothing more; then a window of the previous
 * and next page around it, so paging is drawn at once from memory (and the calendar is
 * handed the same items, which it need not parse again). Near the window's edge the next
 * window is fetched ahead. When `revision` changes (posts changed, or a retry), the window is
 * fetched again while the old one stays on screen: paging never flashes empty.
 */
export function useRangeWindow<T>(options: {
  workspaceId: number;
  visible: boolean;
  range: VisibleRange | null;
  revision: string;
  fetch: (workspaceId: number, from: string, to: string) => Promise<T[]>;
  onError: (reason: unknown) => void;
}) {
  const { workspaceId, visible, range, revision, fetch, onError } = options;
  const [loaded, setLoaded] = useState<RangeWindow<T> | null>(null);
  const [failedAt, setFailedAt] = useState<string | null>(null);
  const latest = useRef<RangeWindow<T> | null>(null);
  // Read by the fetching effect (which must not re-run when the window arrives); layout
  // effects run before it in the same commit.
  useLayoutEffect(() => {
    latest.current = loaded;
  }, [loaded]);
  const start = range?.start.getTime() ?? null;
  const end = range?.end.getTime() ?? null;
  const rangeKey = start !== null && end !== null ? `${workspaceId}|${start}|${end}` : null;

  useEffect(() => {
    if (!visible || start === null || end === null || rangeKey === null) return;
    const wanted = { start: new Date(start), end: new Date(end) };
    const have = latest.current?.workspaceId === workspaceId ? latest.current : null;
    let cancelled = false;
    const load = async (from: number, to: number) => {
      const { from: a, to: b } = args(from, to);
      const items = await fetch(workspaceId, a, b);
      if (!cancelled) setLoaded({ workspaceId, from, to, revision, items });
    };
    const around = windowAround(wanted);
    let work: Promise<void>;
    if (have && covers(have, wanted)) {
      // Drawn already. A stale window is fetched again at once; one the user is nearing the
      // edge of is moved ahead once the browser is idle, after this page has been painted.
      if (have.revision === revision && !nearEdge(have, wanted)) return;
      work = have.revision === revision ? whenIdle().then(() => (cancelled ? undefined : load(around.from, around.to))) : load(around.from, around.to);
    } else {
      work = load(start, end)
        .then(whenIdle)
        .then(() => (cancelled ? undefined : load(around.from, around.to)));
    }
    work.then(
      () => {
        if (!cancelled) setFailedAt(null);
      },
      (reason: unknown) => {
        if (cancelled) return;
        setFailedAt(`${rangeKey}|${revision}`);
        onError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, visible, start, end, rangeKey, revision, fetch, onError]);

  /** Changes the items in memory (an optimistic move), until the next fetch replaces them. */
  const update = useCallback((change: (items: T[]) => T[]) => {
    setLoaded((current) => (current ? { ...current, items: change(current.items) } : current));
  }, []);

  const current = loaded?.workspaceId === workspaceId ? loaded : null;
  return {
    loaded: current,
    /** The window holds the visible range (possibly from before the latest change). */
    fresh: current !== null && range !== null && covers(current, range),
    failed: failedAt !== null && failedAt === `${rangeKey}|${revision}`,
    update,
  };
}
