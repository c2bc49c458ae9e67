//! The planning operations of [`Service`]: posting slots and the queue, the composer's
//! autosave, CSV import and export.

use super::Service;
use crate::planning::{autosave, csv_io, library, slots};
use crate::{CoreError, Result};
use crate::{post, post_tags};
use chrono::{DateTime, Utc};
use std::path::Path;

impl Service {
    pub fn posting_slots(&self, workspace_id: i64) -> Result<Vec<slots::PostingSlot>> {
        self.db(|s| slots::list(s.connection(), Some(workspace_id), None))
    }

    pub fn set_posting_slots(
        &self,
        channel_id: i64,
        wanted: &[slots::SlotInput],
    ) -> Result<Vec<slots::PostingSlot>> {
        self.db(|s| slots::set_for_channel(s.connection_mut(), channel_id, wanted))
    }

    pub fn slot_occurrences(
        &self,
        workspace_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<slots::SlotOccurrence>> {
        self.db(|s| slots::occurrences(s.connection(), workspace_id, from, to))
    }

    /// "Add to queue": the next free slot of the chosen channels, or a clear error saying why
    /// there is none.
    pub fn next_free_slot(&self, workspace_id: i64, channel_ids: &[i64]) -> Result<DateTime<Utc>> {
        if channel_ids.is_empty() {
            return Err(CoreError::validation(
                "channels",
                "Choose at least one channel.",
            ));
        }
        let now = self.clock.now();
        self.db(|s| slots::next_free(s.connection(), workspace_id, channel_ids, now))?
            .ok_or_else(|| {
                CoreError::validation(
                    "channels",
                    "These channels have no free posting slot in the next eight weeks; add slots in Settings → Channels or pick a time.",
                )
            })
    }

    /// Sets a post's tags (any post: tags are the user's labels, not what was published).
    pub fn set_post_tags(&self, post_id: i64, tags: &[String]) -> Result<Vec<String>> {
        self.db(|s| post_tags::set(s.connection_mut(), post_id, tags))
    }

    pub fn post_tags(&self, workspace_id: i64) -> Result<Vec<post_tags::TagCount>> {
        self.db(|s| post_tags::in_workspace(s.connection(), workspace_id))
    }

    pub fn writing_library(&self, workspace_id: i64) -> Result<library::WritingLibrary> {
        self.db(|s| library::load(s.connection(), workspace_id))
    }

    pub fn save_writing_library(
        &self,
        workspace_id: i64,
        wanted: &library::WritingLibrary,
    ) -> Result<library::WritingLibrary> {
        self.db(|s| library::save(s.connection(), workspace_id, wanted))
    }

    /// Up to eight #hashtags or @mentions from the workspace's own posts.
    pub fn suggest_tags(
        &self,
        workspace_id: i64,
        prefix: &str,
    ) -> Result<Vec<library::TagSuggestion>> {
        self.db(|s| library::suggest(s.connection(), workspace_id, prefix, 8))
    }

    pub fn save_composer_state(&self, workspace_id: i64, slot: &str, state: &str) -> Result<()> {
        let clock = self.clock.clone();
        self.db(|s| autosave::save(s.connection(), clock.as_ref(), workspace_id, slot, state))
    }

    pub fn composer_states(&self, workspace_id: i64) -> Result<Vec<autosave::ComposerState>> {
        self.db(|s| autosave::load(s.connection(), workspace_id))
    }

    pub fn clear_composer_state(&self, workspace_id: i64, slot: &str) -> Result<()> {
        self.db(|s| autosave::clear(s.connection(), workspace_id, slot))
    }

    /// Reads a CSV of posts and checks every row exactly as a post made by hand is checked.
    /// Creates them only when `dry_run` is off and no row has an error; otherwise reports.
    pub async fn import_csv(
        &self,
        workspace_id: i64,
        path: &Path,
        dry_run: bool,
    ) -> Result<csv_io::CsvImportReport> {
        let mut rows = self.db(|s| csv_io::parse(s.connection(), workspace_id, path))?;
        let mut all_channels: Vec<i64> = rows
            .iter()
            .filter_map(|r| r.post.as_ref())
            .flat_map(|p| p.channel_ids.iter().copied())
            .collect();
        all_channels.sort_unstable();
        all_channels.dedup();
        let validators = self.validators(&all_channels).await?;
        let clock = self.clock.clone();
        for row in &mut rows {
            if let Some(p) = &row.post {
                let checked = self.db(|s| {
                    post::prepare(s.connection(), clock.as_ref(), p, &|c, segs| {
                        validators.check(c, segs)
                    })
                });
                if let Err(e) = checked {
                    row.report
                        .errors
                        .extend(e.to_string().lines().map(str::to_owned));
                }
            }
        }
        let rows_with_errors = rows.iter().filter(|r| !r.report.errors.is_empty()).count() as u32;
        let mut created = 0;
        if !dry_run && rows_with_errors == 0 {
            let dir = self.dir.clone();
            for row in &mut rows {
                let Some(p) = &row.post else { continue };
                let id = self.db(|s| {
                    post::create(s.connection_mut(), clock.as_ref(), &dir, p, &|c, segs| {
                        validators.check(c, segs)
                    })
                })?;
                row.report.post_id = Some(id);
                created += 1;
            }
            self.wake_engine();
        }
        Ok(csv_io::CsvImportReport {
            dry_run,
            rows: rows.into_iter().map(|r| r.report).collect(),
            rows_with_errors,
            created,
        })
    }

    pub fn export_csv(&self, workspace_id: i64, path: &Path) -> Result<usize> {
        self.db(|s| csv_io::export(s.connection(), &self.dir, workspace_id, path))
    }
}
