// "Repeat…": a friendly weekly rule, written as the RFC 5545 RRULE the backend expands in the
// workspace's local time from the first post's time.
import { resolveWallTime, wallTimeAt } from "../../lib/zonedTime";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_NAMES: Record<Weekday, string> = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
};

export function weekdayName(day: Weekday): string {
  return DAY_NAMES[day];
}

/** The backend's limit on posts made from one rule. */
export const MAX_OCCURRENCES = 200;

export interface Repeat {
  /** Every `interval` weeks. */
  interval: number;
  days: Weekday[];
  end: { kind: "count"; count: number } | { kind: "until"; date: string };
}

/** The weekday of a "YYYY-MM-DD" date (a calendar date, no zone involved). */
export function weekdayOf(date: string): Weekday | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return WEEKDAYS[(d.getUTCDay() + 6) % 7];
}

function sortDays(days: Weekday[]): Weekday[] {
  return WEEKDAYS.filter((d) => days.includes(d));
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The end of `date` (23:59:59 on the workspace's clock) as RRULE's UTC UNTIL,
 * "20270131T225959Z"; null when the date is not a date.
 */
export function untilValue(date: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const wall = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 23, minute: 59 };
  const resolved = resolveWallTime(wall, zone);
  // 23:59 never falls in a DST gap in practice; fall back to UTC if a zone ever does it.
  const ms = resolved.kind === "ok" ? resolved.instant.getTime() + 59_000 : Date.UTC(wall.year, wall.month - 1, wall.day, 23, 59, 59);
  const w = wallTimeAt(ms, "UTC");
  return `${w.year}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}Z`;
}

/** Why the rule cannot be sent as it is, or null. */
export function repeatProblem(repeat: Repeat, firstDate: string): string | null {
  if (repeat.days.length === 0) return "Choose at least one day of the week.";
  if (!Number.isInteger(repeat.interval) || repeat.interval < 1 || repeat.interval > 52) {
    return "Repeat every 1 to 52 weeks.";
  }
  if (repeat.end.kind === "count") {
    const n = repeat.end.count;
    if (!Number.isInteger(n) || n < 2) return "Repeat at least 2 times (the first post counts).";
    if (n > MAX_OCCURRENCES) return `Chorus makes at most ${MAX_OCCURRENCES} posts from one rule.`;
  } else {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(repeat.end.date)) return "Choose the last day to repeat on.";
    if (firstDate && repeat.end.date < firstDate) return "The last day comes before the first post.";
  }
  return null;
}

/** The RRULE, e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10 (null while the rule is incomplete). */
export function toRrule(repeat: Repeat, zone: string): string | null {
  if (repeat.days.length === 0) return null;
  const parts = ["FREQ=WEEKLY"];
  if (repeat.interval > 1) parts.push(`INTERVAL=${repeat.interval}`);
  parts.push(`BYDAY=${sortDays(repeat.days).join(",")}`);
  if (repeat.end.kind === "count") parts.push(`COUNT=${repeat.end.count}`);
  else {
    const until = untilValue(repeat.end.date, zone);
    if (!until) return null;
    parts.push(`UNTIL=${until}`);
  }
  return parts.join(";");
}

function list(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const untilFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Every week on Tuesday and Thursday, 10 posts in all". */
export function describeRepeat(repeat: Repeat): string {
  const every = repeat.interval === 1 ? "Every week" : `Every ${repeat.interval} weeks`;
  const days = list(sortDays(repeat.days).map(weekdayName));
  let end: string;
  if (repeat.end.kind === "count") end = `${repeat.end.count} posts in all`;
  else {
    const [y, m, d] = repeat.end.date.split("-").map(Number);
    end = Number.isNaN(y) ? "until …" : `until ${untilFormat.format(new Date(Date.UTC(y, m - 1, d)))}`;
  }
  return `${every} on ${days || "…"}, ${end}`;
}
