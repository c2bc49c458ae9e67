// The calendar in the real app (WebKitGTK through tauri-driver): a post made with the CLI shows
// on its day in the workspace's zone, a real pointer drag moves it to the next day at the same
// local time (checked in SQLite and through the CLI), and a drop on a past day is refused.
// Needs tests/servers/with-servers.sh (make e2e) for the Nostr relay the channel points at.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
if (!relay) throw new Error("CHORUS_TEST_NOSTR_RELAY is not set: run through make e2e (tests/servers/with-servers.sh)");

const ZONE = "Europe/Berlin";
const profile = freshProfile("calendar");
let driver;
let browser;
let postId;
let channelId;
let day; // the post's day in Berlin, "YYYY-MM-DD"
let nextDay;

/** The calendar date in `zone` of an instant, as "YYYY-MM-DD". */
function isoDayIn(ms, zone) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** Minutes east of UTC that `zone` is at instant `ms`. */
function offsetMinutes(ms, zone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(ms).map((p) => [p.type, p.value]),
  );
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/** The UTC instant of 10:00 wall-clock time in Berlin on `isoDay` (no DST change at 10:00). */
function tenLocal(isoDay) {
  const guess = Date.parse(`${isoDay}T10:00:00Z`);
  return new Date(guess - offsetMinutes(guess, ZONE) * 60000);
}

function addDays(isoDay, n) {
  const d = new Date(`${isoDay}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dbInstants() {
  const db = path.join(profile.env.CHORUS_DATA_DIR, "chorus.sqlite3");
  const sql = `SELECT p.scheduled_at, group_concat(v.due_at, ' ') FROM posts p JOIN post_variants v ON v.post_id = p.id WHERE p.id = ${Number(postId)} GROUP BY p.id`;
  const out = execFileSync("sqlite3", ["-readonly", "-separator", "|", db, sql], { encoding: "utf8" }).trim();
  const [scheduled, dues] = out.split("|");
  return { scheduled, dues: dues.split(" ") };
}

function listedDueAt() {
  const found = cliJson(profile, "post", "list").find((p) => p.id === postId);
  assert.ok(found, `post ${postId} is not in chorus post list`);
  return found.dueAt;
}

before(async () => {
  cliJson(profile, "workspace", "create", "--name", "Harbour Bakery", "--timezone", ZONE);
  const channel = cliJson(profile, "channel", "add", "nostr", "--relay", relay, "--generate");
  // Open slots to draw: Mondays 08:00 and Thursdays 12:30, Berlin time.
  channelId = channel.id;
  const slots = cliJson(profile, "slots", "set", String(channel.id), "mon@08:00", "thu@12:30");
  assert.equal(slots.length, 2);
  // About three days ahead, with the next day in the same month, so one month view holds both.
  const today = isoDayIn(Date.now(), ZONE);
  let ahead = 3;
  while (addDays(today, ahead).slice(0, 7) !== addDays(today, ahead + 1).slice(0, 7)) ahead++;
  day = addDays(today, ahead);
  nextDay = addDays(day, 1);
  const at = tenLocal(day).toISOString();
  const created = cliJson(profile, "post", "create", "--channel", String(channel.id), "--text", "Stollen week starts", "--at", at);
  postId = created.id;
  assert.equal(new Date(listedDueAt()).getTime(), new Date(at).getTime());
  driver = await startDriver(profile);
  browser = await driver.session();
});

after(async () => {
  if (browser) await endSession(browser);
  driver?.stop();
});

const postSelector = () => `[data-testid="calendar-grid"] [data-post-id="${postId}"]`;
const cellSelector = (iso) => `[data-testid="calendar-grid"] [role="cell"][data-date="${iso}"]`;

/** The day cell under the middle of the post's element, read from the layout. */
async function drawnDay() {
  return browser.execute((sel) => {
    const host = document.querySelector(sel)?.closest("[role=button]");
    if (!host) return null;
    const r = host.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    for (const cell of document.querySelectorAll('[data-testid="calendar-grid"] [role="cell"][data-date]')) {
      const c = cell.getBoundingClientRect();
      if (c.width > 0 && x >= c.left && x < c.right && y >= c.top && y < c.bottom) return cell.getAttribute("data-date");
    }
    return null;
  }, postSelector());
}

async function centre(selector) {
  return browser.execute((sel) => {
    const el = document.querySelector(sel);
    el?.scrollIntoView({ block: "center" });
    const r = el?.getBoundingClientRect();
    return r ? { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + Math.min(r.height / 2, 40)) } : null;
  }, selector);
}

/** A real mouse drag: press on the post, travel in small steps (FullCalendar needs them), release. */
async function dragPostTo(cell) {
  const from = await centre(`${postSelector()}`);
  const to = await centre(cell);
  assert.ok(from && to, `nothing to drag from (${JSON.stringify(from)}) or to (${JSON.stringify(to)})`);
  const pointer = browser.action("pointer", { parameters: { pointerType: "mouse" } });
  pointer.move({ x: from.x, y: from.y, origin: "viewport" }).down({ button: 0 }).pause(150);
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    const x = Math.round(from.x + ((to.x - from.x) * i) / steps);
    const y = Math.round(from.y + ((to.y - from.y) * i) / steps);
    pointer.move({ x, y, origin: "viewport", duration: 40 });
  }
  pointer.pause(200).up({ button: 0 });
  await pointer.perform();
}

async function openCalendar() {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "3"]);
  await (await browser.$('[data-testid="calendar-grid"]')).waitForDisplayed({ timeout: 10000 });
  // The post is at most a week ahead: this month's view, or the next one's.
  const post = await browser.$(postSelector());
  if (!(await post.isExisting())) {
    await (await browser.$('button[aria-label="Next month"]')).click();
  }
  await post.waitForDisplayed({ timeout: 10000 });
}

test("a post dragged to the next day keeps its 10:00 Berlin time, in SQLite and in the CLI", async () => {
  await openCalendar();
  assert.equal(await drawnDay(), day);
  // The CLI's slots are drawn as open-slot markers ahead of now, at their Berlin time.
  const markers = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="calendar-grid"] [data-slot-at]')].map((el) => el.textContent),
  );
  assert.ok(markers.length > 0, "no open slots drawn");
  assert.ok(markers.every((t) => /^(08:00 AM|12:30 PM)/.test(t)), JSON.stringify(markers));
  await screenshot(browser, "30-calendar-month");

  const before = new Date(listedDueAt());
  await dragPostTo(cellSelector(nextDay));
  await browser.waitUntil(async () => (await drawnDay()) === nextDay, {
    timeout: 10000,
    timeoutMsg: `the post is drawn on ${await drawnDay()}, not ${nextDay}`,
  });
  const expected = tenLocal(nextDay);
  await browser.waitUntil(async () => new Date(listedDueAt()).getTime() === expected.getTime(), {
    timeout: 10000,
    interval: 250,
    timeoutMsg: "chorus post list does not show the new time",
  });
  // One calendar day later at the same wall-clock time (24 h unless the clocks change between).
  const moved = new Date(listedDueAt());
  assert.equal(isoDayIn(moved.getTime(), ZONE), nextDay);
  assert.equal(
    new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" }).format(moved),
    "10:00",
  );
  assert.equal(moved.getTime() - before.getTime(), (24 * 60 + offsetMinutes(before.getTime(), ZONE) - offsetMinutes(moved.getTime(), ZONE)) * 60000);

  const db = dbInstants();
  assert.equal(db.scheduled, expected.toISOString(), `posts.scheduled_at is ${db.scheduled}`);
  assert.deepEqual(db.dues, [expected.toISOString()], `post_variants.due_at is ${db.dues}`);
  await screenshot(browser, "31-calendar-after-drag");
});

test("a drop on a day that has passed is refused and the post stays", async (t) => {
  const today = isoDayIn(Date.now(), ZONE);
  const past = await browser.execute((todayIso) => {
    const cells = [...document.querySelectorAll('[data-testid="calendar-grid"] [role="cell"][data-date]')];
    const earlier = cells.map((c) => c.getAttribute("data-date")).filter((d) => d && d < todayIso);
    return earlier.length > 0 ? earlier[earlier.length - 1] : null;
  }, today);
  if (!past) {
    t.skip("this month view starts today: no past day to drop on");
    return;
  }
  const before = listedDueAt();
  await dragPostTo(cellSelector(past));
  // The refusal is immediate (FullCalendar's eventAllow says no while hovering); give a wrongly
  // accepted drop the time to reach the backend before reading it.
  await browser.pause(1500);
  assert.equal(await drawnDay(), nextDay);
  assert.equal(listedDueAt(), before);
  const db = dbInstants();
  assert.equal(db.scheduled, new Date(before).toISOString());
  await screenshot(browser, "32-calendar-past-drop-refused");
});

test("the week view draws the moved post at 10:00 on the grid, in WebKitGTK too", async () => {
  await (await browser.$('//label[.//span[normalize-space()="Week"]]')).click();
  for (let i = 0; i < 3 && !(await (await browser.$(postSelector())).isExisting()); i++) {
    await (await browser.$('button[aria-label="Next week"]')).click();
  }
  await (await browser.$(postSelector())).waitForDisplayed({ timeout: 10000 });
  // The post's top edge sits on the 10:00 line of the grid (2 px of rounding allowed).
  const offset = await browser.execute((sel) => {
    const host = document.querySelector(sel)?.closest("[role=button]");
    const line = [...document.querySelectorAll('[data-testid="calendar-grid"] [data-time="10:00:00"]')].find(
      (el) => el.getBoundingClientRect().width > 0,
    );
    if (!host || !line) return null;
    host.scrollIntoView({ block: "center" });
    return host.getBoundingClientRect().top - line.getBoundingClientRect().top;
  }, postSelector());
  assert.ok(offset !== null && Math.abs(offset) <= 2, `the 10:00 post is ${offset}px from the 10:00 line`);
  // Off the toolbar, so no hover state is drawn; WebKitGTK then gets time to paint.
  await browser.action("pointer").move({ x: 5, y: 700, origin: "viewport" }).perform();
  await browser.pause(1000);
  await screenshot(browser, "33-calendar-week");
});

test("Settings → Channels shows the CLI's posting slots, and a slot saved there reaches the CLI", async () => {
  await browser.keys(["Control", "4"]);
  const box = await browser.$(`[data-testid="posting-slots-${channelId}"]`);
  await box.waitForDisplayed({ timeout: 10000 });
  await (await box.$("button[aria-expanded]")).click();
  const times = await browser.execute(
    (id) => [...document.querySelectorAll(`[data-testid="posting-slots-${id}"] input[type=time]`)].map((i) => i.value),
    channelId,
  );
  assert.deepEqual(times, ["08:00", "12:30"]);
  // Add Sunday to the 12:30 line and save.
  const rows = await box.$$('[data-testid="posting-slot-row"]');
  await (await rows[1].$('button[aria-label="Sunday"]')).click();
  await (await box.$("button=Save slots")).click();
  await (await box.$("span=Saved")).waitForDisplayed({ timeout: 10000 });
  const listed = cliJson(profile, "slots", "list").filter((s) => s.channelId === channelId);
  assert.deepEqual(
    listed.map((s) => `${s.weekday}@${s.time}`),
    ["1@08:00", "4@12:30", "7@12:30"],
  );
  await browser.action("pointer").move({ x: 5, y: 700, origin: "viewport" }).perform();
  await browser.pause(800);
  await screenshot(browser, "34-settings-posting-slots");
});
