import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { Keys } from "../../components/Kbd";
import { SHORTCUTS } from "./shortcuts";
import "./ShortcutsDialog.css";

export function ShortcutsDialog() {
  const { closeDialog } = useUi();
  return (
    <Dialog title="Keyboard shortcuts" onClose={closeDialog} size="sm" testId="shortcuts-dialog" initialFocus="panel">
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.label} className="shortcut-row">
            <dt>{shortcut.label}</dt>
            <dd>
              {shortcut.combos.map((combo, i) => (
                <span key={combo} className="shortcut-combo">
                  {i > 0 && <span className="shortcut-or">or</span>}
                  <Keys combo={combo} />
                </span>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
