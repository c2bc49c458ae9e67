// Calendar render time: how long from pressing "Next month" until the month with N posts is
// drawn, in the real production UI (ui/dist) in Debian's Chromium, on the in-page fake backend
// of tests/web (so the figure is the UI's own work: fetching from the fake, building the
// month grid, its style, layout and paint; the Rust range query is benches/calendar_range.rs).
// Prints figures, asserts nothing about time. Usage: node tests/bench/calendar-render.mjs
// (make bench builds the UI first). Two figures per switch, "in the DOM" and "painted": see
// month-switch.mjs. CHORUS_BENCH_POSTS (1151: the busiest month of benches/calendar_range.rs),
// CHORUS_BENCH_WARMUP (30 switches, the first 3 reported as the cold page), CHORUS_BENCH_RUNS
// (20 switches measured, and 20 idle frame pairs for the frame floor).
import { bakerySeed, NOW } from "../web/seed.mjs";
import { buildMockBackend, launchBrowser, openApp, serveDist } from "../web/harness.mjs";
import { benchMonthSwitches, timeMonthSwitch, timeTwoFrames } from "./month-switch.mjs";

const posts = Number(process.env.CHORUS_BENCH_POSTS ?? 1151);
const runs = Number(process.env.CHORUS_BENCH_RUNS ?? 20);
const warmup = Number(process.env.CHORUS_BENCH_WARMUP ?? 30);
const STATES = ["scheduled", "scheduled", "scheduled", "published", "failed", "paused", "missed"];

/** `count` posts spread over January and February 2027 (Kolkata), each on 2 or 3 channels. */
function generated(seed, count) {
  const channels = seed.channels.filter((c) => c.workspaceId === 1);
  const start = Date.parse("2027-01-01T00:00:00+05:30");
  const span = Date.parse("2027-03-01T00:00:00+05:30") - start;
  let target = 10_000;
  return Array.from({ length: count * 2 }, (_, i) => {
    const dueAt = new Date(start + Math.floor((i * span) / (count * 2))).toISOString();
    const state = STATES[i % STATES.length];
    const on = channels.slice(0, 2 + (i % 2));
    return {
      id: 1000 + i,
      workspaceId: 1,
      text: `Post ${i}: fresh sourdough at seven, rye at eight, cinnamon buns until they are gone #bakery`,
      threadParts: i % 9 === 0 ? 2 : 0,
      dueAt,
      timezone: "Asia/Kolkata",
      createdAt: "2026-12-01T04:00:00Z",
      targets: on.map((c) => ({
        id: target++,
        channelId: c.id,
        channel: c.handle,
        network: c.network,
        state,
        dueAt,
        nextAttemptAt: null,
        attempts: 0,
        lastError: state === "failed" ? "the network rejected the post: too long" : "",
        publishedAt: state === "published" ? dueAt : null,
        remoteUrl: null,
        remoteId: null,
        delivery: "local",
      })),
      thread: [],
      activity: [],
    };
  });
}

const server = await serveDist();
const backendScript = await buildMockBackend();
const browser = await launchBrowser({ timezoneId: "Asia/Kolkata" });
try {
  const seed = bakerySeed("light");
  seed.posts = generated(seed, posts);
  const { page, errors } = await openApp(browser.context, server.url, backendScript, seed, NOW);
  await page.setViewportSize({ width: 1440, height: 960 });
  await page.getByTestId("nav-calendar").click();
  const title = page.getByTestId("calendar-range-title");
  await title.filter({ hasText: "December 2026" }).waitFor();

  const switchTo = (button, month, prefix) =>
    page.evaluate(`(${timeMonthSwitch})(${[button, month, prefix].map((a) => JSON.stringify(a)).join(", ")})`);
  await switchTo("Next month", "January 2027", "2027-01");
  const lines = await benchMonthSwitches({
    switchTo,
    twoFrames: () => page.evaluate(timeTwoFrames),
    months: [
      { name: "January 2027", prefix: "2027-01" },
      { name: "February 2027", prefix: "2027-02" },
    ],
    warmup,
    runs,
    what: `Chromium, month view, ~${posts} posts per month on 2-3 channels`,
  });
  for (const line of lines) console.log(line);
  if (errors.length) throw new Error(`page errors: ${errors.map(String).join("; ")}`);
} finally {
  await browser.close();
  await server.close();
}
