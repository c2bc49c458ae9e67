import { useState } from "react";

// tauri.conf.json's Content-Security-Policy allows images from 'self', data:, the asset
// protocol and https: only. An avatar on any other scheme would be blocked anyway, so it is not
// requested at all; a failed or refused one falls back to the author's initials.
export function allowedImageUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function initials(name: string, handle: string): string {
  // Letters and digits only: a name such as "<img …>Mallory" gives "IM", not "<'".
  const words = (name.trim() || handle)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return (
    letters
      .map((w) => Array.from(w)[0] ?? "")
      .join("")
      .toUpperCase() || "?"
  );
}

export function Avatar({ url, name, handle }: { url: string | null; name: string; handle: string }) {
  const allowed = allowedImageUrl(url);
  const [failed, setFailed] = useState(false);
  if (allowed && !failed) {
    return (
      <img
        className="inbox-avatar"
        src={allowed}
        alt=""
        width={36}
        height={36}
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  }
  return (
    <span className="inbox-avatar inbox-avatar-initials" aria-hidden="true" data-testid="avatar-initials">
      {initials(name, handle)}
    </span>
  );
}
