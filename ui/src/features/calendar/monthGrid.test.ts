import { describe, expect, it } from "vitest";
import type { CalendarEntry, SlotOccurrence } from "../../lib/ipc/client";
import { dayReader } from "./calendarTime";
import { addMonths, dayContents, dayState, gridRange, isoOf, monthWeeks } from "./monthGrid";

function entry(postId: number, dueAt: string): CalendarEntry {
  return { postId, dueAt, text: `post ${postId}`, status: "scheduled", movable: true, threadParts: 0, imageCount: 0, targets: [] } as unknown as CalendarEntry;
}

function slot(channelId: number, at: string): SlotOccurrence {
  return { channelId, at, taken: false } as SlotOccurrence;
}

describe("the month grid", () => {
  it("runs Monday to Sunday from the week of the 1st to the week of the last day, never padded", () => {
    // December 2026 starts on a Tuesday and ends on a Thursday: five weeks, 30 Nov – 3 Jan.
    const december = monthWeeks({ year: 2026, month: 12, day: 17 });
    expect(december).toHaveLength(5);
    expect(isoOf(december[0][0])).toBe("2026-11-30");
    expect(isoOf(december[4][6])).toBe("2027-01-03");
    // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
    const february = monthWeeks({ year: 2027, month: 2, day: 1 });
    expect(february.map((w) => isoOf(w[0]))).toEqual(["2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22"]);
    // May 2027 starts on a Saturday and ends on a Monday: six weeks.
    expect(monthWeeks({ year: 2027, month: 5, day: 9 })).toHaveLength(6);
    // A leap February.
    expect(isoOf(monthWeeks({ year: 2028, month: 2, day: 1 }).at(-1)![6])).toBe("2028-03-05");
  });

  it("covers its days' midnights in the workspace's zone, across a daylight-saving change", () => {
    const march = monthWeeks({ year: 2027, month: 3, day: 1 });
    // Berlin: 1 March is UTC+1, 4 April (after the 28 March change) UTC+2.
    expect(gridRange(march, "Europe/Berlin")).toEqual({
      start: new Date("2027-02-28T23:00:00Z"),
      end: new Date("2027-04-04T22:00:00Z"),
    });
    // The same grid as the calendar asks for it in Kolkata and St. John's.
    const december = monthWeeks({ year: 2026, month: 12, day: 1 });
    expect(gridRange(december, "Asia/Kolkata").start.toISOString()).toBe("2026-11-29T18:30:00.000Z");
    expect(gridRange(december, "America/St_Johns").end.toISOString()).toBe("2027-01-04T03:30:00.000Z");
  });

  it("steps by whole months from any day, across a year's end", () => {
    expect(addMonths({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addMonths({ year: 2027, month: 1, day: 31 }, -1)).toEqual({ year: 2026, month: 12, day: 1 });
  });

  it("fills each day with its posts in time order, '+N more' past the cap, and its open slots", () => {
    const read = dayReader("Asia/Kolkata");
    const busy = [9, 10, 11, 12, 13].map((h, i) => entry(i + 1, `2026-12-10T${String(h - 5).padStart(2, "0")}:00:00Z`));
    // 20:00Z on the 10th is 01:30 on the 11th in Kolkata.
    const late = entry(9, "2026-12-10T20:00:00Z");
    const cells = dayContents([...busy, late], [slot(3, "2026-12-11T04:30:00Z")], read);
    expect(cells.get("2026-12-10")?.posts.map((e) => e.postId)).toEqual([1, 2, 3]);
    expect(cells.get("2026-12-10")?.more).toEqual({ day: "2026-12-10", count: 2, at: busy[3].dueAt });
    expect(cells.get("2026-12-11")?.posts.map((e) => e.postId)).toEqual([9]);
    expect(cells.get("2026-12-11")?.slots.map((s) => s.channelId)).toEqual([3]);
    expect(cells.get("2026-12-12")).toBeUndefined();
  });

  it("marks days before today as past", () => {
    expect(["2026-12-01", "2026-12-02", "2026-12-03"].map((d) => dayState(d, "2026-12-02"))).toEqual(["past", "today", "future"]);
  });
});
