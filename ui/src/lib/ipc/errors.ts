import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError } from "./bindings/IpcError";

const ERROR_CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "conflict",
  "storage",
  "secrets",
  "network",
  "internal",
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True when `value` has the exact shape the Rust shell rejects commands with. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === "string" &&
    (value.field === null || typeof value.field === "string")
  );
}

/**
 * Turns anything a command can reject with into an IpcError, so callers only
 * ever switch on `code`. Plugins and the IPC layer itself can reject with
 * plain strings or Error objects; those become "internal".
 */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return reason;
  if (isRecord(reason) && typeof reason.message === "string") {
    const code =
      typeof reason.code === "string" &&
      (ERROR_CODES as readonly string[]).includes(reason.code)
        ? (reason.code as ErrorCode)
        : "internal";
    const field = typeof reason.field === "string" ? reason.field : null;
    return { code, message: reason.message || "Unexpected error", field };
  }
  if (typeof reason === "string" && reason.trim() !== "") {
    return { code: "internal", message: reason, field: null };
  }
  return { code: "internal", message: "Unexpected error", field: null };
}

