import { useInboxUnread } from "./useInboxUnread";
import "./Inbox.css";

/** The unread count on the sidebar's Inbox item, kept live by the sync loop's events. */
export function InboxNavBadge() {
  const unread = useInboxUnread();
  if (!unread) return null;
  return (
    <span className="nav-item-badge" data-testid="inbox-unread-badge">
      {unread > 999 ? "999+" : unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
