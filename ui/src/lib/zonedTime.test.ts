import { describe, expect, it } from "vitest";
import {
  defaultScheduleInputs,
  offsetAt,
  parseWallTime,
  resolveWallTime,
  rfc3339Offset,
  toDateAndTimeInputs,
  toRfc3339,
} from "./zonedTime";

function resolve(date: string, time: string, zone: string) {
  const wall = parseWallTime(date, time);
  if (!wall) throw new Error("bad wall time");
  return { wall, result: resolveWallTime(wall, zone) };
}

function instantOf(date: string, time: string, zone: string): string {
  const { result } = resolve(date, time, zone);
  if (result.kind !== "ok") throw new Error(`${date} ${time} is in a gap`);
  return result.instant.toISOString();
}

describe("zoned wall time", () => {
  it("reads offsets, including half-hour zones", () => {
    expect(offsetAt(Date.parse("2035-01-15T12:00:00Z"), "Europe/Berlin")).toBe(3_600_000);
    expect(offsetAt(Date.parse("2035-07-15T12:00:00Z"), "Europe/Berlin")).toBe(7_200_000);
    expect(offsetAt(Date.parse("2035-01-15T12:00:00Z"), "America/St_Johns")).toBe(-3.5 * 3_600_000);
    expect(offsetAt(Date.parse("2035-07-15T12:00:00Z"), "America/St_Johns")).toBe(-2.5 * 3_600_000);
  });

  it("converts Berlin local time on both sides of the spring change", () => {
    // Clocks go 02:00 -> 03:00 on Sunday 25 March 2035.
    expect(instantOf("2035-03-24", "09:30", "Europe/Berlin")).toBe("2035-03-24T08:30:00.000Z");
    expect(instantOf("2035-03-25", "01:59", "Europe/Berlin")).toBe("2035-03-25T00:59:00.000Z");
    expect(instantOf("2035-03-25", "03:00", "Europe/Berlin")).toBe("2035-03-25T01:00:00.000Z");
    expect(instantOf("2035-03-26", "09:30", "Europe/Berlin")).toBe("2035-03-26T07:30:00.000Z");
  });

  it("converts St. John's half-hour offsets across its spring change", () => {
    // NST (UTC−3:30) until Sunday 11 March 2035 02:00, then NDT (UTC−2:30).
    expect(instantOf("2035-03-10", "09:00", "America/St_Johns")).toBe("2035-03-10T12:30:00.000Z");
    expect(instantOf("2035-03-12", "09:00", "America/St_Johns")).toBe("2035-03-12T11:30:00.000Z");
  });

  it("refuses a time in the spring gap and says where the clocks jump", () => {
    expect(resolve("2035-03-25", "02:30", "Europe/Berlin").result).toEqual({
      kind: "gap",
      from: "02:00",
      to: "03:00",
    });
    expect(resolve("2035-03-25", "02:00", "Europe/Berlin").result.kind).toBe("gap");
    expect(resolve("2035-03-11", "02:15", "America/St_Johns").result).toEqual({
      kind: "gap",
      from: "02:00",
      to: "03:00",
    });
  });

  it("resolves an autumn overlap to the first occurrence and reports the second", () => {
    // Berlin: 03:00 CEST -> 02:00 CET on 28 October 2035, so 02:30 happens twice.
    const { wall, result } = resolve("2035-10-28", "02:30", "Europe/Berlin");
    expect(result).toMatchObject({ kind: "ok", offsetMinutes: 120 });
    if (result.kind !== "ok") return;
    expect(result.instant.toISOString()).toBe("2035-10-28T00:30:00.000Z");
    expect(result.laterInstant?.toISOString()).toBe("2035-10-28T01:30:00.000Z");
    expect(toRfc3339(wall, result.offsetMinutes)).toBe("2035-10-28T02:30:00+02:00");
  });

  it("writes RFC 3339 with the offset in force", () => {
    const { wall, result } = resolve("2035-03-10", "09:00", "America/St_Johns");
    if (result.kind !== "ok") throw new Error("gap");
    expect(result.laterInstant).toBeNull();
    expect(toRfc3339(wall, result.offsetMinutes)).toBe("2035-03-10T09:00:00-03:30");
    expect(rfc3339Offset(0)).toBe("Z");
    expect(rfc3339Offset(330)).toBe("+05:30");
  });

  it("rejects incomplete or impossible inputs", () => {
    expect(parseWallTime("2035-02-30", "10:00")).toBeNull();
    expect(parseWallTime("2035-02-10", "24:00")).toBeNull();
    expect(parseWallTime("", "10:00")).toBeNull();
    expect(parseWallTime("2035-02-10", "")).toBeNull();
    expect(parseWallTime("2035-02-10", "10:00")).toEqual({ year: 2035, month: 2, day: 10, hour: 10, minute: 0 });
  });

  it("prefills inputs in the zone's wall clock", () => {
    expect(toDateAndTimeInputs(Date.parse("2035-03-24T23:30:00Z"), "Europe/Berlin")).toEqual({
      date: "2035-03-25",
      time: "00:30",
    });
    // 10:40 in St. John's (13:10Z) -> next full local hour at least 30 min away: 12:00.
    expect(defaultScheduleInputs(new Date("2035-01-15T14:10:00Z"), "America/St_Johns")).toEqual({
      date: "2035-01-15",
      time: "12:00",
    });
  });
});
