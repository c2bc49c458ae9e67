import { describe, expect, it } from "vitest";
import type { CalendarEntry } from "../../lib/ipc/client";
import { dayReader, isoDay } from "./calendarTime";
import { MONTH_POSTS_PER_DAY, capByDay } from "./dayCap";
import { covers, nearEdge, windowAround, within } from "./rangeWindow";

function entry(postId: number, dueAt: string | null): CalendarEntry {
  return {
    postId,
    dueAt,
    timezone: "Europe/Berlin",
    text: `post ${postId}`,
    status: "scheduled",
    movable: true,
    threadParts: 0,
    imageCount: 0,
    targets: [],
  } as unknown as CalendarEntry;
}

describe("month cells show a few posts and '+N more'", () => {
  const day = dayReader("Europe/Berlin");

  it("keeps a day with up to the cap whole", () => {
    const list = Array.from({ length: MONTH_POSTS_PER_DAY }, (_, i) => entry(i, `2027-01-05T0${i}:00:00Z`));
    expect(capByDay(list, day)).toEqual(new Map([["2027-01-05", { shown: list, more: null }]]));
  });

  it("shows the earliest of a busier day and counts the rest, per day in the workspace's zone", () => {
    // 23:30Z on the 5th is 00:30 on the 6th in Berlin: it belongs to the 6th.
    const busy = [1, 2, 3, 4, 5, 6].map((i) => entry(i, `2027-01-05T1${i}:00:00Z`));
    const late = entry(7, "2027-01-05T23:30:00Z");
    const days = capByDay([late, ...busy], day);
    expect([...days.keys()]).toEqual(["2027-01-06", "2027-01-05"]);
    expect(days.get("2027-01-05")?.shown.map((e) => e.postId)).toEqual([1, 2, 3]);
    expect(days.get("2027-01-05")?.more).toEqual({ day: "2027-01-05", count: 3, at: "2027-01-05T14:00:00Z" });
    expect(days.get("2027-01-06")).toEqual({ shown: [late], more: null });
  });

  it("reads the same days as isoDay across a daylight-saving change", () => {
    const instants = ["2027-03-27T22:59:00Z", "2027-03-27T23:00:00Z", "2027-03-28T00:59:00Z", "2027-03-28T01:00:00Z", "2027-03-28T21:59:00Z", "2027-03-28T22:00:00Z"];
    const read = dayReader("Europe/Berlin");
    expect(instants.map((t) => read(new Date(t)))).toEqual(instants.map((t) => isoDay(new Date(t), "Europe/Berlin")));
    // Out of order too.
    expect(read(new Date("2027-03-27T12:00:00Z"))).toBe("2027-03-27");
  });
});

describe("the range window", () => {
  const march = { start: new Date("2035-02-25T23:00:00Z"), end: new Date("2035-04-01T22:00:00Z") };
  const april = { start: new Date("2035-03-25T22:00:00Z"), end: new Date("2035-05-06T22:00:00Z") };
  const february = { start: new Date("2035-01-28T23:00:00Z"), end: new Date("2035-03-04T23:00:00Z") };

  it("holds the pages either side, even a six-week one after a five-week one", () => {
    const around = windowAround(march);
    expect(covers(around, march)).toBe(true);
    expect(covers(around, april)).toBe(true);
    expect(covers(around, february)).toBe(true);
    expect(nearEdge(around, march)).toBe(false);
    expect(nearEdge(around, april)).toBe(true);
  });

  it("picks the items of the range, [from, to), and never one without a time", () => {
    const items = [entry(1, "2035-02-25T22:59:59Z"), entry(2, "2035-02-25T23:00:00Z"), entry(3, "2035-04-01T22:00:00Z"), entry(4, null)];
    expect(within(items, (e) => e.dueAt, march).map((e) => e.postId)).toEqual([2]);
  });
});
