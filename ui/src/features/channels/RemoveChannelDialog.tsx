import { useState } from "react";
import { useChannels } from "../../app/channels";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { ErrorNotice } from "../../components/ErrorBanner";
import { FieldError } from "../../components/Field";
import { toIpcError, type Channel, type IpcError } from "../../lib/ipc/client";
import { networkLabel } from "./networks";
import "./Channels.css";

export function RemoveChannelDialog({ channel }: { channel: Channel }) {
  const { closeDialog, navigate } = useUi();
  const { remove } = useChannels();
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<IpcError | null>(null);
  const network = networkLabel(channel.network);

  async function confirm() {
    setBusy(true);
    setConflict(null);
    setNotice(null);
    try {
      await remove(channel.id);
      closeDialog();
    } catch (reason) {
      const error = toIpcError(reason);
      if (error.code === "conflict") setConflict(error.message);
      else setNotice(error);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={`Remove ${channel.handle}?`}
      onClose={closeDialog}
      size="sm"
      testId="remove-channel-dialog"
      initialFocus="panel"
    >
      <div className="remove-body">
        {notice && <ErrorNotice error={notice} onDismiss={() => setNotice(null)} />}
        <p>
          Chorus stops publishing to this {network} account and deletes its password, token or key
          from your system keychain. Posts already sent stay on {network}, and their history stays
          in Chorus.
        </p>
        {conflict && (
          <div>
            <FieldError id="remove-channel-error" message={conflict} />
            <button
              type="button"
              className="link-button"
              onClick={() => {
                closeDialog();
                navigate("posts");
              }}
            >
              Show posts
            </button>
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={confirm}
            disabled={busy}
            aria-describedby={conflict ? "remove-channel-error" : undefined}
          >
            {busy ? "Removing…" : "Remove channel"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
