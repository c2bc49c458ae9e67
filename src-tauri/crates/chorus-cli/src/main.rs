//! `chorus`: the headless command-line face of Chorus.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "chorus",
    version,
    about = "Chorus, local-first social media management, without the window"
)]
pub struct Cli {
    /// Data directory (default: $CHORUS_DATA_DIR, else the platform data dir, e.g. ~/.local/share/chorus).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Print machine-readable JSON instead of text (errors too: {"error":{code,message,field}}).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show where Chorus keeps its data, the schema version and what the database holds.
    Doctor,
    /// Manage workspaces (brands).
    #[command(subcommand)]
    Workspace(commands::workspace::WorkspaceCommand),
    /// Connect, list and remove accounts on networks.
    #[command(subcommand)]
    Channel(commands::channel::ChannelCommand),
    /// Create, list and inspect posts.
    #[command(subcommand)]
    Post(commands::post::PostCommand),
    /// Weekly posting slots per channel, used by `post create --queue`.
    #[command(subcommand)]
    Slots(commands::slots::SlotsCommand),
    /// Pause or resume all publishing (the crisis switch).
    #[command(subcommand)]
    Publish(commands::publish::PublishCommand),
    /// Run the publishing engine without the app, until Ctrl+C or SIGTERM.
    Daemon,
    /// The unified inbox: sync, list, search, triage and reply.
    #[command(subcommand)]
    Inbox(commands::inbox::InboxCommand),
    /// The media library: import, list, tag, edit, render for a network, delete.
    #[command(subcommand)]
    Media(commands::media::MediaCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(anyhow::Error::from)
        .and_then(|rt| rt.block_on(dispatch(&cli)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(cli.json, &err);
            ExitCode::FAILURE
        }
    }
}

async fn dispatch(cli: &Cli) -> anyhow::Result<()> {
    // The daemon logs like the app: to the data dir's rotating file (and stderr). The guard
    // flushes the file when dispatch returns.
    let _log_guard = match cli.command {
        Command::Daemon => {
            let dir = chorus_core::DataDir::resolve(cli.data_dir.clone())?;
            Some(chorus_core::logging::init(
                &dir.log_dir(),
                chorus_core::logging::Program::Daemon,
                true,
            )?)
        }
        _ => None,
    };
    match &cli.command {
        Command::Doctor => commands::doctor::run(cli),
        Command::Workspace(cmd) => commands::workspace::run(cli, cmd),
        Command::Channel(cmd) => commands::channel::run(cli, cmd).await,
        Command::Post(cmd) => commands::post::run(cli, cmd).await,
        Command::Publish(cmd) => commands::publish::run(cli, cmd).await,
        Command::Slots(cmd) => commands::slots::run(cli, cmd).await,
        Command::Daemon => commands::daemon::run(cli).await,
        Command::Inbox(cmd) => commands::inbox::run(cli, cmd).await,
        Command::Media(cmd) => commands::media::run(cli, cmd),
    }
}
