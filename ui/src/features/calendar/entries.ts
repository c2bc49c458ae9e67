import type { CalendarEntry, PostSummary, TargetState } from "../../lib/ipc/client";
import { firstLine } from "../posts/text";

/** Which state the one badge shows when channels differ: trouble first (as calendar.rs ranks). */
const BADGE_RANK: Record<TargetState, number> = {
  failed: 0,
  unconfirmed: 1,
  missed: 2,
  publishing: 3,
  paused: 4,
  scheduled: 5,
  published: 6,
  draft: 7,
};

const MOVABLE: readonly TargetState[] = ["draft", "scheduled", "paused", "failed", "missed"];

export function badgeOf(states: readonly TargetState[]): TargetState {
  return states.reduce<TargetState>((best, s) => (BADGE_RANK[s] < BADGE_RANK[best] ? s : best), states[0] ?? "draft");
}

/** The calendar entry of a post the backend just moved, from the summary it answered with. */
export function entryAfterMove(entry: CalendarEntry, moved: PostSummary): CalendarEntry {
  const states = new Map(moved.targets.map((t) => [t.id, t.state]));
  const targets = entry.targets.map((t) => ({ ...t, state: states.get(t.targetId) ?? t.state }));
  return {
    ...entry,
    dueAt: moved.dueAt === null ? null : new Date(moved.dueAt).toISOString(),
    timezone: moved.timezone,
    targets,
    status: badgeOf(targets.map((t) => t.state)),
    movable: targets.every((t) => MOVABLE.includes(t.state)),
  };
}

/** A short quote of the post for toasts: its first line, cut at a word near 60 characters. */
export function excerpt(text: string, max = 60): string {
  const line = firstLine(text);
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
