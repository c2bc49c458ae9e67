import { useErrors } from "../app/errors";
import type { ErrorCode } from "../lib/ipc/client";
import { AlertIcon, CloseIcon } from "./icons";
import "./ErrorBanner.css";

const TITLES: Record<ErrorCode, string> = {
  validation: "Check your input",
  not_found: "Not found",
  conflict: "Conflict",
  storage: "Couldn't read or write the database",
  internal: "Something went wrong",
};

/** Non-field errors from any command; stays until dismissed or replaced. */
export function ErrorBanner() {
  const { error, dismissError } = useErrors();
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <AlertIcon size={18} className="error-banner-icon" />
      <div className="error-banner-text">
        <strong>{TITLES[error.code]}</strong>
        <span>{error.message}</span>
      </div>
      <button
        type="button"
        className="icon-button"
        onClick={dismissError}
        aria-label="Dismiss error"
      >
        <CloseIcon />
      </button>
    </div>
  );
}
