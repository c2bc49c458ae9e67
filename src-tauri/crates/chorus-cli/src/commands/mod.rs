pub mod doctor;
pub mod workspace;

use crate::Cli;
use chorus_core::{DataDir, Store};

/// Opens (creating and migrating as needed) the database the command line points at.
pub fn open(cli: &Cli) -> anyhow::Result<(DataDir, Store)> {
    let dir = DataDir::resolve(cli.data_dir.clone())?;
    let store = Store::open(dir.database_path())?;
    Ok((dir, store))
}
