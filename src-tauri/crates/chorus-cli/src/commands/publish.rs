use crate::Cli;
use crate::output::print_json;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum PublishCommand {
    /// Stop all publishing at once (every original time is kept).
    Pause,
    /// Resume publishing. Posts that came due while paused go out if late by less than the
    /// grace period, otherwise they are marked missed.
    Resume,
    /// Whether publishing is paused, and the missed-post grace period.
    Status,
    /// Set the grace period: a post found overdue (Chorus was closed, asleep or paused) still
    /// goes out if it is late by less than this many minutes; otherwise it is marked missed.
    Grace { minutes: u32 },
}

pub async fn run(cli: &Cli, cmd: &PublishCommand) -> anyhow::Result<()> {
    let service = super::service(cli)?;
    let settings = match cmd {
        PublishCommand::Pause => service.set_paused(true).await?,
        PublishCommand::Resume => service.set_paused(false).await?,
        PublishCommand::Status => service.publishing_settings()?,
        PublishCommand::Grace { minutes } => service.set_missed_grace(*minutes)?,
    };
    if cli.json {
        return print_json(&settings);
    }
    if settings.paused {
        println!("publishing is PAUSED: nothing goes out until `chorus publish resume`");
    } else {
        println!("publishing is on");
    }
    println!(
        "missed-post grace period: {} minutes",
        settings.missed_grace_minutes
    );
    Ok(())
}
