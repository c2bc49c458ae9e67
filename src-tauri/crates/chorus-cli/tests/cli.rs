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

/// A JPEG carrying EXIF with a GPS block, as a phone writes it.
fn phone_photo(path: &Path, w: u32, h: u32) {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&img)
        .expect("encode");
    // TIFF, little-endian: IFD0 with one entry, GPSInfo (0x8825) -> an IFD with GPSLatitudeRef.
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x8825u16.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&2u32.to_le_bytes());
    tiff.extend_from_slice(b"N\0\0\0");
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    std::fs::write(path, out).expect("write");
}

#[test]
fn media_import_tag_edit_render_and_delete() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = &tmp.path().join("profile");
    let ws = chorus(
        dir,
        &[
            "workspace",
            "create",
            "--name",
            "Bakery",
            "--timezone",
            "UTC",
        ],
    );
    assert!(ws.status.success(), "{ws:?}");
    let photo = tmp.path().join("counter.jpg");
    phone_photo(&photo, 1200, 800);
    let photo_arg = photo.display().to_string();
    let imported = chorus(dir, &["media", "import", &photo_arg, "--json"]);
    assert!(imported.status.success(), "{imported:?}");
    let item = &json(&imported)[0];
    let id = item["id"].as_i64().expect("id").to_string();
    assert_eq!(
        (item["width"].as_u64(), item["height"].as_u64()),
        (Some(1200), Some(800))
    );
    assert_eq!(item["thumbState"], "ready");
    assert!(Path::new(item["thumbnail"].as_str().expect("thumb")).is_file());

    let again = chorus(dir, &["media", "import", &photo_arg, "--json"]);
    assert_eq!(
        json(&again)[0]["id"].as_i64().map(|i| i.to_string()),
        Some(id.clone()),
        "stored once"
    );

    assert!(
        chorus(dir, &["media", "tag", &id, "summer", "#Sale"])
            .status
            .success()
    );
    let found = json(&chorus(
        dir,
        &["media", "list", "--search", "sale", "--json"],
    ));
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["tags"], serde_json::json!(["sale", "summer"]));
    let none = json(&chorus(
        dir,
        &["media", "list", "--search", "winter", "--json"],
    ));
    assert_eq!(none.as_array().map(Vec::len), Some(0));

    let edited = chorus(
        dir,
        &[
            "media",
            "edit",
            &id,
            "--crop-preset",
            "4:5",
            "--rotate",
            "90",
            "--brightness",
            "-0.1",
            "--json",
        ],
    );
    assert!(edited.status.success(), "{edited:?}");
    assert_eq!(json(&edited)["recipe"]["rotate"], 90);
    assert_eq!(json(&edited)["recipe"]["crop"]["aspect"], "4:5");

    let out = tmp.path().join("for-bluesky.jpg");
    let rendered = chorus(
        dir,
        &[
            "media",
            "render",
            &id,
            "--network",
            "bluesky",
            "--out",
            &out.display().to_string(),
            "--json",
        ],
    );
    assert!(rendered.status.success(), "{rendered:?}");
    let summary = json(&rendered);
    // Rotated to 800x1200, then the largest 4:5 crop: 800x1000.
    assert_eq!(
        (summary["width"].as_u64(), summary["height"].as_u64()),
        (Some(800), Some(1000))
    );
    assert_eq!(summary["mimeType"], "image/jpeg");
    assert!(summary["byteSize"].as_u64().expect("size") <= 1_000_000);
    assert!(
        summary["stripped"]
            .as_array()
            .expect("list")
            .contains(&serde_json::json!("location (GPS)"))
    );
    assert_eq!(image::image_dimensions(&out).expect("written"), (800, 1000));
    let text = chorus(
        dir,
        &[
            "media",
            "render",
            &id,
            "--network",
            "bluesky",
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(
        String::from_utf8_lossy(&text.stdout).contains("removed: location (GPS)"),
        "{text:?}"
    );

    let bad_preset = chorus(
        dir,
        &["media", "edit", &id, "--crop-preset", "3:2", "--json"],
    );
    assert!(!bad_preset.status.success());
    assert_eq!(json(&bad_preset)["error"]["field"], "crop");
    let empty = tmp.path().join("empty.png");
    std::fs::write(&empty, b"").expect("write");
    let refused = chorus(
        dir,
        &["media", "import", &empty.display().to_string(), "--json"],
    );
    assert!(!refused.status.success());
    assert!(
        json(&refused)["error"]["message"]
            .as_str()
            .expect("message")
            .contains("the file is empty")
    );

    assert!(chorus(dir, &["media", "delete", &id]).status.success());
    let left = json(&chorus(dir, &["media", "list", "--json"]));
    assert_eq!(left.as_array().map(Vec::len), Some(0));
}
