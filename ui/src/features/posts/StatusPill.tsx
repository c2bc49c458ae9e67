import type { TargetState } from "../../lib/ipc/client";

export const STATE_LABELS: Record<TargetState, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  publishing: "Publishing",
  published: "Published",
  failed: "Failed",
  missed: "Missed",
  paused: "Paused",
  unconfirmed: "Unconfirmed",
};

const OUTCOME_LABELS: Record<string, string> = {
  in_progress: "In progress",
  published: "Published",
  failed: "Failed",
  unconfirmed: "Unconfirmed",
};

function isTargetState(value: string): value is TargetState {
  return value in STATE_LABELS;
}

/** A target's state; failed, missed and unconfirmed are loud (solid). */
export function StatusPill({ state }: { state: TargetState }) {
  return (
    <span className={`status-pill status-${state}`} data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

/** An attempt's outcome in the activity log, in the same colours. */
export function OutcomePill({ outcome }: { outcome: string }) {
  const state = outcome === "in_progress" ? "publishing" : outcome;
  const label = OUTCOME_LABELS[outcome] ?? outcome.replace(/_/g, " ");
  return (
    <span className={`status-pill status-${isTargetState(state) ? state : "draft"}`}>{label}</span>
  );
}
