//! Posts in and out as CSV, for planning in a spreadsheet.
//!
//! Import columns (by header name, any order, case-insensitive; others are ignored):
//! - `time`: RFC 3339 (`2026-12-01T09:00:00+01:00`) or the workspace's local time
//!   (`2026-12-01 09:00`); empty for a draft;
//! - `channels`: channel ids or handles (`@` optional), separated by `;`;
//! - `text`: the post; `thread`: further posts, separated by a line holding only `---`;
//! - `media`: image paths separated by `;`, relative to the CSV file's folder;
//!   `alt`: their alt texts, separated by `;`;
//! - `tags`: the post's tags (your own labels, never published), separated by `;`.
//!
//! Every row is checked first (a dry run reports every row's errors); nothing is created
//! unless every row is good. Export writes the same columns (plus `id` and `status`), so an
//! exported file imports again.

use super::local_time;
use crate::channel::{self, Channel};
use crate::post::{NewImage, NewPost, When};
use crate::{CoreError, DataDir, Result, media};
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A spreadsheet of more rows than this is refused (a year of ten posts a day is 3,650).
pub const MAX_ROWS: usize = 5_000;
const THREAD_SEPARATOR: &str = "---";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CsvRowReport {
    /// The line in the file where the row starts (the header is line 1).
    pub line: u32,
    /// The instant the row asks for (UTC), when it could be read.
    pub time: Option<String>,
    /// The row's channels: the handle of each one found (the row may give ids), else as
    /// written.
    pub channels: Vec<String>,
    /// The start of the row's text.
    pub text: String,
    pub errors: Vec<String>,
    pub post_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CsvImportReport {
    pub dry_run: bool,
    pub rows: Vec<CsvRowReport>,
    /// Rows with at least one error; when not zero, nothing was created.
    pub rows_with_errors: u32,
    pub created: u32,
}

/// One row read from the file: its report line and, if it could be understood, the post.
pub struct ParsedRow {
    pub report: CsvRowReport,
    pub post: Option<NewPost>,
}

fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    headers.iter().position(|h| {
        h.trim()
            .trim_start_matches('\u{feff}')
            .eq_ignore_ascii_case(name)
    })
}

fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_time(text: &str, tz: chrono_tz::Tz) -> std::result::Result<Option<DateTime<Utc>>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    let local = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .ok_or_else(|| {
            format!("time \"{text}\" is not a date and time (write 2026-12-01 09:00, or RFC 3339 with an offset)")
        })?;
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(Some(at.with_timezone(&Utc))),
        LocalResult::Ambiguous(a, b) => Err(format!(
            "time \"{text}\" happens twice in {} (clocks go back): write it with its offset, {} or {}",
            tz.name(),
            a.to_rfc3339(),
            b.to_rfc3339()
        )),
        LocalResult::None => Err(format!(
            "time \"{text}\" does not exist in {} (clocks go forward that night)",
            tz.name()
        )),
    }
}

fn find_channel<'a>(
    channels: &'a [Channel],
    name: &str,
) -> std::result::Result<&'a Channel, String> {
    if let Ok(id) = name.parse::<i64>() {
        return channels
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| format!("there is no channel {id} in this workspace"));
    }
    let wanted = name.trim_start_matches('@');
    let found: Vec<&Channel> = channels
        .iter()
        .filter(|c| {
            c.handle
                .trim_start_matches('@')
                .eq_ignore_ascii_case(wanted)
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("there is no channel \"{name}\" in this workspace")),
        _ => Err(format!(
            "\"{name}\" is the handle of several channels; use the channel id instead"
        )),
    }
}

/// Reads and understands every row; network limits and the rest of the post checks are the
/// caller's (see `Service::import_csv`), so that they are the same as for a post made by hand.
pub fn parse(conn: &Connection, workspace_id: i64, path: &Path) -> Result<Vec<ParsedRow>> {
    let ws = crate::workspace::get(conn, workspace_id)?;
    let tz = local_time::zone(&ws.timezone)?;
    let channels = channel::list(conn, Some(workspace_id))?;
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let file = |e: &dyn std::fmt::Display| {
        CoreError::validation(
            "file",
            format!("{} cannot be read as CSV: {e}", path.display()),
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| file(&e))?;
    let headers = reader.headers().map_err(|e| file(&e))?.clone();
    let (Some(time_col), Some(channels_col), Some(text_col)) = (
        column(&headers, "time"),
        column(&headers, "channels"),
        column(&headers, "text"),
    ) else {
        return Err(CoreError::validation(
            "file",
            "The first line must name the columns; time, channels and text are needed (media, alt, thread and tags are optional).",
        ));
    };
    let (media_col, alt_col, thread_col, tags_col) = (
        column(&headers, "media"),
        column(&headers, "alt"),
        column(&headers, "thread"),
        column(&headers, "tags"),
    );
    let mut rows = Vec::new();
    for record in reader.records() {
        if rows.len() >= MAX_ROWS {
            return Err(CoreError::validation(
                "file",
                format!("The file has more than {MAX_ROWS} rows; split it."),
            ));
        }
        let record = record.map_err(|e| file(&e))?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_owned();
        let text = get(Some(text_col));
        let mut report = CsvRowReport {
            line,
            time: None,
            channels: split_list(&get(Some(channels_col))),
            text: text.chars().take(80).collect(),
            errors: Vec::new(),
            post_id: None,
        };
        let when = match parse_time(&get(Some(time_col)), tz) {
            Ok(Some(at)) => {
                report.time = Some(crate::clock::to_db_instant(at));
                When::At(at)
            }
            Ok(None) => When::Draft,
            Err(e) => {
                report.errors.push(e);
                When::Draft
            }
        };
        let mut channel_ids = Vec::new();
        if report.channels.is_empty() {
            report
                .errors
                .push("no channels: name at least one (id or handle)".into());
        }
        // The report names each channel found by its handle, whether the row gave its id or
        // its handle; one not found stays as written, beside its error.
        let mut named = Vec::with_capacity(report.channels.len());
        for name in &report.channels {
            match find_channel(&channels, name) {
                Ok(c) => {
                    channel_ids.push(c.id);
                    named.push(c.handle.clone());
                }
                Err(e) => {
                    report.errors.push(e);
                    named.push(name.clone());
                }
            }
        }
        report.channels = named;
        let paths: Vec<PathBuf> = split_list(&get(media_col))
            .into_iter()
            .map(|p| base.join(p))
            .collect();
        let alts = get(alt_col)
            .split(';')
            .map(|s| s.trim().to_owned())
            .collect::<Vec<_>>();
        let thread: Vec<String> = get(thread_col)
            .split(&format!("\n{THREAD_SEPARATOR}\n"))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let post = report.errors.is_empty().then(|| NewPost {
            workspace_id,
            channel_ids,
            text,
            thread,
            images: paths
                .iter()
                .enumerate()
                .map(|(i, p)| NewImage {
                    path: p.clone(),
                    alt: alts.get(i).cloned().unwrap_or_default(),
                })
                .collect(),
            when,
            content_warning: None,
            language: None,
            deliver_on_server: false,
            variants: vec![],
            tags: split_list(&get(tags_col)),
        });
        rows.push(ParsedRow { report, post });
    }
    Ok(rows)
}

/// Writes every post of the workspace (planned ones in time order, then drafts) to `path`.
/// Returns how many posts were written.
pub fn export(conn: &Connection, dir: &DataDir, workspace_id: i64, path: &Path) -> Result<usize> {
    let ws = crate::workspace::get(conn, workspace_id)?;
    let tz = local_time::zone(&ws.timezone)?;
    let write_err = |e: &dyn std::fmt::Display| {
        CoreError::validation("file", format!("cannot write {}: {e}", path.display()))
    };
    let mut writer = csv::Writer::from_path(path).map_err(|e| write_err(&e))?;
    writer
        .write_record([
            "id", "time", "channels", "text", "thread", "media", "alt", "status", "tags",
        ])
        .map_err(|e| write_err(&e))?;
    let mut stmt = conn.prepare(
        "SELECT p.id, p.scheduled_at, p.body,
                (SELECT group_concat(c.handle, ';') FROM post_variants v JOIN channels c ON c.id = v.channel_id WHERE v.post_id = p.id),
                (SELECT group_concat(v.state, ';') FROM post_variants v WHERE v.post_id = p.id),
                (SELECT group_concat(t.tag, ';') FROM (SELECT tag FROM post_tags WHERE post_id = p.id ORDER BY tag) t)
         FROM posts p WHERE p.workspace_id = ?1
         ORDER BY p.scheduled_at IS NULL, p.scheduled_at, p.id",
    )?;
    type Row = (
        i64,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let posts: Vec<Row> = stmt
        .query_map([workspace_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut thread_stmt =
        conn.prepare("SELECT body FROM post_thread_parts WHERE post_id = ?1 ORDER BY position")?;
    let mut media_stmt = conn.prepare(
        "SELECT m.sha256, pm.alt FROM post_media pm JOIN media_assets m ON m.id = pm.media_id
         WHERE pm.post_id = ?1 AND pm.segment = 0 ORDER BY pm.position",
    )?;
    for (id, at, body, channels, states, tags) in &posts {
        let time = match at {
            Some(at) => DateTime::parse_from_rfc3339(at)
                .map_err(|e| CoreError::Corrupt(format!("post {id} time {at}: {e}")))?
                .with_timezone(&tz)
                .to_rfc3339(),
            None => String::new(),
        };
        let thread: Vec<String> = thread_stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let media: Vec<(String, String)> = media_stmt
            .query_map(params![id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let paths: Vec<String> = media
            .iter()
            .map(|(sha, _)| media::path_of(dir, sha).display().to_string())
            .collect();
        let alts: Vec<&str> = media.iter().map(|(_, alt)| alt.as_str()).collect();
        let mut states: Vec<&str> = states.as_deref().unwrap_or("").split(';').collect();
        states.dedup();
        writer
            .write_record([
                id.to_string(),
                time,
                channels.clone().unwrap_or_default(),
                body.clone(),
                thread.join(&format!("\n{THREAD_SEPARATOR}\n")),
                paths.join(";"),
                alts.join(";"),
                states.join(";"),
                tags.clone().unwrap_or_default(),
            ])
            .map_err(|e| write_err(&e))?;
    }
    writer.flush().map_err(|e| write_err(&e))?;
    Ok(posts.len())
}
