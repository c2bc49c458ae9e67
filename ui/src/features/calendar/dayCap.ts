import type { CalendarEntry } from "../../lib/ipc/client";

/**
 * In month view a day cell shows at most this many posts; a busier day shows one fewer and a
 * "+N more" link to its day view. The calendar is then handed a few events per day instead of
 * every post of a busy month (a 1,000-post month is mostly hidden anyway), which is part of
 * what keeps paging through months instant.
 */
export const MONTH_POSTS_PER_DAY = 4;

export interface MoreOnDay {
  /** The day in the workspace's zone, "2027-01-05". */
  day: string;
  /** How many of the day's posts are not drawn in the cell. */
  count: number;
  /** The first hidden post's instant: the link sorts after the posts shown. */
  at: string;
}

/**
 * Groups `entries` (in time order, as the backend sends them) by day and, per day with more
 * than `cap`, keeps the earliest `cap - 1` and counts the rest for the day's "+N more".
 */
export function capByDay(
  entries: readonly CalendarEntry[],
  dayOf: (instant: Date) => string,
  cap = MONTH_POSTS_PER_DAY,
): Map<string, { shown: CalendarEntry[]; more: MoreOnDay | null }> {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    if (entry.dueAt === null) continue;
    const day = dayOf(new Date(entry.dueAt));
    const list = byDay.get(day);
    if (list) list.push(entry);
    else byDay.set(day, [entry]);
  }
  const days = new Map<string, { shown: CalendarEntry[]; more: MoreOnDay | null }>();
  for (const [day, list] of byDay) {
    const sorted = [...list].sort((a, b) => Date.parse(a.dueAt ?? "") - Date.parse(b.dueAt ?? ""));
    if (sorted.length <= cap) {
      days.set(day, { shown: sorted, more: null });
      continue;
    }
    const firstHidden = sorted[cap - 1];
    days.set(day, {
      shown: sorted.slice(0, cap - 1),
      more: { day, count: sorted.length - (cap - 1), at: firstHidden.dueAt ?? "" },
    });
  }
  return days;
}
