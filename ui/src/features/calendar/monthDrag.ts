// Dragging onto the month grid (MonthGrid.tsx): a post to another day, or a draft or an image
// from the side panels onto a day. The week and day views are FullCalendar's, which drags
// there itself; this runs only while the month grid is shown.
import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";
import type { CalendarEntry } from "../../lib/ipc/client";
import type { DroppedMedia } from "./MediaPanel";

/** What is being dragged. */
export type DragSource =
  | { kind: "post"; entry: CalendarEntry }
  | { kind: "draft"; draft: CalendarEntry }
  | { kind: "media"; media: DroppedMedia };

/** A press turns into a drag once the pointer has moved this far (a click stays a click). */
export const DRAG_THRESHOLD_PX = 5;

/** The attribute a day cell names its day ("2026-12-03") with. */
export const DAY_ATTRIBUTE = "data-date";

const OK_CLASS = "month-day-drop-ok";
const REFUSED_CLASS = "month-day-drop-refused";

export interface MonthDragOptions {
  /** False while another view is shown: nothing is listened to. */
  enabled: boolean;
  /** The grid; only its day cells take drops. */
  grid: RefObject<HTMLElement | null>;
  /** What a press on `target` would drag, and the element to lift, or null. */
  sourceAt: (target: Element) => { source: DragSource; el: HTMLElement } | null;
  /** Over a day: whether a drop there is taken (and the hint that says so). */
  hover: (source: DragSource, day: string) => boolean;
  /** Over nothing that takes a drop, or the drag is over: clear the hint. */
  leave: () => void;
  drop: (source: DragSource, day: string) => void;
}

interface Gesture {
  source: DragSource;
  el: HTMLElement;
  x: number;
  y: number;
  /** Set once the pointer has moved past the threshold. */
  mirror: HTMLElement | null;
  offsetX: number;
  offsetY: number;
  cell: HTMLElement | null;
  ok: boolean;
}

/** A copy of the lifted element that follows the pointer (no ids, so queries never find it). */
function makeMirror(el: HTMLElement): HTMLElement {
  const mirror = el.cloneNode(true) as HTMLElement;
  for (const node of [mirror, ...mirror.querySelectorAll<HTMLElement>("*")]) {
    node.removeAttribute("id");
    node.removeAttribute("data-post-id");
    node.removeAttribute("data-testid");
    node.removeAttribute("tabindex");
  }
  mirror.classList.add("cal-mirror", "month-drag-mirror");
  mirror.setAttribute("aria-hidden", "true");
  mirror.style.width = `${el.getBoundingClientRect().width}px`;
  document.body.appendChild(mirror);
  return mirror;
}

/**
 * Mouse drags onto the month grid's days. The callbacks are read at the time of each event,
 * so they may be new closures on every render.
 */
export function useMonthDrag(options: MonthDragOptions) {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const { enabled } = options;

  useEffect(() => {
    if (!enabled) return;
    let gesture: Gesture | null = null;

    /** Marks the day under the pointer (and unmarks the one it left). */
    const mark = (cell: HTMLElement | null, ok: boolean) => {
      gesture?.cell?.classList.remove(OK_CLASS, REFUSED_CLASS);
      if (cell) {
        cell.classList.toggle(OK_CLASS, ok);
        cell.classList.toggle(REFUSED_CLASS, !ok);
      }
    };

    const finish = () => {
      if (!gesture) return;
      gesture.cell?.classList.remove(OK_CLASS, REFUSED_CLASS);
      gesture.el.classList.remove("cal-dragging");
      gesture.mirror?.remove();
      document.documentElement.classList.remove("month-dragging");
      if (gesture.mirror) latest.current.leave();
      gesture = null;
    };

    const cellAt = (x: number, y: number): HTMLElement | null => {
      const grid = latest.current.grid.current;
      const hit = document.elementFromPoint(x, y)?.closest<HTMLElement>(`[${DAY_ATTRIBUTE}]`) ?? null;
      return hit && grid?.contains(hit) ? hit : null;
    };

    const onMouseDown = (event: MouseEvent) => {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      if (!(event.target instanceof Element)) return;
      const found = latest.current.sourceAt(event.target);
      if (!found) return;
      finish();
      gesture = { ...found, x: event.clientX, y: event.clientY, mirror: null, offsetX: 0, offsetY: 0, cell: null, ok: false };
    };

    const onMouseMove = (event: MouseEvent) => {
      if (!gesture) return;
      if ((event.buttons & 1) === 0) {
        // The button came up outside the window.
        finish();
        return;
      }
      if (!gesture.mirror) {
        if (Math.hypot(event.clientX - gesture.x, event.clientY - gesture.y) < DRAG_THRESHOLD_PX) return;
        const box = gesture.el.getBoundingClientRect();
        gesture.offsetX = gesture.x - box.left;
        gesture.offsetY = gesture.y - box.top;
        gesture.mirror = makeMirror(gesture.el);
        gesture.el.classList.add("cal-dragging");
        document.documentElement.classList.add("month-dragging");
        window.getSelection()?.removeAllRanges();
      }
      event.preventDefault();
      gesture.mirror.style.transform = `translate(${event.clientX - gesture.offsetX}px, ${event.clientY - gesture.offsetY}px)`;
      const cell = cellAt(event.clientX, event.clientY);
      if (cell === gesture.cell) return;
      const day = cell?.getAttribute(DAY_ATTRIBUTE);
      const ok = cell && day ? latest.current.hover(gesture.source, day) : false;
      if (!cell) latest.current.leave();
      mark(cell, ok);
      gesture.cell = cell;
      gesture.ok = ok;
    };

    const swallowClick = (event: MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
    };

    const onMouseUp = (event: MouseEvent) => {
      if (!gesture) return;
      const { mirror, cell, ok, source } = gesture;
      const day = cell?.getAttribute(DAY_ATTRIBUTE);
      finish();
      if (!mirror) return; // a click, not a drag
      // The click that follows the release is part of the drag, not a click on what is under it.
      window.addEventListener("click", swallowClick, { capture: true, once: true });
      setTimeout(() => window.removeEventListener("click", swallowClick, { capture: true }), 0);
      event.preventDefault();
      if (cell && day && ok) latest.current.drop(source, day);
    };

    // The browser's own drag (of a thumbnail, or of selected text) would take the mouse away.
    const onNativeDragStart = (event: DragEvent) => {
      if (gesture) event.preventDefault();
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape" && gesture?.mirror) {
        event.preventDefault();
        finish();
      }
    };

    document.addEventListener("mousedown", onMouseDown, true);
    document.addEventListener("mousemove", onMouseMove, true);
    document.addEventListener("mouseup", onMouseUp, true);
    document.addEventListener("keydown", onKeyDown, true);
    document.addEventListener("dragstart", onNativeDragStart, true);
    window.addEventListener("blur", finish);
    return () => {
      finish();
      document.removeEventListener("mousedown", onMouseDown, true);
      document.removeEventListener("mousemove", onMouseMove, true);
      document.removeEventListener("mouseup", onMouseUp, true);
      document.removeEventListener("keydown", onKeyDown, true);
      document.removeEventListener("dragstart", onNativeDragStart, true);
      window.removeEventListener("blur", finish);
    };
  }, [enabled]);
}
