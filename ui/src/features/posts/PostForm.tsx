import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { useErrors } from "../../app/errors";
import { usePublishing } from "../../app/publishing";
import { useUi } from "../../app/ui";
import { Field, FieldError, fieldDescription } from "../../components/Field";
import { Keys } from "../../components/Kbd";
import {
  CheckIcon,
  CloseIcon,
  EyeOffIcon,
  ImageIcon,
  ThreadIcon,
  WarningIcon,
} from "../../components/icons";
import { fileName, pickImages } from "../../lib/files";
import * as ipc from "../../lib/ipc/client";
import type { Channel, NetworkKind, PostSummary, WhenInput, Workspace } from "../../lib/ipc/client";
import { hasPrimaryModifier } from "../../lib/platform";
import { formatDateTime, formatOffset, formatRelative, formatUtc } from "../../lib/time";
import { useMinuteClock } from "../../lib/useMinuteClock";
import {
  defaultScheduleInputs,
  isKnownZone,
  parseWallTime,
  resolveWallTime,
  toDateAndTimeInputs,
  toRfc3339,
  type WallTime,
} from "../../lib/zonedTime";
import { NetworkBadge, networkLabel } from "../channels/networks";
import { CHARACTER_LIMITS, countCharacters } from "./text";

const POST_FIELDS = ["channels", "text", "thread", "at", "images"] as const;
type PostField = (typeof POST_FIELDS)[number];
type FieldErrors = Partial<Record<PostField, string>>;

function isPostField(value: string | null): value is PostField {
  return value !== null && (POST_FIELDS as readonly string[]).includes(value);
}

const IDS: Record<PostField, string> = {
  channels: "post-channels",
  text: "post-text",
  thread: "post-thread",
  at: "post-date",
  images: "post-images",
};

type WhenKind = WhenInput["kind"];

interface Part {
  key: number;
  text: string;
}

interface Image {
  key: number;
  path: string;
  alt: string;
}

/** The backend may have accepted a time that is a few seconds old; the UI is stricter. */
const PAST_SLACK_MS = 60_000;

/** Mastodon refuses to schedule a post on its server closer than this. */
const SERVER_LEAD_MS = 5 * 60_000;

type Schedule =
  | { status: "incomplete" }
  | { status: "unknown-zone" }
  | { status: "gap"; message: string }
  | { status: "past"; message: string; instant: Date }
  | { status: "ok"; instant: Date; rfc3339: string; ambiguity: string | null };

const longDate = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

function describeWallDate(wall: WallTime): string {
  return longDate.format(new Date(Date.UTC(wall.year, wall.month - 1, wall.day, 12)));
}

/** Interprets the date and time inputs in the workspace's zone. */
export function resolveSchedule(date: string, time: string, zone: string, now: Date): Schedule {
  const wall = parseWallTime(date, time);
  if (!wall) return { status: "incomplete" };
  if (!isKnownZone(zone)) return { status: "unknown-zone" };
  const resolved = resolveWallTime(wall, zone);
  if (resolved.kind === "gap") {
    return {
      status: "gap",
      message: `${time} doesn't exist on ${describeWallDate(wall)} in ${zone}: the clocks jump from ${resolved.from} to ${resolved.to} for daylight saving time. Pick a time outside that gap.`,
    };
  }
  if (resolved.instant.getTime() < now.getTime() - PAST_SLACK_MS) {
    return {
      status: "past",
      instant: resolved.instant,
      message: `That time has already passed in ${zone}. Pick a later time, or publish now.`,
    };
  }
  return {
    status: "ok",
    instant: resolved.instant,
    rfc3339: toRfc3339(wall, resolved.offsetMinutes),
    ambiguity: resolved.laterInstant
      ? `${time} happens twice that night as the clocks go back; Chorus uses the first one (${formatOffset(zone, resolved.instant)}), not the second (${formatOffset(zone, resolved.laterInstant)}).`
      : null,
  };
}

interface PostFormProps {
  workspace: Workspace;
  channels: Channel[];
  onCreated: (post: PostSummary) => void;
}

/** The composer at the top of Posts. Nothing typed is lost when the backend refuses. */
export function PostForm({ workspace, channels, onCreated }: PostFormProps) {
  const { showError } = useErrors();
  const { paused, missedGraceMinutes } = usePublishing();
  const { composeRequest, openDialog } = useUi();
  const now = useMinuteClock();
  const zone = workspace.timezone;
  const nextKey = useRef(1);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const [text, setText] = useState("");
  const [thread, setThread] = useState<Part[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  const [images, setImages] = useState<Image[]>([]);
  const [showWarning, setShowWarning] = useState(false);
  const [contentWarning, setContentWarning] = useState("");
  const [when, setWhen] = useState<WhenKind>("now");
  const [onServer, setOnServer] = useState(false);
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  // Until the user edits the date or time, "Schedule" offers a fresh default.
  const [scheduleTouched, setScheduleTouched] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  // Ctrl+N (or "Write a post") focuses the text.
  useEffect(() => {
    if (composeRequest > 0) textRef.current?.focus();
  }, [composeRequest]);

  const active = channels.filter((c) => c.status === "active");
  const activeIds = new Set(active.map((c) => c.id));
  const chosen = selected.filter((id) => activeIds.has(id));
  const chosenNetworks = new Set<NetworkKind>(
    channels.filter((c) => chosen.includes(c.id)).map((c) => c.network),
  );
  const limits = [...chosenNetworks]
    .map((n) => CHARACTER_LIMITS[n])
    .filter((l): l is NonNullable<typeof l> => l !== undefined);
  const limit = limits.length > 0 ? Math.min(...limits.map((l) => l.limit)) : null;
  const limitNote = limits.map((l) => l.note).join(" ");

  const hasMastodon = chosenNetworks.has("mastodon");
  // Only a single scheduled post can be handed to Mastodon's own scheduler.
  const serverPossible = when === "at" && hasMastodon && thread.length === 0;
  const deliverOnServer = serverPossible && onServer;

  const schedule = useMemo(
    () => (when === "at" ? resolveSchedule(date, time, zone, now) : null),
    [when, date, time, zone, now],
  );

  function clear(field: PostField) {
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setDone(null);
  }

  function focusField(field: PostField) {
    if (field === "channels") {
      document.querySelector<HTMLElement>(`#${IDS.channels} input:not(:disabled)`)?.focus();
    } else if (field === "thread") {
      document.querySelector<HTMLElement>(`#${IDS.thread} textarea`)?.focus();
    } else if (field === "images") {
      document.querySelector<HTMLElement>(`#${IDS.images} input`)?.focus();
    } else {
      document.getElementById(IDS[field])?.focus();
    }
  }

  function validate(): FieldErrors {
    const found: FieldErrors = {};
    if (chosen.length === 0) {
      found.channels = active.length === 0 ? "No channel can publish right now; reconnect one first." : "Choose at least one channel.";
    }
    if (text.trim() === "" && images.length === 0) found.text = "Write something or add an image.";
    const emptyPart = thread.findIndex((p) => p.text.trim() === "");
    if (emptyPart >= 0) {
      found.thread = `Thread post ${emptyPart + 2} is empty. Write something or remove it.`;
    }
    if (when === "at" && schedule) {
      if (schedule.status === "incomplete") found.at = "Choose a date and a time.";
      else if (schedule.status === "unknown-zone") {
        found.at = `This computer doesn't know the time zone ${zone}; choose another zone for the workspace in Settings.`;
      } else if (schedule.status === "gap" || schedule.status === "past") found.at = schedule.message;
      else if (
        deliverOnServer &&
        schedule.status === "ok" &&
        schedule.instant.getTime() < Date.now() + SERVER_LEAD_MS
      ) {
        found.at =
          "Mastodon needs at least 5 minutes' notice to schedule a post on its server. Pick a later time, or let Chorus publish it.";
      }
    }
    return found;
  }

  async function pick() {
    try {
      const paths = await pickImages();
      if (paths.length === 0) return;
      setImages((list) => [
        ...list,
        ...paths
          .filter((path) => !list.some((i) => i.path === path))
          .map((path) => ({ key: nextKey.current++, path, alt: "" })),
      ]);
      clear("images");
      clear("text");
    } catch (reason) {
      showError(reason);
    }
  }

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (busy) return;
    const found = validate();
    const firstInvalid = POST_FIELDS.find((f) => found[f]);
    if (firstInvalid) {
      setErrors(found);
      setDone(null);
      focusField(firstInvalid);
      return;
    }
    let whenInput: WhenInput;
    if (when === "at" && schedule?.status === "ok") whenInput = { kind: "at", at: schedule.rfc3339 };
    else if (when === "draft") whenInput = { kind: "draft" };
    else whenInput = { kind: "now" };

    setErrors({});
    setBusy(true);
    try {
      const post = await ipc.createPost({
        workspaceId: workspace.id,
        channelIds: chosen,
        text,
        thread: thread.map((p) => p.text),
        images: images.map((i) => ({ path: i.path, alt: i.alt.trim() })),
        variants: [],
        recurrence: null,
        when: whenInput,
        contentWarning: showWarning && contentWarning.trim() !== "" ? contentWarning.trim() : null,
        language: null,
        deliverOnServer,
      });
      setText("");
      setThread([]);
      setImages([]);
      setContentWarning("");
      setShowWarning(false);
      setDone(
        whenInput.kind === "draft"
          ? "Draft saved"
          : whenInput.kind === "now"
            ? paused
              ? "Saved; it goes out when you resume publishing"
              : "Sent to the publishing queue"
            : `Scheduled for ${formatDateTime(whenInput.at, zone)}`,
      );
      onCreated(post);
      textRef.current?.focus();
    } catch (reason) {
      const error = ipc.toIpcError(reason);
      const inline = error.code === "validation" || error.code === "conflict";
      if (inline && isPostField(error.field)) {
        setErrors({ [error.field]: error.message });
        focusField(error.field);
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && hasPrimaryModifier(event.nativeEvent)) {
      event.preventDefault();
      void submit();
    }
  }

  const needsAttention = channels.filter((c) => c.status === "needs_attention");
  const submitLabel = when === "draft" ? "Save draft" : when === "at" ? "Schedule" : "Publish now";
  const busyLabel = when === "draft" ? "Saving…" : when === "at" ? "Scheduling…" : "Publishing…";

  return (
    <form
      className="card post-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby="post-form-title"
      aria-busy={busy || undefined}
      data-testid="post-form"
    >
      <h2 id="post-form-title" className="visually-hidden">
        New post
      </h2>

      <Field
        id={IDS.text}
        label="Post"
        error={errors.text}
        aside={<CharacterCount id={`${IDS.text}-count`} text={text} limit={limit} note={limitNote} />}
      >
        <textarea
          ref={textRef}
          id={IDS.text}
          className="input post-textarea"
          rows={4}
          value={text}
          placeholder={`What would ${workspace.name} like to say?`}
          onChange={(e) => {
            setText(e.target.value);
            clear("text");
          }}
          {...describedBy(IDS.text, errors.text, `${IDS.text}-count`)}
        />
      </Field>

      {thread.length > 0 && (
        <div className="thread-parts" id={IDS.thread}>
          {thread.map((part, i) => {
            const id = `post-thread-${part.key}`;
            return (
              <div key={part.key} className="thread-part">
                <div className="field-label-row">
                  <label className="field-label" htmlFor={id}>
                    Thread post {i + 2}
                  </label>
                  <span className="thread-part-tools">
                    <CharacterCount id={`${id}-count`} text={part.text} limit={limit} note={limitNote} />
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove thread post ${i + 2}`}
                      onClick={() => {
                        setThread((list) => list.filter((p) => p.key !== part.key));
                        clear("thread");
                      }}
                    >
                      <CloseIcon />
                    </button>
                  </span>
                </div>
                <textarea
                  id={id}
                  className="input"
                  rows={2}
                  value={part.text}
                  aria-describedby={`${id}-count`}
                  aria-invalid={errors.thread && part.text.trim() === "" ? true : undefined}
                  onChange={(e) => {
                    const value = e.target.value;
                    setThread((list) => list.map((p) => (p.key === part.key ? { ...p, text: value } : p)));
                    clear("thread");
                  }}
                />
              </div>
            );
          })}
        </div>
      )}
      {errors.thread && <FieldError id={`${IDS.thread}-error`} message={errors.thread} />}

      {images.length > 0 && (
        <ul className="image-list" id={IDS.images} aria-label="Images">
          {images.map((image) => {
            const id = `post-image-${image.key}`;
            const name = fileName(image.path);
            return (
              <li key={image.key} className="image-row">
                <span className="image-row-icon">
                  <ImageIcon />
                </span>
                <div className="image-row-main">
                  <span className="image-row-name" title={image.path}>
                    {name}
                  </span>
                  <label className="visually-hidden" htmlFor={id}>
                    Alt text for {name}
                  </label>
                  <input
                    id={id}
                    className="input image-alt"
                    type="text"
                    placeholder="Describe the image for people who can't see it"
                    value={image.alt}
                    aria-describedby={image.alt.trim() === "" ? `${id}-warning` : undefined}
                    onChange={(e) => {
                      const value = e.target.value;
                      setImages((list) => list.map((i) => (i.key === image.key ? { ...i, alt: value } : i)));
                      clear("images");
                    }}
                  />
                  {image.alt.trim() === "" && (
                    <p className="field-warning" id={`${id}-warning`}>
                      <WarningIcon size={14} />
                      <span>No alt text: people using screen readers won't know what this image shows.</span>
                    </p>
                  )}
                </div>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${name}`}
                  onClick={() => {
                    setImages((list) => list.filter((i) => i.key !== image.key));
                    clear("images");
                  }}
                >
                  <CloseIcon />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {errors.images && <FieldError id={`${IDS.images}-error`} message={errors.images} />}

      {showWarning && (
        <Field id="post-content-warning" label="Content warning" hint="Shown before the post; readers choose to open it.">
          <div className="cw-row">
            <input
              id="post-content-warning"
              className="input"
              type="text"
              value={contentWarning}
              placeholder="e.g. Spoilers for the season finale"
              onChange={(e) => {
                setContentWarning(e.target.value);
                setDone(null);
              }}
              aria-describedby="post-content-warning-hint"
            />
            <button
              type="button"
              className="icon-button"
              aria-label="Remove content warning"
              onClick={() => {
                setShowWarning(false);
                setContentWarning("");
              }}
            >
              <CloseIcon />
            </button>
          </div>
        </Field>
      )}

      <div className="post-tools">
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => {
            const key = nextKey.current++;
            setThread((list) => [...list, { key, text: "" }]);
            clear("thread");
            requestAnimationFrame(() => document.getElementById(`post-thread-${key}`)?.focus());
          }}
        >
          <ThreadIcon />
          Add to thread
        </button>
        <button type="button" className="button button-small button-ghost" onClick={pick}>
          <ImageIcon />
          Add images
        </button>
        {!showWarning && (
          <button
            type="button"
            className="button button-small button-ghost"
            onClick={() => {
              setShowWarning(true);
              requestAnimationFrame(() => document.getElementById("post-content-warning")?.focus());
            }}
          >
            <EyeOffIcon />
            Content warning
          </button>
        )}
      </div>

      <fieldset
        className="post-channels"
        id={IDS.channels}
        aria-describedby={errors.channels ? `${IDS.channels}-error` : undefined}
      >
        <legend className="field-label">Channels</legend>
        <div className="chip-list">
          {channels.map((channel) => {
            const disabled = channel.status !== "active";
            const reason =
              channel.status === "needs_attention"
                ? `Needs reconnecting: ${channel.statusReason || "the network stopped accepting its credentials"}`
                : channel.status === "disabled"
                  ? "Removed"
                  : undefined;
            return (
              <label
                key={channel.id}
                className={disabled ? "chip chip-disabled" : "chip"}
                title={reason ?? `${channel.handle} on ${networkLabel(channel.network)}`}
              >
                <input
                  type="checkbox"
                  checked={!disabled && selected.includes(channel.id)}
                  disabled={disabled}
                  aria-describedby={disabled ? `post-channel-${channel.id}-reason` : undefined}
                  onChange={(e) => {
                    const on = e.target.checked;
                    setSelected((list) => (on ? [...list, channel.id] : list.filter((id) => id !== channel.id)));
                    clear("channels");
                  }}
                />
                <span className="chip-face">
                  <NetworkBadge network={channel.network} size="sm" />
                  <span className="chip-label">{channel.handle}</span>
                  {disabled ? <WarningIcon size={14} className="chip-warning" /> : <CheckIcon size={14} className="chip-check" />}
                </span>
              </label>
            );
          })}
        </div>
        {needsAttention.map((channel) => (
          <p key={channel.id} className="chip-reason" id={`post-channel-${channel.id}-reason`}>
            <WarningIcon size={14} />
            <span>
              <strong>{channel.handle}</strong> needs reconnecting
              {channel.statusReason ? `: ${channel.statusReason}` : "."}{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => openDialog({ name: "connect-channel", channel })}
              >
                Reconnect
              </button>
            </span>
          </p>
        ))}
        {errors.channels && <FieldError id={`${IDS.channels}-error`} message={errors.channels} />}
      </fieldset>

      <div className="post-when">
        <div className="when-choice" role="radiogroup" aria-label="When">
          {(
            [
              ["now", "Publish now"],
              ["at", "Schedule"],
              ["draft", "Save as draft"],
            ] as const
          ).map(([kind, label]) => (
            <label key={kind} className="segmented-option">
              <input
                type="radio"
                name="post-when"
                value={kind}
                checked={when === kind}
                onChange={() => {
                  setWhen(kind);
                  clear("at");
                  if (kind === "at" && !scheduleTouched && isKnownZone(zone)) {
                    const next = defaultScheduleInputs(new Date(), zone);
                    setDate(next.date);
                    setTime(next.time);
                  }
                }}
              />
              <span className="segmented-face">{label}</span>
            </label>
          ))}
        </div>
        {when === "at" && (
          <ScheduleInputs
            zone={zone}
            now={now}
            date={date}
            time={time}
            schedule={schedule}
            error={errors.at}
            onDate={(value) => {
              setDate(value);
              setScheduleTouched(true);
              clear("at");
            }}
            onTime={(value) => {
              setTime(value);
              setScheduleTouched(true);
              clear("at");
            }}
          />
        )}
        {when === "at" && hasMastodon && (
          <label className={thread.length > 0 ? "check-row check-row-disabled" : "check-row"}>
            <input
              type="checkbox"
              checked={deliverOnServer}
              disabled={thread.length > 0}
              onChange={(e) => {
                setOnServer(e.target.checked);
                clear("at");
              }}
            />
            <span>
              Let Mastodon publish it from its server
              <span className="check-row-note">
                {thread.length > 0
                  ? "Not for threads: each reply needs the post before it to exist, so Chorus publishes threads itself."
                  : "It goes out even if this computer is off or asleep. Needs a time at least 5 minutes ahead; other networks are still published by Chorus."}
              </span>
            </span>
          </label>
        )}
        {when === "now" && paused && (
          <p className="field-hint when-note">
            Publishing is paused: this post waits until you resume
            {missedGraceMinutes !== null
              ? `, and goes out if that is within ${missedGraceMinutes} minutes; later it is marked missed.`
              : "."}
          </p>
        )}
        {when === "draft" && (
          <p className="field-hint when-note">A draft is kept in Chorus only; nothing is sent to any network.</p>
        )}
      </div>

      <div className="post-form-footer">
        <span className="saved-note" role="status" aria-live="polite">
          {done && (
            <>
              <CheckIcon />
              {done}
            </>
          )}
        </span>
        <Keys combo="Mod+Enter" className="post-form-shortcut" />
        <button id="post-submit" type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

function describedBy(id: string, error: string | undefined, extra: string) {
  const base = fieldDescription(id, error);
  return {
    ...base,
    "aria-describedby": [extra, base["aria-describedby"]].filter(Boolean).join(" "),
  };
}

function CharacterCount({
  id,
  text,
  limit,
  note,
}: {
  id: string;
  text: string;
  limit: number | null;
  note: string;
}) {
  const count = countCharacters(text);
  const over = limit !== null && count > limit;
  return (
    <span
      id={id}
      className={over ? "char-count char-count-over" : "char-count"}
      title={note || undefined}
      data-testid={id}
    >
      {limit === null ? `${count} ${count === 1 ? "character" : "characters"}` : `${count} / ${limit}`}
      <span className="visually-hidden">{limit === null ? "" : " characters"}</span>
    </span>
  );
}

interface ScheduleInputsProps {
  zone: string;
  now: Date;
  date: string;
  time: string;
  schedule: Schedule | null;
  error?: string;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
}

function ScheduleInputs({ zone, now, date, time, schedule, error, onDate, onTime }: ScheduleInputsProps) {
  // A live problem with the inputs (a DST gap, a past time) shows at once.
  const live =
    schedule?.status === "gap" || schedule?.status === "past" ? schedule.message : undefined;
  const shown = error ?? live;
  const today = isKnownZone(zone) ? toDateAndTimeInputs(now.getTime(), zone).date : undefined;
  let hint: ReactNode = `${zone} time (${isKnownZone(zone) ? formatOffset(zone, now) : zone})`;
  let title: string | undefined;
  if (schedule?.status === "ok") {
    const iso = schedule.instant.toISOString();
    title = formatUtc(schedule.instant);
    hint = (
      <>
        Goes out {formatDateTime(iso, zone)} {zone} ({formatOffset(zone, schedule.instant)}),{" "}
        {formatRelative(iso, now)}.
        {schedule.ambiguity && <span className="when-ambiguity"> {schedule.ambiguity}</span>}
      </>
    );
  }
  const describe = ["post-at-hint", shown ? "post-at-error" : null].filter(Boolean).join(" ");
  return (
    <div className={shown ? "field field-invalid schedule" : "field schedule"}>
      <div className="schedule-inputs">
        <div className="schedule-input">
          <label className="field-label" htmlFor="post-date">
            Date
          </label>
          <input
            id="post-date"
            className="input"
            type="date"
            value={date}
            min={today}
            onChange={(e) => onDate(e.target.value)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={describe}
          />
        </div>
        <div className="schedule-input">
          <label className="field-label" htmlFor="post-time">
            Time
          </label>
          <input
            id="post-time"
            className="input"
            type="time"
            value={time}
            onChange={(e) => onTime(e.target.value)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={describe}
          />
        </div>
      </div>
      <p className="field-hint" id="post-at-hint" title={title} data-testid="post-at-hint">
        {hint}
      </p>
      {shown && <FieldError id="post-at-error" message={shown} />}
    </div>
  );
}
