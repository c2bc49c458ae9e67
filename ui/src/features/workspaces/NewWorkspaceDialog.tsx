import { useState } from "react";
import { useAppData } from "../../app/appData";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { defaultTimeZone } from "../../lib/time";
import { WorkspaceForm } from "./WorkspaceForm";

export function NewWorkspaceDialog() {
  const { timeZones, createWorkspace } = useAppData();
  const { closeDialog, navigate } = useUi();
  const [initial] = useState(() => ({ name: "", timezone: defaultTimeZone(timeZones) }));

  return (
    <Dialog
      title="New workspace"
      description="A workspace holds one brand's channels, posts and media."
      onClose={closeDialog}
      testId="new-workspace-dialog"
    >
      <WorkspaceForm
        idPrefix="new-workspace"
        initial={initial}
        submitLabel="Create workspace"
        busyLabel="Creating…"
        autoFocus
        footer={
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
        }
        onSubmit={async (values) => {
          await createWorkspace(values);
          closeDialog();
          navigate("overview");
        }}
      />
    </Dialog>
  );
}
