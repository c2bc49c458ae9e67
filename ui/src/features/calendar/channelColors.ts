// A colour per channel, so a glance at the calendar says where each post goes. The palette is
// CSS (Calendar.css, --channel-0 … --channel-7, tuned for light and dark); this picks the slot.

export const CHANNEL_COLOR_COUNT = 8;

/**
 * Colour slots by channel id: the workspace's channels in id order take the slots in turn, so
 * up to eight channels never share a colour, and a channel keeps its colour across restarts
 * and as channels are added (ids only grow).
 */
export function channelColorSlots(channelIds: Iterable<number>): Map<number, number> {
  const ids = [...new Set(channelIds)].sort((a, b) => a - b);
  return new Map(ids.map((id, i) => [id, i % CHANNEL_COLOR_COUNT]));
}

export function channelColorVar(slot: number | undefined): string {
  return `var(--channel-${slot ?? 0})`;
}
