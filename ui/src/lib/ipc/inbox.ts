// Typed wrappers over the inbox commands (src-tauri/src/commands/inbox.rs) and its events
// (src-tauri/src/inbox_sync.rs). Kept beside client.ts, with the same error handling, so the
// inbox's part of the IPC surface reads in one place.
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
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
import { toIpcError } from "./client";

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

/** New items after a background sync: `{ items: InboxItem[], unread: number }`. */
export const INBOX_NEW_EVENT = "chorus://inbox-new";
/** The unread count changed: `{ unread: number }`. */
export const INBOX_UNREAD_EVENT = "chorus://inbox-unread";
/** An OS notification was clicked: `{ itemId: number | null }` (null: a summary). */
export const INBOX_FOCUS_EVENT = "chorus://inbox-focus";

export interface InboxNewPayload {
  items: InboxItem[];
  unread: number;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/**
 * One page of items, newest first, grouped by conversation. Rejects with `validation` (field
 * "search") for a search of only punctuation, "tag" for an empty tag, "limit" out of 1..=200.
 */
export function listInbox(filter: InboxFilter): Promise<InboxListing> {
  return call("list_inbox", { filter });
}

export function getInboxItem(id: number): Promise<InboxItem> {
  return call("get_inbox_item", { id });
}

/** Read/done/star/assignee on items; `assignee: ""` clears it. Answers the items as stored. */
export function updateInboxItems(ids: number[], change: InboxUpdate): Promise<InboxItem[]> {
  return call("update_inbox_items", { ids, change });
}

/** Rejects with `validation` (field "tag") for an empty tag or one over the length limit. */
export function addInboxTag(id: number, tag: string): Promise<InboxItem> {
  return call("add_inbox_tag", { id, tag });
}

export function removeInboxTag(id: number, tag: string): Promise<InboxItem> {
  return call("remove_inbox_tag", { id, tag });
}

/** Every tag used in the inbox. */
export function inboxTags(): Promise<string[]> {
  return call("inbox_tags");
}

export function inboxUnreadCount(channelId: number | null = null): Promise<number> {
  return call("inbox_unread_count", { channelId });
}

/** Syncs now; one report per channel (a channel's failure is in its report's `error`). */
export function syncInbox(channelId: number | null = null): Promise<SyncReport[]> {
  return call("sync_inbox", { channelId });
}

/**
 * Replies in the item's thread on its network. Rejects with `validation` (field "text") for an
 * empty or overlong reply, and with the network's error when it did not go out.
 */
export function replyToInboxItem(id: number, text: string): Promise<InboxReply> {
  return call("reply_to_inbox_item", { id, text });
}

export function inboxReplies(id: number): Promise<InboxReply[]> {
  return call("inbox_replies", { id });
}

/** Likes (favourites, reacts to) the item on its network; answers the item with `liked`. */
export function likeInboxItem(id: number): Promise<InboxItem> {
  return call("like_inbox_item", { id });
}

export function listSavedReplies(): Promise<SavedReply[]> {
  return call("list_saved_replies");
}

/** Creates (id null) or replaces a saved reply. Rejects with `validation` (field "name" or "body"). */
export function saveSavedReply(id: number | null, name: string, body: string): Promise<SavedReply> {
  return call("save_saved_reply", { id, name, body });
}

export function deleteSavedReply(id: number): Promise<null> {
  return call("delete_saved_reply", { id });
}

/**
 * The saved reply with `{name}`, `{handle}` and `{network}` filled in from the item. Rejects with
 * `validation` (field "body") naming an unknown variable or an unmatched brace.
 */
export function renderSavedReply(id: number, itemId: number): Promise<string> {
  return call("render_saved_reply", { id, itemId });
}

export function getInboxNotificationSettings(): Promise<NotificationSettings> {
  return call("get_inbox_notification_settings");
}

/** Rejects with `validation` (field "quietHours.start", "quietHours.end" or "quietHours.timezone"). */
export function setInboxNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return call("set_inbox_notification_settings", { settings });
}

/** Opens an http(s) link in the system browser (the opener plugin), never in the webview. */
export function openExternal(url: string): Promise<null> {
  return call("plugin:opener|open_url", { url });
}
