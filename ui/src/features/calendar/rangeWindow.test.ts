import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  joinWindows,
  missingParts,
  type RangeWindow,
  sameItems,
  trimWindow,
  useRangeWindow,
  type VisibleRange,
  windowAround,
  windowLimit,
} from "./rangeWindow";

const DAY = 86_400_000;
const T0 = Date.parse("2035-03-01T00:00:00Z");
const day = (n: number) => T0 + n * DAY;

interface Item {
  at: string;
}
const timeOf = (item: Item) => item.at;

/** One item at noon (UTC) of every day in [from, to). */
function itemsIn(from: number, to: number): Item[] {
  const out: Item[] = [];
  for (let t = Math.ceil((from - DAY / 2) / DAY) * DAY + DAY / 2; t < to; t += DAY) out.push({ at: new Date(t).toISOString() });
  return out;
}

function windowOf(from: number, to: number, revision = "r1"): RangeWindow<Item> {
  return { workspaceId: 1, from, to, revision, items: itemsIn(from, to) };
}

describe("what a window lacks", () => {
  it("is the part before, after, both or neither, and a span apart whole", () => {
    const w = { from: day(10), to: day(20) };
    expect(missingParts(w, { from: day(12), to: day(18) })).toEqual([]);
    expect(missingParts(w, { from: day(5), to: day(15) })).toEqual([{ from: day(5), to: day(10) }]);
    expect(missingParts(w, { from: day(15), to: day(25) })).toEqual([{ from: day(20), to: day(25) }]);
    expect(missingParts(w, { from: day(5), to: day(25) })).toEqual([
      { from: day(5), to: day(10) },
      { from: day(20), to: day(25) },
    ]);
    // Touching is not overlapping: nothing of the window is in it.
    expect(missingParts(w, { from: day(20), to: day(30) })).toEqual([{ from: day(20), to: day(30) }]);
    expect(missingParts(w, { from: day(40), to: day(50) })).toEqual([{ from: day(40), to: day(50) }]);
  });
});

describe("joining a fetched part to the window", () => {
  it("keeps the window's own objects and adds the part's outside it, in time order", () => {
    const w = windowOf(day(10), day(20));
    const joined = joinWindows(w, windowOf(day(15), day(25)), timeOf);
    expect(joined).toMatchObject({ from: day(10), to: day(25) });
    expect(joined?.items.map((i) => i.at)).toEqual(itemsIn(day(10), day(25)).map((i) => i.at));
    // The first ten are the window's own objects, not equal copies.
    joined?.items.slice(0, 10).forEach((item, i) => expect(item).toBe(w.items[i]));

    const before = joinWindows(w, windowOf(day(5), day(10)), timeOf);
    expect(before?.items.map((i) => i.at)).toEqual(itemsIn(day(5), day(20)).map((i) => i.at));
    expect(before?.items[5]).toBe(w.items[0]);
    // A part inside the window adds nothing: the same window.
    expect(joinWindows(w, windowOf(day(12), day(14)), timeOf)).toBe(w);
  });

  it("takes a post moved out of the window in memory from the part, not twice", () => {
    const w = windowOf(day(10), day(20));
    const moved = { at: new Date(day(22) + DAY / 2).toISOString() };
    const part = windowOf(day(20), day(30));
    const joined = joinWindows({ ...w, items: [...w.items, moved] }, part, timeOf);
    expect(joined?.items.filter((i) => i.at === moved.at)).toEqual([part.items[2]]);
    expect(joined?.items).toHaveLength(20);
  });

  it("refuses a part apart from the window or of another revision or workspace", () => {
    const w = windowOf(day(10), day(20));
    expect(joinWindows(w, windowOf(day(21), day(30)), timeOf)).toBeNull();
    expect(joinWindows(w, windowOf(day(15), day(25), "r2"), timeOf)).toBeNull();
    expect(joinWindows(w, { ...windowOf(day(15), day(25)), workspaceId: 2 }, timeOf)).toBeNull();
  });

  it("cuts a window to a limit, and leaves one inside it as it is", () => {
    const w = windowOf(day(0), day(100));
    const cut = trimWindow(w, { from: day(30), to: day(40) }, timeOf);
    expect(cut).toMatchObject({ from: day(30), to: day(40) });
    expect(cut.items).toHaveLength(10);
    expect(cut.items[0]).toBe(w.items[30]);
    expect(trimWindow(w, { from: day(-1), to: day(101) }, timeOf)).toBe(w);
  });

  it("reaches at most two pages either side of the range", () => {
    const range = { start: new Date(day(0)), end: new Date(day(42)) };
    const around = windowAround(range);
    const limit = windowLimit(range);
    expect(around.from - limit.from).toBe(range.start.getTime() - around.from);
    expect(limit.to - around.to).toBe(around.to - range.end.getTime());
  });

  it("tells lists of the same objects from lists of equal ones", () => {
    const a = { at: "x" };
    const b = { at: "y" };
    expect(sameItems([a, b], [a, b])).toBe(true);
    expect(sameItems([a, b], [a, { ...b }])).toBe(false);
    expect(sameItems([a], [a, b])).toBe(false);
  });
});

describe("a paging window", () => {
  function render() {
    const requests: { from: number; to: number }[] = [];
    const fetch = (_workspace: number, from: string, to: string) => {
      const span = { from: Date.parse(from), to: Date.parse(to) };
      requests.push(span);
      return Promise.resolve(itemsIn(span.from, span.to));
    };
    const month = (n: number): VisibleRange => ({ start: new Date(day(n * 35)), end: new Date(day(n * 35 + 35)) });
    const onError = (reason: unknown) => {
      throw reason;
    };
    const hook = renderHook(
      ({ range }: { range: VisibleRange }) =>
        useRangeWindow({ workspaceId: 1, visible: true, range, revision: "r1", fetch, timeOf, onError }),
      { initialProps: { range: month(0) } },
    );
    return { ...hook, requests, month };
  }

  it("fetches no span twice, even paging back and forth faster than it grows", async () => {
    const { result, rerender, requests, month } = render();
    await waitFor(() => expect(result.current.fresh).toBe(true));
    const first = result.current.loaded?.items[0];
    // Paging on before the window has grown: the next month joins the one loaded.
    act(() => rerender({ range: month(1) }));
    await waitFor(() => expect(result.current.fresh).toBe(true));
    expect(requests[1]).toEqual({ from: month(1).start.getTime(), to: month(1).end.getTime() });
    act(() => rerender({ range: month(0) }));
    expect(result.current.fresh).toBe(true);
    act(() => rerender({ range: month(1) }));
    expect(result.current.fresh).toBe(true);
    // Then it grows either side, once idle; every request is a span not asked for before.
    await waitFor(() => expect(result.current.loaded?.from).toBeLessThan(month(0).start.getTime()));
    await waitFor(() => expect(result.current.loaded?.to).toBeGreaterThan(month(2).start.getTime()));
    const sorted = [...requests].sort((a, b) => a.from - b.from);
    sorted.slice(1).forEach((span, i) => expect(span.from).toBeGreaterThanOrEqual(sorted[i].to));
    // What was drawn first is still the same object.
    expect(result.current.loaded?.items).toContain(first);
  });
});
