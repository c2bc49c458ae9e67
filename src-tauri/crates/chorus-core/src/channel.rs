//! Channels: accounts on a network that a workspace publishes to.

use crate::clock::{Clock, to_db_instant};
use crate::secrets::SecretStore;
use crate::{CoreError, Result};
use chorus_networks::{AccountInfo, NetworkKind};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Non-secret settings, stored as JSON in `channels.config`; one variant per registered network.
pub use chorus_networks::ChannelConfig;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChannelStatus {
    Active,
    /// The credentials stopped working: the user must reconnect.
    NeedsAttention,
    Disabled,
}

impl ChannelStatus {
    fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::NeedsAttention => "needs_attention",
            Self::Disabled => "disabled",
        }
    }

    /// `None` for anything this version did not write: a damaged row is reported, never
    /// taken for an active channel.
    fn parse(s: &str) -> Option<Self> {
        match s {
            "active" => Some(Self::Active),
            "needs_attention" => Some(Self::NeedsAttention),
            "disabled" => Some(Self::Disabled),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Channel {
    pub id: i64,
    pub workspace_id: i64,
    pub network: NetworkKind,
    pub handle: String,
    pub display_name: String,
    pub config: ChannelConfig,
    pub status: ChannelStatus,
    /// Why the channel needs attention, in the network's words.
    pub status_reason: String,
    pub created_at: String,
    #[serde(skip)]
    #[ts(skip)]
    pub secret_ref: String,
}

const COLUMNS: &str = "id, workspace_id, network, handle, display_name, config, status, status_reason, created_at, secret_ref";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Channel> {
    let network: String = row.get("network")?;
    let config: String = row.get("config")?;
    let bad = |what: String| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, what.into())
    };
    Ok(Channel {
        id: row.get("id")?,
        workspace_id: row.get("workspace_id")?,
        network: NetworkKind::parse(&network)
            .ok_or_else(|| bad(format!("unknown network {network}")))?,
        handle: row.get("handle")?,
        display_name: row.get("display_name")?,
        config: serde_json::from_str(&config).map_err(|e| bad(e.to_string()))?,
        status: {
            let status: String = row.get("status")?;
            ChannelStatus::parse(&status)
                .ok_or_else(|| bad(format!("unknown channel status {status}")))?
        },
        status_reason: row.get("status_reason")?,
        created_at: row.get("created_at")?,
        secret_ref: row.get("secret_ref")?,
    })
}

/// Saves a channel whose credentials were just verified, and files its secret in the keychain.
/// Nothing is saved when the keychain refuses the secret.
pub fn create(
    conn: &mut Connection,
    clock: &dyn Clock,
    secrets: &dyn SecretStore,
    workspace_id: i64,
    config: &ChannelConfig,
    account: &AccountInfo,
    secret: &str,
) -> Result<Channel> {
    crate::workspace::get(conn, workspace_id)?;
    let config_json = serde_json::to_string(config)
        .map_err(|e| CoreError::Corrupt(format!("channel settings cannot be encoded: {e}")))?;
    let tx = conn.transaction()?;
    let inserted = tx.execute(
        "INSERT INTO channels (workspace_id, network, handle, display_name, service_url, config, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            workspace_id,
            config.network().as_str(),
            account.handle,
            account.display_name,
            config.service_url(),
            config_json,
            to_db_instant(clock.now()),
        ],
    );
    if let Err(rusqlite::Error::SqliteFailure(e, _)) = &inserted
        && e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    {
        return Err(CoreError::Conflict(format!(
            "{} on {} is already connected to this workspace",
            account.handle,
            config.network().as_str()
        )));
    }
    inserted?;
    let id = tx.last_insert_rowid();
    let secret_ref = format!("channel-{id}");
    tx.execute(
        "UPDATE channels SET secret_ref = ?1 WHERE id = ?2",
        params![secret_ref, id],
    )?;
    secrets.set(&secret_ref, secret)?;
    tx.commit()?;
    get(conn, id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Channel> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM channels WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound {
            what: "channel",
            id,
        })
}

/// New credentials (and settings) for an existing channel: the one-click reconnect.
pub fn reconnect(
    conn: &Connection,
    secrets: &dyn SecretStore,
    id: i64,
    config: &ChannelConfig,
    account: &AccountInfo,
    secret: &str,
) -> Result<Channel> {
    let existing = get(conn, id)?;
    if existing.network != config.network() {
        return Err(CoreError::validation(
            "network",
            format!("Channel {id} is a {} channel.", existing.network.as_str()),
        ));
    }
    let config_json = serde_json::to_string(config)
        .map_err(|e| CoreError::Corrupt(format!("channel settings cannot be encoded: {e}")))?;
    secrets.set(&existing.secret_ref, secret)?;
    conn.execute(
        "UPDATE channels SET handle = ?2, display_name = ?3, service_url = ?4, config = ?5,
                status = 'active', status_reason = '' WHERE id = ?1",
        params![
            id,
            account.handle,
            account.display_name,
            config.service_url(),
            config_json
        ],
    )?;
    get(conn, id)
}

/// Connected channels (removed ones are left out), optionally of one workspace.
pub fn list(conn: &Connection, workspace_id: Option<i64>) -> Result<Vec<Channel>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM channels WHERE (?1 IS NULL OR workspace_id = ?1) AND status != 'disabled'
         ORDER BY network, handle"
    ))?;
    let rows = stmt.query_map([workspace_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Removes a channel and its secret. Refused while posts still wait to go out through it.
pub fn remove(conn: &Connection, secrets: &dyn SecretStore, id: i64) -> Result<()> {
    let channel = get(conn, id)?;
    let pending: i64 = conn.query_row(
        "SELECT count(*) FROM post_variants WHERE channel_id = ?1
         AND state IN ('scheduled', 'publishing', 'paused')",
        [id],
        |r| r.get(0),
    )?;
    if pending > 0 {
        return Err(CoreError::Conflict(format!(
            "{} has {pending} post(s) waiting to go out through it; it can be removed once they have gone out or failed",
            channel.handle
        )));
    }
    // A channel that has posted keeps its row (disabled) so the posts' history still says where
    // they went; one that never posted goes entirely.
    let history: i64 = conn.query_row(
        "SELECT count(*) FROM post_variants WHERE channel_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if history > 0 {
        set_status(conn, id, ChannelStatus::Disabled, "removed by the user")?;
    } else {
        conn.execute("DELETE FROM channels WHERE id = ?1", [id])?;
    }
    secrets.delete(&channel.secret_ref)?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: ChannelStatus, reason: &str) -> Result<()> {
    conn.execute(
        "UPDATE channels SET status = ?1, status_reason = ?2 WHERE id = ?3",
        params![status.as_str(), reason, id],
    )?;
    Ok(())
}

/// The channel's secret from the keychain; a missing one means the channel needs reconnecting.
pub fn secret(secrets: &dyn SecretStore, channel: &Channel) -> Result<String> {
    secrets.get(&channel.secret_ref)?.ok_or_else(|| {
        CoreError::Secrets(format!(
            "the keychain has no credentials for {} ({}); reconnect the channel",
            channel.handle,
            channel.network.as_str()
        ))
    })
}
