//! Posts: written once, sent to many channels. Each (post, channel) pair is a publish target
//! (see [`crate::publish::target`]).

use crate::channel::{self, Channel, ChannelStatus};
use crate::clock::{Clock, to_db_instant};
use crate::media::presets::RenderTarget;
use crate::publish::content::TargetOptions;
use crate::publish::{TargetState, control};
use crate::{CoreError, DataDir, Result, media, workspace};
use chorus_networks::{OutgoingImage, OutgoingPost, ValidationProblem};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Saved, not scheduled.
    Draft,
    Now,
    At(DateTime<Utc>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImage {
    pub path: PathBuf,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub workspace_id: i64,
    pub channel_ids: Vec<i64>,
    /// The first segment; `thread` holds the rest of a thread.
    pub text: String,
    pub thread: Vec<String>,
    /// Images of the first segment.
    pub images: Vec<NewImage>,
    pub when: When,
    pub content_warning: Option<String>,
    pub language: Option<String>,
    /// Hand targets on networks that can schedule by themselves to their server.
    pub deliver_on_server: bool,
    /// Channels that send their own first text instead of `text`.
    pub variants: Vec<Variant>,
    /// The user's own labels (see `post_tags`); never published.
    pub tags: Vec<String>,
}

/// One channel's own version of the first post's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub channel_id: i64,
    pub text: String,
}

/// How much a scheduled time may lie in the past (clock skew, a slow form) before it is refused.
const PAST_TOLERANCE: chrono::Duration = chrono::Duration::minutes(1);

/// Per-network checks of the segments a channel would send (the adapters' `validate`).
pub type NetworkCheck<'a> = &'a dyn Fn(&Channel, &[OutgoingPost]) -> Vec<ValidationProblem>;

/// A post checked against everything (its workspace, channels, time, images and each
/// network's limits) and ready to be written. Building one writes nothing, so a CSV dry run
/// or a refused edit leaves no trace.
pub struct Prepared {
    workspace: workspace::Workspace,
    channels: Vec<Channel>,
    due: Option<DateTime<Utc>>,
    images: Vec<(media::LoadedImage, String)>,
    tags: Vec<String>,
}

impl Prepared {
    pub fn due(&self) -> Option<DateTime<Utc>> {
        self.due
    }
}

/// Validates everything, including each network's limits, without writing anything.
pub fn prepare(
    conn: &Connection,
    clock: &dyn Clock,
    input: &NewPost,
    check: NetworkCheck<'_>,
) -> Result<Prepared> {
    let now = clock.now();
    let ws = workspace::get(conn, input.workspace_id)?;
    if input.channel_ids.is_empty() {
        return Err(CoreError::validation(
            "channels",
            "Choose at least one channel.",
        ));
    }
    let mut channels = Vec::new();
    for &id in &input.channel_ids {
        let c = channel::get(conn, id)?;
        if c.workspace_id != ws.id {
            return Err(CoreError::validation(
                "channels",
                format!("{} belongs to another workspace.", c.handle),
            ));
        }
        match c.status {
            ChannelStatus::Active => {}
            ChannelStatus::NeedsAttention => {
                return Err(CoreError::validation(
                    "channels",
                    format!(
                        "{} needs to be reconnected first: {}",
                        c.handle, c.status_reason
                    ),
                ));
            }
            ChannelStatus::Disabled => {
                return Err(CoreError::validation(
                    "channels",
                    format!("{} was removed.", c.handle),
                ));
            }
        }
        channels.push(c);
    }
    if let Some(v) = input
        .variants
        .iter()
        .find(|v| !input.channel_ids.contains(&v.channel_id))
    {
        return Err(CoreError::validation(
            "variants",
            format!(
                "There is a version of the text for channel {}, which is not chosen.",
                v.channel_id
            ),
        ));
    }
    if input.text.trim().is_empty() && input.images.is_empty() {
        return Err(CoreError::validation(
            "text",
            "Write something or add an image.",
        ));
    }
    if let Some(i) = input.thread.iter().position(|t| t.trim().is_empty()) {
        return Err(CoreError::validation(
            "thread",
            format!("Thread post {} is empty.", i + 2),
        ));
    }
    let tags = crate::post_tags::normalize(&input.tags)?;
    let due = match input.when {
        When::Draft => None,
        When::Now => Some(now),
        When::At(at) if at < now - PAST_TOLERANCE => {
            return Err(CoreError::validation(
                "at",
                format!(
                    "{} is in the past; pick a later time or publish now.",
                    at.with_timezone(
                        &ws.timezone
                            .parse::<chrono_tz::Tz>()
                            .unwrap_or(chrono_tz::UTC)
                    )
                    .format("%Y-%m-%d %H:%M %Z")
                ),
            ));
        }
        When::At(at) => Some(at),
    };

    if input.deliver_on_server {
        if !matches!(input.when, When::At(_)) {
            return Err(CoreError::validation(
                "at",
                "Handing a post to the server needs a scheduled time.",
            ));
        }
        if !input.thread.is_empty() {
            return Err(CoreError::validation(
                "thread",
                "A thread cannot be handed to the server: each reply needs the post before it to exist. Let Chorus publish it, or post it as one.",
            ));
        }
    }

    let mut images = Vec::new();
    for image in &input.images {
        images.push((media::read_image(&image.path)?, image.alt.clone()));
    }
    // Each network is checked with the images as they will be sent: rendered to its limits.
    let mut targets: Vec<RenderTarget> = Vec::new();
    for c in &channels {
        if let Some(t) = media::render_target(c.network)
            && !targets.contains(&t)
        {
            targets.push(t);
        }
    }
    let fitted: Vec<Vec<OutgoingImage>> = images
        .iter()
        .map(|(img, alt)| media::library::fit_attachment(img, alt, &targets))
        .collect::<Result<_>>()?;
    let images_for = |network: chorus_networks::NetworkKind| -> Vec<OutgoingImage> {
        let at = targets
            .iter()
            .position(|t| Some(*t) == media::render_target(network));
        fitted
            .iter()
            .filter_map(|per| at.and_then(|i| per.get(i)).cloned())
            .collect()
    };
    let segment = |text: &str, images: Vec<OutgoingImage>| OutgoingPost {
        text: text.to_owned(),
        images,
        content_warning: input.content_warning.clone(),
        language: input.language.clone(),
    };
    let problems: Vec<String> = channels
        .iter()
        .flat_map(|c| {
            // Each channel is checked with the text it will really send: its own version if
            // it has one, else the shared one.
            let first = input
                .variants
                .iter()
                .find(|v| v.channel_id == c.id)
                .map_or(input.text.as_str(), |v| v.text.as_str());
            let mut segments = vec![segment(first, images_for(c.network))];
            segments.extend(input.thread.iter().map(|t| segment(t, Vec::new())));
            check(c, &segments)
                .into_iter()
                .map(move |p| format!("{} ({}): {}", c.handle, c.network.as_str(), p.message))
                .collect::<Vec<_>>()
        })
        .collect();
    if !problems.is_empty() {
        return Err(CoreError::validation("text", problems.join("\n")));
    }
    Ok(Prepared {
        workspace: ws,
        channels,
        due,
        images,
        tags,
    })
}

/// Validates everything (including each network's limits) before anything is stored, then
/// saves the post and one target per channel in one transaction.
pub fn create(
    conn: &mut Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    input: &NewPost,
    check: NetworkCheck<'_>,
) -> Result<i64> {
    let prepared = prepare(conn, clock, input, check)?;
    let now_s = to_db_instant(clock.now());
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO posts (workspace_id, body, status, scheduled_at, timezone, created_at, updated_at)
         VALUES (?1, '', 'draft', NULL, ?2, ?3, ?3)",
        params![prepared.workspace.id, prepared.workspace.timezone, now_s],
    )?;
    let post_id = tx.last_insert_rowid();
    write_content(&tx, clock, dir, post_id, input, &prepared)?;
    tx.commit()?;
    Ok(post_id)
}

/// Replaces a post's text, images, channels and time, as long as nothing of it has gone out
/// (the same rule as moving it). Channels dropped from the post lose their target.
///
/// Targets handed to a network's own scheduler must be withdrawn from it first (see
/// `Service::update_post`).
pub fn update(
    conn: &mut Connection,
    clock: &dyn Clock,
    dir: &DataDir,
    post_id: i64,
    input: &NewPost,
    check: NetworkCheck<'_>,
) -> Result<()> {
    let prepared = prepare(conn, clock, input, check)?;
    let tx = conn.transaction()?;
    check_unsent(&tx, post_id, "edited")?;
    let owner: i64 = tx.query_row(
        "SELECT workspace_id FROM posts WHERE id = ?1",
        [post_id],
        |r| r.get(0),
    )?;
    if owner != input.workspace_id {
        return Err(CoreError::validation(
            "workspace",
            "A post cannot move to another workspace.",
        ));
    }
    tx.execute(
        "DELETE FROM post_thread_parts WHERE post_id = ?1",
        [post_id],
    )?;
    tx.execute("DELETE FROM post_media WHERE post_id = ?1", [post_id])?;
    let keep =
        serde_json::to_string(&input.channel_ids).map_err(|e| CoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "DELETE FROM post_variants WHERE post_id = ?1 AND channel_id NOT IN (SELECT value FROM json_each(?2))",
        params![post_id, keep],
    )?;
    write_content(&tx, clock, dir, post_id, input, &prepared)?;
    tx.commit()?;
    Ok(())
}

/// Refuses to change a post any channel has sent, is sending, or cannot say whether it did.
pub fn check_unsent(conn: &Connection, post_id: i64, verb: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.handle || ' (' || c.network || ')', v.state
         FROM post_variants v JOIN channels c ON c.id = v.channel_id WHERE v.post_id = ?1",
    )?;
    let states: Vec<(String, String)> = stmt
        .query_map([post_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM posts WHERE id = ?1)",
        [post_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(CoreError::NotFound {
            what: "post",
            id: post_id,
        });
    }
    for (channel, state) in &states {
        let why = match TargetState::parse(state)? {
            TargetState::Published => "has already gone out on",
            TargetState::Publishing => "is being published right now on",
            TargetState::Unconfirmed => {
                "may already have gone out (unconfirmed: check it and retry it first) on"
            }
            _ => continue,
        };
        return Err(CoreError::Conflict(format!(
            "This post {why} {channel}, so it cannot be {verb}."
        )));
    }
    Ok(())
}

/// Removes a post and its history from Chorus. Refused while it is being published; a post
/// that went out stays on the network (delete it there).
pub fn delete(conn: &mut Connection, post_id: i64) -> Result<()> {
    let tx = conn.transaction()?;
    let publishing: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM post_variants WHERE post_id = ?1 AND state = 'publishing')",
        [post_id],
        |r| r.get(0),
    )?;
    if publishing {
        return Err(CoreError::Conflict(
            "This post is being published right now; it can be deleted once that is done.".into(),
        ));
    }
    if tx.execute("DELETE FROM posts WHERE id = ?1", [post_id])? == 0 {
        return Err(CoreError::NotFound {
            what: "post",
            id: post_id,
        });
    }
    tx.commit()?;
    Ok(())
}

/// Writes the body, thread, images and one target per channel of a prepared post.
fn write_content(
    tx: &rusqlite::Transaction<'_>,
    clock: &dyn Clock,
    dir: &DataDir,
    post_id: i64,
    input: &NewPost,
    prepared: &Prepared,
) -> Result<()> {
    crate::post_tags::replace(tx, post_id, &prepared.tags)?;
    let paused = control::load(tx)?.paused;
    let state = match (prepared.due, paused) {
        (None, _) => TargetState::Draft,
        (Some(_), true) => TargetState::Paused,
        (Some(_), false) => TargetState::Scheduled,
    };
    let options = serde_json::to_string(&TargetOptions {
        content_warning: input.content_warning.clone(),
        language: input.language.clone(),
    })
    .map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let due_s = prepared.due.map(to_db_instant);
    tx.execute(
        "UPDATE posts SET body = ?2, status = ?3, scheduled_at = ?4, updated_at = ?5 WHERE id = ?1",
        params![
            post_id,
            input.text,
            if prepared.due.is_some() {
                "scheduled"
            } else {
                "draft"
            },
            due_s,
            to_db_instant(clock.now())
        ],
    )?;
    for (i, part) in input.thread.iter().enumerate() {
        tx.execute(
            "INSERT INTO post_thread_parts (post_id, position, body) VALUES (?1, ?2, ?3)",
            params![post_id, (i + 1) as i64, part],
        )?;
    }
    for (i, (image, alt)) in prepared.images.iter().enumerate() {
        let asset = media::store_image(tx, clock, dir, prepared.workspace.id, image)?;
        tx.execute(
            "INSERT INTO post_media (post_id, segment, position, media_id, alt) VALUES (?1, 0, ?2, ?3, ?4)",
            params![post_id, i as i64, asset.id, alt],
        )?;
    }
    for c in &prepared.channels {
        // On the network's own server where it can schedule a post itself (its capabilities).
        let delivery = if input.deliver_on_server && c.network.capabilities().server_scheduling {
            "server"
        } else {
            "local"
        };
        let body = input
            .variants
            .iter()
            .find(|v| v.channel_id == c.id)
            .map(|v| v.text.clone());
        tx.execute(
            "INSERT INTO post_variants (post_id, channel_id, body, options, state, due_at, next_attempt_at, delivery)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)
             ON CONFLICT (post_id, channel_id) DO UPDATE SET
                body = excluded.body, options = excluded.options, state = excluded.state,
                due_at = excluded.due_at, next_attempt_at = excluded.next_attempt_at,
                delivery = excluded.delivery, attempt_count = 0, last_error = '',
                last_error_code = '', server_schedule_id = NULL",
            params![post_id, c.id, body, options, state.as_str(), due_s, delivery],
        )?;
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TargetSummary {
    pub id: i64,
    pub channel_id: i64,
    pub channel: String,
    pub network: String,
    pub state: TargetState,
    pub due_at: Option<String>,
    pub next_attempt_at: Option<String>,
    pub attempts: u32,
    pub last_error: String,
    pub published_at: Option<String>,
    /// Link to the first published segment, when the network has one.
    pub remote_url: Option<String>,
    pub remote_id: Option<String>,
    /// "local" (Chorus publishes) or "server" (handed to the network's own scheduler).
    pub delivery: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostSummary {
    pub id: i64,
    pub workspace_id: i64,
    pub text: String,
    pub thread_parts: u32,
    pub due_at: Option<String>,
    pub timezone: String,
    pub created_at: String,
    pub targets: Vec<TargetSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttemptLog {
    pub target_id: i64,
    pub channel: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub outcome: String,
    pub error_code: Option<String>,
    pub message: String,
    pub remote_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostDetails {
    #[serde(flatten)]
    pub post: PostSummary,
    pub thread: Vec<String>,
    pub activity: Vec<AttemptLog>,
    /// What the composer needs to edit the post again.
    pub variants: Vec<crate::inputs::VariantInput>,
    pub images: Vec<PostImage>,
    pub content_warning: Option<String>,
    pub language: Option<String>,
    pub series_id: Option<i64>,
    pub tags: Vec<String>,
}

impl PostDetails {
    /// The post as the input that would make it again (what `show_in` read, with the images'
    /// paths): for copying it, e.g. into the later posts of a series.
    pub fn to_new_post(&self) -> Result<NewPost> {
        let when = match &self.post.due_at {
            Some(at) => When::At(crate::inputs::parse_instant("at", at)?),
            None => When::Draft,
        };
        Ok(NewPost {
            workspace_id: self.post.workspace_id,
            channel_ids: self.post.targets.iter().map(|t| t.channel_id).collect(),
            text: self.post.text.clone(),
            thread: self.thread.clone(),
            images: self
                .images
                .iter()
                .map(|i| NewImage {
                    path: PathBuf::from(&i.path),
                    alt: i.alt.clone(),
                })
                .collect(),
            when,
            content_warning: self.content_warning.clone(),
            language: self.language.clone(),
            deliver_on_server: self.post.targets.iter().any(|t| t.delivery == "server"),
            variants: self
                .variants
                .iter()
                .map(|v| Variant {
                    channel_id: v.channel_id,
                    text: v.text.clone(),
                })
                .collect(),
            tags: self.tags.clone(),
        })
    }
}

/// An image of the post's first segment, stored in the media library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PostImage {
    /// The library's copy on disk; sending it back when editing keeps the image.
    pub path: String,
    /// The name the file had when it was imported ("IMG_2041.jpg"): the library's copy is
    /// named by its content hash.
    pub file_name: String,
    pub alt: String,
    pub mime_type: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

fn targets(conn: &Connection, post_id: i64) -> Result<Vec<TargetSummary>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.channel_id, c.handle, c.network, v.state, v.due_at, v.next_attempt_at,
                v.attempt_count, v.last_error, v.published_at, s.remote_url, s.remote_id, v.delivery
         FROM post_variants v
         JOIN channels c ON c.id = v.channel_id
         LEFT JOIN target_segments s ON s.variant_id = v.id AND s.segment = 0
         WHERE v.post_id = ?1 ORDER BY c.network, c.handle",
    )?;
    let rows: Vec<(TargetSummary, String)> = stmt
        .query_map([post_id], |r| {
            Ok((
                TargetSummary {
                    id: r.get(0)?,
                    channel_id: r.get(1)?,
                    channel: r.get(2)?,
                    network: r.get(3)?,
                    state: TargetState::Draft,
                    due_at: r.get(5)?,
                    next_attempt_at: r.get(6)?,
                    attempts: r.get(7)?,
                    last_error: r.get(8)?,
                    published_at: r.get(9)?,
                    remote_url: r.get(10)?,
                    remote_id: r.get(11)?,
                    delivery: r.get(12)?,
                },
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(mut t, state)| {
            t.state = TargetState::parse(&state)?;
            Ok(t)
        })
        .collect()
}

const SUMMARY_SQL: &str =
    "SELECT p.id, p.workspace_id, p.body, p.scheduled_at, p.timezone, p.created_at,
        (SELECT count(*) FROM post_thread_parts t WHERE t.post_id = p.id)
 FROM posts p";

fn summary_from(conn: &Connection, row: SummaryRow) -> Result<PostSummary> {
    let (id, workspace_id, text, due_at, timezone, created_at, thread_parts) = row;
    Ok(PostSummary {
        targets: targets(conn, id)?,
        id,
        workspace_id,
        text,
        thread_parts,
        due_at,
        timezone,
        created_at,
    })
}

type SummaryRow = (i64, i64, String, Option<String>, String, String, u32);

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SummaryRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
    ))
}

/// Posts, newest due time first (drafts last), optionally of one workspace.
pub fn list(conn: &Connection, workspace_id: Option<i64>) -> Result<Vec<PostSummary>> {
    let mut stmt = conn.prepare(&format!(
        "{SUMMARY_SQL} WHERE ?1 IS NULL OR p.workspace_id = ?1
         ORDER BY p.scheduled_at IS NULL, p.scheduled_at DESC, p.id DESC"
    ))?;
    let rows: Vec<SummaryRow> = stmt
        .query_map([workspace_id], summary_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|row| summary_from(conn, row))
        .collect()
}

pub fn show(conn: &Connection, post_id: i64) -> Result<PostDetails> {
    show_in(conn, None, post_id)
}

/// [`show`], with the paths of the post's images when the data directory is known.
pub fn show_in(conn: &Connection, dir: Option<&DataDir>, post_id: i64) -> Result<PostDetails> {
    let row = conn
        .query_row(
            &format!("{SUMMARY_SQL} WHERE p.id = ?1"),
            [post_id],
            summary_row,
        )
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => CoreError::NotFound {
                what: "post",
                id: post_id,
            },
            other => other.into(),
        })?;
    let post = summary_from(conn, row)?;
    let mut stmt =
        conn.prepare("SELECT body FROM post_thread_parts WHERE post_id = ?1 ORDER BY position")?;
    let thread = stmt
        .query_map([post_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.variant_id, c.handle || ' (' || c.network || ')', a.started_at, a.finished_at,
                a.outcome, a.error_code, a.message, a.remote_id
         FROM publish_attempts a
         JOIN post_variants v ON v.id = a.variant_id
         JOIN channels c ON c.id = v.channel_id
         WHERE v.post_id = ?1 ORDER BY a.started_at, a.id",
    )?;
    let activity = stmt
        .query_map([post_id], |r| {
            Ok(AttemptLog {
                target_id: r.get(0)?,
                channel: r.get(1)?,
                started_at: r.get(2)?,
                finished_at: r.get(3)?,
                outcome: r.get(4)?,
                error_code: r.get(5)?,
                message: r.get(6)?,
                remote_id: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT channel_id, body FROM post_variants WHERE post_id = ?1 AND body IS NOT NULL ORDER BY channel_id",
    )?;
    let variants = stmt
        .query_map([post_id], |r| {
            Ok(crate::inputs::VariantInput {
                channel_id: r.get(0)?,
                text: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT m.sha256, pm.alt, m.mime_type, m.width, m.height, m.file_name
         FROM post_media pm JOIN media_assets m ON m.id = pm.media_id
         WHERE pm.post_id = ?1 AND pm.segment = 0 ORDER BY pm.position",
    )?;
    let images = stmt
        .query_map([post_id], |r| {
            let sha: String = r.get(0)?;
            Ok(PostImage {
                path: dir.map_or(String::new(), |d| {
                    media::path_of(d, &sha).display().to_string()
                }),
                file_name: r.get(5)?,
                alt: r.get(1)?,
                mime_type: r.get(2)?,
                width: r.get(3)?,
                height: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (options, series_id): (Option<String>, Option<i64>) = conn.query_row(
        "SELECT (SELECT options FROM post_variants WHERE post_id = p.id ORDER BY id LIMIT 1), p.series_id
         FROM posts p WHERE p.id = ?1",
        [post_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let options: TargetOptions = match options {
        None => TargetOptions::default(),
        Some(json) => serde_json::from_str(&json).map_err(|e| {
            CoreError::Corrupt(format!(
                "post {post_id}'s options cannot be read ({e}): {json}"
            ))
        })?,
    };
    Ok(PostDetails {
        post,
        thread,
        activity,
        variants,
        images,
        content_warning: options.content_warning,
        language: options.language,
        series_id,
        tags: crate::post_tags::of_post(conn, post_id)?,
    })
}

/// The user's answer to an unconfirmed, failed or missed target: try again now.
pub fn retry_target(conn: &Connection, clock: &dyn Clock, target_id: i64) -> Result<()> {
    let now = to_db_instant(clock.now());
    let changed = conn.execute(
        "UPDATE post_variants SET state = 'scheduled', next_attempt_at = ?2, attempt_count = 0,
                last_error = '', last_error_code = '', due_at = ?2
         WHERE id = ?1 AND state IN ('failed', 'missed', 'unconfirmed')",
        params![target_id, now],
    )?;
    if changed == 0 {
        return Err(CoreError::Conflict(format!(
            "target {target_id} is not failed, missed or unconfirmed"
        )));
    }
    Ok(())
}
