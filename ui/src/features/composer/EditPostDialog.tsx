import { useEffect, useState } from "react";
import { useChannels } from "../../app/channels";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { ErrorNotice } from "../../components/ErrorBanner";
import * as ipc from "../../lib/ipc/client";
import type { IpcError, PostDetails, Workspace } from "../../lib/ipc/client";
import { Composer } from "./Composer";

/** The composer prefilled from get_post; saving calls update_post and goes back to the post's details. */
export function EditPostDialog({ postId, workspace }: { postId: number; workspace: Workspace }) {
  const { closeDialog, openDialog } = useUi();
  const { channels } = useChannels();
  const [post, setPost] = useState<PostDetails | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);

  useEffect(() => {
    let cancelled = false;
    ipc.getPost(postId).then(
      (details) => {
        if (!cancelled) setPost(details);
      },
      (reason: unknown) => {
        if (!cancelled) setLoadError(ipc.toIpcError(reason));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [postId]);

  return (
    <Dialog title="Edit post" description="Changes replace the post on every channel it has not gone out on yet." onClose={closeDialog} size="lg" testId="edit-post">
      {loadError && <ErrorNotice error={loadError} />}
      {!post && !loadError && (
        <p className="post-list-status" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading the post…
        </p>
      )}
      {post && channels && (
        <Composer
          workspace={workspace}
          channels={channels}
          editing={post}
          onSaved={() => {
            openDialog({ name: "post", postId });
          }}
          onCancel={() => openDialog({ name: "post", postId })}
        />
      )}
    </Dialog>
  );
}
