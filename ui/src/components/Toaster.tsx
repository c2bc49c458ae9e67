import { useEffect, useRef, useState } from "react";
import { useToasts, type Toast } from "../app/toasts";
import { AlertIcon, CheckIcon, CloseIcon } from "./icons";
import "./Toaster.css";

/** How long a toast stays when the pointer is not on it. Problems stay longer. */
const LIFETIME_MS: Record<Toast["tone"], number> = {
  danger: 12_000,
  warning: 12_000,
  success: 5_000,
};

export function Toaster() {
  const { toasts } = useToasts();
  return (
    <section className="toaster" aria-label="Notifications" aria-live="polite" data-testid="toaster">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </section>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const { dismissToast } = useToasts();
  const [hovered, setHovered] = useState(false);
  const remaining = useRef(LIFETIME_MS[toast.tone]);

  useEffect(() => {
    if (hovered) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(2_000, remaining.current - (Date.now() - started));
    };
  }, [hovered, toast.id, dismissToast]);

  return (
    <div
      className={`toast toast-${toast.tone}`}
      data-testid="toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setHovered(true)}
      onBlur={() => setHovered(false)}
    >
      <span className="toast-icon">
        {toast.tone === "success" ? <CheckIcon size={18} /> : <AlertIcon size={18} />}
      </span>
      <div className="toast-text">
        <strong className="toast-title">{toast.title}</strong>
        {toast.message && <span className="toast-message">{toast.message}</span>}
        {toast.action && (
          <button
            type="button"
            className="button button-small toast-action"
            onClick={() => {
              toast.action?.run();
              dismissToast(toast.id);
            }}
          >
            {toast.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss notification"
        onClick={() => dismissToast(toast.id)}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
