// Generated from src-tauri/src/events.rs (events::tests::export_bindings_events). Do not edit.
import type { InboxFocus } from "./InboxFocus";
import type { InboxNewItems } from "./InboxNewItems";
import type { InboxUnread } from "./InboxUnread";
import type { PublishEvent } from "./PublishEvent";
import type { Section } from "./Section";

/** Every event the shell sends: its payload by name. */
export interface Events {
  /**
   * Open a section of the window (from the tray).
   */
  "chorus://navigate": Section;
  /**
   * Something the publishing engine did or saw (a post went out, failed, was missed, …).
   */
  "chorus://publish": PublishEvent;
  /**
   * New inbox items after a background sync.
   */
  "chorus://inbox-new": InboxNewItems;
  /**
   * The inbox's unread count changed.
   */
  "chorus://inbox-unread": InboxUnread;
  /**
   * An inbox notification was clicked: show that item (or, for a summary, the inbox).
   */
  "chorus://inbox-focus": InboxFocus;
}

/** The events' names. */
export const EVENTS = {
  navigate: "chorus://navigate",
  publish: "chorus://publish",
  inboxNew: "chorus://inbox-new",
  inboxUnread: "chorus://inbox-unread",
  inboxFocus: "chorus://inbox-focus",
} as const;
