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
import { MonthGrid } from "./MonthGrid";
import { useMonthDrag, type DragSource } from "./monthDrag";
import { addMonths, dayContents, gridRange, isoOf, monthWeeks, parseIsoDay, type DayContents } from "./monthGrid";
import { SlotMarker } from "./SlotMarker";
import { CalendarFilters } from "./CalendarFilters";
import {
  applyKeyMove,
  dayReader,
  describeInstant,
  draftTimeForDay,
  instantOfWallTime,
  isAhead,
  isoDay,
  keyMove,
  MOVE_KEYS,
  moveToDay,
  rangeTitle,
  wallDateAt,
  zoneLabel,
  type WallDate,
} from "./calendarTime";
import { channelColorSlots } from "./channelColors";
import { DragHint, useDragHintStore, type Hint } from "./DragHint";
import { DRAFT_SELECTOR, DraftsPanel, draftIdOfCard } from "./DraftsPanel";
import { entryOf, toEventInput } from "./eventInput";
import { filterEntries, isFiltering, NO_FILTER, tagCounts, type CalendarFilter } from "./filters";
import { useCalendarData, type VisibleRange } from "./useCalendarData";
import type { DropOnto } from "./externalDrag";
import { useMovePost } from "./useMovePost";
import { CsvMenu } from "../csv/CsvMenu";
import { MEDIA_SELECTOR, MediaPanel, mediaOf, mediaOfCard } from "./MediaPanel";
import { openSlots, slotForDrop, slotOf, slotsWithin, toSlotEventInput, useOpenSlots } from "./openSlots";
import { useSameItems } from "./rangeWindow";
import "./Calendar.css";

export const CALENDAR_VIEWS = [
  { type: "dayGridMonth", label: "Month", unit: "month" },
  { type: "timeGridWeek", label: "Week", unit: "week" },
  { type: "timeGridDay", label: "Day", unit: "day" },
  { type: "listMonth", label: "List", unit: "month" },
] as const;

export type CalendarViewType = (typeof CALENDAR_VIEWS)[number]["type"];

const PLUGINS = [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];

const MONTH_VIEW = "dayGridMonth";

// The month view is our own grid (MonthGrid.tsx); FullCalendar draws week, day and list.
const VIEW_OPTIONS = {
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

function markMovable(el: HTMLElement, movable: boolean) {
  if (movable) el.setAttribute("aria-keyshortcuts", MOVE_KEYS);
  else el.removeAttribute("aria-keyshortcuts");
}

/** The focusable element FullCalendar draws around a post's content. */
function eventHost(postId: number, root: HTMLElement | null): HTMLElement | null {
  const inner = root?.querySelector<HTMLElement>(`[data-post-id="${postId}"]`);
  return inner?.closest<HTMLElement>("[tabindex], a[href], button") ?? null;
}

/** A day cell of the month grid as a drop span: the whole day, from its midnight in `zone`. */
function daySpan(day: string, zone: string): { start: Date; allDay: boolean } {
  return { start: instantOfWallTime({ ...parseIsoDay(day), hour: 0, minute: 0 }, zone), allDay: true };
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
  const [viewType, setViewType] = useState<CalendarViewType>(MONTH_VIEW);
  const isMonth = viewType === MONTH_VIEW;
  // The day the calendar is on, in the workspace's zone: the month grid shows its month, and
  // FullCalendar's views open on it (and move it as they page).
  const [anchor, setAnchor] = useState<WallDate>(() => wallDateAt(Date.now(), zone));
  // FullCalendar's current page (week, day or list), as its datesSet reports it.
  const [fcPage, setFcPage] = useState<{ range: VisibleRange; title: string } | null>(null);
  const [filter, setFilter] = useState<CalendarFilter>(NO_FILTER);
  const [announcement, setAnnouncement] = useState("");
  const pendingFocus = useRef<number | null>(null);
  // Posts whose key move is still with the backend: another press waits for the answer.
  const moving = useRef(new Set<number>());
  const hint = useDragHintStore();

  const { year: anchorYear, month: anchorMonth } = anchor;
  const weeks = useMemo(() => monthWeeks({ year: anchorYear, month: anchorMonth, day: 1 }), [anchorYear, anchorMonth]);
  const monthRange = useMemo(() => gridRange(weeks, zone), [weeks, zone]);
  const range = isMonth ? monthRange : (fcPage?.range ?? null);
  const title = isMonth ? rangeTitle(MONTH_VIEW, monthRange.start, monthRange.end, zone) : (fcPage?.title ?? "");

  const { entries, windowEntries, fresh, failed, drafts, retry, placed } = useCalendarData(
    workspace.id,
    visible,
    range,
  );
  const slotOccurrences = useOpenSlots(workspace.id, visible, range);

  const api = (): CalendarApi | undefined => calendarRef.current?.getApi();

  /** Shows the page holding `at`. */
  const goTo = useCallback(
    (at: Date) => {
      if (isMonth) setAnchor(wallDateAt(at.getTime(), zone));
      else calendarRef.current?.getApi().gotoDate(at);
    },
    [isMonth, zone],
  );

  const onPlaced = useCallback(
    (entry: CalendarEntry) => {
      placed(entry);
      // A key press may have moved it out of sight: follow it.
      if (entry.dueAt && range) {
        const at = new Date(entry.dueAt);
        if (at < range.start || at >= range.end) goTo(at);
      }
    },
    [placed, range, goTo],
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
  const layout = layoutFor(viewType);
  // The month grid's days: a few posts each, "+N more" and the open slots. Its own slots only,
  // so the window growing around the month does not draw the month again.
  const openInMonth = useSameItems(useMemo(() => (isMonth ? slotsWithin(open, monthRange) : null), [isMonth, open, monthRange]));
  const cells = useMemo(
    () => (isMonth ? dayContents(shown, openInMonth ?? [], dayReader(zone)) : new Map<string, DayContents>()),
    [isMonth, shown, openInMonth, zone],
  );
  const events = useMemo(() => {
    if (isMonth) return [];
    const posts = shownAround.map(toEventInput).filter((e) => e !== null);
    // The list view lists posts; open slots are something to drop on, so only the grids draw them.
    if (layout === "list") return posts;
    return [...posts, ...open.map(toSlotEventInput)];
  }, [isMonth, shownAround, open, layout]);
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

  const onDatesSet = useCallback(
    (info: DatesSetInfo) => {
      const pageTitle = rangeTitle(info.view.type, info.view.currentStart, info.view.currentEnd, info.timeZone);
      setViewType(info.view.type as CalendarViewType);
      setAnchor(wallDateAt(info.view.calendar.getDate().getTime(), zone));
      setFcPage((current) =>
        current &&
        current.title === pageTitle &&
        current.range.start.getTime() === info.start.getTime() &&
        current.range.end.getTime() === info.end.getTime()
          ? current
          : { range: { start: info.start, end: info.end }, title: pageTitle },
      );
    },
    [zone],
  );

  function changeView(type: CalendarViewType) {
    if (type === viewType) return;
    if (type === MONTH_VIEW) {
      setFcPage(null);
      setViewType(type);
    } else if (isMonth) {
      // FullCalendar opens on the anchor day in that view.
      setViewType(type);
    } else {
      api()?.changeView(type);
    }
  }

  function step(delta: 1 | -1) {
    if (isMonth) setAnchor((day) => addMonths(day, delta));
    else if (delta > 0) api()?.next();
    else api()?.prev();
  }

  function goToday() {
    if (isMonth) setAnchor(wallDateAt(now.getTime(), zone));
    else api()?.today();
  }

  /** "+N more" or a day's date: that day in the day view. */
  const openDay = useCallback(
    (day: string) => {
      if (isMonth) {
        setAnchor(parseIsoDay(day));
        setFcPage(null);
        setViewType("timeGridDay");
      } else {
        calendarRef.current?.getApi().changeView("timeGridDay", day);
      }
    },
    [isMonth],
  );

  /** What a FullCalendar event being dragged is. */
  const sourceOfEvent = useCallback(
    (event: EventApi | null): DragSource | null => {
      const entry = event ? entryOf(event) : null;
      if (entry) return { kind: "post", entry };
      const media = mediaOf(event);
      if (media) return { kind: "media", media };
      const draftId = draftIdOf(event);
      const draft = drafts?.find((d) => d.postId === draftId);
      return draft ? { kind: "draft", draft } : null;
    },
    [drafts],
  );

  /** Where a drop of `source` on `span` would put it, or null when that span has no time left. */
  const targetOf = useCallback(
    (source: DragSource, span: { start: Date; allDay: boolean }): Date | null => {
      const day = wallDateAt(span.start.getTime(), zone);
      if (source.kind === "post") {
        const { dueAt } = source.entry;
        // A drop on a whole day changes the day and keeps the time of day, in the workspace's zone.
        return dueAt && span.allDay ? moveToDay(new Date(dueAt), day, zone) : span.start;
      }
      // A draft or an image dropped on a day or a time with an open posting slot takes the
      // slot's time (an image has no channels yet: any channel's slot).
      const channelIds = source.kind === "draft" ? source.draft.targets.map((t) => t.channelId) : [];
      const slot = slotForDrop(open, span, (at) => isoDay(at, zone), channelIds, new Date());
      if (slot) return new Date(slot.at);
      return span.allDay ? draftTimeForDay(day, zone, new Date()) : span.start;
    },
    [zone, open],
  );

  /** Where a drop of `source` on `span` would go (null: nowhere), and the hint that says so or why not. */
  const dropPlan = useCallback(
    (source: DragSource, span: { start: Date; allDay: boolean }): { to: Date | null; hint: Hint } => {
      const target = targetOf(source, span);
      if (target !== null && isAhead(target, new Date())) {
        const verb =
          source.kind === "draft" ? "schedule it for" : source.kind === "media" ? "write a post with it for" : "move it to";
        return { to: target, hint: { ok: true, text: `Drop to ${verb} ${describeInstant(target, zone)}` } };
      }
      const text = target
        ? `${describeInstant(target, zone)} has already passed — drop it on a later time`
        : "That day is over — drop it on a later day";
      return { to: null, hint: { ok: false, text } };
    },
    [targetOf, zone],
  );

  /** Called on every hover during a drag: whether a drop there is taken, shown in the hint. */
  const hoverDrop = useCallback(
    (source: DragSource | null, span: { start: Date; allDay: boolean }): boolean => {
      const plan = source ? dropPlan(source, span) : null;
      hint.set(plan?.hint ?? null);
      return plan?.to != null;
    },
    [dropPlan, hint],
  );

  /** A drop that was allowed: move the post, schedule the draft, or start a post with the image. */
  const commitDrop = useCallback(
    (source: DragSource, to: Date, revert?: () => void) => {
      if (source.kind === "media") composeWith({ images: [source.media], at: to });
      else void move({ entry: source.kind === "post" ? source.entry : source.draft, to, revert });
    },
    [composeWith, move],
  );

  // Drags onto the month grid (FullCalendar does its own in the other views).
  useMonthDrag({
    enabled: visible && isMonth,
    grid: rootRef,
    sourceAt: (target) => {
      const post = target.closest<HTMLElement>("[data-month-post]");
      if (post && rootRef.current?.contains(post)) {
        const entry = shown.find((e) => e.postId === Number(post.dataset.monthPost));
        return entry?.movable ? { source: { kind: "post", entry }, el: post } : null;
      }
      const draftCard = target.closest<HTMLElement>(DRAFT_SELECTOR);
      if (draftCard) {
        const draft = drafts?.find((d) => d.postId === draftIdOfCard(draftCard));
        return draft ? { source: { kind: "draft", draft }, el: draftCard } : null;
      }
      const mediaCard = target.closest<HTMLElement>(MEDIA_SELECTOR);
      return mediaCard ? { source: { kind: "media", media: mediaOfCard(mediaCard) }, el: mediaCard } : null;
    },
    hover: (source, day) => hoverDrop(source, daySpan(day, zone)),
    leave: () => hint.set(null),
    drop: (source, day) => {
      hint.set(null);
      const { to } = dropPlan(source, daySpan(day, zone));
      if (to) commitDrop(source, to);
    },
  });

  const eventAllow = useCallback(
    (span: DateSpanApi, event: EventApi | null) => hoverDrop(sourceOfEvent(event), span),
    [hoverDrop, sourceOfEvent],
  );

  const onEventDrop = useCallback(
    (info: EventDropInfo) => {
      hint.set(null);
      const entry = entryOf(info.event);
      const start = info.event.start;
      const to = entry && start ? targetOf({ kind: "post", entry }, { start, allDay: info.event.allDay }) : null;
      if (!entry || !to) {
        info.revert();
        return;
      }
      commitDrop({ kind: "post", entry }, to, info.revert);
    },
    [targetOf, commitDrop, hint],
  );

  const onEventReceive = useCallback(
    (info: EventReceiveInfo) => {
      hint.set(null);
      const source = sourceOfEvent(info.event);
      const start = info.event.start;
      const allDay = info.event.allDay;
      // The panels own a draft or an image until the backend has scheduled it; the calendar
      // draws it from the answer, so FullCalendar's own copy goes.
      info.revert();
      if (!source || !start) return;
      const to = targetOf(source, { start, allDay });
      if (to) commitDrop(source, to);
    },
    [sourceOfEvent, targetOf, commitDrop, hint],
  );

  const openPost = useCallback((entry: CalendarEntry) => openDialog({ name: "post", postId: entry.postId }), [openDialog]);

  const onEventClick = useCallback(
    (info: EventClickInfo) => {
      info.jsEvent.preventDefault();
      const entry = entryOf(info.event);
      if (entry) openPost(entry);
      else if (slotOf(info.event)) compose();
    },
    [openPost, compose],
  );

  const eventContent = useCallback(
    (info: EventDisplayInfo) => {
      const entry = entryOf(info.event);
      const slot = slotOf(info.event);
      if (slot) return <SlotMarker slot={slot} channels={channels} colorSlots={slots} zone={zone} />;
      if (!entry) {
        // A draft being dragged in from the panel.
        return <span className="cal-event cal-event-incoming">{info.event.title}</span>;
      }
      return <CalendarEventContent entry={entry} zone={zone} slots={slots} layout={layoutFor(info.view.type)} />;
    },
    [zone, slots, channels],
  );

  // The keys a post answers to, on FullCalendar's focusable element: set when it is drawn, and
  // kept in step when a post stops being movable (it went out) without being drawn anew. The
  // month grid sets them itself.
  const onEventDidMount = useCallback((info: { el: HTMLElement; event: EventApi }) => {
    markMovable(info.el, entryOf(info.event)?.movable ?? false);
  }, []);
  useEffect(() => {
    if (isMonth) return;
    const movable = new Map(shownAround.map((e) => [e.postId, e.movable]));
    for (const inner of rootRef.current?.querySelectorAll<HTMLElement>("[data-post-id]") ?? []) {
      const el = inner.closest<HTMLElement>("[role=button]");
      if (el) markMovable(el, movable.get(Number(inner.dataset.postId)) ?? false);
    }
  }, [shownAround, isMonth]);

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

  // Who takes drops from the side panels: our month grid, FullCalendar's time grids, or no one (the list).
  const dropOnto: DropOnto = isMonth ? "month" : layout === "list" ? null : "fullcalendar";
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
          <button type="button" className="button button-small" onClick={goToday}>
            Today
          </button>
          <button
            type="button"
            className="icon-button calendar-step"
            aria-label={`Previous ${unit}`}
            onClick={() => step(-1)}
          >
            <span aria-hidden="true">‹</span>
          </button>
          <button
            type="button"
            className="icon-button calendar-step"
            aria-label={`Next ${unit}`}
            onClick={() => step(1)}
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
                  onChange={() => changeView(v.type)}
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
          className={`calendar-main calendar-view-${layout}`}
          data-testid="calendar-grid"
          onKeyDown={onKeyDown}
          onMouseUp={onMouseUp}
        >
          <DragHint store={hint} />
          {isMonth ? (
            <MonthGrid
              weeks={weeks}
              month={anchorMonth}
              title={title}
              cells={cells}
              today={isoDay(now, zone)}
              zone={zone}
              channels={channels}
              colorSlots={slots}
              onOpenPost={openPost}
              onOpenDay={openDay}
              onOpenSlot={compose}
            />
          ) : (
          <FullCalendar
            ref={calendarRef}
            plugins={PLUGINS}
            initialView={viewType}
            initialDate={isoOf(anchor)}
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
          )}
        </div>
        <div className="calendar-side">
          <DraftsPanel
            drafts={shownDrafts}
            dropOnto={dropOnto}
            hiddenCount={hiddenDrafts}
            zone={zone}
            slots={slots}
            onWrite={compose}
            onQueue={(draft) => void queueDraft(draft)}
          />
          <MediaPanel workspaceId={workspace.id} visible={visible} dropOnto={dropOnto} />
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite" data-testid="calendar-announcer">
        {announcement}
      </p>
    </section>
  );
}
