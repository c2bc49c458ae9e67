import type { CalendarEntry, TargetState } from "../../lib/ipc/client";

/** The badges the status filter offers, in the order the filter lists them. */
export const STATUS_ORDER: readonly TargetState[] = [
  "failed",
  "unconfirmed",
  "missed",
  "paused",
  "publishing",
  "scheduled",
  "published",
  "draft",
];

export interface CalendarFilter {
  /** Channel ids to show; empty = every channel. */
  channels: ReadonlySet<number>;
  /** States to show; empty = every state. */
  statuses: ReadonlySet<TargetState>;
  /** Tags to show (lower case); empty = any. A post shows when it has any of them. */
  tags: ReadonlySet<string>;
  /** Free text; every word must appear in the post's text or its tags. */
  query: string;
}

export const NO_FILTER: CalendarFilter = { channels: new Set(), statuses: new Set(), tags: new Set(), query: "" };

/** Lower case without accents, so "cafe" finds "Café". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{Mn}/gu, "").toLocaleLowerCase();
}

export function queryWords(query: string): string[] {
  return foldText(query).split(/\s+/).filter(Boolean);
}

export function isFiltering(filter: CalendarFilter): boolean {
  return (
    filter.channels.size > 0 || filter.statuses.size > 0 || filter.tags.size > 0 || queryWords(filter.query).length > 0
  );
}

/**
 * Whether a post passes the filters. A post on several channels shows when any of them is
 * chosen; its status matches on the badge or on any channel's own state, so a post that
 * published on one network and failed on another is found under both.
 */
export function matchesCalendarFilter(entry: CalendarEntry, filter: CalendarFilter): boolean {
  if (filter.channels.size > 0 && !entry.targets.some((t) => filter.channels.has(t.channelId))) {
    return false;
  }
  if (
    filter.statuses.size > 0 &&
    !filter.statuses.has(entry.status) &&
    !entry.targets.some((t) => filter.statuses.has(t.state))
  ) {
    return false;
  }
  if (filter.tags.size > 0 && !entry.tags.some((t) => filter.tags.has(t.toLocaleLowerCase()))) {
    return false;
  }
  const words = queryWords(filter.query);
  if (words.length > 0) {
    const text = foldText([entry.text, ...entry.tags].join(" "));
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export function filterEntries(entries: readonly CalendarEntry[], filter: CalendarFilter): CalendarEntry[] {
  return entries.filter((e) => matchesCalendarFilter(e, filter));
}

/** Toggles one value in a set filter, returning a new set. */
export function toggled<T>(set: ReadonlySet<T>, value: T): Set<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

/** The tags on these posts with how many carry each, most used first (the tag filter's chips). */
export function tagCounts(entries: readonly CalendarEntry[]): { tag: string; key: string; count: number }[] {
  const counts = new Map<string, { tag: string; key: string; count: number }>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      const key = tag.toLocaleLowerCase();
      const seen = counts.get(key);
      if (seen) seen.count += 1;
      else counts.set(key, { tag, key, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
