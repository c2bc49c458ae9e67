import { EVENTS, listenTo } from "../lib/ipc/events";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import type { Channel, NetworkKind } from "../lib/ipc/client";

export type Section = "overview" | "inbox" | "posts" | "calendar" | "media" | "settings";

/** The one modal dialog the shell shows at a time. */
export type DialogState =
  | { name: "new-workspace" }
  | { name: "shortcuts" }
  | { name: "post"; postId: number }
  | { name: "edit-post"; postId: number }
  /** `channel` set = reconnect that channel; `network` preselects a network. */
  | { name: "connect-channel"; channel?: Channel; network?: NetworkKind }
  | { name: "remove-channel"; channel: Channel };

export type DialogName = DialogState["name"];

/** Emitted by the Rust shell (tray menu) with a Section as payload. */
export const NAVIGATE_EVENT = EVENTS.navigate;

interface UiValue {
  section: Section;
  navigate: (section: Section) => void;
  dialog: DialogState | null;
  openDialog: (dialog: DialogState) => void;
  closeDialog: () => void;
  /** Goes to Posts and focuses the post form; `composeRequest` counts the requests. */
  compose: () => void;
  /** The same, the new post starting with `prefill` (an image dropped on a calendar day). */
  composeWith: (prefill: ComposePrefill) => void;
  composeRequest: number;
  /** What the latest compose request asked the new post to start with. */
  composePrefill: ComposePrefill | null;
}

export interface ComposePrefill {
  images?: { path: string; alt: string; name: string }[];
  /** The time the post is planned for. */
  at?: Date;
}

const UiContext = createContext<UiValue | null>(null);

function isSection(value: unknown): value is Section {
  return value === "overview" || value === "inbox" || value === "posts" || value === "calendar" || value === "media" || value === "settings";
}

export function UiProvider({ children }: { children: ReactNode }) {
  const [section, setSection] = useState<Section>("overview");
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [composeRequest, setComposeRequest] = useState(0);
  const [composePrefill, setComposePrefill] = useState<ComposePrefill | null>(null);

  const navigate = useCallback((next: Section) => setSection(next), []);
  const openDialog = useCallback((next: DialogState) => setDialog(next), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const composeWith = useCallback((prefill: ComposePrefill | null) => {
    setDialog(null);
    setSection("posts");
    setComposePrefill(prefill);
    setComposeRequest((n) => n + 1);
  }, []);
  const compose = useCallback(() => composeWith(null), [composeWith]);

  useEffect(() => {
    const unlisten = listenTo(EVENTS.navigate, (section: unknown) => {
      if (isSection(section)) {
        setDialog(null);
        setSection(section);
      }
    })
      // Outside the Tauri shell (a plain browser) there is no event bus; the
      // app works without tray navigation.
      .catch(() => null);
    return () => {
      unlisten.then((stop) => stop?.()).catch(() => undefined);
    };
  }, []);

  const value = useMemo(
    () => ({ section, navigate, dialog, openDialog, closeDialog, compose, composeWith, composeRequest, composePrefill }),
    [section, navigate, dialog, openDialog, closeDialog, compose, composeWith, composeRequest, composePrefill],
  );
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiValue {
  const value = useContext(UiContext);
  if (!value) throw new Error("useUi must be used inside <UiProvider>");
  return value;
}
