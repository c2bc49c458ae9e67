import type { MouseEvent } from "react";
import { openExternal } from "../../lib/ipc/inbox";

/** A link click that opens the system browser instead of navigating the webview. */
export function openLinkInBrowser(event: MouseEvent, url: string | null) {
  event.preventDefault();
  if (url) void openExternal(url).catch(() => undefined);
}
