import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { AttemptLog } from "./bindings/AttemptLog";
import type { BlueskyConnectInput } from "./bindings/BlueskyConnectInput";
import type { CalendarEntry } from "./bindings/CalendarEntry";
import type { CalendarTarget } from "./bindings/CalendarTarget";
import type { CsvImportReport } from "./bindings/CsvImportReport";
import type { CsvRowReport } from "./bindings/CsvRowReport";
import type { Channel } from "./bindings/Channel";
import type { Capabilities } from "./bindings/Capabilities";
import type { ChannelConfig } from "./bindings/ChannelConfig";
import type { ChannelStatus } from "./bindings/ChannelStatus";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ImageInput } from "./bindings/ImageInput";
import type { IpcError } from "./bindings/IpcError";
import type { MastodonOAuthInput } from "./bindings/MastodonOAuthInput";
import type { MastodonTokenInput } from "./bindings/MastodonTokenInput";
import type { NetworkKind } from "./bindings/NetworkKind";
import type { TextCounting } from "./bindings/TextCounting";
import type { NewWorkspace } from "./bindings/NewWorkspace";
import type { NostrConnectInput } from "./bindings/NostrConnectInput";
import type { PostDetails } from "./bindings/PostDetails";
import type { PostInput } from "./bindings/PostInput";
import type { PostingSlot } from "./bindings/PostingSlot";
import type { PostSummary } from "./bindings/PostSummary";
import type { Preferences } from "./bindings/Preferences";
import type { PublishEvent } from "./bindings/PublishEvent";
import type { PublishingSettings } from "./bindings/PublishingSettings";
import type { SlotInput } from "./bindings/SlotInput";
import type { SlotOccurrence } from "./bindings/SlotOccurrence";
import type { TargetState } from "./bindings/TargetState";
import type { TargetSummary } from "./bindings/TargetSummary";
import type { WhenInput } from "./bindings/WhenInput";
import type { Workspace } from "./bindings/Workspace";
import type { WorkspaceOverview } from "./bindings/WorkspaceOverview";
import type { WorkspaceUpdate } from "./bindings/WorkspaceUpdate";
import type { ComposerState } from "./bindings/ComposerState";
import type { HashtagGroup } from "./bindings/HashtagGroup";
import type { PostImage } from "./bindings/PostImage";
import type { PostTemplate } from "./bindings/PostTemplate";
import type { Snippet } from "./bindings/Snippet";
import type { TagCount } from "./bindings/TagCount";
import type { TagSuggestion } from "./bindings/TagSuggestion";
import type { VariantInput } from "./bindings/VariantInput";
import type { WritingLibrary } from "./bindings/WritingLibrary";

export type {
  AppInfo,
  AttemptLog,
  BlueskyConnectInput,
  CalendarEntry,
  Capabilities,
  CalendarTarget,
  CsvImportReport,
  CsvRowReport,
  Channel,
  ChannelConfig,
  ChannelStatus,
  ErrorCode,
  ImageInput,
  IpcError,
  MastodonOAuthInput,
  MastodonTokenInput,
  NetworkKind,
  NewWorkspace,
  TextCounting,
  NostrConnectInput,
  PostDetails,
  PostInput,
  PostingSlot,
  PostSummary,
  Preferences,
  PublishEvent,
  PublishingSettings,
  SlotInput,
  SlotOccurrence,
  TargetState,
  TargetSummary,
  WhenInput,
  Workspace,
  WorkspaceOverview,
  WorkspaceUpdate,
};
export type { Theme } from "./bindings/Theme";
export type {
  ComposerState,
  HashtagGroup,
  PostImage,
  PostTemplate,
  Snippet,
  TagCount,
  TagSuggestion,
  VariantInput,
  WritingLibrary,
};

/** Emitted by the publishing engine with a PublishEvent payload. */
export const PUBLISH_EVENT = "chorus://publish";

const ERROR_CODES: readonly ErrorCode[] = [
  "validation",
  "not_found",
  "conflict",
  "storage",
  "secrets",
  "network",
  "internal",
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True when `value` has the exact shape the Rust shell rejects commands with. */
export function isIpcError(value: unknown): value is IpcError {
  return (
    isRecord(value) &&
    typeof value.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(value.code) &&
    typeof value.message === "string" &&
    (value.field === null || typeof value.field === "string")
  );
}

/**
 * Turns anything a command can reject with into an IpcError, so callers only
 * ever switch on `code`. Plugins and the IPC layer itself can reject with
 * plain strings or Error objects; those become "internal".
 */
export function toIpcError(reason: unknown): IpcError {
  if (isIpcError(reason)) return reason;
  if (isRecord(reason) && typeof reason.message === "string") {
    const code =
      typeof reason.code === "string" &&
      (ERROR_CODES as readonly string[]).includes(reason.code)
        ? (reason.code as ErrorCode)
        : "internal";
    const field = typeof reason.field === "string" ? reason.field : null;
    return { code, message: reason.message || "Unexpected error", field };
  }
  if (typeof reason === "string" && reason.trim() !== "") {
    return { code: "internal", message: reason, field: null };
  }
  return { code: "internal", message: "Unexpected error", field: null };
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toIpcError(reason);
  }
}

export function appInfo(): Promise<AppInfo> {
  return call("app_info");
}

/** All workspaces, ordered by name. */
export function listWorkspaces(): Promise<Workspace[]> {
  return call("list_workspaces");
}

export function createWorkspace(input: NewWorkspace): Promise<Workspace> {
  return call("create_workspace", { input });
}

export function updateWorkspace(input: WorkspaceUpdate): Promise<Workspace> {
  return call("update_workspace", { input });
}

export function workspaceOverview(
  workspaceId: number,
): Promise<WorkspaceOverview> {
  return call("workspace_overview", { workspaceId });
}

export function getPreferences(): Promise<Preferences> {
  return call("get_preferences");
}

export function setPreferences(preferences: Preferences): Promise<Preferences> {
  return call("set_preferences", { preferences });
}

/** Every IANA zone name the backend accepts. */
export function listTimeZones(): Promise<string[]> {
  return call("list_time_zones");
}

/** Connected (not removed) channels of a workspace. */
export function listChannels(workspaceId: number): Promise<Channel[]> {
  return call("list_channels", { workspaceId });
}

/** With `channelId` set, reconnects that channel. */
export function connectBluesky(input: BlueskyConnectInput): Promise<Channel> {
  return call("connect_bluesky", { input });
}

export function connectMastodonToken(input: MastodonTokenInput): Promise<Channel> {
  return call("connect_mastodon_token", { input });
}

/**
 * Opens the system browser and resolves once the user approved Chorus there
 * (the backend gives up after five minutes).
 */
export function connectMastodonOAuth(input: MastodonOAuthInput): Promise<Channel> {
  return call("connect_mastodon_oauth", { input });
}

/** `secretKey: null` generates a new key. */
export function connectNostr(input: NostrConnectInput): Promise<Channel> {
  return call("connect_nostr", { input });
}

/** Rejects with `conflict` while posts are still waiting to go out through it. */
export function removeChannel(channelId: number): Promise<null> {
  return call("remove_channel", { channelId });
}

export function createPost(input: PostInput): Promise<PostSummary> {
  return call("create_post", { input });
}

/** Newest due time first, drafts last. */
export function listPosts(workspaceId: number): Promise<PostSummary[]> {
  return call("list_posts", { workspaceId });
}

export function getPost(postId: number): Promise<PostDetails> {
  return call("get_post", { postId });
}

/** Publishes a failed, missed or unconfirmed target again (same idempotency key). */
export function retryTarget(targetId: number): Promise<PostSummary> {
  return call("retry_target", { targetId });
}

export function getPublishingSettings(): Promise<PublishingSettings> {
  return call("get_publishing_settings");
}

export function setMissedGrace(minutes: number): Promise<PublishingSettings> {
  return call("set_missed_grace", { minutes });
}

export function setPublishingPaused(paused: boolean): Promise<PublishingSettings> {
  return call("set_publishing_paused", { paused });
}

/**
 * The workspace's posts planned in `[from, to)` (RFC 3339 instants), in time order, one entry
 * per post with every channel inside. Rejects with `validation` (field "to") unless to > from.
 */
export function calendarRange(workspaceId: number, from: string, to: string): Promise<CalendarEntry[]> {
  return call("calendar_range", { workspaceId, from, to });
}

/** Drafts with no time yet, newest first. */
/** Takes a post off the plan: every channel becomes a draft again (refused once anything went out). */
export function unschedulePost(postId: number): Promise<PostSummary> {
  return call("unschedule_post", { postId });
}

export function unscheduledDrafts(workspaceId: number): Promise<CalendarEntry[]> {
  return call("unscheduled_drafts", { workspaceId });
}

/**
 * Moves a whole post (every channel) to `at`, an RFC 3339 instant; a draft becomes scheduled.
 * Rejects with `validation` (field "at") for a time in the past and `conflict` once any channel
 * published it, is publishing it or cannot say.
 */
export function reschedulePost(postId: number, at: string): Promise<PostSummary> {
  return call("reschedule_post", { postId, at });
}

/** Every weekly posting slot of the workspace's channels, by channel, weekday and time. */
export function postingSlots(workspaceId: number): Promise<PostingSlot[]> {
  return call("posting_slots", { workspaceId });
}

/**
 * Replaces one channel's weekly slots (weekday 1 = Monday … 7 = Sunday, time "HH:MM" in the
 * workspace's zone) and answers with them. Rejects with `validation` (field "slots").
 */
export function setPostingSlots(channelId: number, slots: SlotInput[]): Promise<PostingSlot[]> {
  return call("set_posting_slots", { channelId, slots });
}

/** Slot instants in `[from, to)` (RFC 3339), each saying whether its channel already has a post there. */
export function slotOccurrences(workspaceId: number, from: string, to: string): Promise<SlotOccurrence[]> {
  return call("slot_occurrences", { workspaceId, from, to });
}

/**
 * Checks a CSV file of posts and, unless `dryRun`, creates them, but only when no row has an
 * error. Rejects with `validation` (field "file") when the file itself cannot be read.
 */
export function importCsv(workspaceId: number, path: string, dryRun: boolean): Promise<CsvImportReport> {
  return call("import_csv", { workspaceId, path, dryRun });
}

/** Writes every post of the workspace to a CSV file; answers how many. */
export function exportCsv(workspaceId: number, path: string): Promise<number> {
  return call("export_csv", { workspaceId, path });
}

// The composer (planning.rs, posts.rs): editing, the queue, autosave and the writing library.

/**
 * Replaces a post that has not gone out (text, channels, images, time, variants). Rejects with
 * `conflict` once any channel published it, and `validation` like create_post.
 */
export function updatePost(postId: number, input: PostInput): Promise<PostSummary> {
  return call("update_post", { postId, input });
}

/** Rejects with `conflict` once any channel published it. */
export function deletePost(postId: number): Promise<null> {
  return call("delete_post", { postId });
}

/**
 * The first free posting slot of these channels (RFC 3339). Rejects with `validation` (field
 * "channels") when none is free in the next eight weeks.
 */
export function nextFreeSlot(workspaceId: number, channelIds: number[]): Promise<string> {
  return call("next_free_slot", { workspaceId, channelIds });
}

/** `slot` is "new" or "post:<id>"; `composer` the composer's own JSON document. */
export function saveComposerState(workspaceId: number, slot: string, composer: string): Promise<null> {
  return call("save_composer_state", { workspaceId, slot, composer });
}

export function composerStates(workspaceId: number): Promise<ComposerState[]> {
  return call("composer_states", { workspaceId });
}

export function clearComposerState(workspaceId: number, slot: string): Promise<null> {
  return call("clear_composer_state", { workspaceId, slot });
}

export function writingLibrary(workspaceId: number): Promise<WritingLibrary> {
  return call("writing_library", { workspaceId });
}

/**
 * Saves and answers the tidied library. Rejects with `validation` (field "hashtagGroups",
 * "snippets" or "templates") for empty or duplicate names and tags with spaces.
 */
export function saveWritingLibrary(workspaceId: number, library: WritingLibrary): Promise<WritingLibrary> {
  return call("save_writing_library", { workspaceId, library });
}

/** Replaces a post's tags (any post, sent or not); answers with them as stored. */
export function setPostTags(postId: number, tags: string[]): Promise<string[]> {
  return call("set_post_tags", { postId, tags });
}

/** The workspace's tags with how many posts carry each, most used first. */
export function postTags(workspaceId: number): Promise<TagCount[]> {
  return call("post_tags", { workspaceId });
}

/** Up to 8 #hashtags or @mentions (`prefix` starts with one) from the workspace's posts, most used first. */
export function suggestTags(workspaceId: number, prefix: string): Promise<TagSuggestion[]> {
  return call("suggest_tags", { workspaceId, prefix });
}

// The media library and image editor (commands/media.rs). The bindings come from chorus-core's
// media module; the editor's recipe is stored per image and applied when rendering.
export type { AspectPreset } from "./bindings/AspectPreset";
export type { Crop } from "./bindings/Crop";
export type { Filter } from "./bindings/Filter";
export type { LibraryItem } from "./bindings/LibraryItem";
export type { MediaUse } from "./bindings/MediaUse";
export type { Recipe } from "./bindings/Recipe";
export type { RenderPreview } from "./bindings/RenderPreview";
export type { RenderSummary } from "./bindings/RenderSummary";
export type { RenderTarget } from "./bindings/RenderTarget";
export type { WatermarkPosition } from "./bindings/WatermarkPosition";
export type { TextOverlay } from "./bindings/TextOverlay";
import type { TextOverlay } from "./bindings/TextOverlay";
export type { WatermarkSettings } from "./bindings/WatermarkSettings";
import type { LibraryItem as MediaItem } from "./bindings/LibraryItem";
import type { MediaUse as MediaUseRow } from "./bindings/MediaUse";
import type { Recipe as MediaRecipe } from "./bindings/Recipe";
import type { RenderPreview as RenderPreviewOut } from "./bindings/RenderPreview";
import type { RenderTarget as MediaTarget } from "./bindings/RenderTarget";
import type { WatermarkSettings as MediaWatermark } from "./bindings/WatermarkSettings";

/** The workspace's images, newest first; `search` matches file name, tags and alt text. */
export function listMedia(workspaceId: number, search: string | null): Promise<MediaItem[]> {
  return call("list_media", { workspaceId, search });
}

/**
 * Stores image files in the workspace's library (once per content: a file already there answers
 * with the existing item). Rejects with `validation` (field "images") naming the file and why.
 */
export function importMedia(workspaceId: number, paths: string[]): Promise<MediaItem[]> {
  return call("import_media", { workspaceId, paths });
}

/** Stores the edit recipe (the original is kept); rejects with `validation` naming the field. */
export function setMediaRecipe(mediaId: number, recipe: MediaRecipe): Promise<MediaItem> {
  return call("set_media_recipe", { mediaId, recipe });
}

/** The default alt text; rejects with `validation` (field "alt") over 2000 characters. */
export function setMediaAlt(mediaId: number, alt: string): Promise<MediaItem> {
  return call("set_media_alt", { mediaId, alt });
}

/** Rejects with `validation` (field "tags") for an empty tag or one over 64 characters. */
export function addMediaTags(mediaId: number, tags: string[]): Promise<MediaItem> {
  return call("add_media_tags", { mediaId, tags });
}

export function removeMediaTags(mediaId: number, tags: string[]): Promise<MediaItem> {
  return call("remove_media_tags", { mediaId, tags });
}

/** The posts that use an image, soonest first. */
export function mediaUsedIn(mediaId: number): Promise<MediaUseRow[]> {
  return call("media_used_in", { mediaId });
}

/** Rejects with `conflict`, naming the post, while a post uses it (or it is the watermark logo). */
export function deleteMedia(mediaId: number): Promise<null> {
  return call("delete_media", { mediaId });
}

/**
 * Renders the image, its stored recipe applied, for each target: the very bytes that would be
 * published, with their size, format and what was removed.
 */
export function renderMediaPreview(mediaId: number, targets: MediaTarget[]): Promise<RenderPreviewOut[]> {
  return call("render_media_preview", { mediaId, targets });
}

/** The style new text overlays start from: the one the workspace last used, or null. */
export function getTextStyle(workspaceId: number): Promise<TextOverlay | null> {
  return call("get_text_style", { workspaceId });
}

export function getWatermark(workspaceId: number): Promise<MediaWatermark | null> {
  return call("get_watermark", { workspaceId });
}

/** Rejects with `validation` (field "size", "opacity" or "mediaId"). */
export function setWatermark(workspaceId: number, settings: MediaWatermark): Promise<null> {
  return call("set_watermark", { workspaceId, settings });
}
