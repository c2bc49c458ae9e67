import { useRef, type KeyboardEvent } from "react";
import { useUi } from "../../app/ui";
import { ImageIcon, ThreadIcon } from "../../components/icons";
import type { CalendarEntry } from "../../lib/ipc/client";
import { firstLine } from "../posts/text";
import { ChannelDots, describeEntry } from "./CalendarEventContent";
import { useCalendarDraggables, type DropOnto } from "./externalDrag";

/** Marks the elements the calendar accepts as drops (FullCalendar's dropAccept option too). */
export const DRAFT_SELECTOR = ".draft-card";

/** The draft a card stands for. */
export function draftIdOfCard(card: HTMLElement): number {
  return Number(card.dataset.postId);
}

interface DraftsPanelProps {
  drafts: CalendarEntry[] | null;
  /** Drafts hidden by the filters or the search. */
  hiddenCount: number;
  zone: string;
  slots: ReadonlyMap<number, number>;
  /** Who takes the drafts dragged out: null in the list view, which has no days to drop on. */
  dropOnto: DropOnto;
  onWrite: () => void;
  /** Schedules the draft at its channels' next open posting slot. */
  onQueue: (draft: CalendarEntry) => void;
}

/**
 * Drafts with no time yet, beside the calendar. Each can be dragged onto a day (month view,
 * it goes out at 09:00) or onto a time (week and day views).
 */
export function DraftsPanel({ drafts, hiddenCount, zone, slots, dropOnto, onWrite, onQueue }: DraftsPanelProps) {
  const canDrop = dropOnto !== null;
  const { openDialog } = useUi();
  const listRef = useRef<HTMLUListElement>(null);

  useCalendarDraggables(
    listRef,
    DRAFT_SELECTOR,
    (card) => ({
      id: `draft-${card.dataset.postId ?? ""}`,
      title: card.dataset.title ?? "",
      extendedProps: { draftId: draftIdOfCard(card) },
    }),
    dropOnto === "fullcalendar",
  );

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>, draft: CalendarEntry) {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      openDialog({ name: "post", postId: draft.postId });
    } else if ((event.key === "q" || event.key === "Q") && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onQueue(draft);
    }
  }

  return (
    <aside className="calendar-drafts" aria-labelledby="calendar-drafts-title" data-testid="calendar-drafts">
      <div className="calendar-drafts-head">
        <h2 id="calendar-drafts-title" className="calendar-drafts-title">
          Drafts
          {drafts !== null && <span className="filter-tab-count">{drafts.length}</span>}
        </h2>
        <p className="calendar-drafts-hint">
          {canDrop
            ? "Drag one onto a day or a time to schedule it, or focus it and press Q to add it to the queue."
            : "Switch to Month, Week or Day to drag one onto the calendar."}
        </p>
      </div>
      {drafts === null && (
        <p className="post-list-status" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading drafts…
        </p>
      )}
      {drafts !== null && drafts.length === 0 && (
        <div className="calendar-drafts-empty">
          <p>
            {hiddenCount > 0
              ? `No drafts match (${hiddenCount} hidden by the filters).`
              : "No unscheduled drafts. Save a post as a draft and it waits here until you give it a time."}
          </p>
          {hiddenCount === 0 && (
            <button type="button" className="button button-small" onClick={onWrite}>
              Write a draft
            </button>
          )}
        </div>
      )}
      <ul ref={listRef} className="calendar-drafts-list" hidden={drafts === null || drafts.length === 0}>
        {drafts?.map((draft) => {
          const text = firstLine(draft.text) || "Images only";
          return (
            <li
              key={draft.postId}
              className="draft-card"
              data-post-id={draft.postId}
              data-title={text}
              data-testid={`draft-${draft.postId}`}
              tabIndex={0}
              aria-label={`${describeEntry(draft, zone)}. Drag it onto the calendar to schedule it, or press Q to add it to the queue; Enter opens it.`}
              aria-keyshortcuts="Q"
              onClick={() => openDialog({ name: "post", postId: draft.postId })}
              onKeyDown={(e) => onKeyDown(e, draft)}
            >
              <span className="draft-card-head" aria-hidden="true">
                <ChannelDots targets={draft.targets} slots={slots} />
                <span className="draft-card-channels">{draft.targets.map((t) => t.channel).join(", ")}</span>
              </span>
              <span className="draft-card-text" aria-hidden="true">
                {text}
              </span>
              <button
                type="button"
                className="draft-card-queue button button-small button-ghost"
                title="Schedule it at its channels' next open posting slot (Q)"
                tabIndex={-1}
                onClick={(e) => {
                  e.stopPropagation();
                  onQueue(draft);
                }}
              >
                Add to queue
              </button>
              {(draft.threadParts > 0 || draft.imageCount > 0) && (
                <span className="draft-card-foot" aria-hidden="true">
                  {draft.threadParts > 0 && (
                    <span className="cal-indicator">
                      <ThreadIcon size={12} />
                      {draft.threadParts + 1} posts
                    </span>
                  )}
                  {draft.imageCount > 0 && (
                    <span className="cal-indicator">
                      <ImageIcon size={12} />
                      {draft.imageCount}
                    </span>
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
