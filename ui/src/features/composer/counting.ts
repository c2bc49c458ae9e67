// How long a post is, as each network counts it. The backend checks again before publishing;
// these counts let the composer say so while the user types.
import type { NetworkKind } from "../../lib/ipc/client";
import { tokenize } from "./richText";

type Segmenter = { segment: (text: string) => Iterable<unknown> };
let segmenter: Segmenter | null | undefined;

function graphemeSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale?: string, options?: object) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor(undefined, { granularity: "grapheme" }) : null;
  }
  return segmenter;
}

/** User-perceived characters: 👩‍👩‍👧 or é written as e + ◌́ is one. */
export function graphemeLength(text: string): number {
  const seg = graphemeSegmenter();
  if (!seg) return Array.from(text).length;
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

/** Mastodon shortens every link to 23 characters whatever its length. */
export const MASTODON_URL_LENGTH = 23;

/**
 * Mastodon's count: graphemes, with every URL as 23 and a remote mention `@user@domain`
 * as its local part `@user` (Mastodon's StatusLengthValidator).
 */
export function mastodonLength(text: string): number {
  let n = 0;
  for (const token of tokenize(text)) {
    if (token.kind === "link") n += MASTODON_URL_LENGTH;
    else if (token.kind === "mention") n += graphemeLength(token.text.replace(/^(@[^@]+)@.*$/u, "$1"));
    else n += graphemeLength(token.text);
  }
  return n;
}

export interface NetworkRule {
  /** null: no hard limit (Nostr). */
  limit: number | null;
  unit: string;
  note: string;
  count: (text: string) => number;
}

export const NETWORK_RULES: Record<NetworkKind, NetworkRule> = {
  bluesky: {
    limit: 300,
    unit: "characters",
    note: "Bluesky allows 300 characters (graphemes) per post.",
    count: graphemeLength,
  },
  mastodon: {
    limit: 500,
    unit: "characters",
    note: "Most Mastodon servers allow 500 characters; every link counts as 23 and @user@server as @user.",
    count: mastodonLength,
  },
  nostr: {
    limit: null,
    unit: "characters",
    note: "Nostr has no length limit; some clients fold long notes.",
    count: graphemeLength,
  },
};

export interface Count {
  count: number;
  limit: number | null;
  over: boolean;
}

export function countFor(network: NetworkKind, text: string): Count {
  const rule = NETWORK_RULES[network];
  const count = rule.count(text);
  return { count, limit: rule.limit, over: rule.limit !== null && count > rule.limit };
}
