//! `chorus daemon`: every background job without the app: publishing and the inbox sync.
//!
//! Each job runs in one process per data dir. Beside a running app (or another daemon) the
//! daemon stands by for whatever that process runs and takes over when it stops: the inbox
//! through its job runner's lease, publishing by trying the publisher's lock again every
//! [`ENGINE_RETRY`]. What a desktop would notify is printed (`NOTIFY title: body`) and logged.

use crate::Cli;
use chorus_core::inbox::Inbox;
use chorus_core::inbox::job::{self, InboxJob, NewItems};
use chorus_core::publish::{Engine, EngineConfig, PublishEvent};
use chorus_core::service::Service;
use chorus_core::{CoreError, jobs};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch};

/// How often a daemon that found another publisher tries to take over publishing.
const ENGINE_RETRY: Duration = Duration::from_secs(10);

pub async fn run(cli: &Cli) -> anyhow::Result<()> {
    let service = Arc::new(super::service(cli)?);
    let (stop_tx, stop_rx) = watch::channel(false);
    let (events_tx, mut events) = broadcast::channel(1024);
    let publishing = tokio::spawn(publish(service.clone(), events_tx, stop_rx));

    let inbox = Arc::new(Inbox::new(
        service.store.clone(),
        service.clock.clone(),
        service.secrets.clone(),
    ));
    let inbox_job = InboxJob::new(inbox)?;
    let mut news = inbox_job.subscribe();
    let inbox_runner = jobs::runner::spawn(inbox_job.clone(), service.dir.clone(), job::SCHEDULE);
    if !cli.json {
        eprintln!(
            "chorus daemon: publishing and syncing the inbox from {} (Ctrl+C to stop)",
            service.dir.root().display()
        );
    }
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => print_event(cli.json, &event),
                Err(RecvError::Lagged(n)) => eprintln!("({n} events skipped)"),
                Err(RecvError::Closed) => break,
            },
            new = news.recv() => match new {
                Ok(new) => print_new_items(cli.json, &new),
                Err(RecvError::Lagged(n)) => eprintln!("({n} inbox announcements skipped)"),
                Err(RecvError::Closed) => break,
            },
            _ = tokio::signal::ctrl_c() => break,
            _ = term.recv() => break,
        }
    }
    let _ = stop_tx.send(true);
    inbox_runner.stop().await;
    let _ = publishing.await;
    Ok(())
}

/// Runs the publishing engine once this process holds the publisher's lock, until stopped.
async fn publish(
    service: Arc<Service>,
    events: broadcast::Sender<PublishEvent>,
    mut stop: watch::Receiver<bool>,
) {
    let mut said = false;
    let engine = loop {
        match Engine::new(
            service.store.clone(),
            service.dir.clone(),
            service.clock.clone(),
            service.connector.clone(),
            EngineConfig::default(),
        ) {
            Ok(engine) => break Arc::new(engine),
            Err(CoreError::Conflict(why)) => {
                if !said {
                    tracing::info!("publishing: {why}; standing by");
                    said = true;
                }
            }
            Err(e) => {
                tracing::error!("publishing cannot start: {e}");
                return;
            }
        }
        tokio::select! {
            () = tokio::time::sleep(ENGINE_RETRY) => {}
            _ = stop.changed() => return,
        }
    };
    tracing::info!("publishing from this process");
    let mut from_engine = engine.subscribe();
    let forward = tokio::spawn(async move {
        while let Ok(event) = from_engine.recv().await {
            let _ = events.send(event);
        }
    });
    engine.run(stop).await;
    forward.abort();
}

/// What the app would show: new items, and the notifications a desktop would raise.
fn print_new_items(json: bool, new: &NewItems) {
    if json {
        for notification in &new.notifications {
            if let Ok(line) = serde_json::to_string(&serde_json::json!({ "notify": notification }))
            {
                println!("{line}");
            }
        }
        return;
    }
    for item in &new.items {
        println!(
            "inbox: {} from {} on channel {}: {}",
            item.kind.as_str(),
            item.author_handle,
            item.channel_id,
            item.text.chars().take(80).collect::<String>()
        );
    }
    for notification in &new.notifications {
        println!("NOTIFY {}: {}", notification.title, notification.body);
        tracing::info!(title = %notification.title, body = %notification.body, "notify");
    }
}

fn print_event(json: bool, event: &PublishEvent) {
    if json {
        if let Ok(line) = serde_json::to_string(event) {
            println!("{line}");
        }
        return;
    }
    match event {
        PublishEvent::TargetChanged {
            post_id,
            target_id,
            state,
        } => {
            println!("post {post_id} target {target_id}: {}", state.as_str());
        }
        PublishEvent::Failed {
            post_id,
            channel,
            reason,
            ..
        } => {
            println!("FAILED post {post_id} on {channel}: {reason}");
        }
        PublishEvent::Missed {
            post_id,
            channel,
            due_at,
            ..
        } => {
            println!("MISSED post {post_id} on {channel} (was due {due_at})");
        }
        PublishEvent::Unconfirmed {
            post_id,
            channel,
            reason,
            ..
        } => {
            println!(
                "UNCONFIRMED post {post_id} on {channel}: {reason}; check it, then `chorus post retry`"
            );
        }
        PublishEvent::ChannelNeedsAttention {
            channel, reason, ..
        } => {
            println!("CHANNEL NEEDS ATTENTION {channel}: {reason}");
        }
        PublishEvent::PausedChanged { paused } => println!("publishing paused: {paused}"),
    }
}
