import FullCalendar from "@fullcalendar/react";
import type {
  CalendarApi,
  CalendarRef,
  DateSpanApi,
  DatesSetInfo,
  DayCellInfo,
  DayLaneInfo,
  EventApi,
  EventClickInfo,
  EventDisplayInfo,
  EventDropInfo,
  EventReceiveInfo,
} from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import interactionPlugin from "@fullcalendar/react/interaction";
import listPlugin from "@fullcalendar/react/list";
import classicTheme from "@fullcalendar/react/themes/classic";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from "react";
import { useChannels } from "../../app/channels";
import { useToasts } from "../../app/toasts";
import { useUi } from "../../app/ui";
import { CalendarIcon, PlusIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { CalendarEntry, TargetState, Workspace } from "../../lib/ipc/client";
import { useMinuteClock } from "../../lib/useMinuteClock";
import { isKnownZone } from "../../lib/zonedTime";
import { CalendarEventContent, type EventLayout } from "./CalendarEventContent";
import { CalendarFilters } from "./CalendarFilters";
import {
  applyKeyMove,
  dayReader,
  describeDay,
  describeInstant,
  draftTimeForDay,
  isAhead,
  isoDay,
  keyMove,
  moveToDay,
  rangeTitle,
  wallDateAt,
  zoneLabel,
} from "./calendarTime";
import { channelColorSlots, channelColorVar } from "./channelColors";
import { DragHint, useDragHintStore } from "./DragHint";
import { DRAFT_SELECTOR, DraftsPanel } from "./DraftsPanel";
import { entryOf, toEventInput } from "./eventInput";
import { filterEntries, isFiltering, NO_FILTER, tagCounts, type CalendarFilter } from "./filters";
import { useCalendarData, type VisibleRange } from "./useCalendarData";
import { useMovePost } from "./useMovePost";
import { CsvMenu } from "../csv/CsvMenu";
import { MEDIA_SELECTOR, MediaPanel, mediaOf } from "./MediaPanel";
import { MONTH_POSTS_PER_DAY, capPerDay, moreOf, toMoreEventInput } from "./dayCap";
import { openSlots, slotForDrop, slotOf, toSlotEventInput, useOpenSlots } from "./openSlots";
import { formatClock } from "../../lib/time";
import "./Calendar.css";

export const CALENDAR_VIEWS = [
  { type: "dayGridMonth", label: "Month", unit: "month" },
  { type: "timeGridWeek", label: "Week", unit: "week" },
  { type: "timeGridDay", label: "Day", unit: "day" },
  { type: "listMonth", label: "List", unit: "month" },
] as const;

export type CalendarViewType = (typeof CALENDAR_VIEWS)[number]["type"];

const PLUGINS = [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];

const VIEW_OPTIONS = {
  // Posts are capped per day before FullCalendar sees them (dayCap.ts); its own limit is a
  // safety net for days with many open slots as well.
  dayGridMonth: { dayMaxEvents: MONTH_POSTS_PER_DAY + 2, height: "auto" },
  timeGrid: {
    contentHeight: 680,
    slotDuration: "00:30:00",
    snapDuration: "00:15:00",
    slotMinHeight: 36,
    scrollTime: "07:00:00",
  },
  listMonth: { height: "auto" },
};

const EMPTY_TITLES: Record<(typeof CALENDAR_VIEWS)[number]["unit"], string> = {
  month: "Nothing planned this month",
  week: "Nothing planned this week",
  day: "Nothing planned this day",
};

function isTimeGrid(viewType: string): boolean {
  return viewType.startsWith("timeGrid");
}

function layoutFor(viewType: string): EventLayout {
  if (viewType.startsWith("list")) return "list";
  return isTimeGrid(viewType) ? "grid" : "month";
}

/** A post being dragged needs a face of its own over the grid. */
function mirrorClass(info: EventDisplayInfo): string {
  return info.isMirror ? "cal-mirror" : info.isDragging ? "cal-dragging" : "";
}

function draftIdOf(event: EventApi | null): number | null {
  const id = event?.extendedProps.draftId;
  return typeof id === "number" && Number.isFinite(id) ? id : null;
}

const MOVE_KEYS = "Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown";

function markMovable(el: HTMLElement, movable: boolean) {
  if (movable) el.setAttribute("aria-keyshortcuts", MOVE_KEYS);
  else el.removeAttribute("aria-keyshortcuts");
}

/** The focusable element FullCalendar draws around a post's content. */
function eventHost(postId: number, root: HTMLElement | null): HTMLElement | null {
  const inner = root?.querySelector<HTMLElement>(`[data-post-id="${postId}"]`);
  return inner?.closest<HTMLElement>("[tabindex], a[href], button") ?? null;
}

export function Calendar({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  const { channels } = useChannels();
  const { openDialog, compose, composeWith } = useUi();
  const { showToast } = useToasts();
  const now = useMinuteClock();
  const knownZone = isKnownZone(workspace.timezone);
  // A zone this engine does not know cannot be drawn; UTC is shown instead, and said so.
  const zone = knownZone ? workspace.timezone : "UTC";
  const calendarRef = useRef<CalendarRef | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<VisibleRange | null>(null);
  const [viewType, setViewType] = useState<CalendarViewType>("dayGridMonth");
  const [title, setTitle] = useState("");
  const [filter, setFilter] = useState<CalendarFilter>(NO_FILTER);
  const [announcement, setAnnouncement] = useState("");
  const pendingFocus = useRef<number | null>(null);
  // Posts whose key move is still with the backend: another press waits for the answer.
  const moving = useRef(new Set<number>());
  const hint = useDragHintStore();

  const { entries, windowEntries, fresh, failed, drafts, retry, placed } = useCalendarData(
    workspace.id,
    visible,
    range,
  );
  const slotOccurrences = useOpenSlots(workspace.id, visible, range);

  const onPlaced = useCallback(
    (entry: CalendarEntry) => {
      placed(entry);
      // A key press may have moved it out of sight: follow it.
      const api = calendarRef.current?.getApi();
      if (api && entry.dueAt && range) {
        const at = new Date(entry.dueAt);
        if (at < range.start || at >= range.end) api.gotoDate(at);
      }
    },
    [placed, range],
  );
  const move = useMovePost(zone, { onPlaced, announce: setAnnouncement });

  // Every channel that appears gets its colour slot, including ones removed since.
  const slots = useMemo(() => {
    const ids = new Set<number>(channels?.map((c) => c.id) ?? []);
    for (const e of [...(entries ?? []), ...(drafts ?? [])]) for (const t of e.targets) ids.add(t.channelId);
    return channelColorSlots(ids);
  }, [channels, entries, drafts]);

  const shown = useMemo(() => filterEntries(entries ?? [], filter), [entries, filter]);
  // FullCalendar is handed the whole window (the pages either side too), so paging within it
  // is drawn at once and the same events need not be parsed again.
  const shownAround = useMemo(() => filterEntries(windowEntries ?? [], filter), [windowEntries, filter]);
  const shownDrafts = useMemo(() => (drafts ? filterEntries(drafts, filter) : null), [drafts, filter]);
  const open = useMemo(
    () => openSlots(slotOccurrences, filter.channels, now),
    [slotOccurrences, filter.channels, now],
  );
  const events = useMemo(() => {
    const layout = layoutFor(viewType);
    const { drawn, more } =
      layout === "month" ? capPerDay(shownAround, dayReader(zone)) : { drawn: shownAround, more: [] };
    const posts = drawn.map(toEventInput).filter((e) => e !== null);
    // The list view lists posts; open slots are something to drop on, so only the grids draw them.
    if (layout === "list") return posts;
    return [...posts, ...more.map(toMoreEventInput), ...open.map(toSlotEventInput)];
  }, [shownAround, open, viewType, zone]);
  const statusCounts = useMemo(() => {
    const counts: Partial<Record<TargetState, number>> = {};
    for (const e of [...(entries ?? []), ...(drafts ?? [])]) counts[e.status] = (counts[e.status] ?? 0) + 1;
    return counts;
  }, [entries, drafts]);

  const tagsInView = useMemo(() => tagCounts([...(entries ?? []), ...(drafts ?? [])]), [entries, drafts]);

  // After a key move the post is drawn anew; keep the keyboard on it.
  useEffect(() => {
    const postId = pendingFocus.current;
    if (postId === null) return;
    const frame = requestAnimationFrame(() => {
      const host = eventHost(postId, rootRef.current);
      if (host) {
        host.focus();
        pendingFocus.current = null;
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [entries]);

  const api = (): CalendarApi | undefined => calendarRef.current?.getApi();

  const onDatesSet = useCallback((info: DatesSetInfo) => {
    setTitle(rangeTitle(info.view.type, info.view.currentStart, info.view.currentEnd, info.timeZone));
    setViewType(info.view.type as CalendarViewType);
    setRange((current) =>
      current && current.start.getTime() === info.start.getTime() && current.end.getTime() === info.end.getTime()
        ? current
        : { start: info.start, end: info.end },
    );
  }, []);

  /** Where a drag over `span` would put the post, or null when that span has no time left. */
  const targetOf = useCallback(
    (span: { start: Date; allDay: boolean }, event: EventApi | null): Date | null => {
      const draftId = draftIdOf(event);
      const day = wallDateAt(span.start.getTime(), zone);
      if (draftId !== null || mediaOf(event) !== null) {
        // Dropped on a day or a time with an open posting slot: the slot's time (an image
        // has no channels yet: any channel's slot).
        const channelIds = drafts?.find((d) => d.postId === draftId)?.targets.map((t) => t.channelId) ?? [];
        const slot = slotForDrop(open, span, (at) => isoDay(at, zone), channelIds, new Date());
        if (slot) return new Date(slot.at);
        return span.allDay ? draftTimeForDay(day, zone, new Date()) : span.start;
      }
      const entry = event ? entryOf(event) : null;
      if (entry?.dueAt && span.allDay) return moveToDay(new Date(entry.dueAt), day, zone);
      return span.start;
    },
    [zone, drafts, open],
  );

  // Called on every hover during a drag: it both refuses the past and says so.
  const eventAllow = useCallback(
    (span: DateSpanApi, event: EventApi | null) => {
      const target = targetOf(span, event);
      const ok = target !== null && isAhead(target, new Date());
      const verb =
        draftIdOf(event) !== null ? "schedule it for" : mediaOf(event) !== null ? "write a post with it for" : "move it to";
      hint.set(
        ok
          ? { ok, text: `Drop to ${verb} ${describeInstant(target, zone)}` }
          : {
              ok,
              text: target
                ? `${describeInstant(target, zone)} has already passed — drop it on a later time`
                : "That day is over — drop it on a later day",
            },
      );
      return ok;
    },
    [targetOf, hint, zone],
  );

  const onEventDrop = useCallback(
    (info: EventDropInfo) => {
      hint.set(null);
      const entry = entryOf(info.event);
      const start = info.event.start;
      if (!entry?.dueAt || !start) {
        info.revert();
        return;
      }
      // A month-view drop changes the day and keeps the time of day, in the workspace's zone.
      const to = isTimeGrid(info.view.type)
        ? start
        : moveToDay(new Date(entry.dueAt), wallDateAt(start.getTime(), zone), zone);
      void move({ entry, to, revert: info.revert });
    },
    [move, zone, hint],
  );

  const onEventReceive = useCallback(
    (info: EventReceiveInfo) => {
      hint.set(null);
      const draftId = draftIdOf(info.event);
      const media = mediaOf(info.event);
      const start = info.event.start;
      const allDay = info.event.allDay;
      // The drafts panel owns the draft until the backend has scheduled it; the calendar
      // draws it from the answer, so FullCalendar's own copy goes.
      info.revert();
      if (media && start) {
        // An image: a new post with it, planned for that time, to finish in the composer.
        const at = targetOf({ start, allDay }, info.event);
        if (at) composeWith({ images: [media], at });
        return;
      }
      const draft = drafts?.find((d) => d.postId === draftId);
      if (!draft || !start) return;
      const to = targetOf({ start, allDay }, info.event);
      if (!to) return;
      void move({ entry: draft, to });
    },
    [drafts, move, targetOf, hint, composeWith],
  );

  const onEventClick = useCallback(
    (info: EventClickInfo) => {
      info.jsEvent.preventDefault();
      const entry = entryOf(info.event);
      const more = moreOf(info.event);
      if (entry) openDialog({ name: "post", postId: entry.postId });
      else if (more) calendarRef.current?.getApi().changeView("timeGridDay", more.day);
      else if (slotOf(info.event)) compose();
    },
    [openDialog, compose],
  );

  const eventContent = useCallback(
    (info: EventDisplayInfo) => {
      const entry = entryOf(info.event);
      const slot = slotOf(info.event);
      const more = moreOf(info.event);
      if (more) {
        return (
          <span className="cal-more-link" data-more-day={more.day} title={`Open ${more.day} to see all its posts`}>
            +{more.count} more
            <span className="visually-hidden"> posts on {describeDay(more.day)}: open the day</span>
          </span>
        );
      }
      if (slot) {
        const ch = channels?.find((c) => c.id === slot.channelId);
        const label = ch ? ch.displayName.trim() || ch.handle : `channel ${slot.channelId}`;
        const time = formatClock(new Date(slot.at), zone);
        return (
          <span
            className="cal-slot-marker"
            data-slot-channel={slot.channelId}
            data-slot-at={slot.at}
            style={{ "--slot-color": channelColorVar(slots.get(slot.channelId)) } as CSSProperties}
            title={`Open posting slot for ${label} at ${time}: drop a draft here`}
          >
            <span className="cal-slot-dot" aria-hidden="true" />
            <span className="cal-slot-time">{time}</span>
            <span className="cal-slot-label">open · {label}</span>
          </span>
        );
      }
      if (!entry) {
        // A draft being dragged in from the panel.
        return <span className="cal-event cal-event-incoming">{info.event.title}</span>;
      }
      return <CalendarEventContent entry={entry} zone={zone} slots={slots} layout={layoutFor(info.view.type)} />;
    },
    [zone, slots, channels],
  );

  // The keys a post answers to, on FullCalendar's focusable element: set when it is drawn, and
  // kept in step when a post stops being movable (it went out) without being drawn anew.
  const onEventDidMount = useCallback((info: { el: HTMLElement; event: EventApi }) => {
    markMovable(info.el, entryOf(info.event)?.movable ?? false);
  }, []);
  useEffect(() => {
    const movable = new Map(shownAround.map((e) => [e.postId, e.movable]));
    for (const inner of rootRef.current?.querySelectorAll<HTMLElement>("[data-post-id]") ?? []) {
      const el = inner.closest<HTMLElement>("[role=button]");
      if (el) markMovable(el, movable.get(Number(inner.dataset.postId)) ?? false);
    }
  }, [shownAround]);

  const dayClass = useCallback(
    (info: DayCellInfo | DayLaneInfo) => (info.isPast ? "cal-day-past" : info.isToday ? "cal-day-today" : ""),
    [],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const requested = keyMove(event, isTimeGrid(viewType));
    if (!requested) return;
    const target = event.target as HTMLElement;
    const inner = target.querySelector<HTMLElement>("[data-post-id]") ?? target.closest<HTMLElement>("[data-post-id]");
    const postId = Number(inner?.dataset.postId);
    const entry = windowEntries?.find((e) => e.postId === postId);
    if (!entry?.dueAt) return;
    event.preventDefault();
    if (!entry.movable) {
      setAnnouncement("This post has gone out, or is going out, on a channel, so it cannot be moved.");
      return;
    }
    if (moving.current.has(entry.postId)) return;
    moving.current.add(entry.postId);
    pendingFocus.current = entry.postId;
    void move({ entry, to: applyKeyMove(new Date(entry.dueAt), requested, zone) }).then((moved) => {
      moving.current.delete(entry.postId);
      if (!moved) pendingFocus.current = null;
    });
  }

  function onMouseUp(_event: ReactMouseEvent) {
    // A drag that ends outside the calendar (or refused) fires no drop: clear its hint.
    hint.set(null);
  }

  /** "Add to queue" for a draft (its button, or Q on it): the channels' next open slot. */
  async function queueDraft(draft: CalendarEntry) {
    let at: string;
    try {
      at = await ipc.nextFreeSlot(workspace.id, draft.targets.map((t) => t.channelId));
    } catch (reason) {
      const error = ipc.toIpcError(reason);
      setAnnouncement(`Not scheduled: ${error.message}`);
      showToast({ tone: "warning", title: "No open posting slot", message: error.message });
      return;
    }
    await move({ entry: draft, to: new Date(at) });
  }

  const unit = CALENDAR_VIEWS.find((v) => v.type === viewType)?.unit ?? "month";
  const filtering = isFiltering(filter);
  const hiddenDrafts = (drafts?.length ?? 0) - (shownDrafts?.length ?? 0);

  return (
    <section
      className="page calendar-page"
      data-testid="calendar"
      hidden={!visible}
      aria-labelledby="calendar-title"
      aria-busy={entries === null && !failed ? true : undefined}
    >
      <header className="page-header">
        <p className="page-eyebrow">{workspace.name}</p>
        <h1 id="calendar-title" className="page-title">
          Calendar
        </h1>
        <p className="page-subtitle">
          Times are in {zoneLabel(zone, now)}. Drag a post to move it, or focus it and press Alt with the arrow
          keys.
        </p>
        {!knownZone && (
          <p className="field-warning">
            This computer doesn't know the time zone {workspace.timezone}, so the calendar shows UTC. Choose another
            zone in Settings.
          </p>
        )}
      </header>

      <div className="calendar-toolbar">
        <div className="calendar-nav">
          <button type="button" className="button button-small" onClick={() => api()?.today()}>
            Today
          </button>
          <button
            type="button"
            className="icon-button calendar-step"
            aria-label={`Previous ${unit}`}
            onClick={() => api()?.prev()}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <button
            type="button"
            className="icon-button calendar-step"
            aria-label={`Next ${unit}`}
            onClick={() => api()?.next()}
          >
            <span aria-hidden="true">›</span>
          </button>
          <h2 className="calendar-range-title" data-testid="calendar-range-title" aria-live="polite">
            {title}
          </h2>
          {visible && range && !fresh && !failed && <span className="spinner" role="status" aria-label="Loading" />}
        </div>
        <div className="calendar-toolbar-end">
          <div className="when-choice calendar-views" role="radiogroup" aria-label="View">
            {CALENDAR_VIEWS.map((v) => (
              <label key={v.type} className="segmented-option">
                <input
                  type="radio"
                  name="calendar-view"
                  value={v.type}
                  checked={viewType === v.type}
                  onChange={() => api()?.changeView(v.type)}
                />
                <span className="segmented-face">{v.label}</span>
              </label>
            ))}
          </div>
          <CsvMenu workspace={workspace} />
        </div>
      </div>

      <CalendarFilters
        filter={filter}
        onChange={setFilter}
        channels={channels ?? []}
        slots={slots}
        statusCounts={statusCounts}
        tags={tagsInView}
      />

      {failed && (
        <p className="calendar-notice card" data-testid="calendar-failed">
          The calendar could not be loaded.
          <button type="button" className="button button-small" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {fresh && entries?.length === 0 && (
        <div className="calendar-notice calendar-empty" data-testid="calendar-empty">
          <CalendarIcon size={20} className="calendar-empty-icon" />
          <div className="calendar-empty-text">
            <p className="empty-state-title">{EMPTY_TITLES[unit]}</p>
            <p>
              {drafts && drafts.length > 0
                ? "Drag a draft from the right onto a day, or write a new post."
                : "Write a post and give it a time, and it shows up here."}
            </p>
          </div>
          <button type="button" className="button button-primary button-small" onClick={compose}>
            <PlusIcon size={14} />
            Write a post
          </button>
        </div>
      )}
      {fresh && entries !== null && entries.length > 0 && shown.length === 0 && filtering && (
        <p className="calendar-notice" data-testid="calendar-filtered-out">
          None of the {entries.length} posts in this {unit} match the filters.
          <button type="button" className="button button-small" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        </p>
      )}

      <div className="calendar-layout">
        <div
          ref={rootRef}
          className={`calendar-main calendar-view-${layoutFor(viewType)}`}
          data-testid="calendar-grid"
          onKeyDown={onKeyDown}
          onMouseUp={onMouseUp}
        >
          <DragHint store={hint} />
          <FullCalendar
            ref={calendarRef}
            plugins={PLUGINS}
            initialView="dayGridMonth"
            headerToolbar={false}
            timeZone={zone}
            firstDay={1}
            views={VIEW_OPTIONS}
            nowIndicator
            fixedWeekCount={false}
            events={events}
            editable
            eventDurationEditable={false}
            eventInteractive
            droppable
            dropAccept={`${DRAFT_SELECTOR}, ${MEDIA_SELECTOR}`}
            eventAllow={eventAllow}
            eventDrop={onEventDrop}
            eventReceive={onEventReceive}
            eventDragStop={() => hint.set(null)}
            eventClick={onEventClick}
            eventContent={eventContent}
            // Our own content shows the time (in the workspace's zone); FullCalendar's text would be
            // formatted per event on every redraw and never shown.
            displayEventTime={false}
            eventDidMount={onEventDidMount}
            listItemEventBeforeClass="cal-hidden"
            className="cal-root"
            popoverClass="cal-popover"
            eventClass={mirrorClass}
            dayCellClass={dayClass}
            dayLaneClass={dayClass}
            datesSet={onDatesSet}
            noEventsText="Nothing planned in this range."
            allDaySlot={false}
            slotEventOverlap={false}
            eventOrder="order,start,title"
          />
        </div>
        <div className="calendar-side">
          <DraftsPanel
            drafts={shownDrafts}
            canDrop={layoutFor(viewType) !== "list"}
            hiddenCount={hiddenDrafts}
            zone={zone}
            slots={slots}
            onWrite={compose}
            onQueue={(draft) => void queueDraft(draft)}
          />
          <MediaPanel workspaceId={workspace.id} visible={visible} canDrop={layoutFor(viewType) !== "list"} />
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="calendar-announcer">
        {announcement}
      </p>
    </section>
  );
}
