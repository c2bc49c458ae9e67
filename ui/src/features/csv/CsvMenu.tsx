import { useEffect, useRef, useState } from "react";
import { useToasts } from "../../app/toasts";
import { ChevronDownIcon } from "../../components/icons";
import { pickCsvToExport, pickCsvToImport } from "../../lib/csvFiles";
import { fileName } from "../../lib/files";
import * as ipc from "../../lib/ipc/client";
import type { CsvImportReport, Workspace } from "../../lib/ipc/client";
import { CsvImportDialog } from "./CsvImportDialog";
import "./Csv.css";

interface Checked {
  path: string;
  report: CsvImportReport;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** "CSV" on the calendar's toolbar: check and import a file of posts, or export them all. */
export function CsvMenu({ workspace }: { workspace: Workspace }) {
  const { showToast } = useToasts();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function fail(title: string, reason: unknown) {
    showToast({ tone: "danger", title, message: ipc.toIpcError(reason).message });
  }

  async function startImport() {
    setOpen(false);
    let path: string | null;
    try {
      path = await pickCsvToImport();
    } catch (reason) {
      fail("Could not open the file dialog", reason);
      return;
    }
    if (path === null) return;
    setBusy(true);
    try {
      const report = await ipc.importCsv(workspace.id, path, true);
      setChecked({ path, report });
    } catch (reason) {
      fail(`Could not read ${fileName(path)}`, reason);
    } finally {
      setBusy(false);
    }
  }

  async function confirmImport() {
    if (!checked) return;
    setBusy(true);
    try {
      const report = await ipc.importCsv(workspace.id, checked.path, false);
      if (report.rowsWithErrors > 0) {
        // The file changed since it was checked: show what is wrong now; nothing was created.
        setChecked({ path: checked.path, report });
        return;
      }
      setChecked(null);
      showToast({
        tone: "success",
        title: `Imported ${plural(report.created, "post", "posts")}`,
        message: `From ${fileName(checked.path)} into ${workspace.name}.`,
      });
    } catch (reason) {
      fail("The import failed; nothing was created", reason);
    } finally {
      setBusy(false);
    }
  }

  async function startExport() {
    setOpen(false);
    let path: string | null;
    try {
      path = await pickCsvToExport(`${workspace.name.replace(/[/\\:*?"<>|]+/g, "-")} posts.csv`);
    } catch (reason) {
      fail("Could not open the save dialog", reason);
      return;
    }
    if (path === null) return;
    setBusy(true);
    try {
      const count = await ipc.exportCsv(workspace.id, path);
      showToast({ tone: "success", title: `Exported ${plural(count, "post", "posts")}`, message: path });
    } catch (reason) {
      fail("The export failed", reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="csv-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button button-small"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy}
        onClick={() => setOpen((o) => !o)}
        data-testid="csv-menu"
      >
        {busy ? "Working…" : "CSV"}
        <ChevronDownIcon size={14} />
      </button>
      {open && (
        <div
          className="csv-menu-list"
          role="menu"
          aria-label="CSV"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <button type="button" role="menuitem" className="csv-menu-item" autoFocus onClick={() => void startImport()}>
            Import posts from CSV…
          </button>
          <button type="button" role="menuitem" className="csv-menu-item" onClick={() => void startExport()}>
            Export all posts to CSV…
          </button>
        </div>
      )}
      {checked && (
        <CsvImportDialog
          path={checked.path}
          report={checked.report}
          zone={workspace.timezone}
          busy={busy}
          onImport={() => void confirmImport()}
          onClose={() => setChecked(null)}
        />
      )}
    </div>
  );
}
