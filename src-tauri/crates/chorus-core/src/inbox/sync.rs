//! One sync of one channel: ask the network for what is new since the stored cursor, store
//! it idempotently, and move the cursor in the same transaction.

use chorus_networks::InboxSource;
use serde::Serialize;
use ts_rs::TS;

use super::{Inbox, InboxItem, store};
use crate::channel::{self, Channel, ChannelStatus};
use crate::clock::to_db_instant;
use crate::{CoreError, Result};

/// What a sync of one channel found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SyncReport {
    pub channel_id: i64,
    /// Items the network returned (some may have been stored before).
    pub fetched: usize,
    /// The items stored for the first time, newest first.
    pub new_items: Vec<InboxItem>,
    /// Why the sync failed, in the network's words; the cursor did not move.
    pub error: Option<String>,
}

/// Fetches and stores one channel's new items.
#[tracing::instrument(skip_all, fields(channel = channel.id, network = channel.network.as_str()))]
pub async fn sync_channel(
    inbox: &Inbox,
    source: &dyn InboxSource,
    channel: &Channel,
) -> Result<SyncReport> {
    let cursor = inbox.db(|s| store::cursor(s.connection(), channel.id))?;
    let page = source.fetch_inbox(cursor.as_deref()).await?;
    let now = to_db_instant(inbox.clock.now());
    let fetched = page.items.len();
    let new_items = inbox.db(|s| {
        let ids = store::store_page(
            s.connection_mut(),
            channel,
            &page.items,
            page.cursor.as_deref(),
            &now,
        )?;
        let mut items = ids
            .into_iter()
            .map(|id| store::get(s.connection(), id))
            .collect::<Result<Vec<_>>>()?;
        items.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(items)
    })?;
    tracing::info!(fetched, new = new_items.len(), "inbox synced");
    Ok(SyncReport {
        channel_id: channel.id,
        fetched,
        new_items,
        error: None,
    })
}

impl Inbox {
    /// The channels whose inbox is synced: active ones whose network has an inbox.
    pub fn active_channels(&self) -> Result<Vec<Channel>> {
        Ok(self
            .db(|s| channel::list(s.connection(), None))?
            .into_iter()
            .filter(|c| {
                c.status == ChannelStatus::Active
                    && c.network
                        .capabilities()
                        .has(chorus_networks::CapabilityGroup::Inbox)
            })
            .collect())
    }

    /// Fetches and stores `channel`'s new items through its network's inbox.
    pub async fn sync_one(&self, channel: &Channel) -> Result<SyncReport> {
        let source = self.networks.inbox(channel).await?;
        sync_channel(self, source.as_ref(), channel).await
    }

    /// Syncs `channel_id`, or every active channel; one channel failing does not stop the
    /// others (its report carries the error).
    pub async fn sync(&self, channel_id: Option<i64>) -> Result<Vec<SyncReport>> {
        let channels = match channel_id {
            Some(id) => vec![self.db(|s| channel::get(s.connection(), id))?],
            None => self.active_channels()?,
        };
        let mut reports = Vec::with_capacity(channels.len());
        for channel in channels {
            reports.push(match self.sync_one(&channel).await {
                Ok(report) => report,
                Err(e) if channel_id.is_some() => return Err(e),
                Err(e) => {
                    tracing::warn!(channel = channel.id, error = %e, "inbox sync failed");
                    SyncReport {
                        channel_id: channel.id,
                        fetched: 0,
                        new_items: Vec::new(),
                        error: Some(describe(&channel, &e)),
                    }
                }
            });
        }
        Ok(reports)
    }
}

impl Inbox {
    /// The channels that may have a push channel for their inbox (Mastodon's streaming API);
    /// the others are only polled.
    pub fn watchable_channels(&self) -> Result<Vec<i64>> {
        Ok(self
            .active_channels()?
            .into_iter()
            .filter(|c| c.network.capabilities().inbox_push)
            .map(|c| c.id)
            .collect())
    }

    /// Listens on `channel_id`'s push channel until it ends, calling `on_news` for each
    /// announcement (see `InboxSource::watch`); a sync then fetches what is new.
    pub async fn watch(
        &self,
        channel_id: i64,
        on_news: &(dyn Fn() + Send + Sync),
    ) -> Result<chorus_networks::Watch> {
        let channel = self.db(|s| channel::get(s.connection(), channel_id))?;
        let source = self.networks.inbox(&channel).await?;
        Ok(source.watch(on_news).await?)
    }
}

fn describe(channel: &Channel, e: &CoreError) -> String {
    format!("{} ({}): {e}", channel.handle, channel.network.as_str())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Store;
    use crate::clock::FixedClock;
    use crate::secrets::MemorySecretStore;
    use async_trait::async_trait;
    use chorus_networks::{
        AccountInfo, IdempotencyKey, InboxAuthor, InboxKind, InboxPage, InboxTarget, IncomingItem,
        NetworkError, NetworkKind, OutgoingPost, Publisher, Reconciled, RemotePost, ReplyTarget,
        ValidationProblem,
    };
    use chrono::{TimeZone, Utc};
    use std::sync::{Arc, Mutex};

    pub(crate) fn open() -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let store = Store::open(tmp.path().join("db.sqlite3")).expect("open");
        (tmp, store)
    }

    pub(crate) fn channel(store: &mut Store) -> Channel {
        store
            .connection()
            .execute_batch(
                "INSERT INTO workspaces (id, name, timezone, created_at)
                     VALUES (1, 'Bakery', 'UTC', '2026-01-01T00:00:00.000Z');
                 INSERT INTO channels (id, workspace_id, network, handle, config, created_at, secret_ref)
                     VALUES (1, 1, 'nostr', 'npub1bakery', '{\"network\":\"nostr\",\"relays\":[\"ws://127.0.0.1:1\"]}',
                             '2026-01-01T00:00:00.000Z', 'channel-1');",
            )
            .expect("seed");
        channel::get(store.connection(), 1).expect("channel")
    }

    pub(crate) fn incoming(id: &str, text: &str) -> IncomingItem {
        let post = RemotePost {
            id: id.into(),
            cid: None,
            url: None,
        };
        IncomingItem {
            kind: InboxKind::Mention,
            web_url: Some(format!("https://example.com/{id}")),
            author: InboxAuthor {
                id: "author".into(),
                name: "Bob".into(),
                handle: "bob.test".into(),
                avatar_url: Some("javascript:alert(1)".into()),
            },
            text: text.into(),
            html: None,
            images: vec![],
            in_reply_to: None,
            in_reply_to_text: None,
            root: post.clone(),
            post,
            created_at: Utc
                .with_ymd_and_hms(2026, 1, 1, 10, 0, 0)
                .single()
                .expect("time"),
        }
    }

    /// A network that hands out a fixed list and says what cursor it was asked with.
    struct Scripted {
        pages: Mutex<Vec<Result<InboxPage, NetworkError>>>,
        asked: Mutex<Vec<Option<String>>>,
    }

    #[async_trait]
    impl Publisher for Scripted {
        fn kind(&self) -> NetworkKind {
            NetworkKind::Nostr
        }
        fn validate(&self, _: &OutgoingPost) -> Vec<ValidationProblem> {
            vec![]
        }
        async fn verify_credentials(&self) -> Result<AccountInfo, NetworkError> {
            unreachable!()
        }
        async fn publish(
            &self,
            _: &IdempotencyKey,
            _: &OutgoingPost,
            _: Option<&ReplyTarget>,
        ) -> Result<RemotePost, NetworkError> {
            unreachable!()
        }
        async fn reconcile(
            &self,
            _: &IdempotencyKey,
            _: &OutgoingPost,
        ) -> Result<Reconciled, NetworkError> {
            unreachable!()
        }
        async fn delete(&self, _: &RemotePost) -> Result<(), NetworkError> {
            unreachable!()
        }
        async fn fetch(&self, _: &RemotePost) -> Result<Option<String>, NetworkError> {
            unreachable!()
        }
    }

    #[async_trait]
    impl InboxSource for Scripted {
        async fn fetch_inbox(&self, cursor: Option<&str>) -> Result<InboxPage, NetworkError> {
            self.asked
                .lock()
                .expect("lock")
                .push(cursor.map(str::to_owned));
            self.pages.lock().expect("lock").remove(0)
        }
        async fn like(&self, _: &InboxTarget) -> Result<(), NetworkError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_failed_sync_keeps_the_cursor_and_a_repeat_stores_nothing_twice() {
        let (_tmp, mut store) = open();
        let ch = channel(&mut store);
        let inbox = Inbox::new(
            Arc::new(Mutex::new(store)),
            Arc::new(FixedClock::new(Utc::now())),
            Arc::new(MemorySecretStore::default()),
        );
        let page = |cursor: &str| InboxPage {
            items: vec![incoming("a", "hi"), incoming("b", "there")],
            cursor: Some(cursor.into()),
        };
        let source = Scripted {
            pages: Mutex::new(vec![
                Ok(page("1")),
                Err(NetworkError::Transient {
                    message: "relay down".into(),
                    retry_after: None,
                }),
                Ok(page("2")),
            ]),
            asked: Mutex::new(vec![]),
        };
        let first = sync_channel(&inbox, &source, &ch).await.expect("first");
        assert_eq!(first.new_items.len(), 2);
        assert_eq!(
            first.new_items[0].author_avatar_url, None,
            "javascript: URL dropped"
        );
        let err = sync_channel(&inbox, &source, &ch).await.expect_err("down");
        assert_eq!(err.to_string(), "relay down");
        let third = sync_channel(&inbox, &source, &ch).await.expect("third");
        assert_eq!((third.fetched, third.new_items.len()), (2, 0));
        assert_eq!(
            *source.asked.lock().expect("lock"),
            vec![None, Some("1".into()), Some("1".into())]
        );
    }
}
