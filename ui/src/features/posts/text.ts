import type { NetworkKind, PostSummary, TargetState } from "../../lib/ipc/client";

type Segmenter = { segment: (text: string) => Iterable<unknown> };
let segmenter: Segmenter | null | undefined;

function graphemes(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale?: string, options?: object) => Segmenter })
      .Segmenter;
    segmenter = Ctor ? new Ctor(undefined, { granularity: "grapheme" }) : null;
  }
  return segmenter;
}

/** Characters as people count them: an emoji with modifiers is one. */
export function countCharacters(text: string): number {
  const seg = graphemes();
  if (!seg) return Array.from(text).length;
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

/**
 * Per-post limits the counter shows. Bluesky's is fixed; Mastodon's is the
 * default most servers keep (the server has the last word). Nostr has none.
 */
export const CHARACTER_LIMITS: Partial<Record<NetworkKind, { limit: number; note: string }>> = {
  bluesky: { limit: 300, note: "Bluesky allows 300 characters per post." },
  mastodon: { limit: 500, note: "Most Mastodon servers allow 500 characters per post." },
};

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
