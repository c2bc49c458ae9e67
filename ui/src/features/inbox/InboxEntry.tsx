import { forwardRef, useState, type FormEvent } from "react";
import { useErrors } from "../../app/errors";
import { useUi } from "../../app/ui";
import { Field, fieldDescription } from "../../components/Field";
import { CloseIcon, ExternalLinkIcon } from "../../components/icons";
import { toIpcError } from "../../lib/ipc/client";
import {
  type InboxItem,
  type InboxReply,
  type InboxUpdate,
} from "../../lib/ipc/inbox";
import {
  addInboxTag,
  likeInboxItem,
  removeInboxTag,
  updateInboxItems,
} from "../../lib/ipc/client";
import { formatDateTime, formatUtc } from "../../lib/time";
import { capabilitiesOf, isNetworkKind, networkLabel, NetworkBadge } from "../channels/networks";

/** The network's word for a like ("Favourite" on Mastodon). */
function likeWord(network: string): string {
  return isNetworkKind(network) ? capabilitiesOf(network).preview.likeWord : "Like";
}
import { Avatar, allowedImageUrl } from "./Avatar";
import { openLinkInBrowser } from "./links";
import { ReplyBox } from "./ReplyBox";
import { SafeHtml, safeHttpUrl } from "./SafeHtml";

/** Longer texts start folded (a hostile or careless post can be megabytes). */
const FOLD_CHARS = 1200;

export const KIND_LABELS: Record<InboxItem["kind"], string> = {
  mention: "Mention",
  reply: "Reply",
  quote: "Quote",
  comment: "Comment",
};

const NO_CHANGE: InboxUpdate = { read: null, done: null, starred: null, assignee: null };

interface EntryProps {
  item: InboxItem;
  channelLabel: string;
  zone: string;
  selected: boolean;
  replying: boolean;
  draft: string;
  onDraft: (text: string) => void;
  onSelect: () => void;
  onChanged: (item: InboxItem) => void;
  onReply: (open: boolean) => void;
}

export async function changeItem(item: InboxItem, change: Partial<InboxUpdate>): Promise<InboxItem> {
  const [updated] = await updateInboxItems([item.id], { ...NO_CHANGE, ...change });
  return updated;
}

export const InboxEntry = forwardRef<HTMLElement, EntryProps>(function InboxEntry(
  { item, channelLabel, zone, selected, replying, draft, onDraft, onSelect, onChanged, onReply },
  ref,
) {
  const { showError } = useErrors();
  const { openDialog } = useUi();
  const [unfolded, setUnfolded] = useState(false);
  const [tagDraft, setTagDraft] = useState("");
  const [tagError, setTagError] = useState<string | undefined>();
  const [assigneeDraft, setAssigneeDraft] = useState<string | null>(null);
  const [assigneeError, setAssigneeError] = useState<string | undefined>();
  const [liking, setLiking] = useState(false);
  const [brokenImages, setBrokenImages] = useState<number[]>([]);
  const name = item.authorName || item.authorHandle;
  const long = item.text.length > FOLD_CHARS || (item.html?.length ?? 0) > FOLD_CHARS * 2;
  const base = `inbox-${item.id}`;

  async function change(update: Partial<InboxUpdate>) {
    try {
      onChanged(await changeItem(item, update));
    } catch (reason) {
      showError(reason);
    }
  }

  async function like() {
    setLiking(true);
    try {
      onChanged(await likeInboxItem(item.id));
    } catch (reason) {
      showError(reason);
    } finally {
      setLiking(false);
    }
  }

  async function addTag(event: FormEvent) {
    event.preventDefault();
    if (tagDraft.trim() === "") {
      setTagError("Type a tag first.");
      return;
    }
    try {
      onChanged(await addInboxTag(item.id, tagDraft));
      setTagDraft("");
      setTagError(undefined);
    } catch (reason) {
      setTagError(toIpcError(reason).message);
    }
  }

  async function removeTag(tag: string) {
    try {
      onChanged(await removeInboxTag(item.id, tag));
    } catch (reason) {
      showError(reason);
    }
  }

  async function saveAssignee(event: FormEvent) {
    event.preventDefault();
    if (assigneeDraft === null) return;
    try {
      onChanged(await changeItem(item, { assignee: assigneeDraft }));
      setAssigneeDraft(null);
      setAssigneeError(undefined);
    } catch (reason) {
      setAssigneeError(toIpcError(reason).message);
    }
  }

  function sent(reply: InboxReply) {
    if (reply.status === "sent") onChanged({ ...item, read: true });
  }

  const state = [item.read ? "read" : "unread", item.done ? "done" : null, item.starred ? "starred" : null]
    .filter(Boolean)
    .join(", ");
  const classes = ["inbox-entry", item.read ? "" : "inbox-entry-unread", item.done ? "inbox-entry-done" : "", selected ? "inbox-entry-selected" : ""]
    .filter(Boolean)
    .join(" ");

  return (
    <article
      ref={ref}
      className={classes}
      tabIndex={selected ? 0 : -1}
      aria-label={`${KIND_LABELS[item.kind]} from ${name} on ${networkLabel(item.network)}, ${state}`}
      aria-current={selected ? "true" : undefined}
      data-testid={`inbox-item-${item.id}`}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onSelect();
      }}
      onMouseDown={onSelect}
    >
      <Avatar url={item.authorAvatarUrl} name={item.authorName} handle={item.authorHandle} />
      <div className="inbox-entry-main">
        <header className="inbox-entry-head">
          {!item.read && <span className="inbox-unread-dot" aria-hidden="true" />}
          <span className="inbox-author">{item.authorName || item.authorHandle}</span>
          {item.authorName && <span className="inbox-handle">{item.authorHandle}</span>}
          <span className="inbox-meta">
            <NetworkBadge network={item.network} size="sm" />
            <span>{channelLabel}</span>
            <span className="inbox-kind">{KIND_LABELS[item.kind]}</span>
            <time dateTime={item.createdAt} title={formatUtc(item.createdAt)}>
              {formatDateTime(item.createdAt, zone)}
            </time>
            {item.starred && <span className="inbox-flag">★ Starred</span>}
            {item.done && <span className="inbox-flag">Done</span>}
            {item.liked && <span className="inbox-flag">Liked</span>}
            {item.assignee && <span className="inbox-flag">Assigned to {item.assignee}</span>}
          </span>
        </header>
        {(item.inReplyToText || item.ourPostId !== null) && (
          <div className="inbox-parent">
            <span className="inbox-parent-label">In reply to</span>
            {item.inReplyToText && <span className="inbox-parent-text">{item.inReplyToText}</span>}
            {item.ourPostId !== null && (
              <button
                type="button"
                className="link-button"
                onClick={() => openDialog({ name: "post", postId: item.ourPostId as number })}
              >
                your post
              </button>
            )}
          </div>
        )}
        <div className={long && !unfolded ? "inbox-body inbox-body-folded" : "inbox-body"} id={`${base}-body`}>
          <SafeHtml html={item.html} text={item.text} />
        </div>
        {long && (
          <button
            type="button"
            className="link-button"
            aria-expanded={unfolded}
            aria-controls={`${base}-body`}
            onClick={() => setUnfolded(!unfolded)}
          >
            {unfolded ? "Show less" : "Show all"}
          </button>
        )}
        {item.images.length > 0 && (
          <ul className="inbox-images" aria-label="Images">
            {item.images.map((src, i) => {
              const allowed = allowedImageUrl(src);
              const link = safeHttpUrl(src);
              const label = `Image ${i + 1} of ${item.images.length} from ${name}`;
              return (
                <li key={`${src}-${i}`}>
                  {allowed && !brokenImages.includes(i) ? (
                    <img
                      src={allowed}
                      alt={label}
                      loading="lazy"
                      referrerPolicy="no-referrer"
                      onError={() => setBrokenImages((b) => [...b, i])}
                    />
                  ) : link ? (
                    <a href={link} target="_blank" rel="noopener noreferrer" onClick={(e) => openLinkInBrowser(e, link)}>
                      {label} (open in the browser)
                    </a>
                  ) : (
                    <span className="muted">{label} cannot be shown</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {item.tags.length > 0 && (
          <ul className="inbox-tags" aria-label="Tags">
            {item.tags.map((tag) => (
              <li key={tag} className="inbox-tag">
                {tag}
                <button
                  type="button"
                  className="inbox-tag-remove"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => void removeTag(tag)}
                >
                  <CloseIcon size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="inbox-actions" role="group" aria-label={`Actions for the message from ${name}`}>
          <button type="button" className="button button-small" onClick={() => onReply(!replying)} aria-expanded={replying}>
            Reply
          </button>
          <button type="button" className="button button-small" onClick={() => void change({ read: !item.read })}>
            {item.read ? "Mark unread" : "Mark read"}
          </button>
          <button type="button" className="button button-small" onClick={() => void change({ done: !item.done })}>
            {item.done ? "Reopen" : "Done"}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={item.starred}
            onClick={() => void change({ starred: !item.starred })}
          >
            {item.starred ? "★ Starred" : "☆ Star"}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={item.liked || liking}
            onClick={() => void like()}
          >
            {item.liked ? "Liked" : liking ? "Liking…" : likeWord(item.network)}
          </button>
          {item.webUrl && safeHttpUrl(item.webUrl) && (
            <a
              className="button button-small"
              href={safeHttpUrl(item.webUrl) as string}
              target="_blank"
              rel="noopener noreferrer"
              onClick={(e) => openLinkInBrowser(e, safeHttpUrl(item.webUrl))}
            >
              Open original <ExternalLinkIcon size={13} />
            </a>
          )}
        </div>
        {selected && (
          <div className="inbox-triage">
            <form className="inbox-inline-form" onSubmit={(e) => void addTag(e)} noValidate>
              <Field id={`${base}-tag`} label="Add a tag" error={tagError}>
                <input
                  id={`${base}-tag`}
                  className="input"
                  value={tagDraft}
                  onChange={(e) => {
                    setTagDraft(e.target.value);
                    setTagError(undefined);
                  }}
                  {...fieldDescription(`${base}-tag`, tagError)}
                />
              </Field>
              <button type="submit" className="button button-small">
                Add tag
              </button>
            </form>
            <form className="inbox-inline-form" onSubmit={(e) => void saveAssignee(e)} noValidate>
              <Field id={`${base}-assignee`} label="Assigned to (empty: nobody)" error={assigneeError}>
                <input
                  id={`${base}-assignee`}
                  className="input"
                  placeholder="A teammate's name"
                  value={assigneeDraft ?? item.assignee ?? ""}
                  onChange={(e) => {
                    setAssigneeDraft(e.target.value);
                    setAssigneeError(undefined);
                  }}
                  {...fieldDescription(`${base}-assignee`, assigneeError)}
                />
              </Field>
              <button type="submit" className="button button-small" disabled={assigneeDraft === null}>
                Assign
              </button>
            </form>
          </div>
        )}
        {replying && (
          <ReplyBox item={item} draft={draft} onDraft={onDraft} onSent={sent} onClose={() => onReply(false)} />
        )}
      </div>
    </article>
  );
});
