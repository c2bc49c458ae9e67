use crate::Cli;
use crate::output::print_json;
use chorus_core::CoreError;
use chorus_core::channel::Channel;
use chorus_core::service::Service;
use chorus_networks::{ConnectAnswers, ConnectField, ConnectMethod, FieldKind, NetworkKind};
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

/// `chorus channel add <network> …`, drawn from each network's connect form (its
/// capabilities): one flag per answer, `--method` for the way to connect (a way without a
/// secret, such as Nostr's `generate`, is also a flag of its own), and the secret from standard
/// input or CHORUS_SECRET. Browser sign-ins are the app's.
#[derive(Debug)]
pub struct AddCommand {
    network: NetworkKind,
    workspace: Option<i64>,
    reconnect: Option<i64>,
    secret_stdin: bool,
    answers: ConnectAnswers,
}

/// The methods a terminal can do (not a sign-in in a browser).
fn cli_methods(network: NetworkKind) -> Vec<ConnectMethod> {
    network
        .capabilities()
        .connect
        .into_iter()
        .filter(|m| !m.browser)
        .collect()
}

/// Every answer with a flag, once, in the order the forms ask.
fn flagged_fields(methods: &[ConnectMethod]) -> Vec<ConnectField> {
    let mut out: Vec<ConnectField> = Vec::new();
    for field in methods.iter().flat_map(|m| &m.fields) {
        if !field.flag.is_empty() && !out.iter().any(|f| f.name == field.name) {
            out.push(field.clone());
        }
    }
    out
}

/// A method that needs nothing typed is chosen by its own flag (`--generate`).
fn is_switch(method: &ConnectMethod, default: &ConnectMethod) -> bool {
    method.id != default.id && method.secret_field().is_none()
}

fn network_command(network: NetworkKind) -> clap::Command {
    use clap::{Arg, ArgAction};
    let methods = cli_methods(network);
    let label = network.capabilities().label;
    let mut cmd = clap::Command::new(network.as_str())
        .about(format!(
            "{label} ({})",
            methods
                .iter()
                .map(|m| m.label)
                .collect::<Vec<_>>()
                .join("; ")
        ))
        .arg(
            Arg::new("workspace")
                .long("workspace")
                .value_parser(clap::value_parser!(i64)),
        )
        .arg(
            Arg::new("reconnect")
                .long("reconnect")
                .value_parser(clap::value_parser!(i64))
                .help("Replace the credentials of this existing channel"),
        )
        .arg(
            Arg::new("secret_stdin")
                .long("secret-stdin")
                .action(ArgAction::SetTrue)
                .help("Read the secret from the first line of standard input (else CHORUS_SECRET)"),
        );
    let Some(default) = methods.first() else {
        return cmd;
    };
    if methods.len() > 1 {
        cmd = cmd.arg(
            Arg::new("method")
                .long("method")
                .value_parser(methods.iter().map(|m| m.id).collect::<Vec<_>>())
                .help(format!("How to connect (default {})", default.id)),
        );
    }
    for method in methods.iter().filter(|m| is_switch(m, default)) {
        cmd = cmd.arg(
            Arg::new(method.id)
                .long(method.id)
                .action(ArgAction::SetTrue)
                .conflicts_with_all(["secret_stdin", "method"])
                .help(format!("{}: {}", method.label, method.note)),
        );
    }
    for field in flagged_fields(&methods) {
        let mut arg = Arg::new(field.name)
            .long(field.flag)
            .value_name(match field.kind {
                FieldKind::Url | FieldKind::Lines => "ADDRESS",
                _ => "TEXT",
            })
            .help(field.hint);
        if field.kind == FieldKind::Lines {
            arg = arg.action(ArgAction::Append).help(format!(
                "{}: one per flag; repeat it for several",
                field.label
            ));
        }
        if !field.default.is_empty() {
            arg = arg.default_value(field.default);
        }
        cmd = cmd.arg(arg);
    }
    cmd
}

impl clap::FromArgMatches for AddCommand {
    fn from_arg_matches(matches: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let (name, sub) = matches
            .subcommand()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::MissingSubcommand))?;
        let network = NetworkKind::parse(name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidSubcommand))?;
        let methods = cli_methods(network);
        let default = methods.first().map_or("", |m| m.id);
        let switched = methods
            .iter()
            .find(|m| sub.try_get_one::<bool>(m.id).ok().flatten() == Some(&true));
        let method = match (switched, sub.try_get_one::<String>("method").ok().flatten()) {
            (Some(m), _) => m.id.to_owned(),
            (None, Some(chosen)) => chosen.clone(),
            (None, None) => default.to_owned(),
        };
        let mut answers = ConnectAnswers::new(&method);
        for field in flagged_fields(&methods) {
            let values: Vec<String> = sub
                .get_many::<String>(field.name)
                .map(|v| v.cloned().collect())
                .unwrap_or_default();
            if !values.is_empty() {
                answers = answers.with(field.name, values.join("\n"));
            }
        }
        Ok(Self {
            network,
            workspace: sub.get_one::<i64>("workspace").copied(),
            reconnect: sub.get_one::<i64>("reconnect").copied(),
            secret_stdin: sub.get_flag("secret_stdin"),
            answers,
        })
    }

    fn update_from_arg_matches(&mut self, matches: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Subcommand for AddCommand {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        NetworkKind::ALL
            .iter()
            .fold(cmd, |cmd, network| {
                cmd.subcommand(network_command(*network))
            })
            .subcommand_required(true)
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        NetworkKind::parse(name).is_some()
    }
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
    let methods = cli_methods(add.network);
    let mut answers = add.answers.clone();
    let method = methods.iter().find(|m| m.id == answers.method);
    if let Some(field) = method.and_then(|m| m.fields.iter().find(|f| f.kind == FieldKind::Secret))
    {
        let secret = super::read_secret(
            &field.label.to_lowercase(),
            add.secret_stdin,
            "CHORUS_SECRET",
        )?;
        answers = answers.with(field.name, secret);
    }
    let workspace = super::workspace_id(service, add.workspace)?;
    service
        .connect_with_form(
            workspace,
            add.reconnect,
            add.network,
            &answers,
            |_| {
                Err(CoreError::validation(
                    "method",
                    "Signing in with a browser is done in the app; here, choose another --method.",
                ))
            },
            std::time::Duration::ZERO,
        )
        .await
        .map_err(|e| match e {
            // Name the flag the user typed (the field stays the form's, for --json).
            CoreError::Validation { field, message } => {
                let message = match flagged_fields(&methods).iter().find(|f| f.name == field) {
                    Some(f) => format!("--{}: {message}", f.flag),
                    None => message,
                };
                anyhow::Error::from(CoreError::Validation { field, message })
            }
            other => anyhow::Error::from(other),
        })
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
