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

/** A span of time, [from, to) in ms since the epoch. */
export interface Span {
  from: number;
  to: number;
}

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

/**
 * How far the window may reach when pages are joined to it: the window around the range and
 * as much again, so paging through years keeps a few pages in memory, not all of them.
 */
export function windowLimit(range: VisibleRange): Span {
  const around = windowAround(range);
  const pad = around.to - range.end.getTime();
  return { from: around.from - pad, to: around.to + pad };
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
 * The parts of `wanted` the window lacks, in time order: before it, after it, both or none.
 * A span apart from the window (not even touching it) is missing whole.
 */
export function missingParts(window: Span, wanted: Span): Span[] {
  if (wanted.to <= window.from || wanted.from >= window.to) return [wanted];
  const parts: Span[] = [];
  if (wanted.from < window.from) parts.push({ from: wanted.from, to: window.from });
  if (wanted.to > window.to) parts.push({ from: window.to, to: wanted.to });
  return parts;
}

/** The items of [from, to), through `within`. */
function itemsIn<T>(items: readonly T[], timeOf: (item: T) => string | null, from: number, to: number): T[] {
  return within(items, timeOf, { start: new Date(from), end: new Date(to) });
}

/**
 * A fetched `part` joined to the window when both are of one workspace and revision and they
 * touch or overlap: the window's own items stay as they are (the same objects, so what is
 * drawn is not drawn again) and the part's items outside it are added, in time order. Null
 * when they cannot be joined.
 */
export function joinWindows<T>(
  window: RangeWindow<T>,
  part: RangeWindow<T>,
  timeOf: (item: T) => string | null,
): RangeWindow<T> | null {
  if (window.workspaceId !== part.workspaceId || window.revision !== part.revision) return null;
  if (part.to < window.from || part.from > window.to) return null;
  if (part.from >= window.from && part.to <= window.to) return window;
  const before = part.from < window.from ? itemsIn(part.items, timeOf, part.from, window.from) : [];
  const after = part.to > window.to ? itemsIn(part.items, timeOf, window.to, part.to) : [];
  // A post moved out of the window in memory (update) is the part's to give now, once.
  const own = itemsIn(window.items, timeOf, window.from, window.to);
  return {
    ...window,
    from: Math.min(window.from, part.from),
    to: Math.max(window.to, part.to),
    items: [...before, ...own, ...after],
  };
}

/** The window cut to `limit` (the same window when it lies inside). */
export function trimWindow<T>(window: RangeWindow<T>, limit: Span, timeOf: (item: T) => string | null): RangeWindow<T> {
  if (window.from >= limit.from && window.to <= limit.to) return window;
  const from = Math.max(window.from, limit.from);
  const to = Math.min(window.to, limit.to);
  return { ...window, from, to, items: itemsIn(window.items, timeOf, from, to) };
}

/** Whether two lists hold the same objects in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * `items`, or the list it returned last time when that holds the same objects: a window that
 * grew around the visible range leaves the range's own list (and so what is drawn) untouched.
 */
export function useSameItems<T>(items: T[] | null): T[] | null {
  // Information from the previous render, kept the way React documents for it.
  const [kept, setKept] = useState(items);
  const same = items !== null && kept !== null && sameItems(items, kept);
  if (!same && kept !== items) setKept(items);
  return same ? kept : items;
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

/**
 * Without requestIdleCallback (WebKitGTK has none), how long paging must pause before the
 * window is moved ahead: while the user keeps paging, the effect that would move it is
 * cancelled before it starts.
 */
const IDLE_FALLBACK_MS = 200;

/** Resolves when the browser has nothing better to do (at the latest after a second). */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof globalThis.requestIdleCallback === "function") globalThis.requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, IDLE_FALLBACK_MS);
  });
}

function args(from: number, to: number) {
  return rangeArgs(new Date(from), new Date(to));
}

/**
 * Range-bound data (posts, posting slots) for a calendar that pages: the visible range is
 * fetched first, so the first paint waits for nothing more; then the window is grown to the
 * previous and next page around it, so paging is drawn at once from memory (and the calendar
 * is handed the same items, which it need not parse again). Pages are joined to the window:
 * only what it lacks is fetched, what it holds stays the same objects, and a page reached
 * before the window (paging fast) joins it too, so paging back is drawn from memory as well.
 * When `revision` changes (posts changed, or a retry), the window is fetched again while the
 * old one stays on screen: paging never flashes empty.
 */
export function useRangeWindow<T>(options: {
  workspaceId: number;
  visible: boolean;
  range: VisibleRange | null;
  revision: string;
  fetch: (workspaceId: number, from: string, to: string) => Promise<T[]>;
  /** An item's instant (ISO 8601), for cutting the window to a span. */
  timeOf: (item: T) => string | null;
  onError: (reason: unknown) => void;
}) {
  const { workspaceId, visible, range, revision, fetch, timeOf, onError } = options;
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
    const limit = windowLimit(wanted);
    const ours = (w: RangeWindow<T> | null) => (w?.workspaceId === workspaceId ? w : null);
    const have = ours(latest.current);
    // A window of this revision can grow; an older one can only be fetched again.
    const current = have?.revision === revision ? have : null;
    let cancelled = false;
    const fetchSpan = async ({ from, to }: Span): Promise<RangeWindow<T>> => {
      const { from: a, to: b } = args(from, to);
      return { workspaceId, from, to, revision, items: await fetch(workspaceId, a, b) };
    };
    // Joins the parts to the window; `replace`: a part that does not join takes its place.
    const put = (parts: RangeWindow<T>[], replace: boolean) =>
      setLoaded((now) => {
        let next = ours(now);
        for (const part of parts) next = (next && joinWindows(next, part, timeOf)) ?? (replace ? part : next);
        return next ? trimWindow(next, limit, timeOf) : now;
      });
    // The pages either side of the range, as far as the window lacks them.
    const grow = async () => {
      const now = ours(latest.current);
      if (cancelled || now?.revision !== revision) return;
      const parts = missingParts(now, windowAround(wanted));
      if (parts.length > 0) put(await Promise.all(parts.map(fetchSpan)), false);
    };
    let work: Promise<void>;
    if (current && covers(current, wanted)) {
      // Drawn already. Near the window's edge it grows ahead once the browser is idle,
      // after this page has been painted.
      if (!nearEdge(current, wanted)) return;
      work = whenIdle().then(grow);
    } else if (have && covers(have, wanted)) {
      // Stale: the whole window again at once; the old one stays on screen meanwhile.
      work = fetchSpan(windowAround(wanted)).then((w) => {
        if (!cancelled) setLoaded(w);
      });
    } else {
      const parts = current ? missingParts(current, { from: start, to: end }) : [{ from: start, to: end }];
      const whole = parts.length === 1 && parts[0].from === start && parts[0].to === end;
      work = Promise.all(parts.map(fetchSpan))
        .then((got) => put(got, whole && !cancelled))
        .then(whenIdle)
        .then(grow);
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
  }, [workspaceId, visible, start, end, rangeKey, revision, fetch, timeOf, onError]);

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
