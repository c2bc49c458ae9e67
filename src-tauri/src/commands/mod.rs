//! The app's Tauri commands, declared once below and implemented one module per area, named
//! as the UI names the area (`ui/src/features/<area>`). Payload types live in chorus-core and
//! are exported to `ui/src/lib/ipc/bindings/` by ts-rs; the typed TypeScript calls
//! (`bindings/commands.ts`) are generated from this list.
//!
//! Adding a command: one line here, one function in the area's module, one handler in the fake
//! backend (`ui/src/test/`; the type check fails without it). The UI calls it by its
//! camelCase name from `ui/src/lib/ipc/client.ts`.

pub mod app;
pub mod calendar;
pub mod channels;
pub mod composer;
pub mod csv;
pub mod inbox;
pub mod media;
pub mod posts;
pub mod preferences;
pub mod publishing;
pub mod schema;
pub mod workspaces;

#[allow(unused_imports)]
use chorus_core::{
    about::AppInfo,
    calendar::CalendarEntry,
    channel::Channel,
    inbox::{
        InboxFilter, InboxItem, InboxListing, InboxReply, InboxUpdate, NotificationSettings,
        SavedReply, SyncReport,
    },
    inputs::{ConnectInput, PostInput},
    media::library::{LibraryItem, MediaUse, RenderPreview, WatermarkSettings},
    media::presets::RenderTarget,
    media::recipe::{Recipe, TextOverlay},
    overview::WorkspaceOverview,
    planning::autosave::ComposerState,
    planning::csv_io::CsvImportReport,
    planning::library::{TagSuggestion, WritingLibrary},
    planning::slots::{PostingSlot, SlotInput, SlotOccurrence},
    post::{PostDetails, PostSummary},
    post_tags::TagCount,
    preferences::Preferences,
    publish::control::PublishingSettings,
    workspace::{NewWorkspace, Workspace, WorkspaceUpdate},
};
use std::path::PathBuf;

schema::commands! {
    app {
        app_info() -> AppInfo;
        /// Every IANA zone name the backend accepts.
        list_time_zones() -> Vec<String>;
    }
    workspaces {
        /// All workspaces, ordered by name.
        list_workspaces() -> Vec<Workspace>;
        create_workspace(input: NewWorkspace) -> Workspace => [Workspaces];
        update_workspace(input: WorkspaceUpdate) -> Workspace => [Workspaces];
        workspace_overview(workspace_id: i64) -> WorkspaceOverview;
    }
    preferences {
        get_preferences() -> Preferences;
        set_preferences(preferences: Preferences) -> Preferences => [Preferences];
    }
    channels {
        /// Connected (not removed) channels of a workspace.
        list_channels(workspace_id: i64) -> Vec<Channel>;
        /// Connects (or, with `channelId`, reconnects) an account through its network's
        /// connect form: the method and answers its capabilities declare (`connect`). A
        /// browser method opens the system browser and resolves once the user approved Chorus
        /// there (the backend gives up after five minutes). Rejects with `validation` naming
        /// the form's field, or `network` in the network's words.
        connect_channel(input: ConnectInput) -> Channel => [Channels];
        /// Rejects with `conflict` while posts are still waiting to go out through it.
        remove_channel(channel_id: i64) -> () => [Channels, Posts];
        /// Every weekly posting slot of the workspace's channels, by channel, weekday and time.
        posting_slots(workspace_id: i64) -> Vec<PostingSlot>;
        /// Replaces one channel's weekly slots (weekday 1 = Monday … 7 = Sunday, time "HH:MM"
        /// in the workspace's zone) and answers with them. Rejects with `validation` (field
        /// "slots").
        set_posting_slots(channel_id: i64, slots: Vec<SlotInput>) -> Vec<PostingSlot> => [Channels];
    }
    posts {
        /// Rejects with `validation` naming the field (text, channels, images, at, …).
        create_post(input: PostInput) -> PostSummary => [Posts];
        /// Newest due time first, drafts last.
        list_posts(workspace_id: i64) -> Vec<PostSummary>;
        get_post(post_id: i64) -> PostDetails;
        /// Replaces a post that has not gone out (text, channels, images, time, variants).
        /// Rejects with `conflict` once any channel published it, and `validation` like
        /// create_post.
        update_post(post_id: i64, input: PostInput) -> PostSummary => [Posts];
        /// Rejects with `conflict` once any channel published it.
        delete_post(post_id: i64) -> () => [Posts];
        /// Publishes a failed, missed or unconfirmed target again (same idempotency key).
        retry_target(target_id: i64) -> PostSummary => [Posts];
        /// Replaces a post's tags (any post, sent or not); answers with them as stored
        /// (trimmed, without repeats).
        set_post_tags(post_id: i64, tags: Vec<String>) -> Vec<String> => [Posts];
        /// The workspace's tags with how many posts carry each, most used first.
        post_tags(workspace_id: i64) -> Vec<TagCount>;
    }
    calendar {
        /// The workspace's posts planned in `[from, to)` (RFC 3339 instants), in time order, one
        /// entry per post with every channel inside. Rejects with `validation` (field "to")
        /// unless to > from.
        calendar_range(workspace_id: i64, from: String, to: String) -> Vec<CalendarEntry>;
        /// Drafts with no time yet, newest first.
        unscheduled_drafts(workspace_id: i64) -> Vec<CalendarEntry>;
        /// Moves a whole post (every channel) to `at`, an RFC 3339 instant; a draft becomes
        /// scheduled. Rejects with `validation` (field "at") for a time in the past and
        /// `conflict` once any channel published it, is publishing it or cannot say.
        reschedule_post(post_id: i64, at: String) -> PostSummary => [Posts];
        /// Takes a post off the plan: every channel becomes a draft again (refused once
        /// anything went out).
        unschedule_post(post_id: i64) -> PostSummary => [Posts];
        /// Slot instants in `[from, to)` (RFC 3339), each saying whether its channel already
        /// has a post there.
        slot_occurrences(workspace_id: i64, from: String, to: String) -> Vec<SlotOccurrence>;
    }
    composer {
        /// "Add to queue": the first free posting slot of these channels (RFC 3339). Rejects
        /// with `validation` (field "channels") when none is free in the next eight weeks.
        next_free_slot(workspace_id: i64, channel_ids: Vec<i64>) -> String;
        /// `slot` is "new" or "post:<id>"; `composer` the composer's own JSON document.
        save_composer_state(workspace_id: i64, slot: String, composer: String) -> ();
        composer_states(workspace_id: i64) -> Vec<ComposerState>;
        clear_composer_state(workspace_id: i64, slot: String) -> ();
        writing_library(workspace_id: i64) -> WritingLibrary;
        /// Saves and answers the tidied library. Rejects with `validation` (field
        /// "hashtagGroups", "snippets" or "templates") for empty or duplicate names and tags
        /// with spaces.
        save_writing_library(workspace_id: i64, library: WritingLibrary) -> WritingLibrary;
        /// Up to 8 #hashtags or @mentions (`prefix` starts with one) from the workspace's
        /// posts, most used first.
        suggest_tags(workspace_id: i64, prefix: String) -> Vec<TagSuggestion>;
    }
    csv {
        /// Checks a CSV file of posts and, unless `dryRun`, creates them, but only when no row
        /// has an error. Rejects with `validation` (field "file") when the file itself cannot
        /// be read.
        import_csv(workspace_id: i64, path: String, dry_run: bool) -> CsvImportReport => [Posts];
        /// Writes every post of the workspace to a CSV file; answers how many.
        export_csv(workspace_id: i64, path: String) -> usize;
    }
    media {
        /// The workspace's images, newest first; `search` matches file name, tags and alt text.
        list_media(workspace_id: i64, search: Option<String>) -> Vec<LibraryItem>;
        /// Stores image files in the workspace's library (once per content: a file already
        /// there answers with the existing item). Rejects with `validation` (field "images")
        /// naming the file and why. Thumbnails follow in the background.
        import_media(workspace_id: i64, paths: Vec<PathBuf>) -> Vec<LibraryItem> => [Media];
        /// Makes any thumbnails still missing (e.g. after a crash); answers how many were made.
        make_media_thumbnails() -> u32 => [Media];
        /// Stores the edit recipe (the original is kept); rejects with `validation` naming the
        /// field.
        set_media_recipe(media_id: i64, recipe: Recipe) -> LibraryItem => [Media];
        /// The default alt text; rejects with `validation` (field "alt") over 2000 characters.
        set_media_alt(media_id: i64, alt: String) -> LibraryItem => [Media];
        /// Rejects with `validation` (field "tags") for an empty tag or one over 64 characters.
        add_media_tags(media_id: i64, tags: Vec<String>) -> LibraryItem => [Media];
        remove_media_tags(media_id: i64, tags: Vec<String>) -> LibraryItem => [Media];
        /// The posts that use an image, soonest first.
        media_used_in(media_id: i64) -> Vec<MediaUse>;
        /// Rejects with `conflict`, naming the post, while a post uses it (or it is the
        /// watermark logo).
        delete_media(media_id: i64) -> () => [Media];
        /// Renders the image, its stored recipe applied, for each target: the very bytes that
        /// would be published, with their size, format and what was removed.
        render_media_preview(media_id: i64, targets: Vec<RenderTarget>) -> Vec<RenderPreview>;
        /// The style new text overlays start from: the one the workspace last used, or null.
        get_text_style(workspace_id: i64) -> Option<TextOverlay>;
        get_watermark(workspace_id: i64) -> Option<WatermarkSettings>;
        /// Rejects with `validation` (field "size", "opacity" or "mediaId").
        set_watermark(workspace_id: i64, settings: WatermarkSettings) -> () => [Media];
    }
    publishing {
        get_publishing_settings() -> PublishingSettings;
        /// How late an overdue post may still go out.
        set_missed_grace(minutes: u32) -> PublishingSettings => [Publishing];
        /// Pauses or resumes all publishing (the one switch).
        set_publishing_paused(paused: bool) -> PublishingSettings => [Publishing, Posts];
    }
    inbox {
        /// One page of items, newest first, grouped by conversation. Rejects with `validation`
        /// (field "search") for a search of only punctuation, "tag" for an empty tag, "limit"
        /// out of 1..=200.
        list_inbox(filter: InboxFilter) -> InboxListing;
        get_inbox_item(id: i64) -> InboxItem;
        /// Read/done/star/assignee on one or more items (j/k/e triage); `assignee: ""` clears
        /// it. Answers the items as stored.
        update_inbox_items(ids: Vec<i64>, change: InboxUpdate) -> Vec<InboxItem> => [Inbox];
        /// Rejects with `validation` (field "tag") for an empty tag or one over the length limit.
        add_inbox_tag(id: i64, tag: String) -> InboxItem => [Inbox];
        remove_inbox_tag(id: i64, tag: String) -> InboxItem => [Inbox];
        /// Every tag used in the inbox.
        inbox_tags() -> Vec<String>;
        inbox_unread_count(channel_id: Option<i64>) -> i64;
        /// Syncs now (all channels, or one) instead of waiting for the background job; one
        /// report per channel (a channel's failure is in its report's `error`).
        sync_inbox(channel_id: Option<i64>) -> Vec<SyncReport> => [Inbox];
        /// Replies in the item's thread on its network. Rejects with `validation` (field
        /// "text") for an empty or overlong reply, and with the network's error when it did not
        /// go out.
        reply_to_inbox_item(id: i64, text: String) -> InboxReply => [Inbox];
        inbox_replies(id: i64) -> Vec<InboxReply>;
        /// Likes (favourites, reacts to) the item on its network; answers the item with `liked`.
        like_inbox_item(id: i64) -> InboxItem => [Inbox];
        list_saved_replies() -> Vec<SavedReply>;
        /// Creates (id null) or replaces a saved reply. Rejects with `validation` (field "name"
        /// or "body").
        save_saved_reply(id: Option<i64>, name: String, body: String) -> SavedReply;
        delete_saved_reply(id: i64) -> ();
        /// The saved reply with `{name}`, `{handle}` and `{network}` filled in from the item.
        /// Rejects with `validation` (field "body") naming an unknown variable or an unmatched
        /// brace.
        render_saved_reply(id: i64, item_id: i64) -> String;
        get_inbox_notification_settings() -> NotificationSettings;
        /// Rejects with `validation` (field "quietHours.start", "quietHours.end" or
        /// "quietHours.timezone").
        set_inbox_notification_settings(settings: NotificationSettings) -> NotificationSettings;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `make test` checks the generated file for drift like the other bindings.
    #[test]
    fn export_bindings_commands() {
        let dir = std::env::var("TS_RS_EXPORT_DIR").expect("TS_RS_EXPORT_DIR (.cargo/config.toml)");
        std::fs::create_dir_all(&dir).expect("export dir");
        let text = schema::render(&specs());
        std::fs::write(std::path::Path::new(&dir).join("commands.ts"), text)
            .expect("write commands.ts");
    }

    #[test]
    fn command_names_are_unique_and_snake_case() {
        let specs = specs();
        let mut names: Vec<&str> = specs.iter().map(|s| s.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a command is declared twice");
        for name in names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake_case"
            );
        }
    }

    #[test]
    fn arguments_and_results_read_as_typescript() {
        let specs = specs();
        let post = specs
            .iter()
            .find(|s| s.name == "update_post")
            .expect("update_post");
        let args: Vec<(&str, &str)> = post
            .args
            .iter()
            .map(|(n, t)| (*n, t.name.as_str()))
            .collect();
        assert_eq!(args, [("post_id", "number"), ("input", "PostInput")]);
        assert_eq!(post.result.name, "PostSummary");
        assert_eq!(post.changes, [schema::Topic::Posts]);
        let media = specs
            .iter()
            .find(|s| s.name == "list_media")
            .expect("list_media");
        assert_eq!(media.args[1].1.name, "string | null");
        assert_eq!(media.result.name, "Array<LibraryItem>");
        assert_eq!(media.result.imports, ["LibraryItem"]);
        let delete = specs
            .iter()
            .find(|s| s.name == "delete_post")
            .expect("delete_post");
        assert_eq!(delete.result.name, "null");
        assert_eq!(
            schema::camel_case("connect_mastodon_oauth"),
            "connectMastodonOauth"
        );
    }
}
