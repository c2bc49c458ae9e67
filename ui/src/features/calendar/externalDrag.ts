import { Draggable } from "@fullcalendar/react/interaction";
import { useEffect, type RefObject } from "react";
import { DISPLAY_MINUTES } from "./eventInput";

/**
 * Makes the `selector` items inside `list` draggable onto the calendar (FullCalendar's
 * external events). A click still clicks: only a real drag (5 px) starts one. The dragged
 * event is `DISPLAY_MINUTES` long and carries `extendedProps` read from the item.
 */
export function useCalendarDraggables(
  list: RefObject<HTMLElement | null>,
  selector: string,
  describe: (item: HTMLElement) => { id: string; title: string; extendedProps: Record<string, unknown> },
) {
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const draggable = new Draggable(el, {
      itemSelector: selector,
      minDistance: 5,
      eventData: (item: HTMLElement) => ({ ...describe(item), duration: { minutes: DISPLAY_MINUTES }, create: true }),
    });
    return () => draggable.destroy();
    // The description reads the item's data attributes, so a new closure changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list, selector]);
}
