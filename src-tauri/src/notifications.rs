//! Loud failure: publish problems become OS notifications (and UI events).
//!
//! Bursts are batched: the first problem opens a short window, and everything that arrives in
//! it goes out as one notification ("12 posts failed"), so a network outage does not bury the
//! desktop in popups.

use crate::events;
use chorus_core::publish::{Engine, PublishEvent};
use std::sync::Arc;
use std::time::Duration;
use tauri::AppHandle;
use tokio::sync::broadcast::error::RecvError;

const BATCH_WINDOW: Duration = Duration::from_millis(1500);

/// Forwards engine events to the UI and raises notifications, until the engine is gone.
pub fn forward(app: AppHandle, engine: &Arc<Engine>) {
    let mut rx = engine.subscribe();
    tauri::async_runtime::spawn(async move {
        let mut pending: Vec<PublishEvent> = Vec::new();
        // The window closes BATCH_WINDOW after its first event, however many follow.
        let mut window_ends = tokio::time::Instant::now();
        loop {
            let next = if pending.is_empty() {
                rx.recv().await
            } else {
                match tokio::time::timeout_at(window_ends, rx.recv()).await {
                    Ok(received) => received,
                    Err(_) => {
                        notify(std::mem::take(&mut pending));
                        continue;
                    }
                }
            };
            match next {
                Ok(event) => {
                    events::publish(&app, &event);
                    if is_loud(&event) {
                        if pending.is_empty() {
                            window_ends = tokio::time::Instant::now() + BATCH_WINDOW;
                        }
                        pending.push(event);
                    }
                }
                Err(RecvError::Lagged(n)) => tracing::warn!("{n} publish events were dropped"),
                Err(RecvError::Closed) => break,
            }
        }
    });
}

fn is_loud(event: &PublishEvent) -> bool {
    matches!(
        event,
        PublishEvent::Failed { .. }
            | PublishEvent::Missed { .. }
            | PublishEvent::Unconfirmed { .. }
            | PublishEvent::ChannelNeedsAttention { .. }
    )
}

/// Summary and body for a batch of loud events.
pub fn summarize(batch: &[PublishEvent]) -> Option<(String, String)> {
    let line = |e: &PublishEvent| -> Option<String> {
        Some(match e {
            PublishEvent::Failed {
                channel, reason, ..
            } => format!("Not published to {channel}: {reason}"),
            PublishEvent::Missed {
                channel, due_at, ..
            } => format!("Missed on {channel} (was due {due_at})"),
            PublishEvent::Unconfirmed {
                channel, reason, ..
            } => format!("Unconfirmed on {channel}: {reason}"),
            PublishEvent::ChannelNeedsAttention {
                channel, reason, ..
            } => format!("{channel} needs to be reconnected: {reason}"),
            _ => return None,
        })
    };
    let lines: Vec<String> = batch.iter().filter_map(line).collect();
    match lines.len() {
        0 => None,
        1 => {
            let summary = match &batch[0] {
                PublishEvent::Failed { .. } => "A post was not published",
                PublishEvent::Missed { .. } => "A post was missed",
                PublishEvent::Unconfirmed { .. } => "A post may not have gone out",
                _ => "A channel needs attention",
            };
            Some((summary.to_owned(), lines[0].clone()))
        }
        n => {
            let shown: Vec<&str> = lines.iter().take(3).map(String::as_str).collect();
            let more = if n > 3 {
                format!("\n…and {} more", n - 3)
            } else {
                String::new()
            };
            Some((
                format!("{n} publishing problems"),
                format!("{}{more}", shown.join("\n")),
            ))
        }
    }
}

fn notify(batch: Vec<PublishEvent>) {
    if let Some((summary, body)) = summarize(&batch) {
        show(summary, body);
    }
}

/// Raises one OS notification.
pub fn show(summary: String, body: String) {
    // D-Bus is blocking; keep it off the async workers.
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = notify_rust::Notification::new()
            .appname("Chorus")
            .summary(&summary)
            .body(&body)
            .urgency(notify_rust::Urgency::Critical)
            .show()
        {
            tracing::warn!("cannot show a notification ({e}): {summary}: {body}");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(channel: &str) -> PublishEvent {
        PublishEvent::Failed {
            post_id: 1,
            target_id: 1,
            channel: channel.into(),
            reason: "500".into(),
        }
    }

    #[test]
    fn one_problem_is_told_as_it_is() {
        let (summary, body) = summarize(&[failed("a.test (bluesky)")]).expect("loud");
        assert_eq!(summary, "A post was not published");
        assert_eq!(body, "Not published to a.test (bluesky): 500");
    }

    #[test]
    fn a_burst_becomes_one_notification() {
        let batch: Vec<_> = (0..12).map(|i| failed(&format!("c{i}"))).collect();
        let (summary, body) = summarize(&batch).expect("loud");
        assert_eq!(summary, "12 publishing problems");
        assert!(body.ends_with("…and 9 more"), "{body}");
        assert_eq!(body.lines().count(), 4);
    }

    #[test]
    fn quiet_events_raise_nothing() {
        assert_eq!(
            summarize(&[PublishEvent::PausedChanged { paused: true }]),
            None
        );
    }
}
