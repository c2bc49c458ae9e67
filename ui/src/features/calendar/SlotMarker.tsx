import type { CSSProperties } from "react";
import type { Channel, SlotOccurrence } from "../../lib/ipc/client";
import { formatClock } from "../../lib/time";
import { channelColorVar } from "./channelColors";

/** An open posting slot on the calendar: its time and channel, in the channel's colour. */
export function SlotMarker({
  slot,
  channels,
  colorSlots,
  zone,
}: {
  slot: SlotOccurrence;
  channels: readonly Channel[] | null;
  colorSlots: ReadonlyMap<number, number>;
  zone: string;
}) {
  const ch = channels?.find((c) => c.id === slot.channelId);
  const label = ch ? ch.displayName.trim() || ch.handle : `channel ${slot.channelId}`;
  const time = formatClock(new Date(slot.at), zone);
  return (
    <span
      className="cal-slot-marker"
      data-slot-channel={slot.channelId}
      data-slot-at={slot.at}
      style={{ "--slot-color": channelColorVar(colorSlots.get(slot.channelId)) } as CSSProperties}
      title={`Open posting slot for ${label} at ${time}: drop a draft here`}
    >
      <span className="cal-slot-dot" aria-hidden="true" />
      <span className="cal-slot-time">{time}</span>
      <span className="cal-slot-label">open · {label}</span>
    </span>
  );
}
