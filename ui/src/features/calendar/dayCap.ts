import type { EventInput } from "@fullcalendar/react";
import type { CalendarEntry } from "../../lib/ipc/client";

/**
 * In month view a day cell shows at most this many posts; a busier day shows one fewer and a
 * "+N more" link to its day view. The calendar is then handed a few events per day instead of
 * every post of a busy month (a 1,000-post month is mostly hidden anyway), which is what keeps
 * paging through months instant.
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

export interface MoreProps {
  more: MoreOnDay;
}

/**
 * Splits `entries` (in time order, as the backend sends them) into those drawn in month cells
 * and, per day with more than `cap`, how many are left for the day's "+N more".
 */
export function capPerDay(
  entries: readonly CalendarEntry[],
  dayOf: (instant: Date) => string,
  cap = MONTH_POSTS_PER_DAY,
): { drawn: CalendarEntry[]; more: MoreOnDay[] } {
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of entries) {
    if (entry.dueAt === null) continue;
    const day = dayOf(new Date(entry.dueAt));
    const list = byDay.get(day);
    if (list) list.push(entry);
    else byDay.set(day, [entry]);
  }
  const drawn: CalendarEntry[] = [];
  const more: MoreOnDay[] = [];
  for (const [day, list] of byDay) {
    if (list.length <= cap) {
      drawn.push(...list);
      continue;
    }
    const sorted = [...list].sort((a, b) => Date.parse(a.dueAt ?? "") - Date.parse(b.dueAt ?? ""));
    drawn.push(...sorted.slice(0, cap - 1));
    const firstHidden = sorted[cap - 1];
    more.push({ day, count: sorted.length - (cap - 1), at: firstHidden.dueAt ?? "" });
  }
  return { drawn, more };
}

export function toMoreEventInput(more: MoreOnDay): EventInput {
  const start = new Date(more.at);
  return {
    id: `more-${more.day}`,
    title: `+${more.count} more`,
    start,
    end: new Date(start.getTime() + 60_000),
    allDay: false,
    editable: false,
    startEditable: false,
    durationEditable: false,
    className: "cal-more",
    extendedProps: { more, order: 0 } satisfies MoreProps & { order: number },
  };
}

export function moreOf(event: { extendedProps: Record<string, unknown> }): MoreOnDay | null {
  return (event.extendedProps as Partial<MoreProps>).more ?? null;
}
