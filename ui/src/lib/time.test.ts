import { describe, expect, it, vi } from "vitest";
import {
  defaultTimeZone,
  formatClock,
  formatDateTime,
  formatOffset,
  formatRelative,
  msUntilNextMinute,
} from "./time";

describe("time formatting", () => {
  const instant = "2025-03-14T09:05:00Z";

  it("formats an instant in the workspace's zone, not the machine's", () => {
    // Punctuation varies between ICU versions; the wall-clock values must not.
    expect(formatDateTime(instant, "Europe/Berlin", "en-GB")).toMatch(/^Fri,? 14 Mar 2025,? 10:05$/);
    expect(formatDateTime(instant, "Asia/Tokyo", "en-GB")).toMatch(/^Fri,? 14 Mar 2025,? 18:05$/);
    expect(formatDateTime(instant, "America/New_York", "en-GB")).toMatch(/^Fri,? 14 Mar 2025,? 05:05$/);
    expect(formatDateTime("2025-03-14T23:30:00Z", "Asia/Tokyo", "en-GB")).toMatch(/^Sat,? 15 Mar 2025,? 08:30$/);
  });

  it("follows daylight saving time", () => {
    expect(formatClock(new Date("2025-01-15T12:00:00Z"), "Europe/Berlin", "en-GB")).toBe("13:00");
    expect(formatClock(new Date("2025-07-15T12:00:00Z"), "Europe/Berlin", "en-GB")).toBe("14:00");
    expect(formatOffset("Europe/Berlin", new Date("2025-01-15T12:00:00Z"))).toBe("UTC+1");
    expect(formatOffset("Europe/Berlin", new Date("2025-07-15T12:00:00Z"))).toBe("UTC+2");
    expect(formatOffset("America/St_Johns", new Date("2025-01-15T12:00:00Z"))).toBe("UTC−3:30");
    expect(formatOffset("UTC", new Date("2025-01-15T12:00:00Z"))).toBe("UTC");
  });

  it("falls back instead of throwing on bad input", () => {
    expect(formatDateTime("not a date", "Europe/Berlin", "en-GB")).toBe("not a date");
    expect(formatClock(new Date("2025-01-15T12:00:00Z"), "Mars/Olympus_Mons", "en-GB")).toBe("12:00");
  });

  it("describes an instant relative to now", () => {
    const now = new Date("2025-03-14T09:00:00Z");
    expect(formatRelative("2025-03-14T12:00:00Z", now, "en")).toBe("in 3 hours");
    expect(formatRelative("2025-03-15T09:00:00Z", now, "en")).toBe("tomorrow");
    expect(formatRelative("2025-03-14T09:00:20Z", now, "en")).toBe("this minute");
  });

  it("waits until the next wall-clock minute", () => {
    expect(msUntilNextMinute(new Date("2025-03-14T09:00:45.500Z"))).toBe(14_500);
    expect(msUntilNextMinute(new Date("2025-03-14T09:00:00Z"))).toBe(60_000);
  });

  it("defaults to the machine's zone only if the backend accepts it", () => {
    vi.spyOn(Intl.DateTimeFormat.prototype, "resolvedOptions").mockReturnValue({
      timeZone: "Europe/Berlin",
    } as Intl.ResolvedDateTimeFormatOptions);
    expect(defaultTimeZone(["Europe/Berlin", "UTC"])).toBe("Europe/Berlin");
    expect(defaultTimeZone(["UTC"])).toBe("UTC");
  });
});
