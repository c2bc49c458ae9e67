import { describe, expect, it } from "vitest";
import { describeRepeat, repeatProblem, toRrule, untilValue, weekdayOf, type Repeat } from "./rrule";

const tuThu: Repeat = { interval: 1, days: ["TH", "TU"], end: { kind: "count", count: 10 } };

describe("the repeat builder", () => {
  it("writes weekly rules with the days in week order", () => {
    expect(toRrule(tuThu, "Europe/Berlin")).toBe("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10");
    expect(toRrule({ ...tuThu, interval: 2, days: ["SU", "MO"] }, "UTC")).toBe(
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=10",
    );
  });

  it("ends on the last minute of the chosen day in the workspace's zone, written in UTC", () => {
    // Berlin in winter is UTC+1: 23:59:59 local is 22:59:59 UTC.
    expect(untilValue("2027-01-31", "Europe/Berlin")).toBe("20270131T225959Z");
    // St. John's in summer is UTC−2:30: the end of 30 June is 1 July 02:29:59 UTC.
    expect(untilValue("2027-06-30", "America/St_Johns")).toBe("20270701T022959Z");
    expect(toRrule({ ...tuThu, end: { kind: "until", date: "2027-01-31" } }, "Europe/Berlin")).toBe(
      "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270131T225959Z",
    );
  });

  it("says what is missing before anything is sent", () => {
    expect(toRrule({ ...tuThu, days: [] }, "UTC")).toBeNull();
    expect(repeatProblem({ ...tuThu, days: [] }, "2027-01-05")).toBe("Choose at least one day of the week.");
    expect(repeatProblem({ ...tuThu, end: { kind: "count", count: 1 } }, "2027-01-05")).toMatch(/at least 2/);
    expect(repeatProblem({ ...tuThu, end: { kind: "count", count: 201 } }, "2027-01-05")).toMatch(/at most 200/);
    expect(repeatProblem({ ...tuThu, end: { kind: "until", date: "2027-01-01" } }, "2027-01-05")).toMatch(/before/);
    expect(repeatProblem(tuThu, "2027-01-05")).toBeNull();
  });

  it("describes the rule in words", () => {
    expect(describeRepeat(tuThu)).toBe("Every week on Tuesday and Thursday, 10 posts in all");
    expect(describeRepeat({ interval: 3, days: ["FR", "MO", "WE"], end: { kind: "until", date: "2027-03-01" } })).toBe(
      "Every 3 weeks on Monday, Wednesday and Friday, until 1 March 2027",
    );
  });

  it("knows the weekday of a calendar date", () => {
    expect(weekdayOf("2026-12-09")).toBe("WE");
    expect(weekdayOf("2027-03-14")).toBe("SU");
    expect(weekdayOf("nope")).toBeNull();
  });
});
