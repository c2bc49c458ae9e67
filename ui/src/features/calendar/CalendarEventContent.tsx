import type { CSSProperties } from "react";
import { ImageIcon, ThreadIcon } from "../../components/icons";
import type { CalendarEntry, CalendarTarget } from "../../lib/ipc/client";
import { formatClock } from "../../lib/time";
import { networkLabel } from "../channels/networks";
import { assetUrl } from "../media/media";
import { firstLine } from "../posts/text";
import { STATE_LABELS, StatusPill } from "../posts/StatusPill";
import { channelColorVar } from "./channelColors";
import { describeInstant } from "./calendarTime";

export type EventLayout = "month" | "grid" | "list";

/** The channels' colours as one stripe, a segment per channel. */
export function stripeStyle(targets: readonly CalendarTarget[], slots: ReadonlyMap<number, number>): CSSProperties {
  const colors = targets.map((t) => channelColorVar(slots.get(t.channelId)));
  if (colors.length <= 1) return { background: colors[0] ?? "var(--border-strong)" };
  const step = 100 / colors.length;
  const stops = colors.map((c, i) => `${c} ${i * step}% ${(i + 1) * step}%`);
  return { background: `linear-gradient(to bottom, ${stops.join(", ")})` };
}

export function ChannelDots({
  targets,
  slots,
}: {
  targets: readonly CalendarTarget[];
  slots: ReadonlyMap<number, number>;
}) {
  return (
    <span className="cal-dots" aria-hidden="true">
      {targets.map((t) => (
        <span
          key={t.targetId}
          className="cal-dot"
          style={{ background: channelColorVar(slots.get(t.channelId)) }}
          title={`${t.channel} on ${networkLabel(t.network)}`}
        />
      ))}
    </span>
  );
}

function Indicators({ entry }: { entry: CalendarEntry }) {
  if (entry.threadParts === 0 && entry.imageCount === 0) return null;
  return (
    <span className="cal-indicators">
      {entry.threadParts > 0 && (
        <span className="cal-indicator" title={`Thread of ${entry.threadParts + 1} posts`}>
          <ThreadIcon size={12} />
          {entry.threadParts + 1}
        </span>
      )}
      {entry.imageCount > 0 && (
        <span
          className="cal-indicator"
          title={entry.imageCount === 1 ? "1 image" : `${entry.imageCount} images`}
        >
          <ImageIcon size={12} />
          {entry.imageCount}
        </span>
      )}
    </span>
  );
}

/** The post's first image, small (what it says is in the card's hidden description). */
function Thumbnail({ entry }: { entry: CalendarEntry }) {
  if (!entry.thumbnail) return null;
  return <img className="cal-thumb" src={assetUrl(entry.thumbnail)} alt="" decoding="async" draggable={false} />;
}

/** What a screen reader hears for a post on the calendar. */
export function describeEntry(entry: CalendarEntry, zone: string): string {
  const when = entry.dueAt ? describeInstant(new Date(entry.dueAt), zone) : "Not scheduled";
  const channels = entry.targets.map((t) => `${t.channel} (${networkLabel(t.network)})`).join(", ");
  const extras = [
    entry.threadParts > 0 ? `thread of ${entry.threadParts + 1} posts` : null,
    entry.imageCount > 0 ? `${entry.imageCount} ${entry.imageCount === 1 ? "image" : "images"}` : null,
  ].filter(Boolean);
  const text = firstLine(entry.text) || "Images only";
  return [`${when}, ${STATE_LABELS[entry.status]}`, text, `on ${channels}`, ...extras].join(". ");
}

/** A post's whole accessible name on the calendar: what it is and how to move it. */
export function accessibleName(entry: CalendarEntry, zone: string): string {
  const hint = entry.movable
    ? "Drag, or use Alt and the arrow keys, to move it."
    : "It has gone out (or is going out) on a channel, so it stays where it is.";
  return `${describeEntry(entry, zone)}. ${hint}`;
}

/** A post inside a calendar cell: channel colours, time, status, text, thread and images. */
export function CalendarEventContent({
  entry,
  zone,
  slots,
  layout,
}: {
  entry: CalendarEntry;
  zone: string;
  slots: ReadonlyMap<number, number>;
  layout: EventLayout;
}) {
  const time = entry.dueAt ? formatClock(new Date(entry.dueAt), zone) : "";
  const text = firstLine(entry.text) || "Images only";
  // In the month grid the card itself carries the name (aria-label, see MonthGrid): hidden
  // text is still laid out, ~200 characters a card, a fifth of a busy month's frame in
  // WebKitGTK. FullCalendar's views draw their own card around this, so it goes inside.
  const a11y = layout === "month" ? null : <span className="visually-hidden">{accessibleName(entry, zone)}</span>;

  if (layout === "list") {
    return (
      <span className="cal-event cal-event-list" data-post-id={entry.postId} data-status={entry.status}>
        {a11y}
        <span className="cal-event-row" aria-hidden="true">
          <time className="cal-event-time" dateTime={entry.dueAt ?? undefined}>
            {time}
          </time>
          <ChannelDots targets={entry.targets} slots={slots} />
          <StatusPill state={entry.status} />
          <Thumbnail entry={entry} />
          <span className="cal-event-text">{text}</span>
          <Indicators entry={entry} />
          <span className="cal-event-channels">{entry.targets.map((t) => t.channel).join(", ")}</span>
        </span>
      </span>
    );
  }

  return (
    <span
      className={`cal-event cal-event-${layout}`}
      data-post-id={entry.postId}
      data-status={entry.status}
      title={`${time} · ${STATE_LABELS[entry.status]}\n${entry.text}`}
    >
      {a11y}
      <span className="cal-stripe" style={stripeStyle(entry.targets, slots)} aria-hidden="true" />
      <span className="cal-event-body" aria-hidden="true">
        <span className="cal-event-head">
          <time className="cal-event-time" dateTime={entry.dueAt ?? undefined}>
            {time}
          </time>
          <StatusPill state={entry.status} />
        </span>
        <span className="cal-event-text">{text}</span>
        {(layout === "grid" || entry.threadParts > 0 || entry.imageCount > 0) && (
          <span className="cal-event-foot">
            {layout === "grid" && <ChannelDots targets={entry.targets} slots={slots} />}
            <Indicators entry={entry} />
          </span>
        )}
      </span>
      <Thumbnail entry={entry} />
    </span>
  );
}
