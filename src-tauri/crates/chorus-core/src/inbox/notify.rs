//! When new items raise an OS notification, and what it says: one per item up to a small
//! burst, one summary ("12 new mentions") beyond it; nothing in quiet hours or from muted
//! channels. The shell shows it (notify-rust); the decision lives here so it is testable.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Inbox, InboxItem};
use crate::{CoreError, Result};

const SETTINGS_KEY: &str = "inbox_notifications";
/// More new items than this in one sync become one summary notification.
pub const BURST: usize = 3;
const FIRST_WORDS_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct QuietHours {
    /// "22:00", local time in `timezone`.
    pub start: String,
    /// "07:30"; before `start` means the quiet spans midnight.
    pub end: String,
    /// IANA zone, e.g. "Europe/Berlin".
    pub timezone: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export)]
pub struct NotificationSettings {
    pub disabled: bool,
    pub quiet_hours: Option<QuietHours>,
    pub muted_channels: Vec<i64>,
}

/// One OS notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct InboxNotification {
    pub title: String,
    pub body: String,
    /// The item a click focuses; `None` for a summary (opens the inbox).
    pub item_id: Option<i64>,
}

fn parse_time(field: &'static str, raw: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").map_err(|_| {
        CoreError::validation(
            field,
            format!("{raw:?} is not a time of day such as 22:00."),
        )
    })
}

impl QuietHours {
    fn check(&self) -> Result<(NaiveTime, NaiveTime, Tz)> {
        let start = parse_time("quietHours.start", &self.start)?;
        let end = parse_time("quietHours.end", &self.end)?;
        let tz: Tz = self.timezone.parse().map_err(|_| {
            CoreError::validation(
                "quietHours.timezone",
                format!(
                    "{:?} is not a time zone (e.g. Europe/Berlin).",
                    self.timezone
                ),
            )
        })?;
        Ok((start, end, tz))
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        let Ok((start, end, tz)) = self.check() else {
            return false;
        };
        let local = at.with_timezone(&tz).time();
        if start <= end {
            start <= local && local < end
        } else {
            local >= start || local < end
        }
    }
}

fn first_words(text: &str) -> String {
    // NIP-27 mentions are long bech32 keys (usually our own), not words anyone reads.
    let flat = text
        .split_whitespace()
        .filter(|w| !w.starts_with("nostr:"))
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= FIRST_WORDS_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(FIRST_WORDS_CHARS).collect();
    match cut.rfind(' ') {
        Some(space) if space > FIRST_WORDS_CHARS / 2 => format!("{}…", &cut[..space]),
        _ => format!("{cut}…"),
    }
}

fn noun(items: &[&InboxItem]) -> &'static str {
    let first = items.first().map(|i| i.kind);
    if items.iter().all(|i| Some(i.kind) == first) {
        match first {
            Some(chorus_networks::InboxKind::Mention) => "mentions",
            Some(chorus_networks::InboxKind::Reply) => "replies",
            Some(chorus_networks::InboxKind::Quote) => "quotes",
            _ => "messages",
        }
    } else {
        "messages"
    }
}

/// What to show for `new_items` at `now` under `settings`.
pub fn notifications(
    settings: &NotificationSettings,
    new_items: &[InboxItem],
    now: DateTime<Utc>,
) -> Vec<InboxNotification> {
    if settings.disabled
        || settings
            .quiet_hours
            .as_ref()
            .is_some_and(|q| q.contains(now))
    {
        return Vec::new();
    }
    let items: Vec<&InboxItem> = new_items
        .iter()
        .filter(|i| !i.read && !settings.muted_channels.contains(&i.channel_id))
        .collect();
    if items.len() > BURST {
        let authors: Vec<&str> = items
            .iter()
            .take(3)
            .map(|i| i.author_name.as_str())
            .collect();
        return vec![InboxNotification {
            title: format!("{} new {}", items.len(), noun(&items)),
            body: format!("From {} and others", authors.join(", ")),
            item_id: None,
        }];
    }
    items
        .into_iter()
        .map(|i| InboxNotification {
            title: match i.kind {
                chorus_networks::InboxKind::Reply => format!("{} replied", i.author_name),
                chorus_networks::InboxKind::Quote => format!("{} quoted you", i.author_name),
                _ => format!("{} mentioned you", i.author_name),
            },
            body: first_words(&i.text),
            item_id: Some(i.id),
        })
        .collect()
}

impl Inbox {
    pub fn notification_settings(&self) -> Result<NotificationSettings> {
        self.db(|s| {
            let raw: Option<String> = rusqlite::OptionalExtension::optional(
                s.connection()
                    .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
                    .query_row([SETTINGS_KEY], |r| r.get(0)),
            )?;
            match raw {
                None => Ok(NotificationSettings::default()),
                Some(raw) => serde_json::from_str(&raw)
                    .map_err(|e| CoreError::Corrupt(format!("inbox notification settings: {e}"))),
            }
        })
    }

    pub fn set_notification_settings(
        &self,
        settings: NotificationSettings,
    ) -> Result<NotificationSettings> {
        if let Some(quiet) = &settings.quiet_hours {
            quiet.check()?;
        }
        let json = serde_json::to_string(&settings)
            .map_err(|e| CoreError::Corrupt(format!("settings cannot be encoded: {e}")))?;
        self.db(|s| {
            s.connection().execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![SETTINGS_KEY, json],
            )?;
            Ok(())
        })?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_networks::{InboxKind, NetworkKind};
    use chrono::TimeZone;

    fn item(id: i64, channel_id: i64, text: &str) -> InboxItem {
        InboxItem {
            id,
            channel_id,
            network: NetworkKind::Bluesky,
            kind: InboxKind::Mention,
            remote_id: id.to_string(),
            web_url: None,
            author_name: format!("Author {id}"),
            author_handle: "a.test".into(),
            author_avatar_url: None,
            text: text.into(),
            html: None,
            images: vec![],
            in_reply_to_id: None,
            in_reply_to_text: None,
            our_post_id: None,
            conversation_key: id.to_string(),
            created_at: String::new(),
            read: false,
            done: false,
            starred: false,
            liked: false,
            assignee: None,
            tags: vec![],
        }
    }

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, h, m, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn bursts_become_one_summary_and_mutes_and_quiet_hours_hold() {
        let items: Vec<InboxItem> = (1..=12).map(|i| item(i, 1, "hello")).collect();
        let shown = notifications(&NotificationSettings::default(), &items, at(12, 0));
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].title, "12 new mentions");
        assert_eq!(shown[0].item_id, None);

        let two = [
            item(1, 1, "nostr:npub1abc the first words of a long message"),
            item(2, 2, "x"),
        ];
        let muted = NotificationSettings {
            muted_channels: vec![2],
            ..Default::default()
        };
        let shown = notifications(&muted, &two, at(12, 0));
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].title, "Author 1 mentioned you");
        assert_eq!(shown[0].body, "the first words of a long message");
        assert_eq!(shown[0].item_id, Some(1));

        // 22:00–07:00 in Berlin (UTC+2 in July): 21:30 UTC is 23:30 there.
        let quiet = NotificationSettings {
            quiet_hours: Some(QuietHours {
                start: "22:00".into(),
                end: "07:00".into(),
                timezone: "Europe/Berlin".into(),
            }),
            ..Default::default()
        };
        assert!(notifications(&quiet, &two, at(21, 30)).is_empty());
        assert_eq!(notifications(&quiet, &two, at(6, 0)).len(), 2);
    }

    #[test]
    fn bad_quiet_hours_are_named() {
        let bad = QuietHours {
            start: "25:00".into(),
            end: "07:00".into(),
            timezone: "Mars/Olympus".into(),
        };
        assert_eq!(
            bad.check().expect_err("bad").field(),
            Some("quietHours.start")
        );
    }
}
