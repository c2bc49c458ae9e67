import { useEffect } from "react";
import { useUi } from "../../app/ui";
import { hasPrimaryModifier, isTextEntryTarget } from "../../lib/platform";

/** App-wide shortcuts. While a dialog is open it owns the keyboard. */
export function useGlobalShortcuts() {
  const { dialog, navigate, openDialog } = useUi();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || dialog !== null || event.altKey) return;
      const key = event.key.toLowerCase();

      if (hasPrimaryModifier(event)) {
        let handled = true;
        if (!event.shiftKey && key === "1") navigate("overview");
        else if (!event.shiftKey && (key === "," || key === "2")) navigate("settings");
        else if (event.shiftKey && (key === "n" || event.code === "KeyN")) openDialog("new-workspace");
        else handled = false;
        if (handled) event.preventDefault();
        return;
      }

      if (event.key === "?" && !event.ctrlKey && !event.metaKey && !isTextEntryTarget(event.target)) {
        event.preventDefault();
        openDialog("shortcuts");
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [dialog, navigate, openDialog]);
}
