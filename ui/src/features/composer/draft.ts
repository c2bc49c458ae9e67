// Everything the composer holds, as one plain object: what autosave writes, what a restore
// reads back, and what becomes the PostInput on save.
import type { Channel, PostDetails, PostInput, WhenInput } from "../../lib/ipc/client";
import { toDateAndTimeInputs } from "../../lib/zonedTime";
import type { Repeat } from "./rrule";

export interface Part {
  key: number;
  text: string;
}

export interface DraftImage {
  key: number;
  path: string;
  alt: string;
  /** The name it was imported under, for an image already in the library (whose file is named by its hash). */
  name?: string;
}

export type WhenKind = WhenInput["kind"];

export interface ComposerDraft {
  /** Bumped when the document's shape changes; older saved states are ignored. */
  version: 1;
  text: string;
  thread: Part[];
  selected: number[];
  /** Channel id → that channel's own first-post text ("Customize for …"). */
  variants: Record<string, string>;
  images: DraftImage[];
  showWarning: boolean;
  contentWarning: string;
  /** A BCP 47 tag, "" when not set. */
  language: string;
  when: WhenKind;
  date: string;
  time: string;
  /** The date and time were picked (or came from the queue), so they are not replaced by a default. */
  scheduleTouched: boolean;
  onServer: boolean;
  repeat: Repeat | null;
  /** The user's own labels for the post (never published). */
  tags: string[];
}

export function emptyDraft(selected: number[] = []): ComposerDraft {
  return {
    version: 1,
    text: "",
    thread: [],
    selected,
    variants: {},
    images: [],
    showWarning: false,
    contentWarning: "",
    language: "",
    when: "now",
    date: "",
    time: "",
    scheduleTouched: false,
    onServer: false,
    repeat: null,
    tags: [],
  };
}

/** True when there is nothing of the user's in it worth keeping. */
export function isBlank(d: ComposerDraft): boolean {
  return (
    d.text.trim() === "" &&
    d.thread.every((p) => p.text.trim() === "") &&
    Object.keys(d.variants).length === 0 &&
    d.images.length === 0 &&
    d.contentWarning.trim() === "" &&
    d.tags.length === 0
  );
}

/** The highest key in use, so new parts and images get fresh ones. */
export function maxKey(d: ComposerDraft): number {
  return Math.max(0, ...d.thread.map((p) => p.key), ...d.images.map((i) => i.key));
}

/** A saved composer document, or null when it is not one this version wrote. */
export function parseDraft(json: string): ComposerDraft | null {
  try {
    const value = JSON.parse(json) as Partial<ComposerDraft>;
    if (value?.version !== 1 || typeof value.text !== "string" || !Array.isArray(value.selected)) return null;
    // Saved before tags existed: none.
    return { ...emptyDraft(), ...value, tags: Array.isArray(value.tags) ? value.tags : [] } as ComposerDraft;
  } catch {
    return null;
  }
}

/** The composer prefilled with a stored post, for editing it. */
export function draftFromPost(post: PostDetails, zone: string): ComposerDraft {
  let key = 1;
  const variants: Record<string, string> = {};
  for (const v of post.variants) variants[String(v.channelId)] = v.text;
  const scheduled = post.dueAt !== null && post.targets.some((t) => t.state !== "draft");
  const inputs = post.dueAt ? toDateAndTimeInputs(new Date(post.dueAt).getTime(), zone) : { date: "", time: "" };
  return {
    ...emptyDraft(post.targets.map((t) => t.channelId)),
    text: post.text,
    thread: post.thread.map((text) => ({ key: key++, text })),
    variants,
    images: post.images.map((i) => ({ key: key++, path: i.path, alt: i.alt, name: i.fileName })),
    showWarning: post.contentWarning !== null,
    contentWarning: post.contentWarning ?? "",
    language: post.language ?? "",
    when: scheduled ? "at" : "draft",
    date: inputs.date,
    time: inputs.time,
    scheduleTouched: post.dueAt !== null,
    onServer: post.targets.some((t) => t.delivery === "server"),
    tags: post.tags,
  };
}

/** The chosen channels that can publish (not removed, not waiting to be reconnected). */
export function chosenChannels(d: ComposerDraft, channels: Channel[]): Channel[] {
  return channels.filter((c) => c.status === "active" && d.selected.includes(c.id));
}

/** The text a channel sends as its first post: its own version, or the shared text. */
export function textFor(d: ComposerDraft, channelId: number): string {
  return d.variants[String(channelId)] ?? d.text;
}

export function toPostInput(
  d: ComposerDraft,
  workspaceId: number,
  chosen: Channel[],
  when: WhenInput,
  recurrence: string | null,
  deliverOnServer: boolean,
): PostInput {
  const ids = chosen.map((c) => c.id);
  return {
    workspaceId,
    channelIds: ids,
    text: d.text,
    thread: d.thread.map((p) => p.text),
    images: d.images.map((i) => ({ path: i.path, alt: i.alt.trim() })),
    variants: ids
      .filter((id) => d.variants[String(id)] !== undefined)
      .map((id) => ({ channelId: id, text: d.variants[String(id)] })),
    recurrence,
    when,
    contentWarning: d.showWarning && d.contentWarning.trim() !== "" ? d.contentWarning.trim() : null,
    language: d.language === "" ? null : d.language,
    deliverOnServer,
    tags: d.tags,
  };
}
