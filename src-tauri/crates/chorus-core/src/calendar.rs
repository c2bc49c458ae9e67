//! The plan as the calendar shows it: the posts in a visible time range (one query over an
//! index, so a month stays instant with years of posts in the database), the unscheduled
//! drafts beside it, and moving a post to another time.

use crate::clock::{Clock, to_db_instant};
use crate::media::library::thumb_path;
use crate::publish::{TargetState, control};
use crate::{CoreError, DataDir, Result};
use chrono::{DateTime, Utc};
use rusqlite::types::Type;
use rusqlite::{Connection, Row, params};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use ts_rs::TS;

/// How much of a post's text the calendar carries (enough for a card and its tooltip).
const EXCERPT_CHARS: usize = 280;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarTarget {
    pub target_id: i64,
    pub channel_id: i64,
    // Shared with the channel's other targets in the same answer.
    pub network: Arc<str>,
    pub channel: Arc<str>,
    pub state: TargetState,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CalendarEntry {
    pub post_id: i64,
    /// The first segment's text, cut to a few hundred characters.
    pub text: String,
    /// The planned instant (UTC, RFC 3339); `None` for an unscheduled draft.
    pub due_at: Option<String>,
    /// The IANA zone the time was picked in.
    pub timezone: String,
    /// The one badge for the whole post: the state that most needs the user's eye.
    pub status: TargetState,
    pub targets: Vec<CalendarTarget>,
    pub thread_parts: u32,
    pub image_count: u32,
    /// Whether the post can be moved (nothing of it has gone out or is going out).
    pub movable: bool,
    /// The user's own labels (never published), alphabetically.
    pub tags: Vec<String>,
    /// Absolute path of the first image's thumbnail (256 px JPEG), once the library has made it.
    pub thumbnail: Option<String>,
}

/// Which target state the post's badge shows when its channels differ: trouble first.
fn badge_rank(state: TargetState) -> u8 {
    match state {
        TargetState::Failed => 0,
        TargetState::Unconfirmed => 1,
        TargetState::Missed => 2,
        TargetState::Publishing => 3,
        TargetState::Paused => 4,
        TargetState::Scheduled => 5,
        TargetState::Published => 6,
        TargetState::Draft => 7,
    }
}

/// Targets in these states have not been sent (or were given up on) and can take a new time.
fn can_move(state: TargetState) -> bool {
    matches!(
        state,
        TargetState::Draft
            | TargetState::Scheduled
            | TargetState::Paused
            | TargetState::Failed
            | TargetState::Missed
    )
}

// Two queries instead of one join of posts with their channels' rows: posts come in index
// order (posts_by_schedule), with their tags and first thumbnail looked up in the same pass,
// and their targets, in the same order, are attached in Rust. The benchmark
// (benches/calendar_range.rs) measured one join grouped in SQL at several times the cost.
//
// Tags are joined with the unit separator, which a tag cannot hold (post_tags::normalize
// refuses control characters). The thumbnail is the first image, in thread order, whose
// thumbnail the library has made; only posts with images look for one.
const POSTS_SQL: &str = "SELECT p.id, substr(p.body, 1, ?4), p.scheduled_at, p.timezone,
        p.thread_count, p.image_count,
        (SELECT group_concat(t.tag, char(31)) FROM post_tags t WHERE t.post_id = p.id),
        CASE WHEN p.image_count > 0 THEN
            (SELECT a.sha256 FROM post_media m JOIN media_assets a ON a.id = m.media_id
             WHERE m.post_id = p.id AND a.thumb_state = 'ready'
             ORDER BY m.segment, m.position LIMIT 1)
        END
 FROM posts p";
const TARGETS_SQL: &str = "SELECT v.post_id, v.id, v.channel_id, v.state
 FROM posts p JOIN post_variants v ON v.post_id = p.id";
const TAG_SEPARATOR: char = '\u{1f}';

/// A channel as every one of its targets in one answer shares it (two reference counts per
/// target instead of two strings).
#[derive(Clone, Default)]
struct ChannelNames {
    network: Arc<str>,
    handle: Arc<str>,
}

/// Column `i` as text borrowed from the row (no copy), `None` for NULL.
fn text_or_null<'r>(row: &'r Row<'_>, i: usize) -> Result<Option<&'r str>> {
    row.get_ref(i)?.as_str_or_null().map_err(|e| {
        CoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            i,
            Type::Text,
            Box::new(e),
        ))
    })
}

fn text<'r>(row: &'r Row<'_>, i: usize) -> Result<&'r str> {
    text_or_null(row, i)?.ok_or_else(|| CoreError::Corrupt(format!("column {i} is NULL")))
}

fn channel_names(conn: &Connection, workspace_id: i64) -> Result<HashMap<i64, ChannelNames>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, network, handle FROM channels WHERE workspace_id = ?1")?;
    let mut rows = stmt.query([workspace_id])?;
    let mut channels = HashMap::new();
    while let Some(row) = rows.next()? {
        let names = ChannelNames {
            network: text(row, 1)?.into(),
            handle: text(row, 2)?.into(),
        };
        channels.insert(row.get(0)?, names);
    }
    Ok(channels)
}

/// `filter` is the WHERE tail both queries share, with ?1..?3; `order` is their ORDER BY,
/// which must end in the post id so that both list the posts in one order; ?4 is the excerpt
/// length. Both read one snapshot, so the engine cannot move a post between them.
fn entries(
    conn: &Connection,
    dir: &DataDir,
    workspace_id: i64,
    filter: &str,
    order: &str,
    bounds: (Option<String>, Option<String>),
) -> Result<Vec<CalendarEntry>> {
    let snapshot = conn.unchecked_transaction()?;
    let channels = channel_names(&snapshot, workspace_id)?;
    let (from, to) = bounds;
    let mut out: Vec<CalendarEntry> = Vec::new();
    {
        let mut stmt = snapshot.prepare_cached(&format!("{POSTS_SQL} {filter} {order}"))?;
        let mut rows = stmt.query(params![workspace_id, from, to, EXCERPT_CHARS as i64])?;
        while let Some(r) = rows.next()? {
            let tags = match text_or_null(r, 6)? {
                Some(joined) => joined.split(TAG_SEPARATOR).map(str::to_owned).collect(),
                None => Vec::new(),
            };
            let thumbnail =
                text_or_null(r, 7)?.map(|sha256| thumb_path(dir, sha256).display().to_string());
            out.push(CalendarEntry {
                post_id: r.get(0)?,
                text: r.get(1)?,
                due_at: r.get(2)?,
                timezone: r.get(3)?,
                thread_parts: r.get(4)?,
                image_count: r.get(5)?,
                status: TargetState::Draft,
                targets: Vec::new(),
                movable: true,
                tags,
                thumbnail,
            });
        }
    }
    {
        let mut stmt = snapshot.prepare_cached(&format!("{TARGETS_SQL} {filter} {order}"))?;
        let mut rows = stmt.query(params![workspace_id, from, to])?;
        // The targets come in the posts' order: each belongs to the current post or a later one.
        let mut at = 0;
        while let Some(r) = rows.next()? {
            let post_id: i64 = r.get(0)?;
            while at < out.len() && out[at].post_id != post_id {
                at += 1;
            }
            let Some(entry) = out.get_mut(at) else {
                return Err(CoreError::Corrupt(format!(
                    "post {post_id}'s channels came out of the posts' order"
                )));
            };
            let channel_id: i64 = r.get(2)?;
            let names = channels.get(&channel_id).cloned().unwrap_or_default();
            entry.targets.push(CalendarTarget {
                target_id: r.get(1)?,
                channel_id,
                network: names.network,
                channel: names.handle,
                state: TargetState::parse(text(r, 3)?)?,
            });
        }
    }
    snapshot.finish()?;
    for entry in &mut out {
        entry.tags.sort_by_key(|t| t.to_lowercase());
        entry
            .targets
            .sort_by(|a, b| (&a.network, &a.channel).cmp(&(&b.network, &b.channel)));
        if let Some(worst) = entry
            .targets
            .iter()
            .map(|t| t.state)
            .min_by_key(|s| badge_rank(*s))
        {
            entry.status = worst;
        }
        entry.movable = entry.targets.iter().all(|t| can_move(t.state));
    }
    Ok(out)
}

/// The workspace's posts planned in `[from, to)`, in time order.
pub fn range(
    conn: &Connection,
    dir: &DataDir,
    workspace_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<CalendarEntry>> {
    if to <= from {
        return Err(CoreError::validation(
            "to",
            "The end of the range must come after its start.",
        ));
    }
    entries(
        conn,
        dir,
        workspace_id,
        "WHERE p.workspace_id = ?1 AND p.scheduled_at >= ?2 AND p.scheduled_at < ?3",
        "ORDER BY p.scheduled_at, p.id",
        (Some(to_db_instant(from)), Some(to_db_instant(to))),
    )
}

/// Drafts with no time yet, newest first: the calendar's side panel.
pub fn unscheduled_drafts(
    conn: &Connection,
    dir: &DataDir,
    workspace_id: i64,
) -> Result<Vec<CalendarEntry>> {
    entries(
        conn,
        dir,
        workspace_id,
        "WHERE p.workspace_id = ?1 AND p.scheduled_at IS NULL AND ?2 IS NULL AND ?3 IS NULL",
        "ORDER BY p.updated_at DESC, p.id DESC",
        (None, None),
    )
}

/// How much a new time may lie in the past (a slow drag, clock skew) before it is refused.
const PAST_TOLERANCE: chrono::Duration = chrono::Duration::minutes(1);

/// Whether the post can move to `at`: refused, with the reason, for a time in the past or
/// while any channel has already sent it, is sending it, or cannot say whether it did.
pub fn check_reschedule(
    conn: &Connection,
    clock: &dyn Clock,
    post_id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    if at < clock.now() - PAST_TOLERANCE {
        return Err(CoreError::validation(
            "at",
            "That time is in the past; posts can only move to a time still ahead.",
        ));
    }
    crate::post::check_unsent(conn, post_id, "moved")
}

/// Moves a whole post (every channel) to `at`, after [`check_reschedule`]. A draft dropped on
/// the calendar becomes scheduled; a failed or missed post gets a fresh start.
///
/// Targets handed to a network's own scheduler must be withdrawn from it first (see
/// `Service::reschedule_post`); here they only lose their schedule id.
pub fn reschedule(
    conn: &mut Connection,
    clock: &dyn Clock,
    post_id: i64,
    at: DateTime<Utc>,
) -> Result<()> {
    let tx = conn.transaction()?;
    // Checked again inside the transaction: the engine may have claimed a target meanwhile.
    check_reschedule(&tx, clock, post_id, at)?;
    let scheduled = if control::load(&tx)?.paused {
        TargetState::Paused
    } else {
        TargetState::Scheduled
    };
    let at_s = to_db_instant(at);
    tx.execute(
        "UPDATE posts SET scheduled_at = ?2, status = 'scheduled', updated_at = ?3 WHERE id = ?1",
        params![post_id, at_s, to_db_instant(clock.now())],
    )?;
    tx.execute(
        "UPDATE post_variants
         SET state = ?2, due_at = ?3, next_attempt_at = ?3, attempt_count = 0,
             last_error = '', last_error_code = '', server_schedule_id = NULL
         WHERE post_id = ?1",
        params![post_id, scheduled.as_str(), at_s],
    )?;
    tx.commit()?;
    Ok(())
}

/// Takes a post off the plan: it becomes an unscheduled draft again (the calendar's undo for a
/// dropped draft, or "unschedule"). Same rule as moving: nothing of it may have gone out.
pub fn unschedule(conn: &mut Connection, clock: &dyn Clock, post_id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    crate::post::check_unsent(&tx, post_id, "unscheduled")?;
    tx.execute(
        "UPDATE posts SET scheduled_at = NULL, status = 'draft', updated_at = ?2 WHERE id = ?1",
        params![post_id, to_db_instant(clock.now())],
    )?;
    tx.execute(
        "UPDATE post_variants
         SET state = 'draft', due_at = NULL, next_attempt_at = NULL, attempt_count = 0,
             last_error = '', last_error_code = '', server_schedule_id = NULL
         WHERE post_id = ?1",
        [post_id],
    )?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::channel::{self, ChannelConfig};
    use crate::post::{self, NewPost, When};
    use crate::publish::target;
    use crate::secrets::MemorySecretStore;
    use crate::workspace::{self, NewWorkspace};
    use crate::{DataDir, FixedClock, Store};
    use chorus_networks::AccountInfo;
    use chrono::TimeZone;

    struct Fixture {
        _tmp: tempfile::TempDir,
        dir: DataDir,
        store: Store,
        clock: FixedClock,
        workspace: i64,
        channels: Vec<i64>,
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("valid")
    }

    fn fixture() -> Fixture {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = DataDir::at(tmp.path().join("data")).expect("dir");
        let mut store = Store::open(dir.database_path()).expect("open");
        let clock = FixedClock::new(t0());
        let ws = workspace::create(
            store.connection(),
            &clock,
            &NewWorkspace {
                name: "Bakery".into(),
                timezone: "Europe/Berlin".into(),
            },
        )
        .expect("workspace");
        let channels = ["a.test", "b.test"]
            .iter()
            .map(|handle| {
                channel::create(
                    store.connection_mut(),
                    &clock,
                    &MemorySecretStore::default(),
                    ws.id,
                    &ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                        relays: vec!["ws://127.0.0.1:1".into()],
                    }),
                    &AccountInfo {
                        id: (*handle).into(),
                        handle: (*handle).into(),
                        display_name: String::new(),
                    },
                    "secret",
                )
                .expect("channel")
                .id
            })
            .collect();
        Fixture {
            _tmp: tmp,
            dir,
            store,
            clock,
            workspace: ws.id,
            channels,
        }
    }

    impl Fixture {
        fn post(&mut self, text: &str, when: When) -> i64 {
            let all = self.channels.clone();
            self.post_on(text, when, &all)
        }

        fn post_on(&mut self, text: &str, when: When, channels: &[i64]) -> i64 {
            post::create(
                self.store.connection_mut(),
                &self.clock,
                &self.dir,
                &NewPost {
                    workspace_id: self.workspace,
                    channel_ids: channels.to_vec(),
                    text: text.into(),
                    thread: vec![],
                    images: vec![],
                    when,
                    content_warning: None,
                    language: None,
                    deliver_on_server: false,
                    variants: vec![],
                    tags: Vec::new(),
                },
                &|_, _| vec![],
            )
            .expect("post")
        }

        fn range(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<CalendarEntry> {
            range(self.store.connection(), &self.dir, self.workspace, from, to).expect("range")
        }
    }

    fn hours(h: i64) -> chrono::Duration {
        chrono::Duration::hours(h)
    }

    #[test]
    fn a_range_holds_the_posts_planned_inside_it_in_time_order_one_entry_each() {
        let mut f = fixture();
        let late = f.post("late", When::At(t0() + hours(30)));
        let early = f.post("early", When::At(t0() + hours(2)));
        let _outside = f.post("next week", When::At(t0() + hours(24 * 8)));
        let _draft = f.post("draft", When::Draft);
        let week = f.range(t0(), t0() + hours(24 * 7));
        assert_eq!(
            week.iter().map(|e| e.post_id).collect::<Vec<_>>(),
            [early, late]
        );
        let entry = &week[0];
        assert_eq!(entry.text, "early");
        assert_eq!(
            entry.targets.len(),
            2,
            "one entry per post, every channel inside"
        );
        assert_eq!(entry.status, TargetState::Scheduled);
        assert!(entry.movable);
        assert_eq!(entry.due_at.as_deref(), Some("2026-12-01T11:00:00.000Z"));
        // The end is exclusive: a post at exactly `to` belongs to the next range.
        assert!(f.range(t0(), t0() + hours(2)).is_empty());
        let err = range(f.store.connection(), &f.dir, f.workspace, t0(), t0()).expect_err("empty");
        assert_eq!(err.field(), Some("to"));
    }

    #[test]
    fn posts_at_one_instant_each_keep_their_own_channels_in_id_order() {
        let mut f = fixture();
        let [a, b] = [f.channels[0], f.channels[1]];
        let at = When::At(t0() + hours(5));
        let only_b = f.post_on("b only", at.clone(), &[b]);
        let both = f.post_on("both", at.clone(), &[a, b]);
        let only_a = f.post_on("a only", at, &[a]);
        let later = f.post_on("later", When::At(t0() + hours(6)), &[b]);
        let day = f.range(t0(), t0() + hours(24));
        let channels =
            |e: &CalendarEntry| e.targets.iter().map(|t| t.channel_id).collect::<Vec<_>>();
        assert_eq!(
            day.iter()
                .map(|e| (e.post_id, channels(e)))
                .collect::<Vec<_>>(),
            [
                (only_b, vec![b]),
                (both, vec![a, b]),
                (only_a, vec![a]),
                (later, vec![b])
            ]
        );
        assert_eq!(&*day[1].targets[0].channel, "a.test");
        assert_eq!(&*day[1].targets[1].network, "nostr");
    }

    #[test]
    fn an_entry_carries_its_first_images_thumbnail_once_the_library_has_made_it() {
        let mut f = fixture();
        let id = f.post("loaves", When::At(t0() + hours(1)));
        let draft = f.post("buns", When::Draft);
        let conn = f.store.connection();
        let asset = |n: i64, sha: char, state: &str| {
            conn.execute(
                "INSERT INTO media_assets (id, workspace_id, sha256, file_name, mime_type, byte_size, created_at, thumb_state)
                 VALUES (?1, ?2, ?3, 'a.jpg', 'image/jpeg', 10, '2026-12-01T00:00:00.000Z', ?4)",
                params![n, f.workspace, sha.to_string().repeat(64), state],
            )
            .expect("asset");
        };
        asset(1, 'a', "pending");
        asset(2, 'b', "ready");
        asset(3, 'c', "ready");
        let attach = |post: i64, segment: i64, position: i64, media: i64| {
            conn.execute(
                "INSERT INTO post_media (post_id, segment, position, media_id) VALUES (?1, ?2, ?3, ?4)",
                params![post, segment, position, media],
            )
            .expect("attach");
        };
        // The first image has no thumbnail yet: the first one that has is shown; a later
        // thread segment's image comes after the first segment's.
        attach(id, 1, 0, 3);
        attach(id, 0, 0, 1);
        attach(id, 0, 1, 2);
        attach(draft, 0, 0, 1);
        let entry = &f.range(t0(), t0() + hours(2))[0];
        let expected = thumb_path(&f.dir, &"b".repeat(64)).display().to_string();
        assert_eq!(entry.thumbnail.as_deref(), Some(expected.as_str()));
        let drafts = unscheduled_drafts(conn, &f.dir, f.workspace).expect("drafts");
        assert_eq!(drafts[0].thumbnail, None, "pending: nothing to show yet");
    }

    #[test]
    fn the_badge_shows_the_state_that_needs_attention_and_drafts_wait_beside_the_calendar() {
        let mut f = fixture();
        let id = f.post("mixed", When::At(t0() + hours(1)));
        let draft = f.post("someday", When::Draft);
        let conn = f.store.connection();
        conn.execute(
            "UPDATE post_variants SET state = 'failed' WHERE post_id = ?1 AND channel_id = ?2",
            params![id, f.channels[1]],
        )
        .expect("fail one");
        let entry = &f.range(t0(), t0() + hours(2))[0];
        assert_eq!(entry.status, TargetState::Failed);
        assert_eq!(
            entry.targets.iter().map(|t| t.state).collect::<Vec<_>>(),
            [TargetState::Scheduled, TargetState::Failed]
        );
        let drafts = unscheduled_drafts(conn, &f.dir, f.workspace).expect("drafts");
        assert_eq!(drafts.len(), 1);
        assert_eq!((drafts[0].post_id, drafts[0].due_at.clone()), (draft, None));
        assert_eq!(drafts[0].status, TargetState::Draft);
    }

    #[test]
    fn a_post_moves_with_every_channel_and_a_dropped_draft_becomes_scheduled() {
        let mut f = fixture();
        let id = f.post("bread", When::At(t0() + hours(1)));
        let draft = f.post("cake", When::Draft);
        let to = t0() + hours(49);
        reschedule(f.store.connection_mut(), &f.clock, id, to).expect("move");
        reschedule(f.store.connection_mut(), &f.clock, draft, to).expect("schedule the draft");
        let day = f.range(t0() + hours(48), t0() + hours(50));
        assert_eq!(day.len(), 2);
        for entry in &day {
            assert_eq!(entry.due_at.as_deref(), Some("2026-12-03T10:00:00.000Z"));
            assert!(
                entry
                    .targets
                    .iter()
                    .all(|t| t.state == TargetState::Scheduled)
            );
        }
        // The engine sees the new time.
        assert_eq!(
            target::next_due(f.store.connection()).expect("due"),
            Some(to)
        );
        assert!(
            unscheduled_drafts(f.store.connection(), &f.dir, f.workspace)
                .expect("drafts")
                .is_empty()
        );
    }

    #[test]
    fn moving_into_the_past_or_moving_what_went_out_is_refused_and_changes_nothing() {
        let mut f = fixture();
        let id = f.post("bread", When::At(t0() + hours(1)));
        let err =
            reschedule(f.store.connection_mut(), &f.clock, id, t0() - hours(1)).expect_err("past");
        assert_eq!(err.field(), Some("at"));
        assert!(err.to_string().contains("in the past"), "{err}");

        let conn = f.store.connection();
        conn.execute(
            "UPDATE post_variants SET state = 'published' WHERE post_id = ?1 AND channel_id = ?2",
            params![id, f.channels[0]],
        )
        .expect("publish one");
        let err =
            reschedule(f.store.connection_mut(), &f.clock, id, t0() + hours(5)).expect_err("sent");
        assert!(matches!(err, CoreError::Conflict(_)));
        assert!(
            err.to_string()
                .contains("already gone out on a.test (nostr)"),
            "{err}"
        );
        let entry = &f.range(t0(), t0() + hours(2))[0];
        assert_eq!(entry.due_at.as_deref(), Some("2026-12-01T10:00:00.000Z"));
        assert!(!entry.movable);
        let err = reschedule(f.store.connection_mut(), &f.clock, 999, t0() + hours(5))
            .expect_err("missing");
        assert!(matches!(err, CoreError::NotFound { .. }));
    }

    #[test]
    fn a_failed_post_moved_to_later_starts_afresh_and_paused_stays_paused() {
        let mut f = fixture();
        let id = f.post("bread", When::At(t0() + hours(1)));
        f.store
            .connection()
            .execute(
                "UPDATE post_variants SET state = 'failed', attempt_count = 8, last_error = 'boom' WHERE post_id = ?1",
                [id],
            )
            .expect("fail");
        control::set_paused(f.store.connection_mut(), true).expect("pause");
        reschedule(f.store.connection_mut(), &f.clock, id, t0() + hours(3)).expect("move");
        let details = post::show(f.store.connection(), id).expect("show");
        for t in &details.post.targets {
            assert_eq!(
                t.state,
                TargetState::Paused,
                "the crisis switch still holds it"
            );
            assert_eq!((t.attempts, t.last_error.as_str()), (0, ""));
        }
    }

    #[test]
    fn thread_and_image_counts_follow_edits() {
        let mut f = fixture();
        let mut input = NewPost {
            workspace_id: f.workspace,
            channel_ids: f.channels.clone(),
            text: "one".into(),
            thread: vec!["two".into(), "three".into()],
            images: vec![],
            when: When::At(t0() + hours(1)),
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            tags: Vec::new(),
        };
        let id = post::create(
            f.store.connection_mut(),
            &f.clock,
            &f.dir,
            &input,
            &|_, _| vec![],
        )
        .expect("post");
        assert_eq!(f.range(t0(), t0() + hours(2))[0].thread_parts, 2);
        input.thread = vec!["only two".into()];
        post::update(
            f.store.connection_mut(),
            &f.clock,
            &f.dir,
            id,
            &input,
            &|_, _| vec![],
        )
        .expect("edit");
        let entry = &f.range(t0(), t0() + hours(2))[0];
        assert_eq!((entry.thread_parts, entry.image_count), (1, 0));
    }

    #[test]
    fn an_unscheduled_post_goes_back_to_the_drafts() {
        let mut f = fixture();
        let id = f.post("bread", When::At(t0() + hours(1)));
        unschedule(f.store.connection_mut(), &f.clock, id).expect("unschedule");
        assert!(f.range(t0(), t0() + hours(2)).is_empty());
        let drafts = unscheduled_drafts(f.store.connection(), &f.dir, f.workspace).expect("drafts");
        assert_eq!(drafts[0].post_id, id);
        assert!(
            drafts[0]
                .targets
                .iter()
                .all(|t| t.state == TargetState::Draft)
        );
        assert_eq!(target::next_due(f.store.connection()).expect("due"), None);
    }
}
