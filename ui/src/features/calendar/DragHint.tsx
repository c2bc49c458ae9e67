import { useState, useSyncExternalStore } from "react";
import { AlertIcon, ClockIcon } from "../../components/icons";

export interface Hint {
  ok: boolean;
  text: string;
}

export interface HintStore {
  get: () => Hint | null;
  set: (hint: Hint | null) => void;
  subscribe: (listener: () => void) => () => void;
}

function createHintStore(): HintStore {
  let value: Hint | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (hint) => {
      if (hint?.ok === value?.ok && hint?.text === value?.text) return;
      value = hint;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * What a drag in progress would do. FullCalendar asks on every hover, many times a second;
 * a store outside React state keeps those updates from re-rendering the whole calendar.
 */
export function useDragHintStore(): HintStore {
  const [store] = useState(createHintStore);
  return store;
}

export function DragHint({ store }: { store: HintStore }) {
  const hint = useSyncExternalStore(store.subscribe, store.get);
  if (!hint) return null;
  return (
    <div
      className={hint.ok ? "calendar-drag-hint" : "calendar-drag-hint calendar-drag-hint-refused"}
      data-testid="calendar-drag-hint"
      role="status"
    >
      {hint.ok ? <ClockIcon size={14} /> : <AlertIcon size={14} />}
      {hint.text}
    </div>
  );
}
