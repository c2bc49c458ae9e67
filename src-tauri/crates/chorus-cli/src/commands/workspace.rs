use crate::Cli;
use crate::output::print_json;
use chorus_core::SystemClock;
use chorus_core::workspace::{self, NewWorkspace, Workspace};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum WorkspaceCommand {
    /// List workspaces.
    List,
    /// Create a workspace.
    Create {
        /// The brand's name.
        #[arg(long)]
        name: String,
        /// IANA time zone, e.g. Europe/Berlin.
        #[arg(long)]
        timezone: String,
    },
}

pub fn run(cli: &Cli, cmd: &WorkspaceCommand) -> anyhow::Result<()> {
    let (_dir, store) = super::open(cli)?;
    let conn = store.connection();
    match cmd {
        WorkspaceCommand::List => {
            let all = workspace::list(conn)?;
            if cli.json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!(
                    "No workspaces yet. Create one: chorus workspace create --name NAME --timezone ZONE"
                );
            }
            for w in &all {
                print_line(w);
            }
        }
        WorkspaceCommand::Create { name, timezone } => {
            let created = workspace::create(
                conn,
                &SystemClock,
                &NewWorkspace {
                    name: name.clone(),
                    timezone: timezone.clone(),
                },
            )?;
            if cli.json {
                return print_json(&created);
            }
            print_line(&created);
        }
    }
    Ok(())
}

fn print_line(w: &Workspace) {
    println!("{:>4}  {}  ({})", w.id, w.name, w.timezone);
}
