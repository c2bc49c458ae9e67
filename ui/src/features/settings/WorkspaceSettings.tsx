import { useEffect, useRef, useState } from "react";
import { useAppData } from "../../app/appData";
import { CheckIcon } from "../../components/icons";
import type { Workspace } from "../../lib/ipc/client";
import { WorkspaceForm } from "../workspaces/WorkspaceForm";
import { SettingsSection } from "./SettingsSection";

export function WorkspaceSettings({ workspace }: { workspace: Workspace }) {
  const { updateWorkspace } = useAppData();
  const [saved, setSaved] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <SettingsSection
      id="settings-workspace-title"
      title="Workspace"
      description="The brand's name and the time zone its posts are scheduled in."
    >
      <WorkspaceForm
        // A fresh form per workspace: switching discards the other's draft.
        key={workspace.id}
        idPrefix="settings"
        initial={{ name: workspace.name, timezone: workspace.timezone }}
        submitLabel="Save changes"
        busyLabel="Saving…"
        requireChange
        onEdit={() => setSaved(false)}
        footer={
          <span className="saved-note" role="status" aria-live="polite">
            {saved && (
              <>
                <CheckIcon />
                Saved
              </>
            )}
          </span>
        }
        onSubmit={async (values) => {
          const updated = await updateWorkspace({ id: workspace.id, ...values });
          setSaved(true);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => setSaved(false), 4000);
          return { name: updated.name, timezone: updated.timezone };
        }}
      />
    </SettingsSection>
  );
}
