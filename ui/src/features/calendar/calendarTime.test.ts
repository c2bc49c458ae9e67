import { describe, expect, it } from "vitest";
import {
  addDays,
  applyKeyMove,
  draftTimeForDay,
  instantOfWallTime,
  isAhead,
  keyMove,
  moveToDay,
  rangeTitle,
  shiftDays,
  shiftMinutes,
  toZonedRfc3339,
  undoPlan,
  wallDateAt,
} from "./calendarTime";

const at = (iso: string) => new Date(iso);

describe("where a drop puts a post", () => {
  it("a month-view drop changes the day and keeps the wall-clock time in half-hour zones", () => {
    // 09:00 in Kolkata (UTC+5:30) on Wed 9 Dec, dropped on Mon 14 Dec.
    const kolkata = moveToDay(at("2026-12-09T03:30:00Z"), { year: 2026, month: 12, day: 14 }, "Asia/Kolkata");
    expect(toZonedRfc3339(kolkata, "Asia/Kolkata")).toBe("2026-12-14T09:00:00+05:30");
    // 09:00 in St. John's (UTC−3:30).
    const stJohns = moveToDay(at("2026-12-09T12:30:00Z"), { year: 2026, month: 12, day: 1 }, "America/St_Johns");
    expect(toZonedRfc3339(stJohns, "America/St_Johns")).toBe("2026-12-01T09:00:00-03:30");
    expect(stJohns.toISOString()).toBe("2026-12-01T12:30:00.000Z");
  });

  it("keeps 09:00 across a daylight saving change, so the instant shifts by the change", () => {
    // St. John's goes from −3:30 to −2:30 on 11 March 2035.
    const before = at("2035-03-10T12:30:00Z");
    const after = moveToDay(before, { year: 2035, month: 3, day: 12 }, "America/St_Johns");
    expect(toZonedRfc3339(after, "America/St_Johns")).toBe("2035-03-12T09:00:00-02:30");
    expect(after.toISOString()).toBe("2035-03-12T11:30:00.000Z");
    // Berlin, 24 → 25 March 2035 (the change is that night), by one day with the keyboard.
    const sunday = shiftDays(at("2035-03-24T08:30:00Z"), 1, "Europe/Berlin");
    expect(toZonedRfc3339(sunday, "Europe/Berlin")).toBe("2035-03-25T09:30:00+02:00");
  });

  it("a time the clocks skip lands after the jump; a repeated one takes the first", () => {
    const gap = instantOfWallTime({ year: 2035, month: 3, day: 25, hour: 2, minute: 30 }, "Europe/Berlin");
    expect(toZonedRfc3339(gap, "Europe/Berlin")).toBe("2035-03-25T03:30:00+02:00");
    const overlap = instantOfWallTime({ year: 2035, month: 10, day: 28, hour: 2, minute: 30 }, "Europe/Berlin");
    expect(toZonedRfc3339(overlap, "Europe/Berlin")).toBe("2035-10-28T02:30:00+02:00");
  });

  it("minutes are elapsed time, days are calendar days", () => {
    expect(shiftMinutes(at("2026-12-09T03:30:00Z"), -15).toISOString()).toBe("2026-12-09T03:15:00.000Z");
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2028, month: 3, day: 1 }, -1)).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it("reads the day in the workspace's zone, not the machine's", () => {
    // 20:00 UTC on the 9th is already the 10th in Kolkata and still the 9th in St. John's.
    expect(wallDateAt(at("2026-12-09T20:00:00Z").getTime(), "Asia/Kolkata")).toEqual({ year: 2026, month: 12, day: 10 });
    expect(wallDateAt(at("2026-12-09T20:00:00Z").getTime(), "America/St_Johns")).toEqual({
      year: 2026,
      month: 12,
      day: 9,
    });
  });
});

describe("refusing the past", () => {
  const now = at("2026-12-09T02:30:00Z");

  it("only a time still ahead is allowed", () => {
    expect(isAhead(at("2026-12-09T02:31:00Z"), now)).toBe(true);
    expect(isAhead(now, now)).toBe(false);
    expect(isAhead(at("2026-12-08T03:30:00Z"), now)).toBe(false);
  });

  it("a draft dropped on a day goes out at 09:00, or at the next full hour today", () => {
    const zone = "Asia/Kolkata"; // now is 08:00 there
    expect(toZonedRfc3339(draftTimeForDay({ year: 2026, month: 12, day: 11 }, zone, now)!, zone)).toBe(
      "2026-12-11T09:00:00+05:30",
    );
    expect(toZonedRfc3339(draftTimeForDay({ year: 2026, month: 12, day: 9 }, zone, now)!, zone)).toBe(
      "2026-12-09T09:00:00+05:30",
    );
    // 10:10 in St. John's: 09:00 has passed, the next full hour at least 30 minutes ahead is 11:00.
    const stJohnsNow = at("2026-12-09T13:40:00Z");
    expect(
      toZonedRfc3339(draftTimeForDay({ year: 2026, month: 12, day: 9 }, "America/St_Johns", stJohnsNow)!, "America/St_Johns"),
    ).toBe("2026-12-09T11:00:00-03:30");
  });

  it("a day that is over, or today with no hour left, takes no draft", () => {
    const zone = "Asia/Kolkata";
    expect(draftTimeForDay({ year: 2026, month: 12, day: 8 }, zone, now)).toBeNull();
    const lateEvening = at("2026-12-09T18:10:00Z"); // 23:40 in Kolkata
    expect(draftTimeForDay({ year: 2026, month: 12, day: 9 }, zone, lateEvening)).toBeNull();
  });
});

describe("what is sent and shown", () => {
  it("sends the wall-clock time with the zone's offset", () => {
    expect(toZonedRfc3339(at("2026-12-09T03:30:00Z"), "Asia/Kolkata")).toBe("2026-12-09T09:00:00+05:30");
    expect(toZonedRfc3339(at("2026-07-09T11:30:00Z"), "America/St_Johns")).toBe("2026-07-09T09:00:00-02:30");
    expect(toZonedRfc3339(at("2026-12-09T09:00:00Z"), "UTC")).toBe("2026-12-09T09:00:00Z");
  });

  it("titles the visible period in the workspace's zone", () => {
    // Kolkata's December grid starts on Mon 30 Nov (18:30 UTC on the 29th).
    expect(rangeTitle("dayGridMonth", at("2026-11-30T18:30:00Z"), at("2026-12-31T18:30:00Z"), "Asia/Kolkata")).toMatch(
      /December 2026/,
    );
    const week = rangeTitle("timeGridWeek", at("2026-12-06T18:30:00Z"), at("2026-12-13T18:30:00Z"), "Asia/Kolkata");
    expect(week).toMatch(/7/);
    expect(week).toMatch(/13/);
    expect(rangeTitle("timeGridDay", at("2026-12-08T18:30:00Z"), at("2026-12-09T18:30:00Z"), "Asia/Kolkata")).toMatch(
      /Wednesday/,
    );
  });
});

describe("undo", () => {
  const now = at("2026-12-09T02:30:00Z");

  it("moves back while the old time is still ahead", () => {
    expect(undoPlan("2026-12-12T04:30:00.000Z", now)).toEqual({ kind: "undo", at: at("2026-12-12T04:30:00Z") });
  });

  it("cannot go back to a time that has passed, nor unschedule a draft", () => {
    expect(undoPlan("2026-12-09T02:00:00.000Z", now)).toEqual({ kind: "passed", at: at("2026-12-09T02:00:00Z") });
    expect(undoPlan(null, now)).toEqual({ kind: "none" });
  });
});

describe("keyboard moves", () => {
  const key = (k: string, extra: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
    key: k,
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...extra,
  });

  it("Alt+Left/Right is a day; Alt+Up/Down is 15 minutes in the time grids and a week elsewhere", () => {
    expect(keyMove(key("ArrowRight"), false)).toEqual({ kind: "days", days: 1 });
    expect(keyMove(key("ArrowLeft"), true)).toEqual({ kind: "days", days: -1 });
    expect(keyMove(key("ArrowDown"), true)).toEqual({ kind: "minutes", minutes: 15 });
    expect(keyMove(key("ArrowUp"), true)).toEqual({ kind: "minutes", minutes: -15 });
    expect(keyMove(key("ArrowDown"), false)).toEqual({ kind: "days", days: 7 });
  });

  it("ignores arrows without Alt or with other modifiers", () => {
    expect(keyMove(key("ArrowRight", { altKey: false }), false)).toBeNull();
    expect(keyMove(key("ArrowRight", { ctrlKey: true }), false)).toBeNull();
    expect(keyMove(key("ArrowRight", { shiftKey: true }), false)).toBeNull();
    expect(keyMove(key("Enter"), false)).toBeNull();
  });

  it("applies a move in the workspace's zone", () => {
    const from = at("2026-12-09T03:30:00Z");
    expect(toZonedRfc3339(applyKeyMove(from, { kind: "days", days: 7 }, "Asia/Kolkata"), "Asia/Kolkata")).toBe(
      "2026-12-16T09:00:00+05:30",
    );
    expect(toZonedRfc3339(applyKeyMove(from, { kind: "minutes", minutes: 15 }, "Asia/Kolkata"), "Asia/Kolkata")).toBe(
      "2026-12-09T09:15:00+05:30",
    );
  });
});
