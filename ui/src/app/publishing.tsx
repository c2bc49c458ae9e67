import { EVENTS, listenTo } from "../lib/ipc/events";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { invalidate } from "../lib/ipc/changes";
import * as ipc from "../lib/ipc/client";
import type { PublishEvent } from "../lib/ipc/client";
import { formatDateTime } from "../lib/time";
import { useAppData } from "./appData";
import { useErrors } from "./errors";
import { useToasts } from "./toasts";
import { useUi } from "./ui";

interface PublishingValue {
  /** Whether all publishing is paused; null until the backend answered. */
  paused: boolean | null;
  /** Optimistic; rolls back and shows the error if the backend refuses. */
  setPaused: (paused: boolean) => Promise<void>;
  /** How late an overdue post may still go out (after a pause, say); null until known. */
  missedGraceMinutes: number | null;
  /** Saves the grace period; rejects with the backend's IpcError (the caller shows it). */
  setMissedGraceMinutes: (minutes: number) => Promise<void>;
}

const PublishingContext = createContext<PublishingValue | null>(null);

const EVENT_TYPES: readonly PublishEvent["type"][] = [
  "targetChanged",
  "failed",
  "missed",
  "unconfirmed",
  "channelNeedsAttention",
  "pausedChanged",
];

function isPublishEvent(value: unknown): value is PublishEvent {
  return (
    typeof value === "object" &&
    value !== null &&
    (EVENT_TYPES as readonly unknown[]).includes((value as { type?: unknown }).type)
  );
}

/** Scrolls Settings → Channels into view once it is visible. */
export function revealChannelsSettings() {
  requestAnimationFrame(() => {
    document.getElementById("settings-channels-title")?.scrollIntoView?.({ block: "start" });
  });
}

/**
 * Pause state and live updates from the publishing engine. Screens never poll: they load
 * again when a topic they show is invalidated (lib/ipc/changes.ts), by a command of this UI
 * or, here, by the engine's `chorus://publish` events.
 */
export function PublishingProvider({ children }: { children: ReactNode }) {
  const { showError } = useErrors();
  const { showToast } = useToasts();
  const { openDialog, navigate } = useUi();
  const { activeWorkspace } = useAppData();
  const [paused, setPausedState] = useState<boolean | null>(null);
  const [missedGraceMinutes, setGrace] = useState<number | null>(null);
  const pausedRef = useRef<boolean | null>(null);
  const zone = activeWorkspace?.timezone ?? "UTC";

  const commitPaused = useCallback((next: boolean | null) => {
    pausedRef.current = next;
    setPausedState(next);
  }, []);

  useEffect(() => {
    let cancelled = false;
    ipc.getPublishingSettings().then(
      (settings) => {
        if (cancelled) return;
        setGrace(settings.missedGraceMinutes);
        // An event may have arrived first; it is newer.
        if (pausedRef.current === null) commitPaused(settings.paused);
      },
      (reason: unknown) => {
        if (!cancelled) showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [commitPaused, showError]);

  const setPaused = useCallback(
    async (next: boolean) => {
      const previous = pausedRef.current;
      commitPaused(next);
      try {
        const saved = await ipc.setPublishingPaused(next);
        if (pausedRef.current === next) commitPaused(saved.paused);
        setGrace(saved.missedGraceMinutes);
      } catch (reason) {
        if (pausedRef.current === next) commitPaused(previous);
        showError(reason);
      }
    },
    [commitPaused, showError],
  );

  // Reads the latest state, so the listener is registered once.
  const onEvent = useEffectEvent((event: PublishEvent) => {
    const viewPost = (postId: number) => openDialog({ name: "post", postId });
    switch (event.type) {
      case "pausedChanged":
        commitPaused(event.paused);
        invalidate(["publishing", "posts"]);
        return;
      case "channelNeedsAttention":
        invalidate(["channels", "posts"]);
        showToast({
          tone: "warning",
          title: `${event.channel} needs to be reconnected`,
          message: event.reason,
          action: {
            label: "Open Channels",
            run: () => {
              navigate("settings");
              revealChannelsSettings();
            },
          },
        });
        return;
      case "failed":
        showToast({
          tone: "danger",
          title: `Couldn't publish to ${event.channel}`,
          message: event.reason,
          action: { label: "View post", run: () => viewPost(event.postId) },
        });
        break;
      case "missed":
        showToast({
          tone: "danger",
          title: `Missed on ${event.channel}`,
          message: `It was due ${formatDateTime(event.dueAt, zone)} while Chorus was closed, asleep or paused. Nothing was sent; retry it or leave it.`,
          action: { label: "View post", run: () => viewPost(event.postId) },
        });
        break;
      case "unconfirmed":
        showToast({
          tone: "warning",
          title: `Not sure it went out on ${event.channel}`,
          message: event.reason,
          action: { label: "View post", run: () => viewPost(event.postId) },
        });
        break;
      case "targetChanged":
        break;
    }
    invalidate(["posts"]);
  });

  useEffect(() => {
    const unlisten = listenTo(EVENTS.publish, (event: unknown) => {
      if (isPublishEvent(event)) onEvent(event);
    })
      // Outside the Tauri shell there is no event bus; screens still load on demand.
      .catch(() => null);
    return () => {
      unlisten.then((stop) => stop?.()).catch(() => undefined);
    };
  }, []);

  const setMissedGraceMinutes = useCallback(async (minutes: number) => {
    const saved = await ipc.setMissedGrace(minutes);
    setGrace(saved.missedGraceMinutes);
  }, []);


  const value = useMemo(
    () => ({
      paused,
      setPaused,
      missedGraceMinutes,
      setMissedGraceMinutes,
    }),
    [paused, setPaused, missedGraceMinutes, setMissedGraceMinutes],
  );
  return <PublishingContext.Provider value={value}>{children}</PublishingContext.Provider>;
}

export function usePublishing(): PublishingValue {
  const value = useContext(PublishingContext);
  if (!value) throw new Error("usePublishing must be used inside <PublishingProvider>");
  return value;
}
