// How long a post is, as each network counts it (its capabilities say how). The backend checks again before publishing;
// these counts let the composer say so while the user types.
import type { NetworkKind, TextCounting } from "../../lib/ipc/client";
import { capabilitiesOf } from "../channels/networks";
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

/**
 * Graphemes, with every link as `urlLength` whatever its length and, with `localMentions`, a
 * remote mention `@user@domain` as its local part `@user` (Mastodon's StatusLengthValidator).
 */
export function shortLinkLength(text: string, urlLength: number, localMentions: boolean): number {
  let n = 0;
  for (const token of tokenize(text)) {
    if (token.kind === "link") n += urlLength;
    else if (token.kind === "mention" && localMentions) n += graphemeLength(token.text.replace(/^(@[^@]+)@.*$/u, "$1"));
    else n += graphemeLength(token.text);
  }
  return n;
}

/** The text's length measured the way `counting` says. */
export function countText(counting: TextCounting, text: string): number {
  switch (counting.kind) {
    case "graphemes":
      return graphemeLength(text);
    case "graphemesShortLinks":
      return shortLinkLength(text, counting.urlLength, counting.localMentions);
    case "bytes":
      return new TextEncoder().encode(text).length;
  }
}

export interface Count {
  count: number;
  limit: number | null;
  over: boolean;
}

/**
 * How long `text` is on `network`, by the rules its registry entry declares (a network that
 * counts the content warning, Mastodon, gets it added).
 */
export function countFor(network: NetworkKind, text: string, contentWarning = ""): Count {
  const rules = capabilitiesOf(network).text;
  const count = countText(rules.counting, rules.warningCounts ? contentWarning + text : text);
  const limit = rules.maxLength;
  return { count, limit, over: limit !== null && count > limit };
}
