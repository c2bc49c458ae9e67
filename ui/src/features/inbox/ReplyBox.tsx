import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Field, fieldDescription } from "../../components/Field";
import { ExternalLinkIcon } from "../../components/icons";
import { toIpcError } from "../../lib/ipc/client";
import {
  type InboxItem,
  type InboxReply,
  type SavedReply,
} from "../../lib/ipc/inbox";
import {
  listSavedReplies,
  renderSavedReply,
  replyToInboxItem,
} from "../../lib/ipc/client";
import { networkLabel } from "../channels/networks";
import { openLinkInBrowser } from "./links";

interface ReplyBoxProps {
  item: InboxItem;
  draft: string;
  onDraft: (text: string) => void;
  onSent: (reply: InboxReply) => void;
  onClose: () => void;
}

/** The inline answer: goes out in the item's thread on its network (the backend threads it). */
export function ReplyBox({ item, draft, onDraft, onSent, onClose }: ReplyBoxProps) {
  const id = `inbox-reply-${item.id}`;
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [saved, setSaved] = useState<SavedReply[] | null>(null);
  const [savedError, setSavedError] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<InboxReply | null>(null);

  useEffect(() => {
    textRef.current?.focus();
    let live = true;
    listSavedReplies()
      .then((list) => live && setSaved(list))
      .catch((reason) => live && setSavedError(toIpcError(reason).message));
    return () => {
      live = false;
    };
  }, []);

  async function insertSaved(savedId: number) {
    try {
      const text = await renderSavedReply(savedId, item.id);
      const area = textRef.current;
      const start = area?.selectionStart ?? draft.length;
      const end = area?.selectionEnd ?? draft.length;
      onDraft(draft.slice(0, start) + text + draft.slice(end));
      setSavedError(undefined);
      area?.focus();
    } catch (reason) {
      setSavedError(toIpcError(reason).message);
    }
  }

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (draft.trim() === "") {
      setError("Write something to reply with.");
      return;
    }
    setSending(true);
    try {
      const reply = await replyToInboxItem(item.id, draft);
      setSent(reply);
      setError(undefined);
      onSent(reply);
    } catch (reason) {
      // The text stays in the box so nothing typed is lost.
      setError(toIpcError(reason).message);
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  if (sent && sent.status === "sent") {
    return (
      <div className="inbox-reply inbox-reply-sent" role="status" data-testid="inbox-reply-sent">
        <span>Reply sent on {networkLabel(item.network)}.</span>
        {sent.remoteUrl && (
          <a
            href={sent.remoteUrl}
            target="_blank"
            rel="noopener noreferrer"
            onClick={(e) => openLinkInBrowser(e, sent.remoteUrl)}
          >
            View it <ExternalLinkIcon size={13} />
          </a>
        )}
        <button type="button" className="button button-small button-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form className="inbox-reply" onSubmit={(e) => void send(e)} onKeyDown={onKeyDown} noValidate>
      <Field id={id} label={`Reply to ${item.authorName || item.authorHandle}`} error={error}>
        <textarea
          id={id}
          ref={textRef}
          className="input inbox-reply-text"
          rows={3}
          value={draft}
          onChange={(e) => {
            onDraft(e.target.value);
            if (error) setError(undefined);
          }}
          {...fieldDescription(id, error)}
        />
      </Field>
      <div className="inbox-reply-actions">
        <label className="inbox-saved-label" htmlFor={`${id}-saved`}>
          Saved reply
        </label>
        <select
          id={`${id}-saved`}
          className="input inbox-saved-select"
          value=""
          disabled={!saved || saved.length === 0}
          aria-describedby={savedError ? `${id}-saved-error` : undefined}
          onChange={(e) => {
            if (e.target.value) void insertSaved(Number(e.target.value));
          }}
        >
          <option value="">{saved && saved.length === 0 ? "None saved yet (Settings)" : "Insert…"}</option>
          {saved?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <span className="inbox-reply-spacer" />
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={sending}>
          {sending ? "Sending…" : "Send reply"}
        </button>
      </div>
      {savedError && (
        <p className="field-error" id={`${id}-saved-error`} role="alert">
          {savedError}
        </p>
      )}
    </form>
  );
}
