import type { PostSummary, TargetState } from "../../lib/ipc/client";

/** The first non-empty line, for lists. */
export function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? "";
}

export const PROBLEM_STATES: readonly TargetState[] = ["failed", "missed", "unconfirmed"];
export const RETRYABLE_STATES = PROBLEM_STATES;
const WAITING_STATES: readonly TargetState[] = ["scheduled", "publishing", "paused"];

export type PostFilter = "all" | "attention" | "scheduled" | "drafts" | "published";

export function matchesFilter(post: PostSummary, filter: PostFilter): boolean {
  const states = post.targets.map((t) => t.state);
  switch (filter) {
    case "all":
      return true;
    case "attention":
      return states.some((s) => PROBLEM_STATES.includes(s));
    case "scheduled":
      return states.some((s) => WAITING_STATES.includes(s));
    case "drafts":
      return states.length > 0 && states.every((s) => s === "draft");
    case "published":
      return states.some((s) => s === "published");
  }
}
