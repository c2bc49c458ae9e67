import { useId, useState, type FormEvent } from "react";
import { CloseIcon, PencilIcon, TrashIcon, WarningIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { LibraryItem, MediaUse } from "../../lib/ipc/client";
import { IDENTITY } from "./crop";
import { assetUrl, formatBytes } from "./media";

interface MediaCardProps {
  item: LibraryItem;
  /** The workspace's IANA zone, for the times of the posts that use the image. */
  timeZone: string;
  onEdit: () => void;
  onChanged: (item: LibraryItem) => void;
  onDeleted: () => void;
  onOpenPost: (postId: number) => void;
}

/** "scheduled for 11 Dec 2026, 09:00" in the workspace's zone, or the post's status. */
function whenText(status: string, scheduledAt: string | null, timeZone: string): string {
  if (status === "scheduled" && scheduledAt) {
    const at = new Date(scheduledAt);
    let text: string;
    try {
      text = at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone });
    } catch {
      // A zone this computer does not know: UTC, said so.
      text = `${at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
    }
    return `scheduled for ${text}`;
  }
  return status;
}

/** One image: thumbnail, facts, tags, "used in", edit and delete. */
export function MediaCard({ item, timeZone, onEdit, onChanged, onDeleted, onOpenPost }: MediaCardProps) {
  const id = useId();
  const [tagDraft, setTagDraft] = useState("");
  const [tagError, setTagError] = useState<string | null>(null);
  const [uses, setUses] = useState<MediaUse[] | null>(null);
  const [usesOpen, setUsesOpen] = useState(false);
  const [usesError, setUsesError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const thumb = item.thumbnail ? assetUrl(item.thumbnail) : "";
  const edited = JSON.stringify({ ...IDENTITY, ...item.recipe }) !== JSON.stringify(IDENTITY);

  async function addTag(event: FormEvent) {
    event.preventDefault();
    const tags = tagDraft
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length === 0) {
      setTagError("Type a tag first.");
      return;
    }
    try {
      onChanged(await ipc.addMediaTags(item.id, tags));
      setTagDraft("");
      setTagError(null);
    } catch (reason) {
      setTagError(ipc.toIpcError(reason).message);
    }
  }

  async function removeTag(tag: string) {
    try {
      onChanged(await ipc.removeMediaTags(item.id, [tag]));
      setTagError(null);
    } catch (reason) {
      setTagError(ipc.toIpcError(reason).message);
    }
  }

  async function toggleUses() {
    const open = !usesOpen;
    setUsesOpen(open);
    if (!open) return;
    try {
      setUses(await ipc.mediaUsedIn(item.id));
      setUsesError(null);
    } catch (reason) {
      setUsesError(ipc.toIpcError(reason).message);
    }
  }

  async function remove() {
    setBusy(true);
    try {
      await ipc.deleteMedia(item.id);
      onDeleted();
    } catch (reason) {
      setDeleteError(ipc.toIpcError(reason).message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="media-card" data-testid={`media-item-${item.id}`} aria-labelledby={`${id}-name`}>
      <button type="button" className="media-thumb" onClick={onEdit} aria-label={`Edit ${item.fileName}`}>
        {item.thumbState === "ready" && thumb ? (
          <img src={thumb} alt={item.altText} loading="lazy" />
        ) : (
          <span className="media-thumb-state" role="status">
            {item.thumbState === "failed" ? "No preview" : "Making a preview…"}
          </span>
        )}
        {edited && <span className="media-badge">Edited</span>}
      </button>
      <div className="media-card-body">
        <p className="media-card-name" id={`${id}-name`} title={item.fileName}>
          {item.fileName}
        </p>
        <p className="media-card-facts muted">
          {item.width} × {item.height} · {item.mimeType.replace("image/", "").toUpperCase()} · {formatBytes(item.byteSize)}
        </p>
        {item.metadata.includes("location (GPS)") && (
          <p className="media-card-note muted" title={`Removed from what is published: ${item.metadata.join(", ")}`}>
            Location removed when published
          </p>
        )}
        {item.altText.trim() === "" && (
          <p className="field-warning media-card-warning">
            <WarningIcon size={14} />
            <span>No alt text</span>
          </p>
        )}

        <ul className="media-card-tags" aria-label={`Tags of ${item.fileName}`}>
          {item.tags.map((t) => (
            <li key={t} className="media-chip">
              #{t}
              <button type="button" className="media-chip-remove" aria-label={`Remove tag ${t}`} onClick={() => void removeTag(t)}>
                <CloseIcon size={12} />
              </button>
            </li>
          ))}
        </ul>
        <form className="media-tag-form" onSubmit={(e) => void addTag(e)}>
          <label className="visually-hidden" htmlFor={`${id}-tag`}>
            Add a tag to {item.fileName}
          </label>
          <input
            id={`${id}-tag`}
            className="input input-small"
            value={tagDraft}
            placeholder="Add tag"
            aria-invalid={tagError ? true : undefined}
            aria-describedby={tagError ? `${id}-tag-error` : undefined}
            onChange={(e) => setTagDraft(e.target.value)}
          />
          <button type="submit" className="button button-small">
            Add
          </button>
        </form>
        {tagError && (
          <p className="field-error" id={`${id}-tag-error`} role="alert">
            {tagError}
          </p>
        )}

        <button type="button" className="link-button" aria-expanded={usesOpen} onClick={() => void toggleUses()}>
          {item.usedIn === 0 ? "Not used in any post" : `Used in ${item.usedIn} ${item.usedIn === 1 ? "post" : "posts"}`}
        </button>
        {usesOpen && usesError && <p className="field-error">{usesError}</p>}
        {usesOpen && uses && uses.length > 0 && (
          <ul className="media-uses" aria-label={`Posts using ${item.fileName}`}>
            {uses.map((u) => (
              <li key={u.postId}>
                <button type="button" className="link-button" onClick={() => onOpenPost(u.postId)}>
                  {u.excerpt || `Post ${u.postId}`}
                </button>{" "}
                <span className="muted">({whenText(u.status, u.scheduledAt, timeZone)})</span>
              </li>
            ))}
          </ul>
        )}

        <div className="media-card-actions">
          <button type="button" className="button button-small" onClick={onEdit}>
            <PencilIcon size={14} />
            Edit
          </button>
          {confirming ? (
            <>
              <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void remove()}>
                Delete {item.fileName}
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button button-small button-ghost"
              onClick={() => {
                setDeleteError(null);
                setConfirming(true);
              }}
            >
              <TrashIcon size={14} />
              Delete
            </button>
          )}
        </div>
        {deleteError && (
          <p className="field-error" role="alert">
            {deleteError}
          </p>
        )}
      </div>
    </li>
  );
}
