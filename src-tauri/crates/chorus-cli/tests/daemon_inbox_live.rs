//! `chorus daemon` syncs the inbox from a real `nostr-rs-relay` (started by `make
//! test-networks`) and prints what a desktop would notify; a second Chorus on the same data
//! dir (here a second daemon: the app runs the same inbox job from chorus-core) stands by and
//! only announces what the first stored, so the relay is asked by one process; when the
//! first is killed, the second takes over the sync.

mod support;

use chorus_testkit::servers;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use support::{Chorus, inbox_items};

/// Bounded waits: long enough for a loaded CI machine, asserted by content, never by time.
const WAIT: Duration = Duration::from_secs(60);

/// A daemon whose standard output and log go to `<name>.out` and `<name>.err` in `logs`.
fn daemon(chorus: &Chorus, logs: &Path, name: &str) -> Daemon {
    let file = |ext: &str| logs.join(format!("{name}.{ext}"));
    let child = chorus
        .command()
        .arg("daemon")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(file("out")).expect("log file"))
        .stderr(std::fs::File::create(file("err")).expect("log file"))
        .spawn()
        .expect("the daemon starts");
    Daemon {
        child: Some(child),
        out: file("out"),
        err: file("err"),
    }
}

struct Daemon {
    child: Option<Child>,
    out: PathBuf,
    err: PathBuf,
}

impl Daemon {
    fn printed(&self) -> String {
        read(&self.out)
    }

    fn logged(&self) -> String {
        read(&self.err)
    }

    /// Waits until `what` holds of the daemon's output, or fails with both its files.
    fn wait_for(&self, what: &str, holds: impl Fn(&Self) -> bool) {
        let started = Instant::now();
        while !holds(self) {
            assert!(
                started.elapsed() < WAIT,
                "waited for {what}; the daemon printed:\n{}\nand logged:\n{}",
                self.printed(),
                self.logged()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn sigkill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().expect("SIGKILL");
            child.wait().expect("reaped");
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.sigkill();
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// The lines the daemon printed for a notification that names `text`.
fn notified(printed: &str, text: &str) -> usize {
    printed
        .lines()
        .filter(|l| l.starts_with("NOTIFY ") && l.contains(text))
        .count()
}

fn syncs(logged: &str) -> usize {
    logged
        .lines()
        .filter(|l| l.contains("inbox synced"))
        .count()
}

#[test]
#[ignore = "needs the local test servers: make test-networks"]
fn the_daemon_syncs_the_inbox_from_nostr_rs_relay_and_a_second_chorus_only_stands_by() {
    let relay = servers::nostr_relay_url();
    let tmp = tempfile::tempdir().expect("tempdir");
    let chorus = Chorus::at(tmp.path());
    let our_hex = support::nostr_workspace(&chorus, "Headless");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let mut first = daemon(&chorus, tmp.path(), "first");
    first.wait_for("the first daemon to sync", |d| syncs(&d.logged()) >= 1);
    let second = daemon(&chorus, tmp.path(), "second");
    second.wait_for("the second daemon to stand by for the inbox", |d| {
        d.logged()
            .contains("another Chorus runs this job here; standing by")
    });
    second.wait_for("the second daemon to stand by for publishing", |d| {
        d.logged().contains("already publishing")
    });

    let text = "Do you deliver on Saturdays?";
    runtime.block_on(servers::nostr_mention(&relay, &our_hex, text));
    first.wait_for("the first daemon to print the notification", |d| {
        notified(&d.printed(), text) == 1
    });
    second.wait_for("the second to announce what the first stored", |d| {
        notified(&d.printed(), text) == 1
    });
    assert_eq!(
        syncs(&second.logged()),
        0,
        "only the holder of the inbox lease asks the relay; the second logged:\n{}",
        second.logged()
    );
    let listed = chorus.json(&["inbox", "list"]);
    let items = inbox_items(&listed);
    assert_eq!(items.len(), 1, "stored once: {listed}");
    assert_eq!(items[0]["text"], text);

    // The first goes away without a word: the second takes the sync (and publishing) over.
    first.sigkill();
    second.wait_for("the second daemon to take over the sync", |d| {
        syncs(&d.logged()) >= 1
    });
    let later = "Are you open on Sunday?";
    runtime.block_on(servers::nostr_mention(&relay, &our_hex, later));
    second.wait_for("the second daemon to notify what it synced itself", |d| {
        notified(&d.printed(), later) == 1
    });
    second.wait_for("the second daemon to take over publishing", |d| {
        d.logged().contains("publishing from this process")
    });
    assert_eq!(
        notified(&second.printed(), text),
        1,
        "an item is announced once per process, not again after the take-over"
    );
}
