use crate::Cli;
use crate::output::print_json;
use chorus_core::about::AppInfo;
use chorus_core::overview::{DatabaseCounts, database_counts};
use chorus_core::storage::migrations;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    #[serde(flatten)]
    info: AppInfo,
    latest_schema_version: u32,
    counts: DatabaseCounts,
}

pub fn run(cli: &Cli) -> anyhow::Result<()> {
    let (dir, store) = super::open(cli)?;
    let report = Report {
        info: AppInfo::collect(env!("CARGO_PKG_VERSION"), &dir, &store)?,
        latest_schema_version: migrations::latest_version(),
        counts: database_counts(&store)?,
    };
    if cli.json {
        return print_json(&report);
    }
    let (i, c) = (&report.info, &report.counts);
    println!("Chorus {}", i.version);
    println!("data dir          {}", i.data_dir);
    println!("database          {}", i.database_path);
    println!("logs              {}", i.log_dir);
    println!(
        "schema version    {} (latest {})",
        i.schema_version, report.latest_schema_version
    );
    println!("workspaces        {}", c.workspaces);
    println!("channels          {}", c.channels);
    println!("posts             {}", c.posts);
    println!("media assets      {}", c.media_assets);
    println!("publish attempts  {}", c.publish_attempts);
    Ok(())
}
