// The calendar in a real browser: real mouse drags (the month grid's own mouse handling and
// FullCalendar's in the week view, which jsdom cannot run), drawing in the workspace's zone,
// and screenshots for a human to look at.
// Run with `make test-web` (it builds ui/dist first).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { drag, rescheduleCalls, screenshot, webApp } from "./harness.mjs";
import { bakerySeed, emptySeed, NOW, POSTS } from "./seed.mjs";

// Served ui/dist, the mocked backend and Chromium in Los Angeles: nothing may be drawn in its zone.
const open = webApp();

async function openCalendar(seed) {
  const { page, errors } = await open(seed, NOW);
  await page.getByTestId("nav-calendar").click();
  await page.locator("[data-testid=calendar-grid] [data-post-id]").first().waitFor();
  return { page, errors };
}

async function chooseView(page, name) {
  await page.getByRole("radiogroup", { name: "View" }).getByRole("radio", { name, exact: true }).click();
  await page.waitForFunction(
    (n) => document.querySelector(`input[name=calendar-view]:checked`)?.closest("label")?.textContent === n,
    name,
  );
}

/** The focusable element FullCalendar draws for a post. */
function eventOf(page, postId) {
  return page.locator(`[data-testid=calendar-grid] [role=button]:has([data-post-id="${postId}"])`);
}

function dayCell(page, isoDay) {
  return page.locator(`[data-testid=calendar-grid] [role=cell][data-date="${isoDay}"]`).first();
}

/** The month-view day a post is drawn in: the cell under the middle of its element. */
async function drawnDay(page, postId) {
  return page.evaluate((id) => {
    const inner = document.querySelector(`[data-testid=calendar-grid] [data-post-id="${id}"]`);
    const host = inner?.closest("[role=button]");
    if (!host) return null;
    const r = host.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    for (const cell of document.querySelectorAll("[data-testid=calendar-grid] [data-date]")) {
      const c = cell.getBoundingClientRect();
      if (c.width > 0 && x >= c.left && x < c.right && y >= c.top && y < c.bottom) return cell.getAttribute("data-date");
    }
    return null;
  }, postId);
}

async function waitForDrawnDay(page, postId, isoDay) {
  await page.waitForFunction(
    ([id, day]) => {
      const inner = document.querySelector(`[data-testid=calendar-grid] [data-post-id="${id}"]`);
      const host = inner?.closest("[role=button]");
      if (!host) return false;
      const r = host.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      for (const cell of document.querySelectorAll("[data-testid=calendar-grid] [data-date]")) {
        const c = cell.getBoundingClientRect();
        if (c.width > 0 && x >= c.left && x < c.right && y >= c.top && y < c.bottom) return cell.getAttribute("data-date") === day;
      }
      return false;
    },
    [postId, isoDay],
  );
}

/** Vertical distance between a post's top edge and the grid line of `time` ("09:00:00"). */
async function offsetFromSlot(page, postId, time) {
  return page.evaluate(
    ([id, t]) => {
      const host = document.querySelector(`[data-testid=calendar-grid] [data-post-id="${id}"]`)?.closest("[role=button]");
      const slot = [...document.querySelectorAll(`[data-testid=calendar-grid] [data-time="${t}"]`)].find(
        (el) => el.getBoundingClientRect().width > 0,
      );
      if (!host || !slot) return null;
      return host.getBoundingClientRect().top - slot.getBoundingClientRect().top;
    },
    [postId, time],
  );
}

/** The range requests together hold [start, end): the window grows by the parts it lacks. */
function assertFetched(requests, start, end) {
  const spans = requests.map(({ from, to }) => [Date.parse(from), Date.parse(to)]).sort((a, b) => a[0] - b[0]);
  let reached = Date.parse(start);
  for (const [from, to] of spans) if (from <= reached) reached = Math.max(reached, to);
  assert.ok(reached >= Date.parse(end), `${JSON.stringify(requests)} do not hold ${start} – ${end}`);
}

describe("calendar in the browser", () => {
  it("draws 09:00 at 09:00 in Asia/Kolkata and in America/St_Johns, and asks for the visible month in that zone", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    await chooseView(page, "Week");
    await eventOf(page, POSTS.thread).waitFor();
    const kolkata = await offsetFromSlot(page, POSTS.thread, "09:00:00");
    assert.ok(kolkata !== null && Math.abs(kolkata) <= 2, `Kolkata 09:00 post is ${kolkata}px from the 09:00 line`);
    assert.match(await eventOf(page, POSTS.thread).innerText(), /09:00 AM/);
    // Screen readers hear when, what, where and how to move it.
    await page
      .getByRole("button", {
        name: /^Wed, Dec 9, 09:00 AM, Scheduled\. Our winter menu is here! .* on harbourbakery\.bsky\.social \(Bluesky\), .*thread of 3 posts\. 2 images\. Drag, or use Alt and the arrow keys, to move it\.$/,
      })
      .waitFor();
    // First the month grid Mon 30 November – Sun 3 January, in Kolkata (UTC+5:30); the week
    // Mon 7 – Sun 13 December is then drawn from the window fetched, with no request of its own.
    const ranges = await page.evaluate(() =>
      window.__chorus.backend.calls.filter((c) => c.cmd === "calendar_range").map((c) => c.args),
    );
    assert.deepEqual(ranges[0], { workspaceId: 1, from: "2026-11-29T18:30:00.000Z", to: "2027-01-03T18:30:00.000Z" });
    assertFetched(ranges, "2026-12-06T18:30:00.000Z", "2026-12-13T18:30:00.000Z");
    assert.ok(!ranges.some((r) => r.from === "2026-12-06T18:30:00.000Z"), JSON.stringify(ranges));
    await page.close();

    const seed = bakerySeed("light");
    seed.preferences.activeWorkspaceId = 2;
    const stJohns = await openCalendar(seed);
    await chooseView(stJohns.page, "Week");
    await eventOf(stJohns.page, 40).waitFor();
    const offset = await offsetFromSlot(stJohns.page, 40, "09:00:00");
    assert.ok(offset !== null && Math.abs(offset) <= 2, `St. John's 09:00 post is ${offset}px from the 09:00 line`);
    assert.match(await eventOf(stJohns.page, 40).innerText(), /09:00 AM/);
    const stRanges = await stJohns.page.evaluate(() =>
      window.__chorus.backend.calls.filter((c) => c.cmd === "calendar_range").map((c) => c.args),
    );
    // Newfoundland Standard Time, UTC−3:30.
    assert.deepEqual(stRanges[0], { workspaceId: 2, from: "2026-11-30T03:30:00.000Z", to: "2027-01-04T03:30:00.000Z" });
    assertFetched(stRanges, "2026-12-07T03:30:00.000Z", "2026-12-14T03:30:00.000Z");
    await stJohns.page.close();
    assert.deepEqual([...errors, ...stJohns.errors], []);
  });

  it("moves a scheduled post to another day by mouse in month view, keeping its time, and undoes it", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    assert.equal(await drawnDay(page, POSTS.market), "2026-12-12");
    await drag(page, eventOf(page, POSTS.market), dayCell(page, "2026-12-14"));
    await waitForDrawnDay(page, POSTS.market, "2026-12-14");
    assert.deepEqual(await rescheduleCalls(page), [{ postId: POSTS.market, at: "2026-12-14T10:00:00+05:30" }]);
    assert.match(await eventOf(page, POSTS.market).innerText(), /10:00 AM/);
    const toast = page.getByTestId("toast").filter({ hasText: "Moved to" });
    assert.match(await toast.innerText(), /Moved to Mon, Dec 14, 10:00 AM/);

    await toast.getByRole("button", { name: "Undo" }).click();
    await waitForDrawnDay(page, POSTS.market, "2026-12-12");
    assert.deepEqual((await rescheduleCalls(page)).at(-1), { postId: POSTS.market, at: "2026-12-12T10:00:00+05:30" });
    await page.getByTestId("toast").filter({ hasText: "Moved back to Sat, Dec 12, 10:00 AM" }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("marks the day under a drag, and Escape drops nothing", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    let marked = null;
    await drag(page, eventOf(page, POSTS.market), dayCell(page, "2026-12-15"), {
      beforeRelease: async () => {
        marked = await dayCell(page, "2026-12-15").getAttribute("class");
        await page.keyboard.press("Escape");
      },
    });
    assert.match(marked, /month-day-drop-ok/);
    assert.equal(await page.locator(".month-drag-mirror").count(), 0);
    assert.doesNotMatch(await dayCell(page, "2026-12-15").getAttribute("class"), /month-day-drop/);
    await page.getByTestId("calendar-drag-hint").waitFor({ state: "detached" });
    assert.equal(await drawnDay(page, POSTS.market), "2026-12-12");
    assert.deepEqual(await rescheduleCalls(page), []);
    // A click is still a click: it opens the post.
    await eventOf(page, POSTS.market).click();
    await page.getByRole("dialog", { name: "Post details" }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("schedules a draft by dragging it from the side panel onto a day and onto a time", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    const panel = page.getByTestId("calendar-drafts");
    await drag(page, panel.getByTestId(`draft-${POSTS.draftPreorders}`), dayCell(page, "2026-12-11"));
    await waitForDrawnDay(page, POSTS.draftPreorders, "2026-12-11");
    // A whole day: it goes out at 09:00 there.
    assert.deepEqual(await rescheduleCalls(page), [{ postId: POSTS.draftPreorders, at: "2026-12-11T09:00:00+05:30" }]);
    await panel.getByTestId(`draft-${POSTS.draftPreorders}`).waitFor({ state: "detached" });
    assert.match(await eventOf(page, POSTS.draftPreorders).innerText(), /09:00 AM[\s\S]*Scheduled/);

    // In the week view the drop picks the time too: Thursday, 14:00.
    await chooseView(page, "Week");
    const thursday = page.locator(`[data-testid=calendar-grid] [data-date="2026-12-10"]`).last();
    const twoPm = page.locator(`[data-testid=calendar-grid] [data-time="14:00:00"]`).last();
    const col = await thursday.boundingBox();
    const row = await twoPm.boundingBox();
    const card = await panel.getByTestId(`draft-${POSTS.draftSpotlight}`).boundingBox();
    await page.mouse.move(card.x + 20, card.y + card.height / 2);
    await page.mouse.down();
    await page.mouse.move(card.x + 30, card.y + card.height / 2 + 10, { steps: 4 });
    await page.mouse.move(col.x + col.width / 2, row.y + 4, { steps: 12 });
    await page.mouse.move(col.x + col.width / 2 + 1, row.y + 5, { steps: 2 });
    await page.mouse.up();
    await eventOf(page, POSTS.draftSpotlight).waitFor();
    assert.deepEqual((await rescheduleCalls(page)).at(-1), {
      postId: POSTS.draftSpotlight,
      at: "2026-12-10T14:00:00+05:30",
    });
    const offset = await offsetFromSlot(page, POSTS.draftSpotlight, "14:00:00");
    assert.ok(offset !== null && Math.abs(offset) <= 2, `dropped draft is ${offset}px from the 14:00 line`);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("starts a post planned for a day by dragging a library image onto it", async () => {
    const { page, errors } = await open(bakerySeed("light"), NOW);
    const dir = "/home/user/.local/share/chorus/media";
    await page.evaluate((dir) => {
      const media = window.__chorus.backend.media;
      const file = { sha256: "e".repeat(64), mimeType: "image/jpeg", byteSize: 1_200_000, width: 1600, height: 1200, metadata: [] };
      media.files["/photos/stollen.jpg"] = file;
      media.items = [
        {
          id: 71, workspaceId: 1, sha256: file.sha256, fileName: "stollen.jpg", mimeType: "image/jpeg", byteSize: file.byteSize,
          width: 1600, height: 1200, altText: "Stollen on the counter", tags: [],
          recipe: { crop: null, rotate: 0, flipHorizontal: false, flipVertical: false, straighten: 0, brightness: 0, contrast: 0, saturation: 0, warmth: 0, filter: null, watermark: false },
          thumbState: "ready", thumbnail: null, path: `${dir}/${file.sha256}`, usedIn: 0,
        },
      ];
    }, dir);
    await page.getByTestId("nav-calendar").click();
    await page.locator("[data-testid=calendar-grid] [data-post-id]").first().waitFor();
    const image = page.getByTestId("calendar-media").getByRole("listitem", { name: /^stollen\.jpg/ });
    await drag(page, image, dayCell(page, "2026-12-11"));
    // The composer, with the image and 09:00 that day in Kolkata; nothing is created yet.
    const form = page.getByTestId("post-form");
    await form.waitFor();
    assert.equal(await form.getByLabel("Alt text for stollen.jpg").inputValue(), "Stollen on the counter");
    assert.equal(await form.getByLabel("Date").inputValue(), "2026-12-11");
    assert.equal(await form.getByLabel("Time").inputValue(), "09:00");
    assert.equal(await form.getByRole("radio", { name: "Schedule" }).isChecked(), true);
    assert.deepEqual(await rescheduleCalls(page), []);
    await screenshot(page, "web-43-calendar-image-dropped.png");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("refuses drops into the past, keeps sent posts in place, and reverts when the backend refuses", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    let hint = "";
    await drag(page, eventOf(page, POSTS.thread), dayCell(page, "2026-12-07"), {
      beforeRelease: async () => {
        hint = await page.getByTestId("calendar-drag-hint").innerText();
        await screenshot(page, "calendar-drag-refused-light.png");
      },
    });
    assert.match(hint, /Mon, Dec 7, 09:00 AM has already passed/);
    await page.getByTestId("calendar-drag-hint").waitFor({ state: "detached" });
    assert.equal(await drawnDay(page, POSTS.thread), "2026-12-09");

    // Published on one channel: it cannot be picked up at all.
    await drag(page, eventOf(page, POSTS.mixed), dayCell(page, "2026-12-10"));
    assert.equal(await drawnDay(page, POSTS.mixed), "2026-12-09");
    assert.deepEqual(await rescheduleCalls(page), []);

    // The UI allows it, the backend says no (it went out meanwhile): back it goes, with the reason.
    const refusal = "This post has already gone out on @harbour@mastodon.social (mastodon), so it cannot be moved.";
    await page.evaluate((message) => {
      window.__chorus.backend.fail.reschedule_post = { code: "conflict", message, field: null };
    }, refusal);
    // A synthetic drag right after the previous gesture is now and then not picked up by
    // FullCalendar (it is still re-rendering); the gesture is repeated until the UI calls the
    // backend once, at most three times. What is checked is what happens after that call.
    for (let attempt = 0; attempt < 3 && (await rescheduleCalls(page)).length === 0; attempt++) {
      await drag(page, eventOf(page, POSTS.image), dayCell(page, "2026-12-12"));
      await page
        .waitForFunction(() => window.__chorus.backend.calls.some((c) => c.cmd === "reschedule_post"), null, {
          timeout: 3000,
        })
        .catch(() => {});
    }
    await page.getByTestId("toast").filter({ hasText: refusal }).waitFor();
    await waitForDrawnDay(page, POSTS.image, "2026-12-11");
    assert.equal((await rescheduleCalls(page)).length, 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("moves a focused post with Alt+arrow keys and announces the new time", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    await eventOf(page, POSTS.image).focus();
    await page.keyboard.press("Alt+ArrowRight");
    await waitForDrawnDay(page, POSTS.image, "2026-12-12");
    assert.deepEqual(await rescheduleCalls(page), [{ postId: POSTS.image, at: "2026-12-12T09:00:00+05:30" }]);
    assert.equal(await page.getByTestId("calendar-announcer").innerText(), "Moved to Sat, Dec 12, 09:00 AM");
    // The keyboard stays on the post, so it can keep moving.
    await page.waitForFunction(
      (id) => document.activeElement?.querySelector(`[data-post-id="${id}"]`) !== null,
      POSTS.image,
    );
    await chooseView(page, "Week");
    await eventOf(page, POSTS.image).focus();
    await page.keyboard.press("Alt+ArrowUp");
    await page.waitForFunction(() => document.querySelector("[data-testid=calendar-announcer]")?.textContent?.includes("08:45"));
    assert.deepEqual((await rescheduleCalls(page)).at(-1), { postId: POSTS.image, at: "2026-12-12T08:45:00+05:30" });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("redraws when the publishing engine reports a change, without polling", async () => {
    const { page, errors } = await openCalendar(bakerySeed("light"));
    // Once the window has grown around the month (it waits for an idle moment, as this does,
    // having asked first), the event is the only thing left to fetch anything.
    const before = await page.evaluate(async (id) => {
      await new Promise((idle) => requestIdleCallback(() => idle(), { timeout: 2000 }));
      const post = window.__chorus.backend.posts.find((p) => p.id === id);
      post.targets = post.targets.map((t) => ({ ...t, state: "failed", lastError: "rate limited" }));
      const count = window.__chorus.backend.calls.filter((c) => c.cmd === "calendar_range").length;
      await window.__chorus.emit("chorus://publish", { type: "targetChanged", postId: id, targetId: post.targets[0].id, state: "failed" });
      return count;
    }, POSTS.thread);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-post-id="${id}"]`)?.getAttribute("data-status") === "failed",
      POSTS.thread,
    );
    const afterCount = await page.evaluate(() => window.__chorus.backend.calls.filter((c) => c.cmd === "calendar_range").length);
    assert.equal(afterCount, before + 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("says so when nothing is planned, and offers to write a post", async () => {
    const { page, errors } = await open(emptySeed("light"), NOW);
    await page.getByTestId("nav-calendar").click();
    const empty = page.getByTestId("calendar-empty");
    await empty.waitFor();
    assert.match(await empty.innerText(), /Nothing planned this month/);
    await screenshot(page, "calendar-empty-light.png");
    await empty.getByRole("button", { name: "Write a post" }).click();
    await page.getByTestId("posts").waitFor();
    assert.ok(await page.getByTestId("posts").isVisible());
    assert.deepEqual(errors, []);
    await page.close();
  });

  for (const theme of ["light", "dark"]) {
    it(`saves month and week screenshots in the ${theme} theme`, async () => {
      const { page, errors } = await openCalendar(bakerySeed(theme));
      assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), theme);
      await page.waitForTimeout(300); // let the grid settle before the picture (pixels only, nothing asserted)
      await screenshot(page, `calendar-month-${theme}.png`);
      await chooseView(page, "Week");
      await eventOf(page, POSTS.thread).waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `calendar-week-${theme}.png`);
      await chooseView(page, "List");
      await page.waitForTimeout(300);
      await screenshot(page, `calendar-list-${theme}.png`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});
