import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useErrors } from "../../app/errors";
import { useUi } from "../../app/ui";
import * as ipc from "../../lib/ipc/client";
import type { LibraryItem as MediaItem } from "../../lib/ipc/client";
import { assetUrl } from "../media/media";
import { useCalendarDraggables, type DropOnto } from "./externalDrag";
import { useTopicVersion } from "../../lib/ipc/changes";

/** Marks the library images the calendar accepts as drops, beside the drafts. */
export const MEDIA_SELECTOR = ".calendar-media-item";

/** How many of the newest images the panel offers (the Media section has them all). */
const SHOWN = 12;

export interface DroppedMedia {
  path: string;
  name: string;
  alt: string;
}

export function mediaOf(event: { extendedProps: Record<string, unknown> } | null): DroppedMedia | null {
  const media = event?.extendedProps.media as DroppedMedia | undefined;
  return media && typeof media.path === "string" ? media : null;
}

/** The image a panel item stands for, from its data attributes. */
export function mediaOfCard(card: HTMLElement): DroppedMedia {
  return {
    path: card.dataset.mediaPath ?? "",
    name: card.dataset.mediaName ?? "",
    alt: card.dataset.mediaAlt ?? "",
  };
}

/**
 * The library's newest images beside the calendar: drag one onto a day or a time to start a
 * post with it planned then (Enter starts one without a time).
 */
export function MediaPanel({ workspaceId, visible, dropOnto }: { workspaceId: number; visible: boolean; dropOnto: DropOnto }) {
  const canDrop = dropOnto !== null;
  const { showError } = useErrors();
  const postsRevision = useTopicVersion("posts");
  const { composeWith, navigate } = useUi();
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    ipc.listMedia(workspaceId, null).then(
      (found) => {
        if (!cancelled) setItems(found.slice(0, SHOWN));
      },
      (reason: unknown) => {
        if (!cancelled) showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, visible, postsRevision, showError]);

  useCalendarDraggables(
    listRef,
    MEDIA_SELECTOR,
    (card) => ({
      id: `media-${card.dataset.mediaId ?? ""}`,
      title: card.dataset.mediaName ?? "",
      extendedProps: { media: mediaOfCard(card) },
    }),
    dropOnto === "fullcalendar",
  );

  function start(item: MediaItem) {
    composeWith({ images: [{ path: item.path, alt: item.altText, name: item.fileName }] });
  }

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>, item: MediaItem) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      start(item);
    }
  }

  return (
    <section className="calendar-media" aria-labelledby="calendar-media-title" data-testid="calendar-media">
      <h2 id="calendar-media-title" className="calendar-drafts-title">
        Images
      </h2>
      <p className="calendar-drafts-hint">
        {canDrop
          ? "Drag one onto a day or a time to write a post with it then; Enter starts one without a time."
          : "Switch to Month, Week or Day to drag one onto the calendar."}
      </p>
      {items !== null && items.length === 0 && (
        <p className="calendar-drafts-empty">
          No images in the library yet.{" "}
          <button type="button" className="button button-small" onClick={() => navigate("media")}>
            Add images
          </button>
        </p>
      )}
      <ul ref={listRef} className="calendar-media-list" hidden={items === null || items.length === 0}>
        {items?.map((item) => (
          <li
            key={item.id}
            className="calendar-media-item"
            data-media-id={item.id}
            data-media-path={item.path}
            data-media-name={item.fileName}
            data-media-alt={item.altText}
            tabIndex={0}
            title={item.fileName}
            aria-label={`${item.fileName}, ${item.width} by ${item.height}. Drag it onto the calendar to write a post with it then; Enter starts one.`}
            onKeyDown={(e) => onKeyDown(e, item)}
            onDoubleClick={() => start(item)}
          >
            {item.thumbnail ? (
              <img src={assetUrl(item.thumbnail)} alt="" draggable={false} />
            ) : (
              <span className="calendar-media-pending" aria-hidden="true">
                {item.fileName.slice(0, 1).toUpperCase()}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
