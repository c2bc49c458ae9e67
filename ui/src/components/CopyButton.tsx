import { useEffect, useRef, useState } from "react";
import { useErrors } from "../app/errors";
import { CheckIcon, CopyIcon } from "./icons";

function clipboard(): Clipboard | null {
  // WebKitGTK only exposes the API in secure contexts; treat it as optional.
  const api = typeof navigator === "undefined" ? undefined : (navigator.clipboard as Clipboard | undefined);
  return api && typeof api.writeText === "function" ? api : null;
}

/** Copies `text`; renders nothing where the webview has no clipboard API. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { showError } = useErrors();
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const api = clipboard();
  if (!api) return null;

  async function copy() {
    try {
      await api!.writeText(text);
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 1600);
    } catch {
      showError({ code: "internal", message: "Could not copy to the clipboard.", field: null });
    }
  }

  return (
    <button
      type="button"
      className="button button-small copy-button"
      onClick={copy}
      aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      <span aria-hidden="true">{copied ? "Copied" : "Copy"}</span>
    </button>
  );
}
