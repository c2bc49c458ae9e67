// Generated from src-tauri/src/commands/mod.rs (commands::tests::export_bindings_commands). Do not edit.
import { call } from "../call";
import type { AppInfo } from "./AppInfo";
import type { CalendarEntry } from "./CalendarEntry";
import type { Channel } from "./Channel";
import type { ComposerState } from "./ComposerState";
import type { ConnectInput } from "./ConnectInput";
import type { CsvImportReport } from "./CsvImportReport";
import type { InboxFilter } from "./InboxFilter";
import type { InboxItem } from "./InboxItem";
import type { InboxListing } from "./InboxListing";
import type { InboxReply } from "./InboxReply";
import type { InboxUpdate } from "./InboxUpdate";
import type { LibraryItem } from "./LibraryItem";
import type { MediaUse } from "./MediaUse";
import type { NewWorkspace } from "./NewWorkspace";
import type { NotificationSettings } from "./NotificationSettings";
import type { PostDetails } from "./PostDetails";
import type { PostInput } from "./PostInput";
import type { PostSummary } from "./PostSummary";
import type { PostingSlot } from "./PostingSlot";
import type { Preferences } from "./Preferences";
import type { PublishingSettings } from "./PublishingSettings";
import type { Recipe } from "./Recipe";
import type { RenderPreview } from "./RenderPreview";
import type { RenderTarget } from "./RenderTarget";
import type { SavedReply } from "./SavedReply";
import type { SlotInput } from "./SlotInput";
import type { SlotOccurrence } from "./SlotOccurrence";
import type { SyncReport } from "./SyncReport";
import type { TagCount } from "./TagCount";
import type { TagSuggestion } from "./TagSuggestion";
import type { TextOverlay } from "./TextOverlay";
import type { WatermarkSettings } from "./WatermarkSettings";
import type { Workspace } from "./Workspace";
import type { WorkspaceOverview } from "./WorkspaceOverview";
import type { WorkspaceUpdate } from "./WorkspaceUpdate";
import type { WritingLibrary } from "./WritingLibrary";

/** Every command: its arguments as sent (camelCase) and its result. */
export interface Commands {
  app_info: { args: Record<string, never>; result: AppInfo };
  list_time_zones: { args: Record<string, never>; result: Array<string> };
  list_workspaces: { args: Record<string, never>; result: Array<Workspace> };
  create_workspace: { args: { input: NewWorkspace }; result: Workspace };
  update_workspace: { args: { input: WorkspaceUpdate }; result: Workspace };
  workspace_overview: { args: { workspaceId: number }; result: WorkspaceOverview };
  get_preferences: { args: Record<string, never>; result: Preferences };
  set_preferences: { args: { preferences: Preferences }; result: Preferences };
  list_channels: { args: { workspaceId: number }; result: Array<Channel> };
  connect_channel: { args: { input: ConnectInput }; result: Channel };
  remove_channel: { args: { channelId: number }; result: null };
  posting_slots: { args: { workspaceId: number }; result: Array<PostingSlot> };
  set_posting_slots: { args: { channelId: number; slots: Array<SlotInput> }; result: Array<PostingSlot> };
  create_post: { args: { input: PostInput }; result: PostSummary };
  list_posts: { args: { workspaceId: number }; result: Array<PostSummary> };
  get_post: { args: { postId: number }; result: PostDetails };
  update_post: { args: { postId: number; input: PostInput }; result: PostSummary };
  delete_post: { args: { postId: number }; result: null };
  retry_target: { args: { targetId: number }; result: PostSummary };
  set_post_tags: { args: { postId: number; tags: Array<string> }; result: Array<string> };
  post_tags: { args: { workspaceId: number }; result: Array<TagCount> };
  calendar_range: { args: { workspaceId: number; from: string; to: string }; result: Array<CalendarEntry> };
  unscheduled_drafts: { args: { workspaceId: number }; result: Array<CalendarEntry> };
  reschedule_post: { args: { postId: number; at: string }; result: PostSummary };
  unschedule_post: { args: { postId: number }; result: PostSummary };
  slot_occurrences: { args: { workspaceId: number; from: string; to: string }; result: Array<SlotOccurrence> };
  next_free_slot: { args: { workspaceId: number; channelIds: Array<number> }; result: string };
  save_composer_state: { args: { workspaceId: number; slot: string; composer: string }; result: null };
  composer_states: { args: { workspaceId: number }; result: Array<ComposerState> };
  clear_composer_state: { args: { workspaceId: number; slot: string }; result: null };
  writing_library: { args: { workspaceId: number }; result: WritingLibrary };
  save_writing_library: { args: { workspaceId: number; library: WritingLibrary }; result: WritingLibrary };
  suggest_tags: { args: { workspaceId: number; prefix: string }; result: Array<TagSuggestion> };
  import_csv: { args: { workspaceId: number; path: string; dryRun: boolean }; result: CsvImportReport };
  export_csv: { args: { workspaceId: number; path: string }; result: number };
  list_media: { args: { workspaceId: number; search: string | null }; result: Array<LibraryItem> };
  import_media: { args: { workspaceId: number; paths: Array<string> }; result: Array<LibraryItem> };
  make_media_thumbnails: { args: Record<string, never>; result: number };
  set_media_recipe: { args: { mediaId: number; recipe: Recipe }; result: LibraryItem };
  set_media_alt: { args: { mediaId: number; alt: string }; result: LibraryItem };
  add_media_tags: { args: { mediaId: number; tags: Array<string> }; result: LibraryItem };
  remove_media_tags: { args: { mediaId: number; tags: Array<string> }; result: LibraryItem };
  media_used_in: { args: { mediaId: number }; result: Array<MediaUse> };
  delete_media: { args: { mediaId: number }; result: null };
  render_media_preview: { args: { mediaId: number; targets: Array<RenderTarget> }; result: Array<RenderPreview> };
  get_text_style: { args: { workspaceId: number }; result: TextOverlay | null };
  get_watermark: { args: { workspaceId: number }; result: WatermarkSettings | null };
  set_watermark: { args: { workspaceId: number; settings: WatermarkSettings }; result: null };
  get_publishing_settings: { args: Record<string, never>; result: PublishingSettings };
  set_missed_grace: { args: { minutes: number }; result: PublishingSettings };
  set_publishing_paused: { args: { paused: boolean }; result: PublishingSettings };
  list_inbox: { args: { filter: InboxFilter }; result: InboxListing };
  get_inbox_item: { args: { id: number }; result: InboxItem };
  update_inbox_items: { args: { ids: Array<number>; change: InboxUpdate }; result: Array<InboxItem> };
  add_inbox_tag: { args: { id: number; tag: string }; result: InboxItem };
  remove_inbox_tag: { args: { id: number; tag: string }; result: InboxItem };
  inbox_tags: { args: Record<string, never>; result: Array<string> };
  inbox_unread_count: { args: { channelId: number | null }; result: number };
  sync_inbox: { args: { channelId: number | null }; result: Array<SyncReport> };
  reply_to_inbox_item: { args: { id: number; text: string }; result: InboxReply };
  inbox_replies: { args: { id: number }; result: Array<InboxReply> };
  like_inbox_item: { args: { id: number }; result: InboxItem };
  list_saved_replies: { args: Record<string, never>; result: Array<SavedReply> };
  save_saved_reply: { args: { id: number | null; name: string; body: string }; result: SavedReply };
  delete_saved_reply: { args: { id: number }; result: null };
  render_saved_reply: { args: { id: number; itemId: number }; result: string };
  get_inbox_notification_settings: { args: Record<string, never>; result: NotificationSettings };
  set_inbox_notification_settings: { args: { settings: NotificationSettings }; result: NotificationSettings };
}

export type CommandName = keyof Commands;

/** Every command's name, in the order declared. */
export const COMMAND_NAMES: readonly CommandName[] = [
  "app_info",
  "list_time_zones",
  "list_workspaces",
  "create_workspace",
  "update_workspace",
  "workspace_overview",
  "get_preferences",
  "set_preferences",
  "list_channels",
  "connect_channel",
  "remove_channel",
  "posting_slots",
  "set_posting_slots",
  "create_post",
  "list_posts",
  "get_post",
  "update_post",
  "delete_post",
  "retry_target",
  "set_post_tags",
  "post_tags",
  "calendar_range",
  "unscheduled_drafts",
  "reschedule_post",
  "unschedule_post",
  "slot_occurrences",
  "next_free_slot",
  "save_composer_state",
  "composer_states",
  "clear_composer_state",
  "writing_library",
  "save_writing_library",
  "suggest_tags",
  "import_csv",
  "export_csv",
  "list_media",
  "import_media",
  "make_media_thumbnails",
  "set_media_recipe",
  "set_media_alt",
  "add_media_tags",
  "remove_media_tags",
  "media_used_in",
  "delete_media",
  "render_media_preview",
  "get_text_style",
  "get_watermark",
  "set_watermark",
  "get_publishing_settings",
  "set_missed_grace",
  "set_publishing_paused",
  "list_inbox",
  "get_inbox_item",
  "update_inbox_items",
  "add_inbox_tag",
  "remove_inbox_tag",
  "inbox_tags",
  "inbox_unread_count",
  "sync_inbox",
  "reply_to_inbox_item",
  "inbox_replies",
  "like_inbox_item",
  "list_saved_replies",
  "save_saved_reply",
  "delete_saved_reply",
  "render_saved_reply",
  "get_inbox_notification_settings",
  "set_inbox_notification_settings",
];

export function appInfo(): Promise<AppInfo> {
  return call("app_info", {});
}

/**
 * Every IANA zone name the backend accepts.
 */
export function listTimeZones(): Promise<Array<string>> {
  return call("list_time_zones", {});
}

/**
 * All workspaces, ordered by name.
 */
export function listWorkspaces(): Promise<Array<Workspace>> {
  return call("list_workspaces", {});
}

export function createWorkspace(input: NewWorkspace): Promise<Workspace> {
  return call("create_workspace", { input }, ["workspaces"]);
}

export function updateWorkspace(input: WorkspaceUpdate): Promise<Workspace> {
  return call("update_workspace", { input }, ["workspaces"]);
}

export function workspaceOverview(workspaceId: number): Promise<WorkspaceOverview> {
  return call("workspace_overview", { workspaceId });
}

export function getPreferences(): Promise<Preferences> {
  return call("get_preferences", {});
}

export function setPreferences(preferences: Preferences): Promise<Preferences> {
  return call("set_preferences", { preferences }, ["preferences"]);
}

/**
 * Connected (not removed) channels of a workspace.
 */
export function listChannels(workspaceId: number): Promise<Array<Channel>> {
  return call("list_channels", { workspaceId });
}

/**
 * Connects (or, with `channelId`, reconnects) an account through its network's
 * connect form: the method and answers its capabilities declare (`connect`). A
 * browser method opens the system browser and resolves once the user approved Chorus
 * there (the backend gives up after five minutes). Rejects with `validation` naming
 * the form's field, or `network` in the network's words.
 */
export function connectChannel(input: ConnectInput): Promise<Channel> {
  return call("connect_channel", { input }, ["channels"]);
}

/**
 * Rejects with `conflict` while posts are still waiting to go out through it.
 */
export function removeChannel(channelId: number): Promise<null> {
  return call("remove_channel", { channelId }, ["channels", "posts"]);
}

/**
 * Every weekly posting slot of the workspace's channels, by channel, weekday and time.
 */
export function postingSlots(workspaceId: number): Promise<Array<PostingSlot>> {
  return call("posting_slots", { workspaceId });
}

/**
 * Replaces one channel's weekly slots (weekday 1 = Monday … 7 = Sunday, time "HH:MM"
 * in the workspace's zone) and answers with them. Rejects with `validation` (field
 * "slots").
 */
export function setPostingSlots(channelId: number, slots: Array<SlotInput>): Promise<Array<PostingSlot>> {
  return call("set_posting_slots", { channelId, slots }, ["channels"]);
}

/**
 * Rejects with `validation` naming the field (text, channels, images, at, …).
 */
export function createPost(input: PostInput): Promise<PostSummary> {
  return call("create_post", { input }, ["posts"]);
}

/**
 * Newest due time first, drafts last.
 */
export function listPosts(workspaceId: number): Promise<Array<PostSummary>> {
  return call("list_posts", { workspaceId });
}

export function getPost(postId: number): Promise<PostDetails> {
  return call("get_post", { postId });
}

/**
 * Replaces a post that has not gone out (text, channels, images, time, variants).
 * Rejects with `conflict` once any channel published it, and `validation` like
 * create_post.
 */
export function updatePost(postId: number, input: PostInput): Promise<PostSummary> {
  return call("update_post", { postId, input }, ["posts"]);
}

/**
 * Rejects with `conflict` once any channel published it.
 */
export function deletePost(postId: number): Promise<null> {
  return call("delete_post", { postId }, ["posts"]);
}

/**
 * Publishes a failed, missed or unconfirmed target again (same idempotency key).
 */
export function retryTarget(targetId: number): Promise<PostSummary> {
  return call("retry_target", { targetId }, ["posts"]);
}

/**
 * Replaces a post's tags (any post, sent or not); answers with them as stored
 * (trimmed, without repeats).
 */
export function setPostTags(postId: number, tags: Array<string>): Promise<Array<string>> {
  return call("set_post_tags", { postId, tags }, ["posts"]);
}

/**
 * The workspace's tags with how many posts carry each, most used first.
 */
export function postTags(workspaceId: number): Promise<Array<TagCount>> {
  return call("post_tags", { workspaceId });
}

/**
 * The workspace's posts planned in `[from, to)` (RFC 3339 instants), in time order, one
 * entry per post with every channel inside. Rejects with `validation` (field "to")
 * unless to > from.
 */
export function calendarRange(workspaceId: number, from: string, to: string): Promise<Array<CalendarEntry>> {
  return call("calendar_range", { workspaceId, from, to });
}

/**
 * Drafts with no time yet, newest first.
 */
export function unscheduledDrafts(workspaceId: number): Promise<Array<CalendarEntry>> {
  return call("unscheduled_drafts", { workspaceId });
}

/**
 * Moves a whole post (every channel) to `at`, an RFC 3339 instant; a draft becomes
 * scheduled. Rejects with `validation` (field "at") for a time in the past and
 * `conflict` once any channel published it, is publishing it or cannot say.
 */
export function reschedulePost(postId: number, at: string): Promise<PostSummary> {
  return call("reschedule_post", { postId, at }, ["posts"]);
}

/**
 * Takes a post off the plan: every channel becomes a draft again (refused once
 * anything went out).
 */
export function unschedulePost(postId: number): Promise<PostSummary> {
  return call("unschedule_post", { postId }, ["posts"]);
}

/**
 * Slot instants in `[from, to)` (RFC 3339), each saying whether its channel already
 * has a post there.
 */
export function slotOccurrences(workspaceId: number, from: string, to: string): Promise<Array<SlotOccurrence>> {
  return call("slot_occurrences", { workspaceId, from, to });
}

/**
 * "Add to queue": the first free posting slot of these channels (RFC 3339). Rejects
 * with `validation` (field "channels") when none is free in the next eight weeks.
 */
export function nextFreeSlot(workspaceId: number, channelIds: Array<number>): Promise<string> {
  return call("next_free_slot", { workspaceId, channelIds });
}

/**
 * `slot` is "new" or "post:<id>"; `composer` the composer's own JSON document.
 */
export function saveComposerState(workspaceId: number, slot: string, composer: string): Promise<null> {
  return call("save_composer_state", { workspaceId, slot, composer });
}

export function composerStates(workspaceId: number): Promise<Array<ComposerState>> {
  return call("composer_states", { workspaceId });
}

export function clearComposerState(workspaceId: number, slot: string): Promise<null> {
  return call("clear_composer_state", { workspaceId, slot });
}

export function writingLibrary(workspaceId: number): Promise<WritingLibrary> {
  return call("writing_library", { workspaceId });
}

/**
 * Saves and answers the tidied library. Rejects with `validation` (field
 * "hashtagGroups", "snippets" or "templates") for empty or duplicate names and tags
 * with spaces.
 */
export function saveWritingLibrary(workspaceId: number, library: WritingLibrary): Promise<WritingLibrary> {
  return call("save_writing_library", { workspaceId, library });
}

/**
 * Up to 8 #hashtags or @mentions (`prefix` starts with one) from the workspace's
 * posts, most used first.
 */
export function suggestTags(workspaceId: number, prefix: string): Promise<Array<TagSuggestion>> {
  return call("suggest_tags", { workspaceId, prefix });
}

/**
 * Checks a CSV file of posts and, unless `dryRun`, creates them, but only when no row
 * has an error. Rejects with `validation` (field "file") when the file itself cannot
 * be read.
 */
export function importCsv(workspaceId: number, path: string, dryRun: boolean): Promise<CsvImportReport> {
  return call("import_csv", { workspaceId, path, dryRun }, ["posts"]);
}

/**
 * Writes every post of the workspace to a CSV file; answers how many.
 */
export function exportCsv(workspaceId: number, path: string): Promise<number> {
  return call("export_csv", { workspaceId, path });
}

/**
 * The workspace's images, newest first; `search` matches file name, tags and alt text.
 */
export function listMedia(workspaceId: number, search: string | null = null): Promise<Array<LibraryItem>> {
  return call("list_media", { workspaceId, search });
}

/**
 * Stores image files in the workspace's library (once per content: a file already
 * there answers with the existing item). Rejects with `validation` (field "images")
 * naming the file and why. Thumbnails follow in the background.
 */
export function importMedia(workspaceId: number, paths: Array<string>): Promise<Array<LibraryItem>> {
  return call("import_media", { workspaceId, paths }, ["media"]);
}

/**
 * Makes any thumbnails still missing (e.g. after a crash); answers how many were made.
 */
export function makeMediaThumbnails(): Promise<number> {
  return call("make_media_thumbnails", {}, ["media"]);
}

/**
 * Stores the edit recipe (the original is kept); rejects with `validation` naming the
 * field.
 */
export function setMediaRecipe(mediaId: number, recipe: Recipe): Promise<LibraryItem> {
  return call("set_media_recipe", { mediaId, recipe }, ["media"]);
}

/**
 * The default alt text; rejects with `validation` (field "alt") over 2000 characters.
 */
export function setMediaAlt(mediaId: number, alt: string): Promise<LibraryItem> {
  return call("set_media_alt", { mediaId, alt }, ["media"]);
}

/**
 * Rejects with `validation` (field "tags") for an empty tag or one over 64 characters.
 */
export function addMediaTags(mediaId: number, tags: Array<string>): Promise<LibraryItem> {
  return call("add_media_tags", { mediaId, tags }, ["media"]);
}

export function removeMediaTags(mediaId: number, tags: Array<string>): Promise<LibraryItem> {
  return call("remove_media_tags", { mediaId, tags }, ["media"]);
}

/**
 * The posts that use an image, soonest first.
 */
export function mediaUsedIn(mediaId: number): Promise<Array<MediaUse>> {
  return call("media_used_in", { mediaId });
}

/**
 * Rejects with `conflict`, naming the post, while a post uses it (or it is the
 * watermark logo).
 */
export function deleteMedia(mediaId: number): Promise<null> {
  return call("delete_media", { mediaId }, ["media"]);
}

/**
 * Renders the image, its stored recipe applied, for each target: the very bytes that
 * would be published, with their size, format and what was removed.
 */
export function renderMediaPreview(mediaId: number, targets: Array<RenderTarget>): Promise<Array<RenderPreview>> {
  return call("render_media_preview", { mediaId, targets });
}

/**
 * The style new text overlays start from: the one the workspace last used, or null.
 */
export function getTextStyle(workspaceId: number): Promise<TextOverlay | null> {
  return call("get_text_style", { workspaceId });
}

export function getWatermark(workspaceId: number): Promise<WatermarkSettings | null> {
  return call("get_watermark", { workspaceId });
}

/**
 * Rejects with `validation` (field "size", "opacity" or "mediaId").
 */
export function setWatermark(workspaceId: number, settings: WatermarkSettings): Promise<null> {
  return call("set_watermark", { workspaceId, settings }, ["media"]);
}

export function getPublishingSettings(): Promise<PublishingSettings> {
  return call("get_publishing_settings", {});
}

/**
 * How late an overdue post may still go out.
 */
export function setMissedGrace(minutes: number): Promise<PublishingSettings> {
  return call("set_missed_grace", { minutes }, ["publishing"]);
}

/**
 * Pauses or resumes all publishing (the one switch).
 */
export function setPublishingPaused(paused: boolean): Promise<PublishingSettings> {
  return call("set_publishing_paused", { paused }, ["publishing", "posts"]);
}

/**
 * One page of items, newest first, grouped by conversation. Rejects with `validation`
 * (field "search") for a search of only punctuation, "tag" for an empty tag, "limit"
 * out of 1..=200.
 */
export function listInbox(filter: InboxFilter): Promise<InboxListing> {
  return call("list_inbox", { filter });
}

export function getInboxItem(id: number): Promise<InboxItem> {
  return call("get_inbox_item", { id });
}

/**
 * Read/done/star/assignee on one or more items (j/k/e triage); `assignee: ""` clears
 * it. Answers the items as stored.
 */
export function updateInboxItems(ids: Array<number>, change: InboxUpdate): Promise<Array<InboxItem>> {
  return call("update_inbox_items", { ids, change }, ["inbox"]);
}

/**
 * Rejects with `validation` (field "tag") for an empty tag or one over the length limit.
 */
export function addInboxTag(id: number, tag: string): Promise<InboxItem> {
  return call("add_inbox_tag", { id, tag }, ["inbox"]);
}

export function removeInboxTag(id: number, tag: string): Promise<InboxItem> {
  return call("remove_inbox_tag", { id, tag }, ["inbox"]);
}

/**
 * Every tag used in the inbox.
 */
export function inboxTags(): Promise<Array<string>> {
  return call("inbox_tags", {});
}

export function inboxUnreadCount(channelId: number | null = null): Promise<number> {
  return call("inbox_unread_count", { channelId });
}

/**
 * Syncs now (all channels, or one) instead of waiting for the background job; one
 * report per channel (a channel's failure is in its report's `error`).
 */
export function syncInbox(channelId: number | null = null): Promise<Array<SyncReport>> {
  return call("sync_inbox", { channelId }, ["inbox"]);
}

/**
 * Replies in the item's thread on its network. Rejects with `validation` (field
 * "text") for an empty or overlong reply, and with the network's error when it did not
 * go out.
 */
export function replyToInboxItem(id: number, text: string): Promise<InboxReply> {
  return call("reply_to_inbox_item", { id, text }, ["inbox"]);
}

export function inboxReplies(id: number): Promise<Array<InboxReply>> {
  return call("inbox_replies", { id });
}

/**
 * Likes (favourites, reacts to) the item on its network; answers the item with `liked`.
 */
export function likeInboxItem(id: number): Promise<InboxItem> {
  return call("like_inbox_item", { id }, ["inbox"]);
}

export function listSavedReplies(): Promise<Array<SavedReply>> {
  return call("list_saved_replies", {});
}

/**
 * Creates (id null) or replaces a saved reply. Rejects with `validation` (field "name"
 * or "body").
 */
export function saveSavedReply(id: number | null, name: string, body: string): Promise<SavedReply> {
  return call("save_saved_reply", { id, name, body });
}

export function deleteSavedReply(id: number): Promise<null> {
  return call("delete_saved_reply", { id });
}

/**
 * The saved reply with `{name}`, `{handle}` and `{network}` filled in from the item.
 * Rejects with `validation` (field "body") naming an unknown variable or an unmatched
 * brace.
 */
export function renderSavedReply(id: number, itemId: number): Promise<string> {
  return call("render_saved_reply", { id, itemId });
}

export function getInboxNotificationSettings(): Promise<NotificationSettings> {
  return call("get_inbox_notification_settings", {});
}

/**
 * Rejects with `validation` (field "quietHours.start", "quietHours.end" or
 * "quietHours.timezone").
 */
export function setInboxNotificationSettings(settings: NotificationSettings): Promise<NotificationSettings> {
  return call("set_inbox_notification_settings", { settings });
}
