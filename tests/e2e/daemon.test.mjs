// The real app and `chorus daemon` on one data dir, against a real nostr-rs-relay: the inbox is
// synced once, by whichever holds the inbox job's lease. The daemon starts first and syncs; the
// app stands by, yet shows what the daemon stored; when the daemon dies, the app takes the sync
// over. Needs tests/servers/with-servers.sh (make e2e).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
if (!relay) throw new Error("CHORUS_TEST_NOSTR_RELAY is not set: run through make e2e (tests/servers/with-servers.sh)");

const ours = freshProfile("shared");
ours.env.RUST_LOG = "info";
// The tray writes its icon here (libayatana-appindicator reads it from a file).
ours.env.XDG_RUNTIME_DIR = path.join(ours.root, "runtime");
mkdirSync(ours.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
const theirs = freshProfile("shared-other");
const daemonOut = path.join(ours.root, "daemon.out");
const daemonErr = path.join(ours.root, "daemon.err");
let ourNpub;
let ourDaemon;
let theirDaemon;
let driver;
let browser;

function read(file) {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Everything the app logged (its own log files in the data dir; the daemon's are daemon.*.log). */
function appLog() {
  const dir = path.join(ours.env.CHORUS_DATA_DIR, "logs");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .filter((f) => f.startsWith("app."))
    .map((f) => read(path.join(dir, f)))
    .join("\n");
}

const syncs = (log) => log.split("\n").filter((l) => l.includes("inbox synced")).length;

function inboxItems() {
  const listed = cliJson(ours, "inbox", "list");
  return Array.isArray(listed) ? listed : (listed.items ?? listed.conversations?.flatMap((c) => c.items) ?? []);
}

async function until(what, holds, timeout = 60000) {
  const deadline = Date.now() + timeout;
  while (!(await holds())) {
    if (Date.now() > deadline) {
      throw new Error(`waited for ${what}; the daemon logged:\n${read(daemonErr)}\nthe app logged:\n${appLog()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Publishes a mention from the other account and resolves when the relay has it. */
async function theyMention(text) {
  const channel = cliJson(theirs, "channel", "list")[0];
  const created = cliJson(theirs, "post", "create", "--channel", String(channel.id), "--text", `@${ourNpub} ${text}`, "--now");
  await until("the other account's post to go out", () => {
    const post = cliJson(theirs, "post", "list").find((p) => p.id === created.id);
    return post?.targets.every((t) => t.state === "published");
  });
}

before(async () => {
  cliJson(ours, "workspace", "create", "--name", "Harbour Bakery", "--timezone", "Europe/Berlin");
  ourNpub = cliJson(ours, "channel", "add", "nostr", "--relay", relay, "--generate").handle;
  cliJson(theirs, "workspace", "create", "--name", "A customer", "--timezone", "UTC");
  cliJson(theirs, "channel", "add", "nostr", "--relay", relay, "--generate");
  theirDaemon = spawn(process.env.CHORUS_CLI_BIN, ["--data-dir", theirs.env.CHORUS_DATA_DIR, "daemon"], {
    env: { ...process.env, ...theirs.env, RUST_LOG: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  // Ours: the daemon first, so it holds the inbox's lease (and publishing).
  ourDaemon = spawn(process.env.CHORUS_CLI_BIN, ["--data-dir", ours.env.CHORUS_DATA_DIR, "daemon"], {
    env: { ...process.env, ...ours.env },
    stdio: ["ignore", openSync(daemonOut, "w"), openSync(daemonErr, "w")],
  });
  await until("our daemon to sync the inbox", () => syncs(read(daemonErr)) >= 1);
  driver = await startDriver(ours);
  browser = await driver.session();
});

after(async () => {
  ourDaemon?.kill("SIGKILL");
  theirDaemon?.kill("SIGTERM");
  if (browser) await endSession(browser);
  driver?.stop();
});

test("with the daemon running, the app stands by for the inbox yet shows what the daemon synced", async () => {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await until("the app to stand by for the inbox", () => appLog().includes("another Chorus runs this job here; standing by"));
  await (await browser.$('[data-testid="nav-inbox"]')).click();
  await (await browser.$('[data-testid="inbox"]')).waitForDisplayed({ timeout: 10000 });

  await theyMention("Do you deliver on Saturdays?");
  const item = await browser.$('[data-testid^="inbox-item-"]');
  await item.waitForDisplayed({ timeout: 30000 });
  assert.match(await item.getText(), /deliver on Saturdays/);
  await until("the daemon to print the notification", () => /^NOTIFY .*deliver on Saturdays/m.test(read(daemonOut)));

  assert.equal(syncs(appLog()), 0, `the app asked the relay while the daemon held the lease:\n${appLog()}`);
  const items = inboxItems();
  assert.equal(items.length, 1, `stored once: ${JSON.stringify(items).slice(0, 500)}`);
});

test("when the daemon dies, the app takes the inbox sync over", async () => {
  ourDaemon.kill("SIGKILL");
  await until("the app to sync the inbox itself", () => syncs(appLog()) >= 1);
  await theyMention("And on Sundays?");
  await browser.waitUntil(async () => (await browser.$$('[data-testid^="inbox-item-"]')).length === 2, {
    timeout: 30000,
    interval: 200,
    timeoutMsg: "the second mention did not show in the app",
  });
  assert.equal(inboxItems().length, 2);
  await screenshot(browser, "52-inbox-after-the-daemon-stopped");
});
