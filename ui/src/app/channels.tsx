import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import * as ipc from "../lib/ipc/client";
import type { Channel } from "../lib/ipc/client";
import { useErrors } from "./errors";
import { useTopicVersion } from "../lib/ipc/changes";

interface ChannelsValue {
  /** The active workspace's channels; null while loading or after a failed load. */
  channels: Channel[] | null;
  failed: boolean;
  reload: () => void;
  /** Puts a just-connected (or reconnected) channel into the list. */
  saved: (channel: Channel) => void;
  /** Rejects with the backend's error (e.g. conflict) so the caller can show it. */
  remove: (channelId: number) => Promise<void>;
}

type Loaded =
  | { workspaceId: number; channels: Channel[] }
  | { workspaceId: number; channels: null };

const ChannelsContext = createContext<ChannelsValue | null>(null);

function byNetworkAndHandle(a: Channel, b: Channel): number {
  return a.network.localeCompare(b.network) || a.handle.localeCompare(b.handle) || a.id - b.id;
}

/** The channels of `workspaceId`, shared by Settings and the post form. */
export function ChannelsProvider({
  workspaceId,
  children,
}: {
  workspaceId: number;
  children: ReactNode;
}) {
  const { showError } = useErrors();
  const channelsRevision = useTopicVersion("channels");
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    ipc.listChannels(workspaceId).then(
      (channels) => {
        if (!cancelled) setLoaded({ workspaceId, channels: [...channels].sort(byNetworkAndHandle) });
      },
      (reason: unknown) => {
        if (cancelled) return;
        setLoaded({ workspaceId, channels: null });
        showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId, channelsRevision, attempt, showError]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const saved = useCallback(
    (channel: Channel) => {
      setLoaded((current) => {
        if (!current || current.workspaceId !== channel.workspaceId || !current.channels) {
          return current;
        }
        const others = current.channels.filter((c) => c.id !== channel.id);
        return { ...current, channels: [...others, channel].sort(byNetworkAndHandle) };
      });
    },
    [],
  );

  const remove = useCallback(async (channelId: number) => {
    await ipc.removeChannel(channelId);
    setLoaded((current) =>
      current?.channels
        ? { ...current, channels: current.channels.filter((c) => c.id !== channelId) }
        : current,
    );
  }, []);

  const current = loaded?.workspaceId === workspaceId ? loaded : null;
  const value = useMemo(
    () => ({
      channels: current?.channels ?? null,
      failed: current !== null && current.channels === null,
      reload,
      saved,
      remove,
    }),
    [current, reload, saved, remove],
  );
  return <ChannelsContext.Provider value={value}>{children}</ChannelsContext.Provider>;
}

export function useChannels(): ChannelsValue {
  const value = useContext(ChannelsContext);
  if (!value) throw new Error("useChannels must be used inside <ChannelsProvider>");
  return value;
}
