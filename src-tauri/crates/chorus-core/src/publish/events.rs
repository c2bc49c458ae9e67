//! What the engine tells the shell (UI refresh, OS notifications) and the CLI daemon.

use super::TargetState;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub enum PublishEvent {
    /// Any state change of a target: the UI refreshes the post.
    #[serde(rename_all = "camelCase")]
    TargetChanged {
        post_id: i64,
        target_id: i64,
        state: TargetState,
    },
    /// A target failed for good. Loud: the shell raises an OS notification.
    #[serde(rename_all = "camelCase")]
    Failed {
        post_id: i64,
        target_id: i64,
        channel: String,
        reason: String,
    },
    /// The post came due while Chorus was closed, asleep or paused, past the grace period.
    #[serde(rename_all = "camelCase")]
    Missed {
        post_id: i64,
        target_id: i64,
        channel: String,
        due_at: String,
    },
    /// Chorus cannot tell whether the post went out; the user decides.
    #[serde(rename_all = "camelCase")]
    Unconfirmed {
        post_id: i64,
        target_id: i64,
        channel: String,
        reason: String,
    },
    #[serde(rename_all = "camelCase")]
    ChannelNeedsAttention {
        channel_id: i64,
        channel: String,
        reason: String,
    },
    PausedChanged {
        paused: bool,
    },
}
