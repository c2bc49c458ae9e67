// Posting slots and CSV import in a real browser, on the fake backend: slots edited in
// Settings → Channels show on the calendar as open slots, a draft dragged (real mouse) onto a
// day with an open slot is scheduled at the slot's time, and a CSV file is checked, reported
// row by row, then imported. Screenshots land in target/e2e-artifacts/. Run with make test-web.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { drag, rescheduleCalls, screenshot, webApp } from "./harness.mjs";
import { bakerySeed, NOW, POSTS } from "./seed.mjs";

// Served ui/dist, the mocked backend and Chromium in Los Angeles: nothing may be drawn in its zone.
const open = webApp();

/** The bakery (Kolkata) with Friday 08:30 slots on its Bluesky account. */
function seed() {
  return { ...bakerySeed("light"), slots: [{ channelId: 11, weekday: 5, time: "08:30" }] };
}

function backendCalls(page, cmd) {
  return page.evaluate((c) => window.__chorus.backend.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
}

function dayCell(page, isoDay) {
  return page.locator(`[data-testid=calendar-grid] [role=cell][data-date="${isoDay}"]`).first();
}

describe("posting slots and CSV in the browser", () => {
  it("slots saved in Settings show on the calendar, and a draft dropped on that day takes the slot's time", async () => {
    const { page, errors } = await open(seed(), NOW);
    await page.getByTestId("nav-settings").click();
    const box = page.getByTestId("posting-slots-11");
    await box.getByRole("button", { name: /Posting slots/ }).click();
    await box.getByText("Times are in the workspace's time zone, Asia/Kolkata.").waitFor();

    // A refused save keeps what was typed: an empty time.
    await box.getByRole("button", { name: "Add a time" }).click();
    const row = box.getByTestId("posting-slot-row").nth(1);
    await row.getByLabel("Time 2", { exact: true }).fill("");
    await box.getByRole("button", { name: "Save slots" }).click();
    await box.getByRole("alert").getByText("is not a time of day").waitFor();
    assert.equal(await row.getByRole("button", { name: "Monday" }).getAttribute("aria-pressed"), "true");

    // Thursdays at 11:30 only.
    await row.getByLabel("Time 2", { exact: true }).fill("11:30");
    for (const day of ["Monday", "Tuesday", "Wednesday", "Friday"]) await row.getByRole("button", { name: day }).click();
    await box.getByRole("button", { name: "Save slots" }).click();
    await box.getByText("Saved").waitFor();
    assert.deepEqual((await backendCalls(page, "set_posting_slots")).at(-1), {
      channelId: 11,
      slots: [
        { weekday: 5, time: "08:30" },
        { weekday: 4, time: "11:30" },
      ],
    });
    await screenshot(page, "web-40-posting-slots.png");

    await page.getByTestId("nav-calendar").click();
    const marker = page.locator('[data-testid=calendar-grid] [data-slot-at="2026-12-10T06:00:00Z"]');
    await marker.waitFor();
    assert.match(await marker.innerText(), /^11:30 AM$/);
    assert.match(await marker.getAttribute("title"), /^Open posting slot for harbourbakery\.bsky\.social at 11:30 AM/);
    // Slots that have passed (Thursday 3 December) are not offered.
    assert.equal(await page.locator('[data-slot-at="2026-12-03T06:00:00Z"]').count(), 0);
    await page.locator('[data-slot-at="2026-12-11T03:00:00Z"]').waitFor(); // Friday 08:30
    await screenshot(page, "web-41-calendar-open-slots.png");

    const panel = page.getByTestId("calendar-drafts");
    await drag(page, panel.getByTestId(`draft-${POSTS.draftPreorders}`), dayCell(page, "2026-12-10"));
    await panel.getByTestId(`draft-${POSTS.draftPreorders}`).waitFor({ state: "detached" });
    assert.deepEqual(await rescheduleCalls(page), [{ postId: POSTS.draftPreorders, at: "2026-12-10T11:30:00+05:30" }]);
    // Now taken by that post: no longer drawn as open.
    await marker.waitFor({ state: "detached" });
    assert.deepEqual(errors, []);
  });

  it("checks a CSV file, lists every row with its errors, and imports it once it is right", async () => {
    const { page, errors } = await open(seed(), NOW);
    await page.evaluate(() => {
      const b = window.__chorus.backend;
      b.csvFiles = {
        "/home/priya/bad.csv": "time,channels,text\n2026-12-14 09:00,harbourbakery.bsky.social,Monday loaves\nsoon,nobody,Broken\n",
        "/home/priya/week.csv":
          'time,channels,text\n2026-12-14 09:00,harbourbakery.bsky.social,Monday loaves\n2026-12-15T10:00:00+05:30,11;12,"Tuesday, rye"\n',
      };
      b.pickedFiles = ["/home/priya/bad.csv"];
    });
    await page.getByTestId("nav-calendar").click();
    await page.getByTestId("csv-menu").click();
    await page.getByRole("menuitem", { name: "Import posts from CSV…" }).click();
    const bad = page.getByRole("dialog", { name: "Import bad.csv" });
    await bad.waitFor();
    assert.equal(await bad.getByTestId("csv-row-2").getAttribute("data-ok"), "true");
    const broken = bad.getByTestId("csv-row-3");
    assert.match(await broken.innerText(), /time "soon" is not a date and time/);
    assert.match(await broken.innerText(), /there is no channel "nobody" in this workspace/);
    assert.equal(await bad.getByRole("button", { name: /^Import \d/ }).count(), 0);
    await screenshot(page, "web-42-csv-report-errors.png");
    await bad.getByRole("button", { name: "Close report" }).click();

    await page.evaluate(() => {
      window.__chorus.backend.pickedFiles = ["/home/priya/week.csv"];
    });
    await page.getByTestId("csv-menu").click();
    await page.getByRole("menuitem", { name: "Import posts from CSV…" }).click();
    const good = page.getByRole("dialog", { name: "Import week.csv" });
    await good.getByRole("button", { name: "Import 2 posts" }).click();
    await page.getByText("Imported 2 posts").waitFor();
    assert.deepEqual(
      (await backendCalls(page, "import_csv")).map((a) => [a.path, a.dryRun]),
      [
        ["/home/priya/bad.csv", true],
        ["/home/priya/week.csv", true],
        ["/home/priya/week.csv", false],
      ],
    );
    // The imported posts are on the calendar (next week, same month view).
    await page.locator('[data-testid=calendar-grid] [data-post-id]:has-text("Tuesday, rye")').first().waitFor();
    assert.deepEqual(errors, []);
  });
});
