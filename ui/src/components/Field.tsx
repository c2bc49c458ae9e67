import type { ReactNode } from "react";
import { AlertIcon } from "./icons";

/** Ids a control needs so its label, hint and error are announced with it. */
export function fieldDescription(id: string, error?: string, hint?: ReactNode) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
  } as const;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Shown at the end of the label row, e.g. a character count. */
  aside?: ReactNode;
  children: ReactNode;
}

/** A labelled control with an optional hint and an inline error under it. */
export function Field({ id, label, hint, error, aside, children }: FieldProps) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      {aside ? (
        <div className="field-label-row">
          <label className="field-label" htmlFor={id}>
            {label}
          </label>
          {aside}
        </div>
      ) : (
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
      )}
      {children}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

/**
 * An inline error. The backend can report one problem per line (one per
 * channel, say); each line gets its own row.
 */
export function FieldError({ id, message }: { id?: string; message: string }) {
  const lines = message.split("\n").filter((line) => line.trim() !== "");
  return (
    <p className="field-error" id={id}>
      <AlertIcon size={14} />
      {lines.length > 1 ? (
        <span className="field-error-lines">
          {lines.map((line, i) => (
            <span key={i} className="field-error-line">
              {line}
            </span>
          ))}
        </span>
      ) : (
        <span>{message}</span>
      )}
    </p>
  );
}
