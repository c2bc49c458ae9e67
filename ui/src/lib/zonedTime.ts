// Wall-clock time in an IANA zone <-> instants. The user schedules in the
// workspace's zone ("09:30 in Europe/Berlin"), whatever zone this computer is
// in; the backend wants an RFC 3339 instant. Daylight saving time makes the
// mapping irregular: in spring one local hour does not exist (a "gap"), in
// autumn one local hour happens twice (an "overlap").

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let cached = partFormatters.get(timeZone);
  if (!cached) {
    cached = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormatters.set(timeZone, cached);
  }
  return cached;
}

/** True when this engine knows the zone (the backend's list can be newer). */
export function isKnownZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock reading in `timeZone` at `ms` (UTC epoch milliseconds). */
export function wallTimeAt(ms: number, timeZone: string): WallTime & { second: number } {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year,
    month: values.month,
    day: values.day,
    // Some engines still say "24" at midnight despite h23.
    hour: values.hour % 24,
    minute: values.minute,
    second: values.second,
  };
}

/** The zone's offset from UTC at `ms`, in milliseconds (Berlin in winter: +3 600 000). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallTimeAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** "2035-03-25" + "02:30" -> numbers; null when either is not a complete value. */
export function parseWallTime(date: string, time: string): WallTime | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(time.trim());
  if (!d || !t) return null;
  const wall = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
  };
  // Reject 2035-02-30 and 25:00 rather than letting Date roll them over.
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute));
  if (
    probe.getUTCFullYear() !== wall.year ||
    probe.getUTCMonth() !== wall.month - 1 ||
    probe.getUTCDate() !== wall.day ||
    probe.getUTCHours() !== wall.hour ||
    probe.getUTCMinutes() !== wall.minute
  ) {
    return null;
  }
  return wall;
}

export type ZonedResolution =
  | {
      kind: "ok";
      instant: Date;
      /** The zone's offset at that instant, in minutes east of UTC. */
      offsetMinutes: number;
      /**
       * Set when the wall time happens twice (clocks go back); `instant` is the
       * first occurrence and this is the second.
       */
      laterInstant: Date | null;
    }
  | {
      kind: "gap";
      /** Wall-clock "HH:MM" where the clocks jump from and to, e.g. 02:00 -> 03:00. */
      from: string;
      to: string;
    };

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/** The first instant in (lo, hi] whose offset differs from the offset at lo. */
function findTransition(lo: number, hi: number, timeZone: string): number {
  const before = offsetAt(lo, timeZone);
  let a = lo;
  let b = hi;
  while (b - a > MINUTE) {
    const mid = a + Math.floor((b - a) / 2 / MINUTE) * MINUTE;
    if (offsetAt(mid, timeZone) === before) a = mid;
    else b = mid;
  }
  return b;
}

/**
 * Resolves a wall-clock time in `timeZone` to an instant. A time in a DST
 * gap does not exist and is refused; a time in an overlap resolves to its
 * first occurrence, like most calendars do.
 */
export function resolveWallTime(wall: WallTime, timeZone: string): ZonedResolution {
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // Offsets in force around this wall time; transitions are days apart, so
  // a day either side covers every offset that could apply.
  const offsets = new Set([
    offsetAt(local - DAY, timeZone),
    offsetAt(local, timeZone),
    offsetAt(local + DAY, timeZone),
  ]);
  const candidates: { instant: number; offset: number }[] = [];
  for (const offset of offsets) {
    const instant = local - offset;
    if (offsetAt(instant, timeZone) === offset) candidates.push({ instant, offset });
  }
  candidates.sort((x, y) => x.instant - y.instant);

  if (candidates.length === 0) {
    // Skipped hour: find the moment the offset changes near this wall time.
    const transition = findTransition(local - DAY - 14 * 3_600_000, local + DAY, timeZone);
    const before = offsetAt(transition - MINUTE, timeZone);
    const after = offsetAt(transition, timeZone);
    // Local readings just before and at the jump, e.g. 02:00 and 03:00.
    const utcClock = (ms: number) => {
      const d = new Date(ms);
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    };
    return { kind: "gap", from: utcClock(transition + before), to: utcClock(transition + after) };
  }
  const first = candidates[0];
  const later = candidates.length > 1 ? candidates[candidates.length - 1] : null;
  return {
    kind: "ok",
    instant: new Date(first.instant),
    offsetMinutes: Math.round(first.offset / MINUTE),
    laterInstant: later && later.instant !== first.instant ? new Date(later.instant) : null,
  };
}

/** "+02:00", "-03:30", "Z" for zero. */
export function rfc3339Offset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "Z";
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The RFC 3339 form of `wall` in its zone, e.g. "2035-03-26T09:30:00+02:00":
 * the local reading with the offset in force, so it names one instant.
 */
export function toRfc3339(wall: WallTime, offsetMinutes: number): string {
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}` +
    `T${pad(wall.hour)}:${pad(wall.minute)}:00${rfc3339Offset(offsetMinutes)}`
  );
}

/** "2035-03-25" and "09:30" for an instant, as read in `timeZone` (for date/time inputs). */
export function toDateAndTimeInputs(ms: number, timeZone: string): { date: string; time: string } {
  const w = wallTimeAt(ms, timeZone);
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    time: `${pad(w.hour)}:${pad(w.minute)}`,
  };
}

/** The next full hour at least 30 minutes after `now`, as inputs in `timeZone`. */
export function defaultScheduleInputs(now: Date, timeZone: string): { date: string; time: string } {
  const hour = 3_600_000;
  // Round in the zone's own wall clock: St. John's is on a half-hour offset.
  const offset = offsetAt(now.getTime(), timeZone);
  const localMs = now.getTime() + offset + 30 * MINUTE;
  const nextLocal = Math.ceil(localMs / hour) * hour;
  return toDateAndTimeInputs(nextLocal - offset, timeZone);
}
