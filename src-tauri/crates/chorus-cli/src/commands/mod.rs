pub mod channel;
pub mod daemon;
pub mod doctor;
pub mod inbox;
pub mod media;
pub mod post;
pub mod publish;
pub mod slots;
pub mod workspace;

use crate::Cli;
use anyhow::{Context, bail};
use chorus_core::publish::NetworkConnector;
use chorus_core::service::Service;
use chorus_core::{DataDir, Store, SystemClock, secrets};
use std::io::{BufRead, IsTerminal};
use std::sync::{Arc, Mutex};

/// Opens (creating and migrating as needed) the database the command line points at.
pub fn open(cli: &Cli) -> anyhow::Result<(DataDir, Store)> {
    let dir = DataDir::resolve(cli.data_dir.clone())?;
    let store = Store::open(dir.database_path())?;
    Ok((dir, store))
}

/// The same operations the app offers, over the command line's data dir.
pub fn service(cli: &Cli) -> anyhow::Result<Service> {
    let (dir, store) = open(cli)?;
    let secrets = secrets::default_store();
    Ok(Service {
        store: Arc::new(Mutex::new(store)),
        dir,
        clock: Arc::new(SystemClock),
        connector: Arc::new(NetworkConnector::new(secrets.clone())),
        secrets,
        engine_waker: None,
    })
}

/// `--workspace`, or the only workspace there is.
pub fn workspace_id(service: &Service, given: Option<i64>) -> anyhow::Result<i64> {
    if let Some(id) = given {
        return Ok(id);
    }
    let store = service.store.lock().unwrap_or_else(|p| p.into_inner());
    let all = chorus_core::workspace::list(store.connection())?;
    match all.as_slice() {
        [only] => Ok(only.id),
        [] => bail!(
            "there is no workspace yet; create one: chorus workspace create --name NAME --timezone ZONE"
        ),
        _ => bail!(
            "there are {} workspaces; say which with --workspace ID (see chorus workspace list)",
            all.len()
        ),
    }
}

/// A secret from the first line of standard input (never from the command line, where other
/// users could read it in the process list), or from `env_var`.
pub fn read_secret(what: &str, from_stdin: bool, env_var: &str) -> anyhow::Result<String> {
    let secret = if from_stdin {
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            eprint!("{what}: ");
        }
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("cannot read standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    } else {
        std::env::var(env_var).unwrap_or_default()
    };
    if secret.trim().is_empty() {
        bail!("no {what}: pipe it on standard input with --secret-stdin, or set {env_var}");
    }
    Ok(secret)
}
