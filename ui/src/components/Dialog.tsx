import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { CloseIcon } from "./icons";
import "./Dialog.css";

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  size?: "sm" | "md" | "lg";
  testId?: string;
  /** "panel" for dialogs without inputs, so no control shows a focus ring on open. */
  initialFocus?: "auto" | "panel";
}

/**
 * A modal dialog: focus moves in on open (to [data-autofocus] if present),
 * Tab cycles inside, Escape or a click on the backdrop closes, and focus
 * returns to where it was.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  size = "md",
  testId,
  initialFocus = "auto",
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  // Read once: focus moves only when the dialog opens.
  const [focusOnOpen] = useState(initialFocus);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const panel = panelRef.current;
    if (panel) {
      const target =
        focusOnOpen === "panel"
          ? panel
          : (panel.querySelector<HTMLElement>("[data-autofocus]") ??
            panel.querySelector<HTMLElement>(FOCUSABLE) ??
            panel);
      target.focus();
    }
    return () => {
      if (previous && previous.isConnected) previous.focus();
    };
  }, [focusOnOpen]);

  // When the focused control goes away (a button that disappears after a
  // click), focus falls to <body>; Escape must still close the dialog.
  const closeFromOutside = useEffectEvent(() => onClose());
  useEffect(() => {
    function onDocumentKeyDown(event: globalThis.KeyboardEvent) {
      const panel = panelRef.current;
      if (event.key !== "Escape" || event.defaultPrevented || !panel) return;
      if (panel.contains(document.activeElement)) return;
      event.preventDefault();
      closeFromOutside();
    }
    document.addEventListener("keydown", onDocumentKeyDown);
    return () => document.removeEventListener("keydown", onDocumentKeyDown);
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape") {
      event.stopPropagation();
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== "Tab" || !panelRef.current) return;
    const focusable = Array.from(
      panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE),
    ).filter((el) => !el.hasAttribute("hidden"));
    if (focusable.length === 0) {
      event.preventDefault();
      return;
    }
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === panelRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <div
      className={`dialog-backdrop dialog-backdrop-${size}`}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={panelRef}
        className={`dialog dialog-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="dialog-header">
          <div>
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="dialog-description">
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            className="icon-button"
            onClick={onClose}
            aria-label="Close"
          >
            <CloseIcon />
          </button>
        </header>
        <div className="dialog-body">{children}</div>
      </div>
    </div>
  );
}
