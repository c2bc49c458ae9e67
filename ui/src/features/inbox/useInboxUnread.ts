import { listen } from "@tauri-apps/api/event";
import { useEffect, useState } from "react";
import {
  INBOX_NEW_EVENT,
  INBOX_UNREAD_EVENT,
  inboxUnreadCount,
  type InboxNewPayload,
} from "../../lib/ipc/inbox";

/** The inbox's unread count: read once, then kept current by the sync loop's events (no polling). */
export function useInboxUnread(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    inboxUnreadCount()
      .then((n) => {
        if (live) setUnread((current) => current ?? n);
      })
      .catch(() => undefined);
    const stops = [
      listen<InboxNewPayload>(INBOX_NEW_EVENT, (e) => setUnread(e.payload.unread)),
      listen<{ unread: number }>(INBOX_UNREAD_EVENT, (e) => setUnread(e.payload.unread)),
    ].map((p) => p.catch(() => null));
    return () => {
      live = false;
      for (const stop of stops) stop.then((s) => s?.()).catch(() => undefined);
    };
  }, []);
  return unread;
}
