import { useEffect } from "react";
import { useUi } from "../../app/ui";
import { hasPrimaryModifier, isTextEntryTarget } from "../../lib/platform";

/** App-wide shortcuts. While a dialog is open it owns the keyboard. */
export function useGlobalShortcuts() {
  const { dialog, navigate, openDialog, compose } = useUi();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || dialog !== null || event.altKey) return;
      const key = event.key.toLowerCase();

      if (hasPrimaryModifier(event)) {
        const newKey = key === "n" || event.code === "KeyN";
        let handled = true;
        if (!event.shiftKey && key === "1") navigate("overview");
        else if (!event.shiftKey && key === "2") navigate("posts");
        else if (!event.shiftKey && key === "3") navigate("calendar");
        else if (!event.shiftKey && key === "5") navigate("inbox");
        else if (!event.shiftKey && key === "6") navigate("media");
        else if (!event.shiftKey && (key === "," || key === "4")) navigate("settings");
        else if (!event.shiftKey && newKey) compose();
        else if (event.shiftKey && newKey) openDialog({ name: "new-workspace" });
        else handled = false;
        if (handled) event.preventDefault();
        return;
      }

      if (event.key === "?" && !event.ctrlKey && !event.metaKey && !isTextEntryTarget(event.target)) {
        event.preventDefault();
        openDialog({ name: "shortcuts" });
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [dialog, navigate, openDialog, compose]);
}
