//! Answering and liking from the inbox, through the channel's adapter, in the item's thread.
//!
//! A reply is saved ("sending") before it goes out, and its idempotency key comes from that
//! row, so sending it again after a crash or an unknown outcome cannot post it twice: replies
//! left "sending" go out again when the app starts, and the same words sent again after a
//! failure retry the failed reply.

use chorus_networks::IdempotencyKey;
use rusqlite::{OptionalExtension, params};

use super::{Inbox, InboxReply, store};
use crate::channel;
use crate::clock::to_db_instant;
use crate::{CoreError, Result};

/// Longer than any network allows; the adapter checks its own limit.
const MAX_REPLY_CHARS: usize = 10_000;

impl Inbox {
    /// Replies to item `item_id` with `text`; the stored reply says whether it went out.
    #[tracing::instrument(skip(self, text))]
    pub async fn reply(&self, item_id: i64, text: &str) -> Result<InboxReply> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CoreError::validation(
                "text",
                "Write something to reply with.",
            ));
        }
        if text.chars().count() > MAX_REPLY_CHARS {
            return Err(CoreError::validation(
                "text",
                format!("A reply has at most {MAX_REPLY_CHARS} characters."),
            ));
        }
        // Sending the same words again after a failure is a retry of that reply, under its
        // key: if the failure hid a success (a timeout after the server took it), the network
        // sees the same reply, not a second one.
        let failed: Option<i64> = self.db(|s| {
            Ok(s.connection()
                .query_row(
                    "SELECT id FROM inbox_replies WHERE item_id = ?1 AND text = ?2 AND status = 'failed'
                     ORDER BY id DESC LIMIT 1",
                    params![item_id, text],
                    |r| r.get(0),
                )
                .optional()?)
        })?;
        if let Some(reply_id) = failed {
            return self.retry_reply(reply_id).await;
        }
        let now = self.clock.now();
        let (channel, target) = self.channel_and_target(item_id)?;
        let reply_id = self.db(|s| {
            s.connection().execute(
                "INSERT INTO inbox_replies (item_id, text, status, created_at)
                 VALUES (?1, ?2, 'sending', ?3)",
                params![item_id, text, to_db_instant(now)],
            )?;
            Ok(s.connection().last_insert_rowid())
        })?;
        self.send_reply(reply_id, item_id, &channel, &target, text, now)
            .await
    }

    /// Sends reply `reply_id` again: one that failed, or one left "sending" by a crash. Its
    /// idempotency key is the one it first went out with, so a network that took it the
    /// first time does not get it twice.
    #[tracing::instrument(skip(self))]
    pub async fn retry_reply(&self, reply_id: i64) -> Result<InboxReply> {
        let (item_id, text, status, created_at): (i64, String, String, String) = self.db(|s| {
            s.connection()
                .query_row(
                    "SELECT item_id, text, status, created_at FROM inbox_replies WHERE id = ?1",
                    [reply_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?
                .ok_or(CoreError::NotFound {
                    what: "reply",
                    id: reply_id,
                })
        })?;
        if status == "sent" {
            return Err(CoreError::Conflict(
                "This reply has already gone out.".into(),
            ));
        }
        let created = crate::inputs::parse_instant("created_at", &created_at)?;
        let (channel, target) = self.channel_and_target(item_id)?;
        self.db(|s| {
            s.connection().execute(
                "UPDATE inbox_replies SET status = 'sending', error = NULL WHERE id = ?1",
                [reply_id],
            )?;
            Ok(())
        })?;
        self.send_reply(reply_id, item_id, &channel, &target, &text, created)
            .await
    }

    /// Replies left "sending" (the app stopped while they went out), sent again; returns how
    /// many went out. Run once when the app starts, before anything new is sent.
    pub async fn retry_stalled_replies(&self) -> Result<usize> {
        let stalled: Vec<i64> = self.db(|s| {
            Ok(s.connection()
                .prepare("SELECT id FROM inbox_replies WHERE status = 'sending' ORDER BY id")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })?;
        let mut sent = 0;
        for id in stalled {
            match self.retry_reply(id).await {
                Ok(_) => sent += 1,
                Err(e) => tracing::warn!(reply = id, "a stalled reply failed again: {e}"),
            }
        }
        Ok(sent)
    }

    /// The item's channel and where on its network the item is.
    fn channel_and_target(
        &self,
        item_id: i64,
    ) -> Result<(channel::Channel, chorus_networks::InboxTarget)> {
        self.db(|s| {
            let (channel_id, target) = store::target(s.connection(), item_id)?;
            Ok((channel::get(s.connection(), channel_id)?, target))
        })
    }

    async fn send_reply(
        &self,
        reply_id: i64,
        item_id: i64,
        channel: &channel::Channel,
        target: &chorus_networks::InboxTarget,
        text: &str,
        created: chrono::DateTime<chrono::Utc>,
    ) -> Result<InboxReply> {
        let key = IdempotencyKey {
            token: format!("chorus-inbox-reply-{reply_id}"),
            created_at: created,
        };
        let sent = match self.networks.inbox(channel).await {
            Ok(source) => source
                .reply(&key, target, text)
                .await
                .map_err(CoreError::from),
            Err(e) => Err(e),
        };
        self.db(|s| {
            let conn = s.connection();
            match &sent {
                Ok(remote) => {
                    conn.execute(
                        "UPDATE inbox_replies SET status = 'sent', remote_id = ?1, remote_cid = ?2,
                             remote_url = ?3, sent_at = ?4, error = NULL WHERE id = ?5",
                        params![
                            remote.id,
                            remote.cid,
                            remote.url,
                            to_db_instant(self.clock.now()),
                            reply_id
                        ],
                    )?;
                    // Answering is reading.
                    conn.execute(
                        "UPDATE inbox_items SET read = 1 WHERE id = ?1 AND read = 0",
                        [item_id],
                    )?;
                }
                Err(e) => {
                    conn.execute(
                        "UPDATE inbox_replies SET status = 'failed', error = ?1 WHERE id = ?2",
                        params![e.to_string(), reply_id],
                    )?;
                }
            }
            Ok(())
        })?;
        sent?;
        self.db(|s| get_reply(s.connection(), reply_id))
    }

    /// Likes (favourites, reacts to) item `item_id` on its network.
    #[tracing::instrument(skip(self))]
    pub async fn like(&self, item_id: i64) -> Result<()> {
        let (channel, target) = self.channel_and_target(item_id)?;
        let source = self.networks.inbox(&channel).await?;
        source.like(&target).await?;
        self.db(|s| store::set_liked(s.connection(), item_id))
    }

    pub fn replies(&self, item_id: i64) -> Result<Vec<InboxReply>> {
        self.db(|s| {
            let conn = s.connection();
            store::get(conn, item_id)?;
            let ids = conn
                .prepare_cached("SELECT id FROM inbox_replies WHERE item_id = ?1 ORDER BY id")?
                .query_map([item_id], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            ids.into_iter().map(|id| get_reply(conn, id)).collect()
        })
    }
}

fn get_reply(conn: &rusqlite::Connection, id: i64) -> Result<InboxReply> {
    conn.prepare_cached(
        "SELECT id, item_id, text, status, remote_id, remote_url, error FROM inbox_replies WHERE id = ?1",
    )?
    .query_row([id], |r| {
        Ok(InboxReply {
            id: r.get(0)?,
            item_id: r.get(1)?,
            text: r.get(2)?,
            status: r.get(3)?,
            remote_id: r.get(4)?,
            remote_url: r.get(5)?,
            error: r.get(6)?,
        })
    })
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "inbox reply",
        id,
    })
}
