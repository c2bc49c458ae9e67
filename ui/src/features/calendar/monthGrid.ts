// The month view's grid: which days it shows, which instants they cover, and what each day
// cell holds. Drawn by MonthGrid.tsx (our own grid, not FullCalendar's: its month view cost
// more than the 100 ms a month switch may take; week, day and list stay FullCalendar's).
import type { CalendarEntry, SlotOccurrence } from "../../lib/ipc/client";
import { addDays, instantOfWallTime, isoOf, type WallDate } from "./calendarTime";
import { capByDay, MONTH_POSTS_PER_DAY, type MoreOnDay } from "./dayCap";
import type { VisibleRange } from "./rangeWindow";

/** Weeks start on Monday, as FullCalendar's views do here (firstDay 1). */
export const FIRST_WEEKDAY = 1;

export { isoOf };

/** The calendar date of "2026-12-03". */
export function parseIsoDay(iso: string): WallDate {
  const [year, month, day] = iso.split("-").map(Number);
  return { year, month, day };
}

/** 0 for Sunday … 6 for Saturday: a calendar date's weekday, with no zone involved. */
function weekdayOf(date: WallDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The first day of the month `months` months after `date`'s. */
export function addMonths(date: WallDate, months: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: 1 };
}

/**
 * The weeks the month of `anchor` is drawn in: from the week holding its 1st to the week
 * holding its last day (four to six weeks, never padded to six), each Monday to Sunday.
 */
export function monthWeeks(anchor: WallDate, firstWeekday = FIRST_WEEKDAY): WallDate[][] {
  const first = { year: anchor.year, month: anchor.month, day: 1 };
  const last = addDays(addMonths(first, 1), -1);
  let day = addDays(first, -((weekdayOf(first) - firstWeekday + 7) % 7));
  const weeks: WallDate[][] = [];
  while (isoOf(day) <= isoOf(last)) {
    const week: WallDate[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The instants the grid covers in `zone`: from its first day's midnight to the day after its last. */
export function gridRange(weeks: readonly WallDate[][], zone: string): VisibleRange {
  const first = weeks[0][0];
  const after = addDays(weeks[weeks.length - 1][6], 1);
  return {
    start: instantOfWallTime({ ...first, hour: 0, minute: 0 }, zone),
    end: instantOfWallTime({ ...after, hour: 0, minute: 0 }, zone),
  };
}

/** What one day cell holds: its posts (at most the cap), the rest as "+N more", and open slots. */
export interface DayContents {
  posts: CalendarEntry[];
  more: MoreOnDay | null;
  slots: SlotOccurrence[];
}

/**
 * The grid's cells' contents, by day ("2026-12-03") in the workspace's zone. `dayOf` reads an
 * instant's day (calendarTime.dayReader, fast for entries in time order).
 */
export function dayContents(
  entries: readonly CalendarEntry[],
  slots: readonly SlotOccurrence[],
  dayOf: (instant: Date) => string,
  cap = MONTH_POSTS_PER_DAY,
): Map<string, DayContents> {
  const cells = new Map<string, DayContents>();
  const cell = (day: string) => {
    let found = cells.get(day);
    if (!found) {
      found = { posts: [], more: null, slots: [] };
      cells.set(day, found);
    }
    return found;
  };
  for (const [day, { shown, more }] of capByDay(entries, dayOf, cap)) {
    const c = cell(day);
    c.posts = shown;
    c.more = more;
  }
  for (const slot of slots) cell(dayOf(new Date(slot.at))).slots.push(slot);
  return cells;
}

/** The day cell's state against `today` (the day it is now in the workspace's zone). */
export function dayState(day: string, today: string): "past" | "today" | "future" {
  return day < today ? "past" : day === today ? "today" : "future";
}
