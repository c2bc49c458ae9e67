// The unified inbox in the real app (WebKitGTK through tauri-driver) against a real
// nostr-rs-relay: another account (a second Chorus profile, driven by the CLI and its daemon)
// mentions us with hostile content; the app's background sync picks it up, raises an OS
// notification (caught from dunst over D-Bus) and shows it in the inbox, where nothing of the
// hostile content runs; then a click on a second mention's notification (dunst invoking its
// default action over D-Bus) brings the app from the calendar to the inbox at that item.
// Prints the time from the mention being published on the relay to the notification. Needs
// tests/servers/with-servers.sh (make e2e).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
if (!relay) throw new Error("CHORUS_TEST_NOSTR_RELAY is not set: run through make e2e (tests/servers/with-servers.sh)");

const ours = freshProfile("inbox");
// The tray writes its icon here (libayatana-appindicator reads it from a file).
ours.env.XDG_RUNTIME_DIR = path.join(ours.root, "runtime");
mkdirSync(ours.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
const theirs = freshProfile("inbox-other");
let driver;
let browser;
let ourNpub;
let daemon;

// Each would set a flag, open a dialog or navigate if anything of it ran.
const HOSTILE = [
  "<script>window.__pwned = 'script'</script>",
  '<img src=x onerror="window.__pwned = \'onerror\'">',
  '<a href="javascript:window.__pwned=\'href\'">click me</a>',
  "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg-script'</script></svg>",
  "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
].join(" ");
const OVERSIZED = "crumb ".repeat(1500);

function notifications() {
  try {
    execFileSync("dunstctl", ["close-all"]);
    const history = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
    return history.data.flat().map((n) => `${n.summary.data}: ${n.body.data}`);
  } catch {
    return [];
  }
}

before(async () => {
  cliJson(ours, "workspace", "create", "--name", "Harbour Bakery", "--timezone", "Europe/Berlin");
  ourNpub = cliJson(ours, "channel", "add", "nostr", "--relay", relay, "--generate").handle;
  assert.match(ourNpub, /^npub1/);
  cliJson(theirs, "workspace", "create", "--name", "A customer", "--timezone", "UTC");
  cliJson(theirs, "channel", "add", "nostr", "--relay", relay, "--generate");
  // The other account publishes through its own engine, as any other client would.
  daemon = spawn(process.env.CHORUS_CLI_BIN, ["--data-dir", theirs.env.CHORUS_DATA_DIR, "daemon"], {
    env: { ...process.env, ...theirs.env, RUST_LOG: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  driver = await startDriver(ours);
  browser = await driver.session();
});

after(async () => {
  daemon?.kill("SIGTERM");
  if (browser) await endSession(browser);
  driver?.stop();
});

/** Publishes a post from the other account and resolves when the relay has it. */
async function theyPost(text) {
  const channel = cliJson(theirs, "channel", "list")[0];
  const created = cliJson(theirs, "post", "create", "--channel", String(channel.id), "--text", text, "--now");
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    const post = cliJson(theirs, "post", "list").find((p) => p.id === created.id);
    if (post?.targets.every((t) => t.state === "published")) return Date.parse(post.targets[0].publishedAt);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the other account's post did not go out");
}

test("a mention raises an OS notification and shows in the inbox, and its hostile content runs nothing", async () => {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  notifications();
  await (await browser.$('[data-testid="nav-inbox"]')).click();
  await (await browser.$('[data-testid="inbox"]')).waitForDisplayed({ timeout: 10000 });

  const published = await theyPost(`@${ourNpub} Are you open on Sunday? ${HOSTILE} ${OVERSIZED}`);
  let seen = [];
  await browser.waitUntil(
    async () => {
      seen = notifications();
      // dunst's history is shared by the whole run: look for this mention, not any.
      return seen.some((n) => /mentioned you: .*Are you open on Sunday/.test(n));
    },
    { timeout: 20000, interval: 100, timeoutMsg: `no notification; dunst has: ${JSON.stringify(seen)}` },
  );
  const latency = Date.now() - published;
  console.log(`mention published on nostr-rs-relay -> OS notification: ${latency} ms (app polls every 3 s)`);
  const shown = seen.find((n) => /mentioned you: .*Are you open on Sunday/.test(n));
  assert.match(shown, /mentioned you: .*Are you/);

  // The item, once, in the inbox.
  const item = await browser.$('[data-testid^="inbox-item-"]');
  await item.waitForDisplayed({ timeout: 10000 });
  assert.equal((await browser.$$('[data-testid^="inbox-item-"]')).length, 1);
  assert.match(await item.getText(), /Are you open on Sunday/);

  // Nothing ran: no flag, no element that could run script, no javascript: link, and the
  // hostile markup is shown as the text it is.
  const report = await browser.execute(() => {
    const root = document.querySelector('[data-testid="inbox"]');
    return {
      pwned: window.__pwned ?? null,
      scripts: root.querySelectorAll("script, iframe, object, embed, svg script").length,
      handlers: [...root.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
      jsLinks: root.querySelectorAll('a[href^="javascript:" i]').length,
      location: window.location.href,
    };
  });
  assert.deepEqual(
    { pwned: report.pwned, scripts: report.scripts, handlers: report.handlers, jsLinks: report.jsLinks },
    { pwned: null, scripts: 0, handlers: 0, jsLinks: 0 },
  );
  assert.match(await item.getText(), /<script>window.__pwned/);
  await screenshot(browser, "50-inbox-hostile-mention");
  // From the keyboard the item is focused and shows its ring (WebKitGTK drew none when the
  // ring was built from a token that is itself a whole shadow).
  await browser.keys("j");
  await browser.waitUntil(
    () => browser.execute(() => document.activeElement?.dataset?.testid?.startsWith("inbox-item-") ?? false),
    { timeout: 5000, interval: 100, timeoutMsg: "j does not focus the inbox item" },
  );
  const ring = await browser.execute(() => getComputedStyle(document.activeElement).boxShadow);
  assert.match(ring, /inset/, `the keyboard-focused item shows a ring: ${ring}`);
  await screenshot(browser, "50b-inbox-keyboard-focus");
  // Clicking the would-be javascript: link does nothing either.
  const link = await item.$("*=click me");
  if (await link.isExisting()) await link.click();
  await browser.pause(300);
  assert.equal(await browser.execute(() => window.__pwned ?? null), null);
  assert.equal(await browser.execute(() => window.location.href), report.location);

  // The tray's icon carries the unread count: its newest icon file has the red badge.
  const trayDir = path.join(ours.env.XDG_RUNTIME_DIR, "tray-icon");
  const badge = await browser.waitUntil(
    () => {
      const files = readdirSync(trayDir).filter((f) => f.endsWith(".png"));
      if (files.length === 0) return false;
      const newest = files.map((f) => path.join(trayDir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
      const convert = ["/usr/bin/convert", "convert"].find((c) => c === "convert" || statSync(c, { throwIfNoEntry: false }));
      const [w] = execFileSync(convert, [newest, "-format", "%w %h", "info:"], { encoding: "utf8" }).split(" ").map(Number);
      // On the disc's rim, left of the digit: red.
      const pixel = execFileSync(convert, [newest, "-crop", `1x1+${Math.round(w * 0.78)}+${Math.round(w * 0.04)}`, "-depth", "8", "txt:-"], { encoding: "utf8" });
      return /#D92D20/i.test(pixel) ? newest : false;
    },
    { timeout: 10000, interval: 250, timeoutMsg: `no badged tray icon in ${trayDir}` },
  );
  console.log(`tray icon with the unread badge: ${badge}`);

  // The CLI sees the same one item, unread.
  const listed = cliJson(ours, "inbox", "list");
  const items = Array.isArray(listed) ? listed : (listed.items ?? listed.conversations?.flatMap((c) => c.items) ?? []);
  assert.equal(items.length, 1, JSON.stringify(listed).slice(0, 500));
});

test("clicking the notification brings the app up on the inbox, at the item", async () => {
  // Somewhere else in the app, so the click has to navigate.
  await browser.keys(["Control", "3"]);
  await (await browser.$('[data-testid="calendar-grid"]')).waitForDisplayed({ timeout: 10000 });
  notifications(); // closes what is shown, so the next one is the only one
  await theyPost(`@${ourNpub} One more question: do you bake rye on Saturdays?`);
  const dunst = (...args) => execFileSync("dunstctl", args, { encoding: "utf8" }).trim();
  await browser.waitUntil(async () => Number(dunst("count", "displayed")) > 0, {
    timeout: 20000,
    interval: 100,
    timeoutMsg: "no notification was shown for the second mention",
  });
  // What a click on the notification does: dunst invokes its default action over D-Bus.
  dunst("action", "0");
  await (await browser.$('[data-testid="inbox"]')).waitForDisplayed({ timeout: 10000 });
  const focused = await browser.waitUntil(
    async () => {
      const f = await browser.execute(() => {
        const el = document.activeElement?.closest('[data-testid^="inbox-item-"]');
        return el ? { id: el.getAttribute("data-testid"), text: el.textContent } : null;
      });
      return f && /rye on Saturdays/.test(f.text) ? f : false;
    },
    { timeout: 10000, timeoutMsg: "the inbox did not focus the mentioned item" },
  );
  assert.match(focused.id, /^inbox-item-\d+$/);
  await screenshot(browser, "51-inbox-after-notification-click");
});
