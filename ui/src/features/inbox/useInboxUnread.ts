import { useEffect, useState } from "react";
import { EVENTS, listenTo } from "../../lib/ipc/events";
import {
  inboxUnreadCount,
} from "../../lib/ipc/client";

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
      listenTo(EVENTS.inboxNew, (news) => setUnread(news.unread)),
      listenTo(EVENTS.inboxUnread, (change) => setUnread(change.unread)),
    ].map((p) => p.catch(() => null));
    return () => {
      live = false;
      for (const stop of stops) stop.then((s) => s?.()).catch(() => undefined);
    };
  }, []);
  return unread;
}
