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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Doctor => commands::doctor::run(&cli),
        Command::Workspace(cmd) => commands::workspace::run(&cli, cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            output::print_error(cli.json, &err);
            ExitCode::FAILURE
        }
    }
}
