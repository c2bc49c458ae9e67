// The inbox's types and events (src-tauri/src/inbox_events.rs). Its commands' calls are
// generated with all the others (client.ts).
import { invoke } from "@tauri-apps/api/core";
import type { InboxConversation } from "./bindings/InboxConversation";
import type { InboxFilter } from "./bindings/InboxFilter";
import type { InboxItem } from "./bindings/InboxItem";
import type { InboxKind } from "./bindings/InboxKind";
import type { InboxListing } from "./bindings/InboxListing";
import type { InboxReply } from "./bindings/InboxReply";
import type { InboxStatus } from "./bindings/InboxStatus";
import type { InboxUpdate } from "./bindings/InboxUpdate";
import type { NotificationSettings } from "./bindings/NotificationSettings";
import type { QuietHours } from "./bindings/QuietHours";
import type { SavedReply } from "./bindings/SavedReply";
import type { SyncReport } from "./bindings/SyncReport";
import { toIpcError } from "./errors";
import { EVENTS } from "./events";

export type {
  InboxConversation,
  InboxFilter,
  InboxItem,
  InboxKind,
  InboxListing,
  InboxReply,
  InboxStatus,
  InboxUpdate,
  NotificationSettings,
  QuietHours,
  SavedReply,
  SyncReport,
};

/** New items after a background sync (InboxNewItems). */
export const INBOX_NEW_EVENT = EVENTS.inboxNew;
/** The unread count changed (InboxUnread). */
export const INBOX_UNREAD_EVENT = EVENTS.inboxUnread;
/** An OS notification was clicked (InboxFocus; `itemId` null: a summary). */
export const INBOX_FOCUS_EVENT = EVENTS.inboxFocus;

/** Opens an http(s) link in the system browser (the opener plugin), never in the webview. */
export async function openExternal(url: string): Promise<null> {
  try {
    return await invoke<null>("plugin:opener|open_url", { url });
  } catch (reason) {
    throw toIpcError(reason);
  }
}
