import { useErrors } from "../app/errors";
import type { ErrorCode, IpcError } from "../lib/ipc/client";
import { AlertIcon, CloseIcon } from "./icons";
import "./ErrorBanner.css";

const TITLES: Record<ErrorCode, string> = {
  validation: "Check your input",
  not_found: "Not found",
  conflict: "Conflict",
  storage: "Couldn't read or write the database",
  secrets: "The system keychain is unavailable",
  network: "The network refused",
  internal: "Something went wrong",
};

/** Non-field errors from any command; stays until dismissed or replaced. */
export function ErrorBanner() {
  const { error, dismissError } = useErrors();
  if (!error) return null;
  return <ErrorNotice error={error} onDismiss={dismissError} testId="error-banner" />;
}

/**
 * The banner's look, for places the shell banner cannot be seen from (an open
 * dialog covers it).
 */
export function ErrorNotice({
  error,
  onDismiss,
  testId,
}: {
  error: IpcError;
  onDismiss?: () => void;
  testId?: string;
}) {
  return (
    <div className="error-banner" role="alert" data-testid={testId}>
      <AlertIcon size={18} className="error-banner-icon" />
      <div className="error-banner-text">
        <strong>{TITLES[error.code]}</strong>
        <span>{error.message}</span>
      </div>
      {onDismiss && (
        <button
          type="button"
          className="icon-button"
          onClick={onDismiss}
          aria-label="Dismiss error"
        >
          <CloseIcon />
        </button>
      )}
    </div>
  );
}
