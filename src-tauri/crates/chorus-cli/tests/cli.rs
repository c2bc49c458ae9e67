//! Runs the real `chorus` binary against throw-away data directories.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn chorus(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chorus"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("CHORUS_DATA_DIR")
        .env("RUST_LOG", "off")
        .output()
        .expect("chorus runs")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn doctor_reports_a_fresh_data_dir() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("profile");
    let out = chorus(&dir, &["doctor", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let report = json(&out);
    assert_eq!(report["dataDir"], dir.display().to_string());
    assert_eq!(
        report["databasePath"],
        dir.join("chorus.sqlite3").display().to_string()
    );
    assert_eq!(report["schemaVersion"], report["latestSchemaVersion"]);
    assert!(report["schemaVersion"].as_u64().expect("number") >= 2);
    assert_eq!(report["counts"]["workspaces"], 0);
    assert!(dir.join("chorus.sqlite3").is_file());

    let text = chorus(&dir, &["doctor"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("schema version"), "{stdout}");
    assert!(stdout.contains(&dir.display().to_string()), "{stdout}");
}

#[test]
fn workspaces_created_in_the_cli_are_counted_by_doctor() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let created = chorus(
        dir,
        &[
            "workspace",
            "create",
            "--name",
            "Harbour Bakery",
            "--timezone",
            "America/St_Johns",
            "--json",
        ],
    );
    assert!(created.status.success(), "{created:?}");
    let w = json(&created);
    assert_eq!(w["name"], "Harbour Bakery");
    assert_eq!(w["timezone"], "America/St_Johns");

    let listed = json(&chorus(dir, &["workspace", "list", "--json"]));
    assert_eq!(listed.as_array().expect("array").len(), 1);
    assert_eq!(listed[0]["id"], w["id"]);

    let report = json(&chorus(dir, &["doctor", "--json"]));
    assert_eq!(report["counts"]["workspaces"], 1);
}

#[test]
fn bad_input_is_a_specific_error_with_a_code_in_json_and_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let out = chorus(
        dir,
        &[
            "workspace",
            "create",
            "--name",
            "Bakery",
            "--timezone",
            "Europe/Atlantis",
            "--json",
        ],
    );
    assert!(!out.status.success());
    let err = json(&out);
    assert_eq!(err["error"]["code"], "validation");
    assert_eq!(err["error"]["field"], "timezone");
    assert!(
        err["error"]["message"]
            .as_str()
            .expect("text")
            .contains("Europe/Atlantis")
    );

    let out = chorus(
        dir,
        &["workspace", "create", "--name", " ", "--timezone", "UTC"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error (name): Give the workspace a name."),
        "{stderr}"
    );
}

#[test]
fn a_database_from_a_newer_chorus_is_refused_clearly() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    assert!(chorus(dir, &["doctor"]).status.success());
    bump_schema_version(dir);
    let out = chorus(dir, &["doctor", "--json"]);
    assert!(!out.status.success());
    let err = json(&out);
    assert_eq!(err["error"]["code"], "storage");
    assert!(
        err["error"]["message"]
            .as_str()
            .expect("text")
            .contains("newer than this version of Chorus"),
        "{err}"
    );
}

/// Pretends a newer Chorus has migrated this database.
fn bump_schema_version(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("chorus.sqlite3")).expect("open db");
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("read version");
    conn.pragma_update(None, "user_version", version + 100)
        .expect("bump version");
}

#[test]
fn the_missed_post_grace_period_is_a_setting() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    assert_eq!(
        json(&chorus(dir, &["publish", "status", "--json"]))["missedGraceMinutes"],
        15
    );
    let set = json(&chorus(dir, &["publish", "grace", "45", "--json"]));
    assert_eq!(set["missedGraceMinutes"], 45);
    assert_eq!(
        json(&chorus(dir, &["publish", "status", "--json"]))["missedGraceMinutes"],
        45
    );
    let refused = chorus(dir, &["publish", "grace", "99999", "--json"]);
    assert!(!refused.status.success());
    assert_eq!(json(&refused)["error"]["field"], "missedGraceMinutes");
}
