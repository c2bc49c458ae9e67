use crate::Cli;
use crate::output::print_json;
use chorus_core::channel::{Channel, ChannelConfig};
use chorus_core::service::Service;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ChannelCommand {
    /// Connect an account. Secrets come from standard input (--secret-stdin) or CHORUS_SECRET.
    #[command(subcommand)]
    Add(AddCommand),
    /// List connected channels.
    List {
        #[arg(long)]
        workspace: Option<i64>,
    },
    /// Remove a channel and its stored credentials.
    Remove { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Bluesky / any AT Protocol PDS, with an app password.
    Bluesky {
        #[arg(long)]
        workspace: Option<i64>,
        /// Handle or DID.
        #[arg(long)]
        handle: String,
        #[arg(long, default_value = "https://bsky.social")]
        service: String,
        /// Read the app password from the first line of standard input.
        #[arg(long)]
        secret_stdin: bool,
        /// Replace the credentials of this existing channel (reconnect).
        #[arg(long)]
        reconnect: Option<i64>,
    },
    /// Mastodon, with an access token (OAuth sign-in is in the app).
    Mastodon {
        #[arg(long)]
        workspace: Option<i64>,
        #[arg(long)]
        instance: String,
        /// Read the access token from the first line of standard input.
        #[arg(long)]
        secret_stdin: bool,
        #[arg(long)]
        reconnect: Option<i64>,
    },
    /// Nostr, with an imported key (nsec or hex) or a newly generated one.
    Nostr {
        #[arg(long)]
        workspace: Option<i64>,
        /// A relay URL (wss://…); repeat for several.
        #[arg(long = "relay", required = true)]
        relays: Vec<String>,
        /// Generate a new key instead of importing one.
        #[arg(long, conflicts_with = "secret_stdin")]
        generate: bool,
        /// Read the nsec or hex key from the first line of standard input.
        #[arg(long)]
        secret_stdin: bool,
        #[arg(long)]
        reconnect: Option<i64>,
    },
}

pub async fn run(cli: &Cli, cmd: &ChannelCommand) -> anyhow::Result<()> {
    let service = super::service(cli)?;
    match cmd {
        ChannelCommand::Add(add) => {
            let channel = add_channel(&service, add).await?;
            if cli.json {
                return print_json(&channel);
            }
            println!("connected:");
            print_line(&channel);
        }
        ChannelCommand::List { workspace } => {
            let channels = service.list_channels(*workspace)?;
            if cli.json {
                return print_json(&channels);
            }
            if channels.is_empty() {
                println!(
                    "No channels yet. Connect one: chorus channel add bluesky|mastodon|nostr --help"
                );
            }
            for c in &channels {
                print_line(c);
            }
        }
        ChannelCommand::Remove { id } => {
            service.remove_channel(*id)?;
            if cli.json {
                return print_json(&serde_json::json!({ "removed": id }));
            }
            println!("removed channel {id}");
        }
    }
    Ok(())
}

async fn add_channel(service: &Service, add: &AddCommand) -> anyhow::Result<Channel> {
    let (workspace, reconnect, config, secret) = match add {
        AddCommand::Bluesky {
            workspace,
            handle,
            service: url,
            secret_stdin,
            reconnect,
        } => (
            *workspace,
            *reconnect,
            ChannelConfig::Bluesky(chorus_networks::bluesky::BlueskySettings {
                service_url: url.clone(),
                identifier: handle.clone(),
            }),
            super::read_secret("app password", *secret_stdin, "CHORUS_SECRET")?,
        ),
        AddCommand::Mastodon {
            workspace,
            instance,
            secret_stdin,
            reconnect,
        } => (
            *workspace,
            *reconnect,
            ChannelConfig::Mastodon(chorus_networks::mastodon::MastodonSettings {
                instance_url: instance.clone(),
            }),
            super::read_secret("access token", *secret_stdin, "CHORUS_SECRET")?,
        ),
        AddCommand::Nostr {
            workspace,
            relays,
            generate,
            secret_stdin,
            reconnect,
        } => {
            let secret = if *generate {
                chorus_core::networks::generate_nostr_key()
            } else {
                super::read_secret("nsec or hex key", *secret_stdin, "CHORUS_SECRET")?
            };
            (
                *workspace,
                *reconnect,
                ChannelConfig::Nostr(chorus_networks::nostr::NostrSettings {
                    relays: relays.clone(),
                }),
                secret,
            )
        }
    };
    let workspace = super::workspace_id(service, workspace)?;
    Ok(service
        .connect_channel(workspace, reconnect, config, secret)
        .await?)
}

fn print_line(c: &Channel) {
    let status = match c.status {
        chorus_core::channel::ChannelStatus::Active => String::new(),
        chorus_core::channel::ChannelStatus::NeedsAttention => {
            format!("  NEEDS ATTENTION: {}", c.status_reason)
        }
        chorus_core::channel::ChannelStatus::Disabled => "  removed".into(),
    };
    println!(
        "{:>4}  {:<9} {}  {}{status}",
        c.id,
        c.network.as_str(),
        c.handle,
        c.config.service_url()
    );
}
