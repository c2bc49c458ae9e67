//! `chorus daemon`: the publishing engine without the app.

use crate::Cli;
use chorus_core::publish::{Engine, EngineConfig, PublishEvent};
use std::sync::Arc;

pub async fn run(cli: &Cli) -> anyhow::Result<()> {
    let service = super::service(cli)?;
    let engine = Arc::new(Engine::new(
        service.store.clone(),
        service.dir.clone(),
        service.clock.clone(),
        service.connector.clone(),
        EngineConfig::default(),
    )?);
    let mut events = engine.subscribe();
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let runner = tokio::spawn(engine.clone().run(stop_rx));
    if !cli.json {
        eprintln!(
            "chorus daemon: publishing from {} (Ctrl+C to stop)",
            service.dir.root().display()
        );
    }
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    loop {
        tokio::select! {
            event = events.recv() => match event {
                Ok(event) => print_event(cli.json, &event),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => eprintln!("({n} events skipped)"),
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            },
            _ = tokio::signal::ctrl_c() => break,
            _ = term.recv() => break,
        }
    }
    let _ = stop_tx.send(true);
    let _ = runner.await;
    Ok(())
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
