import { listen } from "@tauri-apps/api/event";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from "react";

export type Section = "overview" | "settings";
export type DialogName = "new-workspace" | "shortcuts";

/** Emitted by the Rust shell (tray menu) with a Section as payload. */
export const NAVIGATE_EVENT = "chorus://navigate";

interface UiValue {
  section: Section;
  navigate: (section: Section) => void;
  dialog: DialogName | null;
  openDialog: (dialog: DialogName) => void;
  closeDialog: () => void;
}

const UiContext = createContext<UiValue | null>(null);

function isSection(value: unknown): value is Section {
  return value === "overview" || value === "settings";
}

export function UiProvider({ children }: { children: ReactNode }) {
  const [section, setSection] = useState<Section>("overview");
  const [dialog, setDialog] = useState<DialogName | null>(null);

  const navigate = useCallback((next: Section) => setSection(next), []);
  const openDialog = useCallback((next: DialogName) => setDialog(next), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  useEffect(() => {
    const unlisten = listen<unknown>(NAVIGATE_EVENT, (event) => {
      if (isSection(event.payload)) {
        setDialog(null);
        setSection(event.payload);
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
    () => ({ section, navigate, dialog, openDialog, closeDialog }),
    [section, navigate, dialog, openDialog, closeDialog],
  );
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiValue {
  const value = useContext(UiContext);
  if (!value) throw new Error("useUi must be used inside <UiProvider>");
  return value;
}
