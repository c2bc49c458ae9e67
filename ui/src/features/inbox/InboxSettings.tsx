import { useEffect, useState, type FormEvent } from "react";
import { useAppData } from "../../app/appData";
import { useChannels } from "../../app/channels";
import { Field, fieldDescription } from "../../components/Field";
import { TimeZoneSelect } from "../../components/TimeZoneSelect";
import { TrashIcon } from "../../components/icons";
import { toIpcError, type Workspace } from "../../lib/ipc/client";
import {
  type NotificationSettings,
  type SavedReply,
} from "../../lib/ipc/inbox";
import {
  deleteSavedReply,
  getInboxNotificationSettings,
  listSavedReplies,
  saveSavedReply,
  setInboxNotificationSettings,
} from "../../lib/ipc/client";
import { networkLabel } from "../channels/networks";
import { SettingsSection } from "../settings/SettingsSection";
import "./Inbox.css";

type Errors = Record<string, string | undefined>;

/** OS notifications for new inbox messages: off, quiet hours, muted channels. */
function NotificationsForm({ workspace }: { workspace: Workspace }) {
  const { timeZones } = useAppData();
  const { channels } = useChannels();
  const [stored, setStored] = useState<NotificationSettings | null>(null);
  const [draft, setDraft] = useState<NotificationSettings | null>(null);
  const [quiet, setQuiet] = useState({ start: "22:00", end: "07:00", timezone: workspace.timezone });
  const [errors, setErrors] = useState<Errors>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    getInboxNotificationSettings()
      .then((s) => {
        if (!live) return;
        setStored(s);
        setDraft(s);
        if (s.quietHours) setQuiet(s.quietHours);
      })
      .catch((reason) => live && setLoadError(toIpcError(reason).message));
    return () => {
      live = false;
    };
  }, []);

  if (loadError) return <p role="alert">The notification settings could not be read: {loadError}</p>;
  if (!draft || !stored) return <p className="muted">Loading…</p>;

  const quietOn = draft.quietHours !== null;
  const edit = (next: NotificationSettings) => {
    setDraft(next);
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const settings: NotificationSettings = { ...draft, quietHours: quietOn ? { ...quiet } : null };
    try {
      const result = await setInboxNotificationSettings(settings);
      setStored(result);
      setDraft(result);
      setErrors({});
      setSaved(true);
    } catch (reason) {
      const error = toIpcError(reason);
      setErrors({ [error.field ?? "form"]: error.message });
    }
  }

  return (
    <form className="inbox-settings-form" onSubmit={(e) => void save(e)} noValidate>
      <label className="inbox-check">
        <input
          type="checkbox"
          checked={!draft.disabled}
          onChange={(e) => edit({ ...draft, disabled: !e.target.checked })}
        />
        Notify me about new inbox messages
      </label>
      <label className="inbox-check">
        <input
          type="checkbox"
          checked={quietOn}
          disabled={draft.disabled}
          onChange={(e) => edit({ ...draft, quietHours: e.target.checked ? { ...quiet } : null })}
        />
        Quiet hours (no notifications in this window; messages still arrive)
      </label>
      {quietOn && (
        <div className="inbox-quiet-grid">
          <Field id="inbox-quiet-start" label="From" error={errors["quietHours.start"]}>
            <input
              id="inbox-quiet-start"
              className="input"
              placeholder="22:00"
              value={quiet.start}
              onChange={(e) => {
                setQuiet({ ...quiet, start: e.target.value });
                setSaved(false);
              }}
              {...fieldDescription("inbox-quiet-start", errors["quietHours.start"])}
            />
          </Field>
          <Field id="inbox-quiet-end" label="Until" error={errors["quietHours.end"]}>
            <input
              id="inbox-quiet-end"
              className="input"
              placeholder="07:30"
              value={quiet.end}
              onChange={(e) => {
                setQuiet({ ...quiet, end: e.target.value });
                setSaved(false);
              }}
              {...fieldDescription("inbox-quiet-end", errors["quietHours.end"])}
            />
          </Field>
          <Field id="inbox-quiet-zone" label="Time zone" error={errors["quietHours.timezone"]}>
            <TimeZoneSelect
              id="inbox-quiet-zone"
              value={quiet.timezone}
              zones={timeZones}
              onChange={(timezone) => {
                setQuiet({ ...quiet, timezone });
                setSaved(false);
              }}
              {...fieldDescription("inbox-quiet-zone", errors["quietHours.timezone"])}
            />
          </Field>
        </div>
      )}
      {channels && channels.length > 0 && (
        <fieldset className="inbox-mute" disabled={draft.disabled}>
          <legend className="field-label">Mute a channel (its messages arrive without a notification)</legend>
          {channels.map((c) => (
            <label key={c.id} className="inbox-check">
              <input
                type="checkbox"
                checked={draft.mutedChannels.includes(c.id)}
                onChange={(e) =>
                  edit({
                    ...draft,
                    mutedChannels: e.target.checked
                      ? [...draft.mutedChannels, c.id]
                      : draft.mutedChannels.filter((id) => id !== c.id),
                  })
                }
              />
              Mute {c.handle} ({networkLabel(c.network)})
            </label>
          ))}
        </fieldset>
      )}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="form-actions">
        {saved && (
          <span className="saved-note" role="status">
            Saved
          </span>
        )}
        <button type="submit" className="button button-primary">
          Save notifications
        </button>
      </div>
    </form>
  );
}

/** Canned responses offered in the inbox's reply box. */
function SavedRepliesForm() {
  const [list, setList] = useState<SavedReply[] | null>(null);
  const [name, setName] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<Errors>({});

  useEffect(() => {
    let live = true;
    listSavedReplies()
      .then((l) => live && setList(l))
      .catch((reason) => live && setErrors({ form: toIpcError(reason).message }));
    return () => {
      live = false;
    };
  }, []);

  async function add(event: FormEvent) {
    event.preventDefault();
    try {
      const saved = await saveSavedReply(null, name, body);
      setList((l) => [...(l ?? []), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setName("");
      setBody("");
      setErrors({});
    } catch (reason) {
      const error = toIpcError(reason);
      setErrors({ [error.field ?? "form"]: error.message });
    }
  }

  async function remove(reply: SavedReply) {
    try {
      await deleteSavedReply(reply.id);
      setList((l) => (l ?? []).filter((r) => r.id !== reply.id));
    } catch (reason) {
      setErrors({ form: toIpcError(reason).message });
    }
  }

  return (
    <div className="inbox-saved-settings">
      {list && list.length > 0 && (
        <ul className="inbox-saved-list" aria-label="Saved replies">
          {list.map((r) => (
            <li key={r.id}>
              <div>
                <strong>{r.name}</strong>
                <p className="muted">{r.body}</p>
              </div>
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete saved reply ${r.name}`}
                onClick={() => void remove(r)}
              >
                <TrashIcon />
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void add(e)} noValidate>
        <Field id="saved-reply-name" label="Name" error={errors.name}>
          <input
            id="saved-reply-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...fieldDescription("saved-reply-name", errors.name)}
          />
        </Field>
        <Field
          id="saved-reply-body"
          label="Text"
          hint="{name}, {handle} and {network} are filled in from the message you answer; {{ and }} for braces."
          error={errors.body}
        >
          <textarea
            id="saved-reply-body"
            className="input"
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            {...fieldDescription("saved-reply-body", errors.body, true)}
          />
        </Field>
        {errors.form && (
          <p className="field-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Add saved reply
          </button>
        </div>
      </form>
    </div>
  );
}

export function InboxSettings({ workspace }: { workspace: Workspace }) {
  return (
    <>
      <SettingsSection
        id="settings-inbox-notifications-title"
        title="Inbox notifications"
        description="A notification for new mentions and replies; clicking it opens the message."
      >
        <NotificationsForm workspace={workspace} />
      </SettingsSection>
      <SettingsSection
        id="settings-saved-replies-title"
        title="Saved replies"
        description="Answers you give often, inserted from the reply box in the inbox."
      >
        <SavedRepliesForm />
      </SettingsSection>
    </>
  );
}
