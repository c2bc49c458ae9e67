// Where a drag, a drop or a key press puts a post, in the workspace's zone. FullCalendar draws
// the grid in that zone (its timeZone option), but the rules for what a move means live here:
// a day change keeps the wall-clock time, a draft dropped on a day gets a sensible hour, and
// nothing moves into the past.
import { formatOffset } from "../../lib/time";
import {
  defaultScheduleInputs,
  offsetAt,
  parseWallTime,
  resolveWallTime,
  toRfc3339,
  wallTimeAt,
  type WallTime,
} from "../../lib/zonedTime";

const MINUTE = 60_000;

/** A calendar day as read in a zone. */
export interface WallDate {
  year: number;
  month: number;
  day: number;
}

/** The hour a draft dropped on a whole day (month view) is scheduled at. */
export const DRAFT_DAY_HOUR = 9;

/** One Alt+Up/Down step in the week and day views. */
export const KEY_STEP_MINUTES = 15;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** The day `ms` falls on in `zone`. */
export function wallDateAt(ms: number, zone: string): WallDate {
  const { year, month, day } = wallTimeAt(ms, zone);
  return { year, month, day };
}

/** `date` moved by whole days on the calendar (no zone involved). */
export function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function sameDay(a: WallDate, b: WallDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/**
 * The instant of a wall-clock time in `zone`. A time the clocks skip (spring forward) lands
 * just after the jump, the way a wall clock would read it; a time that happens twice takes
 * the first.
 */
export function instantOfWallTime(wall: WallTime, zone: string): Date {
  const resolved = resolveWallTime(wall, zone);
  if (resolved.kind === "ok") return resolved.instant;
  // In a gap: read the wall time with the offset from before the jump, which puts it the
  // length of the gap later on the new clock (02:30 in a 02:00->03:00 gap is 03:30).
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetAt(local - 24 * 60 * MINUTE, zone);
  return new Date(local - before);
}

/** `instant` moved to `day`, keeping its wall-clock time of day in `zone` (a month-view drop). */
export function moveToDay(instant: Date, day: WallDate, zone: string): Date {
  const { hour, minute } = wallTimeAt(instant.getTime(), zone);
  return instantOfWallTime({ ...day, hour, minute }, zone);
}

/** `instant` moved by whole days, same wall-clock time in `zone` (across DST too). */
export function shiftDays(instant: Date, days: number, zone: string): Date {
  return moveToDay(instant, addDays(wallDateAt(instant.getTime(), zone), days), zone);
}

/** `instant` moved by elapsed minutes. */
export function shiftMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE);
}

/** A post may only move to a time still ahead; the backend allows a minute of slack, the UI none. */
export function isAhead(instant: Date, now: Date): boolean {
  return instant.getTime() > now.getTime();
}

/**
 * When a draft dropped on a whole day goes out: 09:00 that day, or on today once 09:00 has
 * passed the next full hour at least 30 minutes ahead. Null when nothing of that day is left.
 */
export function draftTimeForDay(day: WallDate, zone: string, now: Date): Date | null {
  const nine = instantOfWallTime({ ...day, hour: DRAFT_DAY_HOUR, minute: 0 }, zone);
  if (isAhead(nine, now)) return nine;
  if (!sameDay(day, wallDateAt(now.getTime(), zone))) return null;
  const next = defaultScheduleInputs(now, zone);
  const wall = parseWallTime(next.date, next.time);
  if (!wall || !sameDay(wall, day)) return null;
  return instantOfWallTime(wall, zone);
}

/**
 * What the backend is sent: the wall-clock reading in `zone` with its offset, e.g.
 * "2026-12-03T09:00:00+05:30", so the request itself says what the user saw.
 */
export function toZonedRfc3339(instant: Date, zone: string): string {
  const ms = Math.floor(instant.getTime() / MINUTE) * MINUTE;
  const wall = wallTimeAt(ms, zone);
  return toRfc3339(wall, Math.round(offsetAt(ms, zone) / MINUTE));
}

/** The `[from, to)` a calendar_range call asks for, as UTC RFC 3339. */
export function rangeArgs(start: Date, end: Date): { from: string; to: string } {
  return { from: start.toISOString(), to: end.toISOString() };
}

const describeFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Wed 3 Dec, 09:00" (in the user's locale) for labels, toasts and announcements. */
export function describeInstant(instant: Date, zone: string): string {
  let f = describeFormatters.get(zone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    };
    try {
      f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" });
    }
    describeFormatters.set(zone, f);
  }
  return f.format(instant);
}

const dayFormatter = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});

/** "Tuesday, 5 January" for a day "2027-01-05" (a calendar day: no zone to convert). */
export function describeDay(isoDate: string): string {
  return dayFormatter.format(new Date(`${isoDate}T12:00:00Z`));
}

/** "2026-12-03", a calendar day as data attributes and keys name it. */
export function isoOf(date: WallDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** "2026-12-03", the day in `zone`, for data attributes and keys. */
export function isoDay(instant: Date, zone: string): string {
  return isoOf(wallDateAt(instant.getTime(), zone));
}

/**
 * `isoDay` for many instants in one zone, fast when they come in time order: the day's
 * bounds are worked out once per day, not once per instant (a busy month has thousands).
 */
export function dayReader(zone: string): (instant: Date) => string {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let day = "";
  return (instant) => {
    const t = instant.getTime();
    if (t >= from && t < to) return day;
    const date = wallDateAt(t, zone);
    day = isoOf(date);
    from = instantOfWallTime({ ...date, hour: 0, minute: 0 }, zone).getTime();
    to = instantOfWallTime({ ...addDays(date, 1), hour: 0, minute: 0 }, zone).getTime();
    return day;
  };
}

const titleFormatters = new Map<string, Intl.DateTimeFormat>();

function titleFormatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = titleFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    titleFormatters.set(key, f);
  }
  return f;
}

/**
 * The heading over the calendar for the view's current period `[start, end)`, read in `zone`:
 * "December 2026", "7 – 13 Dec 2026" (a week), "Wednesday, 9 December 2026" (a day).
 */
export function rangeTitle(viewType: string, start: Date, end: Date, zone: string): string {
  const last = new Date(end.getTime() - 1);
  if (viewType.endsWith("Day")) {
    return titleFormatter(zone, { weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(start);
  }
  if (viewType.endsWith("Week")) {
    return titleFormatter(zone, { day: "numeric", month: "short", year: "numeric" }).formatRange(start, last);
  }
  // A month view's period can start at the previous month's last days; its middle cannot.
  const middle = new Date((start.getTime() + end.getTime()) / 2);
  return titleFormatter(zone, { month: "long", year: "numeric" }).format(middle);
}

/** "UTC+5:30" beside the title, so a calendar in another zone never misleads. */
export function zoneLabel(zone: string, at: Date): string {
  return `${zone} (${formatOffset(zone, at)})`;
}

export type UndoPlan =
  | { kind: "undo"; at: Date }
  /** A draft has no earlier time to go back to (the backend has no "unschedule"). */
  | { kind: "none" }
  | { kind: "passed"; at: Date };

/** Whether a move can still be undone: only while the time it came from is still ahead. */
export function undoPlan(previousDueAt: string | null, now: Date): UndoPlan {
  if (previousDueAt === null) return { kind: "none" };
  const at = new Date(previousDueAt);
  return isAhead(at, now) ? { kind: "undo", at } : { kind: "passed", at };
}

/** The keys a focused post moves with (its aria-keyshortcuts). */
export const MOVE_KEYS = "Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown";

export type KeyMove = { kind: "days"; days: number } | { kind: "minutes"; minutes: number };

/**
 * The move a key press asks for on a focused post, or null: Alt+Left/Right one day, Alt+Up/Down
 * a quarter of an hour in the time grids, or a week in the month and list views.
 */
export function keyMove(
  event: { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean },
  timeGrid: boolean,
): KeyMove | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  switch (event.key) {
    case "ArrowLeft":
      return { kind: "days", days: -1 };
    case "ArrowRight":
      return { kind: "days", days: 1 };
    case "ArrowUp":
      return timeGrid ? { kind: "minutes", minutes: -KEY_STEP_MINUTES } : { kind: "days", days: -7 };
    case "ArrowDown":
      return timeGrid ? { kind: "minutes", minutes: KEY_STEP_MINUTES } : { kind: "days", days: 7 };
    default:
      return null;
  }
}

/** Where a key move puts a post now at `from`. */
export function applyKeyMove(from: Date, move: KeyMove, zone: string): Date {
  return move.kind === "days" ? shiftDays(from, move.days, zone) : shiftMinutes(from, move.minutes);
}
