import { memo, useMemo, type KeyboardEvent } from "react";
import type { CalendarEntry, Channel, SlotOccurrence } from "../../lib/ipc/client";
import { accessibleName, CalendarEventContent } from "./CalendarEventContent";
import { describeDay, MOVE_KEYS, type WallDate } from "./calendarTime";
import type { MoreOnDay } from "./dayCap";
import { postClasses } from "./eventInput";
import { dayState, isoOf, type DayContents } from "./monthGrid";
import { SlotMarker } from "./SlotMarker";
import "./MonthGrid.css";

/** Items a day cell holds at most (posts, "+N more" and open slots); the rest of the slots are counted. */
export const MONTH_ITEMS_PER_DAY = 6;

interface MonthGridProps {
  weeks: WallDate[][];
  /** The month shown (its other days are the neighbours' edges). */
  month: number;
  /** The heading, e.g. "December 2026", for the table's name. */
  title: string;
  cells: ReadonlyMap<string, DayContents>;
  /** Today in the workspace's zone, "2026-12-03". */
  today: string;
  zone: string;
  channels: readonly Channel[] | null;
  colorSlots: ReadonlyMap<number, number>;
  onOpenPost: (entry: CalendarEntry) => void;
  /** Opens a day in the day view ("+N more", or its date). */
  onOpenDay: (day: string) => void;
  onOpenSlot: (slot: SlotOccurrence) => void;
}

const weekdayFormatter = new Intl.DateTimeFormat(undefined, { weekday: "short", timeZone: "UTC" });
const monthDayFormatter = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

function noon(date: WallDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
}

function onButtonKey(event: KeyboardEvent<HTMLElement>, action: () => void) {
  if (event.target !== event.currentTarget) return;
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    action();
  }
}

/**
 * The month view: a table of weeks, each day with its posts (at most a few, then "+N more")
 * and its open posting slots. Drags onto its days are monthDrag.ts's; key moves are the
 * calendar's.
 */
export const MonthGrid = memo(function MonthGrid({
  weeks,
  month,
  title,
  cells,
  today,
  zone,
  channels,
  colorSlots,
  onOpenPost,
  onOpenDay,
  onOpenSlot,
}: MonthGridProps) {
  const weekdays = useMemo(() => weeks[0].map((d) => weekdayFormatter.format(noon(d))), [weeks]);
  return (
    <div className="month-grid" role="table" aria-label={title} data-testid="month-grid">
      <div className="month-head" role="row">
        {weekdays.map((name) => (
          <div key={name} className="month-weekday" role="columnheader">
            {name}
          </div>
        ))}
      </div>
      {weeks.map((week) => (
        <div key={isoOf(week[0])} className="month-week" role="row">
          {week.map((date) => {
            const day = isoOf(date);
            return (
              <MonthDay
                key={day}
                date={date}
                day={day}
                outside={date.month !== month}
                state={dayState(day, today)}
                contents={cells.get(day)}
                zone={zone}
                channels={channels}
                colorSlots={colorSlots}
                onOpenPost={onOpenPost}
                onOpenDay={onOpenDay}
                onOpenSlot={onOpenSlot}
              />
            );
          })}
        </div>
      ))}
    </div>
  );
});

interface MonthDayProps
  extends Pick<MonthGridProps, "zone" | "channels" | "colorSlots" | "onOpenPost" | "onOpenDay" | "onOpenSlot"> {
  date: WallDate;
  day: string;
  outside: boolean;
  state: "past" | "today" | "future";
  contents: DayContents | undefined;
}

function MonthDay({ date, day, outside, state, contents, zone, channels, colorSlots, onOpenPost, onOpenDay, onOpenSlot }: MonthDayProps) {
  const posts = contents?.posts ?? [];
  const more = contents?.more ?? null;
  const room = Math.max(0, MONTH_ITEMS_PER_DAY - posts.length - (more ? 1 : 0));
  const slots = contents?.slots ?? [];
  const shownSlots = slots.slice(0, room);
  const hiddenSlots = slots.length - shownSlots.length;
  const classes = ["month-day", `month-day-${state}`];
  if (state === "past") classes.push("cal-day-past");
  if (outside) classes.push("month-day-outside");
  const label = date.day === 1 ? monthDayFormatter.format(noon(date)) : String(date.day);
  return (
    <div className={classes.join(" ")} role="cell" data-date={day} aria-current={state === "today" ? "date" : undefined}>
      <button
        type="button"
        className="month-day-number"
        onClick={() => onOpenDay(day)}
        title={`Open ${describeDay(day)} in the day view`}
        tabIndex={-1}
      >
        <span aria-hidden="true">{label}</span>
        <span className="visually-hidden">{describeDay(day)}</span>
      </button>
      <div className="month-day-items">
        {posts.map((entry) => (
          <div
            key={entry.postId}
            className={postClasses(entry)}
            role="button"
            tabIndex={0}
            aria-label={accessibleName(entry, zone)}
            aria-keyshortcuts={entry.movable ? MOVE_KEYS : undefined}
            data-month-post={entry.postId}
            onClick={() => onOpenPost(entry)}
            onKeyDown={(event) => onButtonKey(event, () => onOpenPost(entry))}
          >
            <CalendarEventContent entry={entry} zone={zone} slots={colorSlots} layout="month" />
          </div>
        ))}
        {more && <MoreLink more={more} onOpenDay={onOpenDay} />}
        {shownSlots.map((slot) => (
          <button
            key={`${slot.channelId}-${slot.at}`}
            type="button"
            className="month-slot"
            onClick={() => onOpenSlot(slot)}
          >
            <SlotMarker slot={slot} channels={channels} colorSlots={colorSlots} zone={zone} />
          </button>
        ))}
        {hiddenSlots > 0 && (
          <span className="month-slots-hidden" title={`${hiddenSlots} more open posting slots this day`}>
            +{hiddenSlots} open
          </span>
        )}
      </div>
    </div>
  );
}

function MoreLink({ more, onOpenDay }: { more: MoreOnDay; onOpenDay: (day: string) => void }) {
  return (
    <button
      type="button"
      className="cal-more-link"
      data-more-day={more.day}
      title={`Open ${more.day} to see all its posts`}
      onClick={() => onOpenDay(more.day)}
    >
      +{more.count} more
      <span className="visually-hidden"> posts on {describeDay(more.day)}: open the day</span>
    </button>
  );
}
