//! The `chorus` binary on a data dir of a test's own, with secrets in a file instead of the
//! keychain (`CHORUS_TEST_SECRETS_FILE`).

// Each test binary compiles this module and uses part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub struct Chorus {
    pub data_dir: PathBuf,
    pub secrets_file: PathBuf,
}

impl Chorus {
    /// Everything under `root`.
    pub fn at(root: &std::path::Path) -> Self {
        Self {
            data_dir: root.join("data"),
            secrets_file: root.join("secrets.json"),
        }
    }

    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_chorus"));
        command
            .arg("--data-dir")
            .arg(&self.data_dir)
            .env_remove("CHORUS_DATA_DIR")
            .env("CHORUS_TEST_SECRETS_FILE", &self.secrets_file);
        command
    }

    /// Runs `chorus --json ARGS` to its end, expecting success.
    pub fn json(&self, args: &[&str]) -> Value {
        self.json_with_input(args, None)
    }

    /// Runs `chorus --json ARGS` to its end with `stdin` (a secret, say) piped in, expecting
    /// success.
    pub fn json_with_input(&self, args: &[&str], stdin: Option<&str>) -> Value {
        let mut command = self.command();
        command
            .arg("--json")
            .args(args)
            .env("RUST_LOG", "off")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("chorus starts");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin");
            writeln!(pipe, "{input}").expect("write stdin");
        }
        let output = child.wait_with_output().expect("chorus runs");
        assert!(
            output.status.success(),
            "chorus {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "chorus {args:?} did not print JSON ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })
    }
}

/// A workspace with one Nostr channel on the test relay (a new key); the channel's public
/// key as hex, for others to mention it.
pub fn nostr_workspace(chorus: &Chorus, name: &str) -> String {
    let relay = chorus_testkit::servers::nostr_relay_url();
    chorus.json(&["workspace", "create", "--name", name, "--timezone", "UTC"]);
    let channel = chorus.json(&["channel", "add", "nostr", "--relay", &relay, "--generate"]);
    chorus_testkit::servers::nostr_public_key_hex(channel["handle"].as_str().expect("npub"))
}

/// Every item of an `inbox list --json` answer, conversation by conversation.
pub fn inbox_items(listing: &Value) -> Vec<Value> {
    listing["conversations"]
        .as_array()
        .expect("conversations")
        .iter()
        .flat_map(|c| c["items"].as_array().cloned().unwrap_or_default())
        .collect()
}
