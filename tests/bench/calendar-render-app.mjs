// Calendar render time in the real app: WebKitGTK through tauri-driver, under Xvfb (software
// rendering), on the real backend (SQLite through IPC). The busy month of
// calendar-render.mjs (~1,150 posts, on 2 channels) is imported with `chorus post import`,
// then the time from pressing Previous/Next month until the other month is drawn is measured
// in the page by month-switch.mjs, as calendar-render.mjs does in Chromium. Prints figures ("in
// the DOM" and "painted"), asserts nothing about time. Run through
// tests/servers/with-servers.sh (the channels point at the Nostr relay):
//   CHORUS_TEST_SERVERS=nostr bash tests/servers/with-servers.sh env CHORUS_APP_BIN=... \
//     CHORUS_CLI_BIN=... xvfb-run -a dbus-run-session -- node tests/bench/calendar-render-app.mjs
// (make bench does). Last, the range request that opening a month not yet held adds, timed
// apart (an unoptimized build's figure says little about a release build's).
// CHORUS_BENCH_POSTS (1151 per month), CHORUS_BENCH_WARMUP (30 switches; WebKit's figures
// settle after about 24), CHORUS_BENCH_RUNS (20 switches, 20 idle frame pairs).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "../e2e/harness.mjs";
import { benchMonthSwitches, summary, timeMonthSwitch, timeTwoFrames } from "./month-switch.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
if (!relay) throw new Error("CHORUS_TEST_NOSTR_RELAY is not set: run through tests/servers/with-servers.sh");
const perMonth = Number(process.env.CHORUS_BENCH_POSTS ?? 1151);
const runs = Number(process.env.CHORUS_BENCH_RUNS ?? 20);
const warmup = Number(process.env.CHORUS_BENCH_WARMUP ?? 30);
const ZONE = "Asia/Kolkata";

/** The first day of the month `ahead` months after this one, as [year, month 1-12]. */
function monthAhead(ahead) {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + ahead, 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
}
const pad = (n) => String(n).padStart(2, "0");
const monthName = ([y, m]) => new Date(Date.UTC(y, m - 1, 15)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

/**
 * In the page: one calendar_range request through Tauri's IPC, from the call to the parsed
 * answer, in ms. What opening a month the calendar does not hold yet adds to drawing it.
 */
async function timeRangeFetch(workspaceId, from, to) {
  const t0 = performance.now();
  const entries = await window.__TAURI_INTERNALS__.invoke("calendar_range", { workspaceId, from, to });
  return { ms: performance.now() - t0, count: entries.length };
}

const profile = freshProfile("calendar-bench");
const workspace = cliJson(profile, "workspace", "create", "--name", "Bench Bakery", "--timezone", ZONE);
const channels = [1, 2].map(() => cliJson(profile, "channel", "add", "nostr", "--relay", relay, "--generate").id);

// Two busy months, two and three months ahead (never in the past), 09:00-20:59 local time.
const months = [monthAhead(2), monthAhead(3)];
const rows = ["time,channels,text"];
let n = 0;
for (const [y, m] of months) {
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  for (let i = 0; i < perMonth; i++) {
    const day = 1 + Math.floor((i * days) / perMonth);
    const minutes = 9 * 60 + ((i * 37) % (12 * 60));
    const on = i % 2 === 0 ? channels.join(";") : String(channels[0]);
    rows.push(`${y}-${pad(m)}-${pad(day)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)},${on},"Post ${n++}: fresh sourdough at seven, rye at eight, cinnamon buns until they are gone #bakery"`);
  }
}
const csv = path.join(profile.root, "busy.csv");
writeFileSync(csv, rows.join("\n") + "\n");
const started = Date.now();
const report = cliJson(profile, "post", "import", csv);
console.log(`imported ${report.created} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const driver = await startDriver(profile);
const browser = await driver.session();
try {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "3"]);
  await (await browser.$('[data-testid="calendar-grid"]')).waitForDisplayed({ timeout: 10000 });
  const [first, second] = months.map(monthName);
  const prefixes = months.map(([y, m]) => `${y}-${pad(m)}`);
  for (let i = 0; i < 2; i++) await (await browser.$('button[aria-label="Next month"]')).click();
  await (await browser.$('[data-testid="calendar-range-title"]')).waitUntil(async function () {
    return (await this.getText()).includes(first);
  }, { timeout: 10000 });

  const lines = await benchMonthSwitches({
    switchTo: (button, month, prefix) => browser.execute(timeMonthSwitch, button, month, prefix),
    twoFrames: () => browser.execute(timeTwoFrames),
    months: [
      { name: first, prefix: prefixes[0] },
      { name: second, prefix: prefixes[1] },
    ],
    warmup,
    runs,
    what: `real app, WebKitGTK under Xvfb, month view, ${perMonth} posts per month on 1-2 channels`,
  });
  for (const line of lines) console.log(line);
  // To look at. Once, after 50 switches, WebKitWebDriver dropped the connection on it; the
  // figures above stand either way.
  await screenshot(browser, "bench-busy-month").then(
    (file) => console.log(`the busy month as drawn: ${file}`),
    (error) => console.log(`no screenshot of the busy month: ${error.message}`),
  );

  // The first month's grid: the Monday on or before its 1st, six weeks (the most a month shows).
  const [y, m] = months[0];
  const firstDay = Date.UTC(y, m - 1, 1);
  const gridStart = firstDay - ((new Date(firstDay).getUTCDay() + 6) % 7) * 86_400_000;
  const span = [new Date(gridStart).toISOString(), new Date(gridStart + 42 * 86_400_000).toISOString()];
  const fetches = [];
  for (let i = 0; i < runs; i++) fetches.push(await browser.execute(timeRangeFetch, workspace.id, ...span));
  console.log(
    `calendar render (real app, ${process.env.CHORUS_APP_BIN}): fetching a month it does not hold yet, calendar_range through IPC, ${fetches[0].count} posts, parsed: ${summary(fetches.map((f) => f.ms))}`,
  );
} finally {
  await endSession(browser);
  driver.stop();
  execFileSync("rm", ["-rf", profile.root]);
}
