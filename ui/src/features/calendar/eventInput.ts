import type { EventInput } from "@fullcalendar/react";
import type { CalendarEntry } from "../../lib/ipc/client";
import { PROBLEM_STATES } from "../posts/text";

/**
 * A post is an instant, but the time grids need a height to draw it: each is drawn as this
 * many minutes long. Purely visual (no resizing; the backend has no end time).
 */
export const DISPLAY_MINUTES = 60;

export interface EventProps {
  entry: CalendarEntry;
}

/** The classes of the element a post is drawn in, in every view. */
export function postClasses(entry: CalendarEntry): string {
  const classes = ["cal-post", `cal-status-${entry.status}`];
  if (PROBLEM_STATES.includes(entry.status)) classes.push("cal-post-problem");
  if (!entry.movable) classes.push("cal-post-fixed");
  return classes.join(" ");
}

/** A calendar entry as a FullCalendar event; the entry itself rides along in extendedProps. */
export function toEventInput(entry: CalendarEntry): EventInput | null {
  if (entry.dueAt === null) return null;
  const start = new Date(entry.dueAt);
  return {
    id: String(entry.postId),
    title: entry.text,
    start,
    end: new Date(start.getTime() + DISPLAY_MINUTES * 60_000),
    allDay: false,
    startEditable: entry.movable,
    durationEditable: false,
    className: postClasses(entry),
    extendedProps: { entry, order: 0 } satisfies EventProps & { order: number },
  };
}

export function entryOf(event: { extendedProps: Record<string, unknown> }): CalendarEntry | null {
  const entry = (event.extendedProps as Partial<EventProps>).entry;
  return entry ?? null;
}
