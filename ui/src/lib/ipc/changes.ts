// Invalidation tags: a command declares what it changes (src-tauri/src/commands/mod.rs), the
// generated call invalidates those topics when it succeeds, and background events (the
// publishing engine, the inbox job) invalidate theirs. Screens read a topic's version and load
// again when it moves; nothing bumps a counter by hand.
import { useCallback, useSyncExternalStore } from "react";
import type { Topic } from "./bindings/Topic";

const versions = new Map<Topic, number>();
const listeners = new Set<() => void>();

/** Marks topics as changed: every screen that shows them loads again. */
export function invalidate(topics: readonly Topic[]): void {
  for (const topic of topics) versions.set(topic, (versions.get(topic) ?? 0) + 1);
  for (const listener of listeners) listener();
}

/** How many times `topic` changed since the app started. */
export function topicVersion(topic: Topic): number {
  return versions.get(topic) ?? 0;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A number that changes whenever any of `topics` does: put it in an effect's dependencies. */
export function useTopicVersion(...topics: Topic[]): number {
  const key = topics.join(",");
  const snapshot = useCallback(
    () => key.split(",").reduce((sum, t) => sum + topicVersion(t as Topic), 0),
    [key],
  );
  return useSyncExternalStore(subscribe, snapshot);
}
