import { Draggable } from "@fullcalendar/react/interaction";
import { useEffect, type RefObject } from "react";
import { DISPLAY_MINUTES } from "./eventInput";

/**
 * Who takes drops from the side panels: the month grid (monthDrag.ts reads the items' data
 * attributes itself), FullCalendar's week and day views (through this hook), or no one.
 */
export type DropOnto = "month" | "fullcalendar" | null;

/**
 * While `enabled`, makes the `selector` items inside `list` draggable onto the calendar (FullCalendar's
 * external events). A click still clicks: only a real drag (5 px) starts one. The dragged
 * event is `DISPLAY_MINUTES` long and carries `extendedProps` read from the item.
 */
export function useCalendarDraggables(
  list: RefObject<HTMLElement | null>,
  selector: string,
  describe: (item: HTMLElement) => { id: string; title: string; extendedProps: Record<string, unknown> },
  enabled: boolean,
) {
  useEffect(() => {
    const el = list.current;
    if (!el || !enabled) return;
    const draggable = new Draggable(el, {
      itemSelector: selector,
      minDistance: 5,
      eventData: (item: HTMLElement) => ({ ...describe(item), duration: { minutes: DISPLAY_MINUTES }, create: true }),
    });
    return () => draggable.destroy();
    // The description reads the item's data attributes, so a new closure changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list, selector, enabled]);
}
