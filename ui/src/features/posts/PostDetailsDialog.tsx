import { useCallback, useEffect, useState } from "react";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { ErrorNotice } from "../../components/ErrorBanner";
import * as ipc from "../../lib/ipc/client";
import type { IpcError, PostDetails, TargetState, Workspace } from "../../lib/ipc/client";
import { formatDateTime, formatTimestamp, formatUtc } from "../../lib/time";
import { OutcomePill } from "./StatusPill";
import { TargetRow } from "./TargetRow";
import { useRetry } from "./useRetry";
import { PencilIcon, TrashIcon } from "../../components/icons";
import { TagsField } from "../composer/TagsField";

/** Target states that have not gone out: the post can still be edited or deleted. */
const UNSENT_STATES: readonly TargetState[] = ["draft", "scheduled", "paused", "failed", "missed"];
import "./Posts.css";
import { useTopicVersion } from "../../lib/ipc/changes";

interface PostDetailsDialogProps {
  postId: number;
  workspace: Workspace;
}

/** Full text and thread, every target, and every publish attempt. Live: refetches on publish events. */
export function PostDetailsDialog({ postId, workspace }: PostDetailsDialogProps) {
  const { closeDialog, openDialog } = useUi();
  const postsRevision = useTopicVersion("posts");
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [post, setPost] = useState<PostDetails | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const onRetryError = useCallback((error: IpcError) => setActionError(error), []);
  const { retry, busy } = useRetry(onRetryError);

  useEffect(() => {
    let cancelled = false;
    ipc.getPost(postId).then(
      (details) => {
        if (cancelled) return;
        setPost(details);
        setLoadError(null);
      },
      (reason: unknown) => {
        if (!cancelled) setLoadError(ipc.toIpcError(reason));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [postId, postsRevision, attempt]);

  const [tagsError, setTagsError] = useState<string | undefined>(undefined);
  /** Tags can change on any post, sent or not: saved at once, put back if refused. */
  async function saveTags(tags: string[]) {
    if (!post) return;
    const before = post.tags;
    setPost({ ...post, tags });
    setTagsError(undefined);
    try {
      const saved = await ipc.setPostTags(post.id, tags);
      setPost((current) => (current ? { ...current, tags: saved } : current));
    } catch (reason) {
      setPost((current) => (current ? { ...current, tags: before } : current));
      setTagsError(ipc.toIpcError(reason).message);
    }
  }

  async function remove() {
    setDeleting(true);
    setActionError(null);
    try {
      await ipc.deletePost(postId);
      closeDialog();
    } catch (reason) {
      setActionError(ipc.toIpcError(reason));
      setConfirmDelete(false);
    } finally {
      setDeleting(false);
    }
  }

  // A post of the active workspace is shown in its current zone; another's in the zone it was planned in.
  const zone = post && post.workspaceId !== workspace.id ? post.timezone : workspace.timezone;
  const parts = post ? [post.text, ...post.thread] : [];

  let description: string | undefined;
  if (post) {
    description = post.dueAt
      ? `Due ${formatDateTime(post.dueAt, zone)} (${zone})`
      : `Draft, created ${formatDateTime(post.createdAt, zone)}`;
  }

  return (
    <Dialog
      title="Post details"
      description={description}
      onClose={closeDialog}
      size="lg"
      testId="post-details"
      initialFocus="panel"
    >
      <div className="post-details">
        {actionError && <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} />}
        {loadError && (
          <div className="post-details-error">
            <ErrorNotice error={loadError} />
            <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        )}
        {!post && !loadError && (
          <p className="post-list-status" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading the post…
          </p>
        )}
        {post && (
          <>
            {post.workspaceId === workspace.id && (
              <div className="post-details-actions">
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => openDialog({ name: "edit-post", postId })}
                  disabled={!post.targets.every((t) => UNSENT_STATES.includes(t.state))}
                  title={
                    post.targets.every((t) => UNSENT_STATES.includes(t.state))
                      ? undefined
                      : "It has gone out (or may have) on a channel, so it cannot be edited."
                  }
                >
                  <PencilIcon size={14} />
                  Edit
                </button>
                <button type="button" className="button button-small button-danger" onClick={() => setConfirmDelete(true)} disabled={confirmDelete}>
                  <TrashIcon size={14} />
                  Delete
                </button>
              </div>
            )}
            {confirmDelete && (
              <div className="post-details-confirm" role="alertdialog" aria-labelledby="post-delete-question">
                <p id="post-delete-question">
                  Delete this post from every channel it has not gone out on? This cannot be undone.
                </p>
                <button type="button" className="button button-small" onClick={() => setConfirmDelete(false)}>
                  Keep it
                </button>
                <button type="button" className="button button-small button-danger" onClick={() => void remove()} disabled={deleting} data-autofocus>
                  {deleting ? "Deleting…" : "Delete post"}
                </button>
              </div>
            )}
            <section aria-labelledby="post-details-text">
              <h3 id="post-details-text" className="details-heading">
                {parts.length > 1 ? `Thread · ${parts.length} posts` : "Text"}
              </h3>
              <ol className={parts.length > 1 ? "thread-view thread-view-many" : "thread-view"}>
                {parts.map((part, i) => (
                  <li key={i} className="thread-view-part">
                    {parts.length > 1 && (
                      <span className="thread-view-index" aria-hidden="true">
                        {i + 1}/{parts.length}
                      </span>
                    )}
                    <p className="thread-view-text">{part || <span className="muted">(Images only)</span>}</p>
                  </li>
                ))}
              </ol>
            </section>

            {post.workspaceId === workspace.id && (
              <section className="post-details-tags">
                <TagsField
                  id="post-details-tags"
                  workspaceId={workspace.id}
                  tags={post.tags}
                  error={tagsError}
                  onChange={(tags) => void saveTags(tags)}
                />
              </section>
            )}

            <section aria-labelledby="post-details-targets">
              <h3 id="post-details-targets" className="details-heading">
                Channels
              </h3>
              <ul className="target-list target-list-boxed">
                {post.targets.map((target) => (
                  <TargetRow
                    key={target.id}
                    target={target}
                    zone={zone}
                    onRetry={(id) => {
                      setActionError(null);
                      void retry(id);
                    }}
                    retrying={busy.has(target.id)}
                  />
                ))}
              </ul>
            </section>

            <section aria-labelledby="post-details-activity">
              <h3 id="post-details-activity" className="details-heading">
                Activity
              </h3>
              {post.activity.length === 0 ? (
                <p className="muted activity-empty">
                  No attempts yet. Every try to publish is recorded here with its outcome.
                </p>
              ) : (
                <div className="activity-scroll">
                  <table className="activity-table" data-testid="activity-log">
                    <thead>
                      <tr>
                        <th scope="col">When and where</th>
                        <th scope="col">Outcome</th>
                        <th scope="col">Code</th>
                        <th scope="col">Message</th>
                      </tr>
                    </thead>
                    <tbody>
                      {post.activity.map((entry, i) => (
                        <tr key={`${entry.targetId}-${entry.startedAt}-${i}`}>
                          <td className="activity-when">
                            <time
                              className="activity-time"
                              dateTime={entry.startedAt}
                              title={`Started ${formatUtc(entry.startedAt)}${
                                entry.finishedAt ? `, finished ${formatUtc(entry.finishedAt)}` : ""
                              }`}
                            >
                              {formatTimestamp(entry.startedAt, zone)}
                            </time>
                            <span className="activity-channel" title={entry.channel}>
                              {entry.channel}
                            </span>
                          </td>
                          <td className="activity-narrow">
                            <OutcomePill outcome={entry.outcome} />
                          </td>
                          <td className="activity-narrow">
                            {entry.errorCode ? <code>{entry.errorCode}</code> : <span className="muted">–</span>}
                          </td>
                          <td className="activity-message">
                            {entry.message || (entry.remoteId ? <code title="Remote id">{entry.remoteId}</code> : <span className="muted">–</span>)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </div>
    </Dialog>
  );
}
