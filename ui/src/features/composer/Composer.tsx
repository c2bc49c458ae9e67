import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { useErrors } from "../../app/errors";
import { usePublishing } from "../../app/publishing";
import { useUi } from "../../app/ui";
import { Field, FieldError, fieldDescription } from "../../components/Field";
import { Keys } from "../../components/Kbd";
import { CheckIcon, ClockIcon, CloseIcon, EyeOffIcon, ImageIcon, ThreadIcon } from "../../components/icons";
import { pickImages } from "../../lib/files";
import * as ipc from "../../lib/ipc/client";
import type { Channel, PostDetails, PostSummary, WhenInput, Workspace } from "../../lib/ipc/client";
import { hasPrimaryModifier } from "../../lib/platform";
import { formatClock, formatDateTime, formatUtc } from "../../lib/time";
import { useMinuteClock } from "../../lib/useMinuteClock";
import { defaultScheduleInputs, isKnownZone, toDateAndTimeInputs } from "../../lib/zonedTime";
import { capabilitiesOf, networkLabel } from "../channels/networks";
import { ChannelPicker } from "./ChannelPicker";
import { Counters, lengthProblems } from "./Counters";
import { chosenChannels, draftFromPost, emptyDraft, isBlank, maxKey, textFor, toPostInput, type ComposerDraft } from "./draft";
import { ImageList } from "./ImageList";
import { LANGUAGES } from "./languages";
import { TagsField } from "./TagsField";
import { LibraryTools } from "./LibraryTools";
import { PostPreview } from "./PostPreview";
import { RepeatBuilder } from "./RepeatBuilder";
import { repeatProblem, toRrule, weekdayOf } from "./rrule";
import { resolveSchedule, ScheduleInputs } from "./ScheduleInputs";
import { TagTextarea } from "./TagTextarea";
import { useAutosave, useRestore } from "./useAutosave";
import "./Composer.css";

const FIELDS = ["channels", "text", "variants", "thread", "images", "tags", "at", "recurrence"] as const;
type FieldName = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<FieldName, string>>;

function isField(value: string | null): value is FieldName {
  return value !== null && (FIELDS as readonly string[]).includes(value);
}

function focusSelector(field: FieldName, p: string): string {
  const selectors: Record<FieldName, string> = {
    channels: `#${p}-channels input:not(:disabled)`,
    text: `#${p}-text`,
    variants: `#${p}-variants textarea`,
    thread: `#${p}-thread textarea`,
    images: `#${p}-images input`,
    at: `#${p}-date`,
    recurrence: `#${p}-recurrence input`,
    tags: `#${p}-tags`,
  };
  return selectors[field];
}

/** The clock, read only in event handlers (validation on submit). */
function currentTime(): number {
  return Date.now();
}

/** Mastodon refuses to schedule a post on its server closer than this. */
const SERVER_LEAD_MS = 5 * 60_000;

interface ComposerProps {
  workspace: Workspace;
  channels: Channel[];
  /** Editing a stored post (prefilled from get_post); saving calls update_post. */
  editing?: PostDetails;
  onSaved?: (post: PostSummary) => void;
  onCancel?: () => void;
}

/**
 * Write once, adapt per channel, schedule: the shared text with optional per-channel versions,
 * live counts and previews per network, threads, images, content warning and language, the
 * writing library, repeats and the queue. Autosaved as it is typed; nothing is lost on errors.
 */
export function Composer({ workspace, channels, editing, onSaved, onCancel }: ComposerProps) {
  const { showError } = useErrors();
  const { paused, missedGraceMinutes } = usePublishing();
  const { composeRequest, composePrefill, openDialog } = useUi();
  const now = useMinuteClock();
  const zone = workspace.timezone;
  const slot = editing ? `post:${editing.id}` : "new";
  // Ids stay unique while the edit dialog is open over the Posts page's own composer.
  const p = editing ? "edit-post" : "post";
  const initial = useMemo(() => (editing ? draftFromPost(editing, zone) : emptyDraft()), [editing, zone]);
  const [draft, setDraft] = useState<ComposerDraft>(initial);
  const nextKey = useRef(maxKey(initial) + 1);
  const lastFocused = useRef(`${p}-text`);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [restoredAt, setRestoredAt] = useState<Date | null>(null);
  const [queueNote, setQueueNote] = useState<string | null>(null);
  const [queueBusy, setQueueBusy] = useState(false);

  const ready = useRestore(workspace.id, slot, ({ draft: saved, savedAt }) => {
    setDraft(saved);
    nextKey.current = Math.max(nextKey.current, maxKey(saved) + 1);
    setRestoredAt(new Date(savedAt));
  });
  const autosave = useAutosave(workspace.id, slot, draft, ready);

  useEffect(() => {
    if (composeRequest > 0 && !editing) textRef.current?.focus();
  }, [composeRequest, editing]);

  // An image dropped on a calendar day: the new post starts with it, planned for that time
  // (added to what is already being written, which is kept).
  const prefilledFor = useRef(0);
  useEffect(() => {
    if (editing || composePrefill === null || prefilledFor.current === composeRequest) return;
    prefilledFor.current = composeRequest;
    const { images = [], at } = composePrefill;
    const schedule = at ? { when: "at" as const, ...toDateAndTimeInputs(at.getTime(), zone), scheduleTouched: true } : {};
    setDraft((d) => ({
      ...d,
      ...schedule,
      images: [
        ...d.images,
        ...images
          .filter((i) => !d.images.some((have) => have.path === i.path))
          .map((i) => ({ key: nextKey.current++, path: i.path, alt: i.alt, name: i.name })),
      ],
    }));
  }, [composeRequest, composePrefill, editing, zone]);

  const update = (change: Partial<ComposerDraft>, ...cleared: FieldName[]) => {
    setDraft((d) => ({ ...d, ...change }));
    if (cleared.length > 0) setErrors((e) => (cleared.some((f) => e[f]) ? { ...e, ...Object.fromEntries(cleared.map((f) => [f, undefined])) } : e));
    setDone(null);
  };

  const active = channels.filter((c) => c.status === "active");
  const chosen = chosenChannels(draft, channels);
  const serverScheduling = chosen.some((c) => capabilitiesOf(c.network).serverScheduling);
  const serverPossible = draft.when === "at" && serverScheduling && draft.thread.length === 0 && draft.repeat === null;
  const deliverOnServer = serverPossible && draft.onServer;
  const cw = draft.showWarning ? draft.contentWarning : "";
  const shared = chosen.filter((c) => draft.variants[String(c.id)] === undefined);
  const customized = chosen.filter((c) => draft.variants[String(c.id)] !== undefined);
  const schedule = useMemo(
    () => (draft.when === "at" ? resolveSchedule(draft.date, draft.time, zone, now) : null),
    [draft.when, draft.date, draft.time, zone, now],
  );
  // A post already in a series stays one post of it; any other post can start repeating.
  const inSeries = editing?.seriesId != null;
  const recurrence = draft.when === "at" && draft.repeat && !inSeries ? toRrule(draft.repeat, zone) : null;

  function focusField(field: FieldName) {
    document.querySelector<HTMLElement>(focusSelector(field, p))?.focus();
  }

  function validate(nowMs: number): FieldErrors {
    const found: FieldErrors = {};
    if (chosen.length === 0) {
      found.channels = active.length === 0 ? "No channel can publish right now; reconnect one first." : "Choose at least one channel.";
    }
    if (draft.text.trim() === "" && draft.images.length === 0) found.text = "Write something or add an image.";
    const emptyPart = draft.thread.findIndex((p) => p.text.trim() === "");
    if (emptyPart >= 0) found.thread = `Thread post ${emptyPart + 2} is empty. Write something or remove it.`;
    if (draft.when !== "draft") {
      const textLines = lengthProblems(shared, () => draft.text, cw);
      if (textLines.length > 0 && !found.text) found.text = textLines.join("\n");
      const variantLines = lengthProblems(customized, (c) => textFor(draft, c.id), cw);
      const emptyVariant = customized.find((c) => textFor(draft, c.id).trim() === "" && draft.images.length === 0);
      if (emptyVariant) found.variants = `The version for ${emptyVariant.handle} is empty; write it or use the main text.`;
      else if (variantLines.length > 0) found.variants = variantLines.join("\n");
      const threadLines = draft.thread.flatMap((p, i) => lengthProblems(chosen, () => p.text, cw, `Thread post ${i + 2}`));
      if (threadLines.length > 0 && !found.thread) found.thread = threadLines.join("\n");
    }
    if (draft.when === "at" && schedule) {
      if (schedule.status === "incomplete") found.at = "Choose a date and a time.";
      else if (schedule.status === "unknown-zone") {
        found.at = `This computer doesn't know the time zone ${zone}; choose another zone for the workspace in Settings.`;
      } else if (schedule.status === "gap" || schedule.status === "past") found.at = schedule.message;
      else if (deliverOnServer && schedule.instant.getTime() < nowMs + SERVER_LEAD_MS) {
        found.at =
          "Mastodon needs at least 5 minutes' notice to schedule a post on its server. Pick a later time, or let Chorus publish it.";
      }
      if (draft.repeat && !inSeries) {
        const problem = repeatProblem(draft.repeat, draft.date);
        if (problem) found.recurrence = problem;
      }
    }
    return found;
  }

  async function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (busy) return;
    const found = validate(currentTime());
    const firstInvalid = FIELDS.find((f) => found[f]);
    if (firstInvalid) {
      setErrors(found);
      setDone(null);
      focusField(firstInvalid);
      return;
    }
    let when: WhenInput;
    if (draft.when === "at" && schedule?.status === "ok") when = { kind: "at", at: schedule.rfc3339 };
    else if (draft.when === "draft") when = { kind: "draft" };
    else when = { kind: "now" };
    const input = toPostInput(draft, workspace.id, chosen, when, recurrence, deliverOnServer);
    setErrors({});
    setBusy(true);
    try {
      const post = editing ? await ipc.updatePost(editing.id, input) : await ipc.createPost(input);
      const next = editing ? draft : { ...emptyDraft(draft.selected), language: draft.language };
      await autosave.clear(next);
      setRestoredAt(null);
      setQueueNote(null);
      if (!editing) setDraft(next);
      setDone(
        when.kind === "draft"
          ? "Draft saved"
          : when.kind === "now"
            ? paused
              ? "Saved; it goes out when you resume publishing"
              : "Sent to the publishing queue"
            : recurrence
              ? `Scheduled from ${formatDateTime(when.at, zone)}, repeating`
              : `Scheduled for ${formatDateTime(when.at, zone)}`,
      );
      onSaved?.(post);
      if (!editing) textRef.current?.focus();
    } catch (reason) {
      const error = ipc.toIpcError(reason);
      if ((error.code === "validation" || error.code === "conflict") && isField(error.field)) {
        setErrors({ [error.field]: error.message });
        focusField(error.field);
      } else if (error.code === "conflict") {
        setErrors({ text: error.message });
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  async function addToQueue() {
    if (chosen.length === 0) {
      setErrors((e) => ({ ...e, channels: "Choose at least one channel, then add the post to their queue." }));
      focusField("channels");
      return;
    }
    setQueueBusy(true);
    try {
      const at = await ipc.nextFreeSlot(workspace.id, chosen.map((c) => c.id));
      const inputs = toDateAndTimeInputs(new Date(at).getTime(), zone);
      update({ when: "at", date: inputs.date, time: inputs.time, scheduleTouched: true }, "at", "channels");
      setQueueNote(`The next free slot of ${chosen.map((c) => c.handle).join(", ")}: ${formatDateTime(at, zone)}. Change it if you like.`);
    } catch (reason) {
      const error = ipc.toIpcError(reason);
      if (error.code === "validation" && isField(error.field)) {
        setErrors((e) => ({ ...e, [error.field as FieldName]: error.message }));
      } else showError(error);
    } finally {
      setQueueBusy(false);
    }
  }

  /** Puts `text` at the caret of the field last typed in (the main text by default). */
  function insert(text: string) {
    const id = lastFocused.current;
    const el = document.getElementById(id) as HTMLTextAreaElement | null;
    const current = el?.value ?? draft.text;
    const at = el ? el.selectionEnd : current.length;
    const before = current.slice(0, at);
    const glue = before === "" || /\s$/u.test(before) ? "" : " ";
    const value = `${before}${glue}${text}${current.slice(at)}`;
    setField(id, value);
    requestAnimationFrame(() => {
      const target = document.getElementById(id) as HTMLTextAreaElement | null;
      target?.focus();
      target?.setSelectionRange(at + glue.length + text.length, at + glue.length + text.length);
    });
  }

  function setField(id: string, value: string) {
    if (id.startsWith(`${p}-variant-`)) {
      const cid = id.slice(`${p}-variant-`.length);
      update({ variants: { ...draft.variants, [cid]: value } }, "variants");
    } else if (id.startsWith(`${p}-thread-`)) {
      const key = Number(id.slice(`${p}-thread-`.length));
      update({ thread: draft.thread.map((p) => (p.key === key ? { ...p, text: value } : p)) }, "thread");
    } else update({ text: value }, "text");
  }

  function discardRestored() {
    const fresh = editing ? initial : { ...emptyDraft(draft.selected) };
    setDraft(fresh);
    setRestoredAt(null);
    setErrors({});
    void autosave.clear(fresh);
  }

  async function pick() {
    try {
      const paths = await pickImages();
      if (paths.length === 0) return;
      const fresh = paths.filter((path) => !draft.images.some((i) => i.path === path));
      update({ images: [...draft.images, ...fresh.map((path) => ({ key: nextKey.current++, path, alt: "" }))] }, "images", "text");
    } catch (reason) {
      showError(reason);
    }
  }

  function moveThread(index: number, step: -1 | 1) {
    if (index === 0 && step === -1) {
      // The second post becomes the first and the first the second; images stay with
      // whichever post is first (they belong to the first post).
      const [second, ...rest] = draft.thread;
      update({ text: second.text, thread: [{ ...second, text: draft.text }, ...rest] }, "text", "thread");
      return;
    }
    const list = [...draft.thread];
    const other = index + step;
    if (other < 0 || other >= list.length) return;
    [list[index], list[other]] = [list[other], list[index]];
    update({ thread: list }, "thread");
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Enter" && hasPrimaryModifier(event.nativeEvent)) {
      event.preventDefault();
      void submit();
    }
  }

  const needsAttention = channels.filter((c) => c.status === "needs_attention");
  const submitLabel = editing
    ? "Save changes"
    : draft.when === "draft"
      ? "Save draft"
      : draft.when === "at"
        ? "Schedule"
        : "Publish now";
  const busyLabel = editing ? "Saving…" : draft.when === "draft" ? "Saving…" : draft.when === "at" ? "Scheduling…" : "Publishing…";
  const textIds = [`${p}-text-counts`, errors.text ? `${p}-text-error` : null].filter(Boolean).join(" ");
  const firstDate = draft.date;

  return (
    <form
      className="card post-form composer"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby={`${p}-form-title`}
      aria-busy={busy || undefined}
      data-testid="post-form"
    >
      <h2 id={`${p}-form-title`} className="visually-hidden">
        {editing ? "Edit post" : "New post"}
      </h2>
      {restoredAt && (
        <p className="composer-restored" role="status" data-testid="composer-restored">
          <ClockIcon size={14} />
          <span>Restored what you were writing at {formatClock(restoredAt, zone)}.</span>
          <button type="button" className="link-button" onClick={discardRestored}>
            Discard
          </button>
        </p>
      )}
      <div className="composer-grid">
        <div className="composer-editor">
          <Field id={`${p}-text`} label="Post" error={errors.text} aside={<Counters id={`${p}-text-counts`} text={draft.text} networks={shared.map((c) => c.network)} contentWarning={cw} />}>
            <TagTextarea
              ref={textRef}
              id={`${p}-text`}
              workspaceId={workspace.id}
              className="input post-textarea"
              rows={5}
              value={draft.text}
              placeholder={`What would ${workspace.name} like to say?`}
              onChange={(value) => update({ text: value }, "text")}
              onFocus={() => (lastFocused.current = `${p}-text`)}
              {...fieldDescription(`${p}-text`, errors.text)}
              aria-describedby={textIds}
            />
          </Field>

          {chosen.length > 0 && (
            <div className="variants" id={`${p}-variants`}>
              {customized.map((c) => {
                const id = `${p}-variant-${c.id}`;
                return (
                  <div key={c.id} className="variant">
                    <div className="field-label-row">
                      <label className="field-label" htmlFor={id}>
                        Text for {c.handle} on {networkLabel(c.network)}
                      </label>
                      <Counters id={`${id}-counts`} text={textFor(draft, c.id)} networks={[c.network]} contentWarning={cw} />
                    </div>
                    <TagTextarea
                      id={id}
                      workspaceId={workspace.id}
                      className="input"
                      rows={3}
                      value={textFor(draft, c.id)}
                      onChange={(value) => update({ variants: { ...draft.variants, [String(c.id)]: value } }, "variants")}
                      onFocus={() => (lastFocused.current = id)}
                      aria-describedby={`${id}-counts`}
                    />
                    <div className="variant-tools">
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        disabled={textFor(draft, c.id) === draft.text}
                        onClick={() => update({ variants: { ...draft.variants, [String(c.id)]: draft.text } }, "variants")}
                      >
                        Re-sync with the main text
                      </button>
                      <button
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => {
                          const rest = { ...draft.variants };
                          delete rest[String(c.id)];
                          update({ variants: rest }, "variants");
                        }}
                      >
                        Use the main text
                      </button>
                    </div>
                  </div>
                );
              })}
              {errors.variants && <FieldError id={`${p}-variants-error`} message={errors.variants} />}
              {shared.length > 0 && (
                <div className="variant-toggles" role="group" aria-label="Versions per channel">
                  <span className="variant-toggles-label" aria-hidden="true">
                    Own text for a channel:
                  </span>
                  {shared.map((c) => {
                    const sameNetwork = chosen.filter((o) => o.network === c.network).length > 1;
                    return (
                      <button
                        key={c.id}
                        type="button"
                        className="button button-small button-ghost"
                        onClick={() => {
                          update({ variants: { ...draft.variants, [String(c.id)]: draft.text } }, "variants");
                          requestAnimationFrame(() => document.getElementById(`${p}-variant-${c.id}`)?.focus());
                        }}
                      >
                        Customize for {networkLabel(c.network)}
                        {sameNetwork ? ` (${c.handle})` : ""}
                      </button>
                    );
                  })}
                </div>
              )}
            </div>
          )}

          {draft.thread.length > 0 && (
            <div className="thread-parts" id={`${p}-thread`}>
              {draft.thread.map((part, i) => {
                const id = `${p}-thread-${part.key}`;
                return (
                  <div key={part.key} className="thread-part">
                    <div className="field-label-row">
                      <label className="field-label" htmlFor={id}>
                        Thread post {i + 2}
                      </label>
                      <span className="thread-part-tools">
                        <Counters id={`${id}-counts`} text={part.text} networks={chosen.map((c) => c.network)} contentWarning={cw} />
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={i === 0 ? "Make thread post 2 the first post" : `Move thread post ${i + 2} up`}
                          // Channel versions are of the first post's text: they would no longer match it.
                          disabled={i === 0 && Object.keys(draft.variants).length > 0}
                          title={
                            i === 0 && Object.keys(draft.variants).length > 0
                              ? "Re-sync the channel versions first: they are versions of the first post."
                              : undefined
                          }
                          onClick={() => moveThread(i, -1)}
                        >
                          <span aria-hidden="true">↑</span>
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Move thread post ${i + 2} down`}
                          disabled={i === draft.thread.length - 1}
                          onClick={() => moveThread(i, 1)}
                        >
                          <span aria-hidden="true">↓</span>
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Remove thread post ${i + 2}`}
                          onClick={() => update({ thread: draft.thread.filter((p) => p.key !== part.key) }, "thread")}
                        >
                          <CloseIcon />
                        </button>
                      </span>
                    </div>
                    <TagTextarea
                      id={id}
                      workspaceId={workspace.id}
                      className="input"
                      rows={2}
                      value={part.text}
                      aria-describedby={`${id}-counts`}
                      aria-invalid={errors.thread && part.text.trim() === "" ? true : undefined}
                      onFocus={() => (lastFocused.current = id)}
                      onChange={(value) => update({ thread: draft.thread.map((p) => (p.key === part.key ? { ...p, text: value } : p)) }, "thread")}
                    />
                  </div>
                );
              })}
            </div>
          )}
          {errors.thread && <FieldError id={`${p}-thread-error`} message={errors.thread} />}

          <ImageList
            idPrefix={p}
            id={`${p}-images`}
            images={draft.images}
            onAlt={(key, alt) => update({ images: draft.images.map((i) => (i.key === key ? { ...i, alt } : i)) }, "images")}
            onRemove={(key) => update({ images: draft.images.filter((i) => i.key !== key) }, "images")}
          />
          {errors.images && <FieldError id={`${p}-images-error`} message={errors.images} />}

          {draft.showWarning && (
            <Field id={`${p}-content-warning`} label="Content warning" hint="Shown before the post; readers choose to open it.">
              <div className="cw-row">
                <input
                  id={`${p}-content-warning`}
                  className="input"
                  type="text"
                  value={draft.contentWarning}
                  placeholder="e.g. Spoilers for the season finale"
                  onChange={(e) => update({ contentWarning: e.target.value })}
                  aria-describedby={`${p}-content-warning-hint`}
                />
                <button type="button" className="icon-button" aria-label="Remove content warning" onClick={() => update({ showWarning: false, contentWarning: "" })}>
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
                update({ thread: [...draft.thread, { key, text: "" }] }, "thread");
                requestAnimationFrame(() => document.getElementById(`${p}-thread-${key}`)?.focus());
              }}
            >
              <ThreadIcon />
              Add to thread
            </button>
            <button type="button" className="button button-small button-ghost" onClick={pick}>
              <ImageIcon />
              Add images
            </button>
            {!draft.showWarning && (
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => {
                  update({ showWarning: true });
                  requestAnimationFrame(() => document.getElementById(`${p}-content-warning`)?.focus());
                }}
              >
                <EyeOffIcon />
                Content warning
              </button>
            )}
            <LibraryTools
              workspaceId={workspace.id}
              draft={draft}
              channels={active}
              onInsert={insert}
              onTemplate={(t) => {
                let key = nextKey.current;
                const ids = t.channelIds.filter((id) => active.some((c) => c.id === id));
                update({ text: t.text, thread: t.thread.map((text) => ({ key: key++, text })), selected: ids.length > 0 ? ids : draft.selected, variants: {} }, "text", "thread");
                nextKey.current = key;
                setDone(`Started from the template "${t.name}"`);
              }}
            />
            <label className="language-select">
              <span className="visually-hidden">Language</span>
              <select className="input input-small" value={draft.language} onChange={(e) => update({ language: e.target.value })} aria-label="Language">
                <option value="">Language: not set</option>
                {LANGUAGES.map((l) => (
                  <option key={l.tag} value={l.tag}>
                    {l.name} ({l.tag})
                  </option>
                ))}
              </select>
            </label>
          </div>

          <TagsField
            id={`${p}-tags`}
            workspaceId={workspace.id}
            tags={draft.tags}
            error={errors.tags}
            onChange={(tags) => update({ tags }, "tags")}
          />

          <ChannelPicker
            idPrefix={p}
            channels={channels}
            selected={draft.selected}
            error={errors.channels}
            onChange={(selected) => {
              // A version for a channel no longer chosen would be refused; it is kept until then.
              update({ selected }, "channels", "variants");
            }}
            onReconnect={(channel) => openDialog({ name: "connect-channel", channel })}
            needsAttention={needsAttention}
          />

          <div className="post-when">
            <div className="when-row">
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
                      name={`${p}-when`}
                      value={kind}
                      checked={draft.when === kind}
                      onChange={() => {
                        const change: Partial<ComposerDraft> = { when: kind };
                        if (kind === "at" && !draft.scheduleTouched && isKnownZone(zone)) {
                          Object.assign(change, defaultScheduleInputs(new Date(), zone));
                        }
                        update(change, "at");
                      }}
                    />
                    <span className="segmented-face">{label}</span>
                  </label>
                ))}
              </div>
              <button type="button" className="button button-small" onClick={() => void addToQueue()} disabled={queueBusy}>
                <ClockIcon size={14} />
                {queueBusy ? "Finding a slot…" : "Add to queue"}
              </button>
            </div>
            {draft.when === "at" && (
              <ScheduleInputs
                idPrefix={p}
                zone={zone}
                now={now}
                date={draft.date}
                time={draft.time}
                schedule={schedule}
                error={errors.at}
                note={queueNote}
                onDate={(value) => {
                  update({ date: value, scheduleTouched: true }, "at");
                  setQueueNote(null);
                }}
                onTime={(value) => {
                  update({ time: value, scheduleTouched: true }, "at");
                  setQueueNote(null);
                }}
              />
            )}
            {draft.when === "at" && inSeries && (
              <p className="field-hint" data-testid="series-note">
                This post is one of a repeating series; what you change here changes this post only.
              </p>
            )}
            {draft.when === "at" && !inSeries && (
              <label className="check-row">
                <input
                  type="checkbox"
                  checked={draft.repeat !== null}
                  onChange={(e) =>
                    update(
                      {
                        repeat: e.target.checked
                          ? { interval: 1, days: [weekdayOf(firstDate) ?? "MO"], end: { kind: "count", count: 10 } }
                          : null,
                      },
                      "recurrence",
                    )
                  }
                />
                <span>Repeat…</span>
              </label>
            )}
            {draft.when === "at" && draft.repeat && !inSeries && (
              <RepeatBuilder idPrefix={p} repeat={draft.repeat} zone={zone} firstDate={firstDate} error={errors.recurrence} onChange={(repeat) => update({ repeat }, "recurrence")} />
            )}
            {draft.when === "at" && serverScheduling && (
              <label className={draft.thread.length > 0 || draft.repeat ? "check-row check-row-disabled" : "check-row"}>
                <input
                  type="checkbox"
                  checked={deliverOnServer}
                  disabled={draft.thread.length > 0 || draft.repeat !== null}
                  onChange={(e) => update({ onServer: e.target.checked }, "at")}
                />
                <span>
                  Let Mastodon publish it from its server
                  <span className="check-row-note">
                    {draft.thread.length > 0
                      ? "Not for threads: each reply needs the post before it to exist, so Chorus publishes threads itself."
                      : "It goes out even if this computer is off or asleep. Needs a time at least 5 minutes ahead; other networks are still published by Chorus."}
                  </span>
                </span>
              </label>
            )}
            {draft.when === "now" && paused && (
              <p className="field-hint when-note">
                Publishing is paused: this post waits until you resume
                {missedGraceMinutes !== null
                  ? `, and goes out if that is within ${missedGraceMinutes} minutes; later it is marked missed.`
                  : "."}
              </p>
            )}
            {draft.when === "draft" && <p className="field-hint when-note">A draft is kept in Chorus only; nothing is sent to any network.</p>}
          </div>
        </div>

        <aside className="composer-previews" aria-label="Previews" data-testid="composer-previews">
          <h3 className="details-heading">Preview</h3>
          {chosen.length === 0 && <p className="muted preview-empty">Choose a channel to see the post as its network shows it.</p>}
          {chosen.map((c) => (
            <PostPreview
              key={c.id}
              channel={c}
              parts={[textFor(draft, c.id), ...draft.thread.map((p) => p.text)]}
              images={draft.images}
              contentWarning={draft.showWarning && draft.contentWarning.trim() !== "" ? draft.contentWarning.trim() : null}
              language={draft.language}
            />
          ))}
        </aside>
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
        <span className="autosave-note" data-testid="autosave-note" title={autosave.status.kind === "saved" ? formatUtc(autosave.status.at) : undefined}>
          {autosave.status.kind === "saved" && !isBlank(draft) && `Kept on this computer at ${formatClock(autosave.status.at, zone)}`}
          {autosave.status.kind === "failed" && `Not autosaved: ${autosave.status.message}`}
        </span>
        <Keys combo="Mod+Enter" className="post-form-shortcut" />
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button id={`${p}-submit`} type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
