// CSV in and out of the real app (WebKitGTK through tauri-driver), through the real GTK file
// dialogs, answered with xdotool the way a person would: type the path, press Enter. A file
// with bad rows is reported row by row and creates nothing; a good file is checked first,
// then imported (seen in `chorus post list`); the export writes every post to the path typed
// into the save dialog, in columns that import again.
// Needs tests/servers/with-servers.sh (make e2e) for the Nostr relay the channel points at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
if (!relay) throw new Error("CHORUS_TEST_NOSTR_RELAY is not set: run through make e2e (tests/servers/with-servers.sh)");

const ZONE = "Asia/Kolkata";
const profile = freshProfile("csv");
let driver;
let browser;
let channel;

function isoDayIn(ms, zone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

function addDays(isoDay, n) {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const ahead = addDays(isoDayIn(Date.now(), ZONE), 5);
const csvDir = path.join(profile.root, "sheets");

function writeCsv(name, text) {
  execFileSync("mkdir", ["-p", csvDir]);
  const file = path.join(csvDir, name);
  writeFileSync(file, text);
  return file;
}

function xdotool(...args) {
  return execFileSync("xdotool", args, { encoding: "utf8", timeout: 20000 }).trim();
}

/**
 * Answers the GTK file dialog titled `title`: focus it, type `file` into its location (Open)
 * or name (Save) field, press Enter. Under Xvfb there is no window manager, so focus is set
 * directly (XSetInputFocus) and keys go in through XTEST, as from a keyboard.
 */
async function answerFileDialog(title, file, { open }) {
  const id = xdotool("search", "--sync", "--onlyvisible", "--name", title).split("\n")[0];
  assert.ok(id, `no window titled "${title}"`);
  await new Promise((r) => setTimeout(r, 500)); // the dialog maps, then lays out its widgets
  xdotool("windowfocus", "--sync", id);
  // In the Open dialog, Ctrl+L shows the location field; the Save dialog's name field has focus.
  xdotool("key", "--clearmodifiers", open ? "ctrl+l" : "ctrl+a");
  xdotool("type", "--delay", "15", file);
  await new Promise((r) => setTimeout(r, 300));
  xdotool("key", "Return");
  // Gone once answered.
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    try {
      xdotool("search", "--onlyvisible", "--name", title);
    } catch {
      return; // xdotool exits 1 when no window matches
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the dialog "${title}" is still open after typing ${file}`);
}

before(async () => {
  cliJson(profile, "workspace", "create", "--name", "Chai Corner", "--timezone", ZONE);
  channel = cliJson(profile, "channel", "add", "nostr", "--relay", relay, "--generate");
  driver = await startDriver(profile);
  browser = await driver.session();
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "3"]);
  await (await browser.$('[data-testid="calendar-grid"]')).waitForDisplayed({ timeout: 10000 });
});

after(async () => {
  if (browser) await endSession(browser);
  driver?.stop();
});

async function importThroughDialog(file) {
  await (await browser.$('[data-testid="csv-menu"]')).click();
  await (await browser.$("button=Import posts from CSV…")).click();
  await answerFileDialog("Import posts from CSV", file, { open: true });
  const report = await browser.$('[data-testid="csv-report"]');
  await report.waitForDisplayed({ timeout: 10000 });
  return report;
}

test("a file with bad rows is reported row by row and nothing is created", async () => {
  const file = writeCsv(
    "bad.csv",
    [
      "time,channels,text",
      `${ahead} 09:00,${channel.id},Masala chai at nine`,
      `${ahead} 25:00,${channel.id},A time that does not exist`,
      `${ahead} 10:00,@nobody.example,On a channel we do not have`,
    ].join("\n") + "\n",
  );
  const report = await importThroughDialog(file);
  assert.match(await report.getText(), /2 of 3 rows have errors/);
  const good = await browser.$('[data-testid="csv-row-2"]');
  assert.equal(await good.getAttribute("data-ok"), "true");
  // The row gave the channel's id; the report names it by its handle.
  assert.ok((await good.getText()).includes(channel.handle), `${await good.getText()} does not name ${channel.handle}`);
  for (const line of [3, 4]) {
    const row = await browser.$(`[data-testid="csv-row-${line}"]`);
    assert.equal(await row.getAttribute("data-ok"), "false", `line ${line} passed`);
    assert.ok((await (await row.$("ul")).getText()).length > 0, `line ${line} has no error text`);
  }
  assert.match(await (await browser.$('[data-testid="csv-row-4"]')).getText(), /nobody\.example/);
  assert.equal(await (await report.$("button*=Import")).isExisting(), false, "a bad file offers an Import button");
  await screenshot(browser, "35-csv-report-errors");
  await (await report.$("button=Close report")).click();
  assert.deepEqual(cliJson(profile, "post", "list"), []);
});

test("a good file is checked, then imported, and the export writes it back out", async () => {
  const file = writeCsv(
    "good.csv",
    [
      "time,channels,text,tags",
      `${ahead} 09:00,${channel.id},"Masala chai at nine, samosas at ten",menu`,
      `${ahead} 17:30,${channel.id},Evening chai with cardamom,menu;evening`,
    ].join("\n") + "\n",
  );
  const report = await importThroughDialog(file);
  assert.match(await report.getText(), /All 2 rows are fine/);
  await screenshot(browser, "36-csv-report-ready");
  await (await report.$("button=Import 2 posts")).click();
  await report.waitForExist({ reverse: true, timeout: 10000 });

  const posts = cliJson(profile, "post", "list");
  const texts = posts.map((p) => p.text).sort();
  assert.deepEqual(texts, ["Evening chai with cardamom", "Masala chai at nine, samosas at ten"]);
  // 09:00 in Kolkata is 03:30 UTC.
  const morning = posts.find((p) => p.text.startsWith("Masala"));
  assert.equal(morning.dueAt, `${ahead}T03:30:00.000Z`);

  const out = path.join(csvDir, "exported.csv");
  await (await browser.$('[data-testid="csv-menu"]')).click();
  await (await browser.$("button=Export all posts to CSV…")).click();
  await answerFileDialog("Export posts to CSV", out, { open: false });
  await browser.waitUntil(() => existsSync(out), { timeout: 10000, timeoutMsg: `${out} was not written` });
  await browser.waitUntil(() => readFileSync(out, "utf8").includes("Evening chai"), { timeout: 5000 });
  const written = readFileSync(out, "utf8");
  const header = written.split(/\r?\n/)[0].split(",");
  for (const column of ["time", "channels", "text", "tags"]) assert.ok(header.includes(column), `no ${column} column: ${header}`);
  assert.match(written, /"Masala chai at nine, samosas at ten"/);
  assert.match(written, /menu;evening|evening;menu/);
  await screenshot(browser, "37-csv-exported");
});
