import type { EventInput } from "@fullcalendar/react";
import { useErrors } from "../../app/errors";
import { useTopicVersion } from "../../lib/ipc/changes";
import * as ipc from "../../lib/ipc/client";
import type { SlotOccurrence } from "../../lib/ipc/client";
import { type VisibleRange, useRangeWindow, useShownCount, within } from "./rangeWindow";

/** How tall an open slot is drawn in the time grids (purely visual). */
const SLOT_DISPLAY_MINUTES = 30;

/** How close (after it) a time-grid drop must land to an open slot to take the slot's time. */
const SLOT_CATCH_MINUTES = 15;

export interface SlotProps {
  slot: SlotOccurrence;
}

const atOf = (slot: SlotOccurrence) => slot.at;

/**
 * The posting slots around the visible range (see useRangeWindow: the range first, then the
 * pages either side), fetched again when posts change (a post filling a slot makes it taken)
 * or the calendar is shown again (slots are edited in Settings). Null until loaded.
 */
export function useOpenSlots(workspaceId: number, visible: boolean, range: VisibleRange | null) {
  const { showError } = useErrors();
  // Slots change with posts (a post fills one) and channels (slots are edited in Settings).
  const version = useTopicVersion("posts", "channels");
  const shownCount = useShownCount(visible);
  const { loaded } = useRangeWindow({
    workspaceId,
    visible,
    range,
    revision: `${version}|${shownCount}`,
    fetch: ipc.slotOccurrences,
    timeOf: atOf,
    onError: showError,
  });
  return loaded?.items ?? null;
}

/** The slots of the visible range alone. */
export function slotsWithin(slots: readonly SlotOccurrence[], range: VisibleRange): SlotOccurrence[] {
  return within(slots, atOf, range);
}

/**
 * Open slots only: a taken one already shows its post, and one that has passed can take
 * nothing. `channels` is the calendar's channel filter (empty: every channel).
 */
export function openSlots(
  slots: readonly SlotOccurrence[] | null,
  channels: ReadonlySet<number>,
  now: Date,
): SlotOccurrence[] {
  return (slots ?? []).filter(
    (s) =>
      !s.taken &&
      new Date(s.at).getTime() > now.getTime() &&
      (channels.size === 0 || channels.has(s.channelId)),
  );
}

export function toSlotEventInput(slot: SlotOccurrence): EventInput {
  const start = new Date(slot.at);
  return {
    id: `slot-${slot.channelId}-${slot.at}`,
    start,
    end: new Date(start.getTime() + SLOT_DISPLAY_MINUTES * 60_000),
    allDay: false,
    editable: false,
    startEditable: false,
    durationEditable: false,
    className: "cal-slot",
    extendedProps: { slot, order: 1 } satisfies SlotProps & { order: number },
  };
}

export function slotOf(event: { extendedProps: Record<string, unknown> }): SlotOccurrence | null {
  return (event.extendedProps as Partial<SlotProps>).slot ?? null;
}

function preferred(slots: SlotOccurrence[], channelIds: readonly number[]): SlotOccurrence | null {
  const own = slots.filter((s) => channelIds.includes(s.channelId));
  return (own.length > 0 ? own : slots)[0] ?? null;
}

/**
 * The open slot a draft dropped at `start` takes, if any: on a whole day (month view), that
 * day's first slot still ahead, the draft's own channels first; in a time grid, a slot at or
 * just after the drop point. `slots` must be open ones, in time order.
 */
export function slotForDrop(
  slots: readonly SlotOccurrence[],
  span: { start: Date; allDay: boolean },
  isoDayOf: (instant: Date) => string,
  channelIds: readonly number[],
  now: Date,
): SlotOccurrence | null {
  const ahead = slots.filter((s) => new Date(s.at).getTime() > now.getTime());
  if (span.allDay) {
    const day = isoDayOf(span.start);
    return preferred(ahead.filter((s) => isoDayOf(new Date(s.at)) === day), channelIds);
  }
  const t = span.start.getTime();
  return preferred(
    ahead.filter((s) => {
      const at = new Date(s.at).getTime();
      return at >= t && at < t + SLOT_CATCH_MINUTES * 60_000;
    }),
    channelIds,
  );
}
