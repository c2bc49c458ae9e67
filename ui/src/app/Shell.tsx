import { ErrorBanner } from "../components/ErrorBanner";
import { Overview } from "../features/overview/Overview";
import { Settings } from "../features/settings/Settings";
import { ShortcutsDialog } from "../features/shortcuts/ShortcutsDialog";
import { useGlobalShortcuts } from "../features/shortcuts/useGlobalShortcuts";
import { NewWorkspaceDialog } from "../features/workspaces/NewWorkspaceDialog";
import type { Workspace } from "../lib/ipc/client";
import { Sidebar } from "./Sidebar";
import { useUi } from "./ui";
import "./Shell.css";

/** The main window once a workspace exists. */
export function Shell({ workspace }: { workspace: Workspace }) {
  const { section, dialog } = useUi();
  useGlobalShortcuts();

  return (
    <div className="shell">
      <Sidebar />
      <main className="shell-main">
        <div className="shell-content">
          <ErrorBanner />
          {/* Both stay mounted so an unsaved settings draft survives a visit to Overview. */}
          <Overview workspace={workspace} visible={section === "overview"} />
          <Settings workspace={workspace} visible={section === "settings"} />
        </div>
      </main>
      {dialog === "new-workspace" && <NewWorkspaceDialog />}
      {dialog === "shortcuts" && <ShortcutsDialog />}
    </div>
  );
}
