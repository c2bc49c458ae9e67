// The composer in a real browser: typing with an emoji and a link, live counts per network,
// one channel's own text, a #hashtag picked from the suggestions with the keyboard, scheduling
// in the workspace's zone (Asia/Kolkata, while the machine is in Los Angeles), and the autosave
// bringing back what was typed after the page reloads. Screenshots for a human to look at.
// Run with `make test-web` (it builds ui/dist first).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import path from "node:path";
import { artifactsDir, screenshot, webApp } from "./harness.mjs";
import { bakeryPosts, emptySeed, NOW } from "./seed.mjs";

// Served ui/dist, the mocked backend and Chromium in Los Angeles: nothing may be drawn in its zone.
const open = webApp();

/** The bakery with channels and a few past posts that used #sourdough (twice) and #sourdoughsunday. */
function seed(theme) {
  const [first, second, third] = bakeryPosts();
  return {
    ...emptySeed(theme),
    posts: [
      { ...first, text: `${first.text} #sourdough` },
      { ...second, text: `${second.text} #sourdough #sourdoughsunday` },
      third,
    ],
  };
}

/** The composer card alone (the page scrolls inside its own container). */
async function shoot(form, name) {
  const page = form.page();
  const size = page.viewportSize();
  // Tall enough for the whole card, which scrolls inside the page's own container.
  await page.setViewportSize({ width: size.width, height: 2200 });
  await form.scrollIntoViewIfNeeded();
  await form.screenshot({ path: path.join(artifactsDir, name) });
  await page.setViewportSize(size);
}

async function openComposer(theme = "light") {
  const { page, errors } = await open(seed(theme), NOW);
  await page.getByTestId("nav-posts").click();
  const form = page.getByTestId("post-form");
  await form.waitFor();
  // The restore check has answered once the composer asked for saved states.
  await page.waitForFunction(() => window.__chorus.backend.calls.some((c) => c.cmd === "composer_states"));
  return { page, errors, form };
}

function callsOf(page, cmd) {
  return page.evaluate((c) => window.__chorus.backend.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);
}

const TEXT = "Fresh loaves 🍞 at https://harbourbakery.example/menu/winter-2026 #sou";
const CHOSEN = "Fresh loaves 🍞 at https://harbourbakery.example/menu/winter-2026 #sourdoughsunday ";

describe("composer in the browser", () => {
  it("counts per network, customizes one channel, picks a hashtag with the keyboard and schedules in Kolkata", async () => {
    const { page, errors, form } = await openComposer("light");
    for (const handle of ["harbourbakery.bsky.social", "@harbour@mastodon.social", "npub1harb0urbakery"]) {
      await form.getByRole("checkbox", { name: handle }).check();
    }
    const text = form.getByLabel("Post", { exact: true });
    await text.click();
    await text.pressSequentially(TEXT);

    const list = form.getByRole("listbox", { name: "Suggestions" });
    await list.waitFor();
    assert.deepEqual(await list.getByRole("option").allInnerTexts().then((t) => t.map((s) => s.split("\n")[0].trim())), [
      "#sourdough",
      "#sourdoughsunday",
    ]);
    await page.keyboard.press("ArrowDown");
    assert.equal(await list.getByRole("option", { selected: true }).innerText().then((t) => t.split("\n")[0].trim()), "#sourdoughsunday");
    await screenshot(page, "composer-autocomplete.png");
    await page.keyboard.press("Enter");
    assert.equal(await text.inputValue(), CHOSEN);
    assert.equal(await list.count(), 0);

    // Bluesky counts graphemes (the bread emoji is one), Mastodon counts the link as 23.
    const count = (network) => form.getByTestId(`post-text-counts-${network}`).textContent();
    assert.equal(await count("bluesky"), "Bluesky 82/300 characters");
    assert.equal(await count("mastodon"), "Mastodon 59/500 characters");
    assert.equal(await count("nostr"), "Nostr 82 characters, no limit");

    await form.getByRole("button", { name: "Customize for Mastodon" }).click();
    const variant = form.getByLabel("Text for @harbour@mastodon.social on Mastodon");
    await variant.press("Control+End");
    await variant.pressSequentially("Boosts welcome!");
    const previews = page.getByTestId("composer-previews");
    await previews.getByTestId("preview-12").getByText("Boosts welcome!", { exact: false }).waitFor();
    assert.match(await previews.getByTestId("preview-11").innerText(), /#sourdoughsunday/);
    assert.doesNotMatch(await previews.getByTestId("preview-11").innerText(), /Boosts welcome/);
    assert.equal(await previews.getByTestId("preview-11").locator(".rich-link").innerText(), "https://harbourbakery.example/menu/winter-2026");

    await form.getByRole("radio", { name: "Schedule" }).check();
    await form.getByLabel("Date", { exact: true }).fill("2026-12-10");
    await form.getByLabel("Time", { exact: true }).fill("09:30");
    // The UTC instant on hover: 09:30 in Kolkata is 04:00 UTC.
    assert.equal(await form.getByTestId("post-at-hint").getAttribute("title"), "2026-12-10 04:00 UTC");
    await shoot(form, "composer-previews-light.png");
    await form.getByRole("button", { name: "Schedule", exact: true }).click();
    await form.getByText(/Scheduled for/).waitFor();

    const [call] = await callsOf(page, "create_post");
    assert.deepEqual(call.input, {
      workspaceId: 1,
      channelIds: [11, 12, 13],
      text: CHOSEN,
      thread: [],
      images: [],
      variants: [{ channelId: 12, text: `${CHOSEN}Boosts welcome!` }],
      recurrence: null,
      when: { kind: "at", at: "2026-12-10T09:30:00+05:30" },
      contentWarning: null,
      language: null,
      deliverOnServer: false,
      tags: [],
    });
    assert.equal(await text.inputValue(), "");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("shows a too-long Bluesky post inline before anything is sent, in the dark theme", async () => {
    const { page, errors, form } = await openComposer("dark");
    await form.getByRole("checkbox", { name: "harbourbakery.bsky.social" }).check();
    await form.getByRole("checkbox", { name: "@harbour@mastodon.social" }).check();
    await form.getByLabel("Post", { exact: true }).fill(`${"Our winter menu, in full. ".repeat(12)}#bread`);
    await form.getByRole("button", { name: "Content warning" }).click();
    await form.getByRole("textbox", { name: "Content warning" }).fill("Long post");
    await form.getByRole("button", { name: "Publish now" }).click();
    const error = page.locator("#post-text-error");
    await error.waitFor();
    assert.match(await error.innerText(), /harbourbakery\.bsky\.social \(bluesky\): This post is 318 characters; Bluesky allows 300\./);
    assert.deepEqual(await callsOf(page, "create_post"), []);
    await shoot(form, "composer-error-dark.png");
    await form.getByLabel("Post", { exact: true }).fill("Winter menu: cardamom buns and stollen. #bread");
    // Three images: Mastodon's 16:9 box and Bluesky's grid, one tall tile and two stacked.
    await page.evaluate(() => {
      window.__chorus.backend.pickedFiles = ["/home/ada/Pictures/buns.jpg", "/home/ada/Pictures/stollen.jpg", "/home/ada/Pictures/counter.jpg"];
    });
    await form.getByRole("button", { name: "Add images" }).click();
    await form.getByLabel("Alt text for buns.jpg").fill("Cardamom buns on a tray");
    // Behind the content warning until opened, as on the networks.
    assert.equal(await page.getByTestId("preview-11").locator(".preview-image").count(), 0);
    await page.getByTestId("preview-11").getByRole("button", { name: "Show" }).click();
    await page.getByTestId("preview-12").getByRole("button", { name: "Show more" }).click();
    const grid = page.getByTestId("preview-11").locator(".preview-images-3 .preview-image");
    assert.equal(await grid.count(), 3);
    const [tall, top] = [await grid.nth(0).boundingBox(), await grid.nth(1).boundingBox()];
    assert.ok(tall.height > top.height * 1.8, `the first of three images spans both rows (${tall.height} vs ${top.height})`);
    await shoot(form, "composer-previews-dark.png");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("draws preview links in each network's brand colour, lightened when the system is dark", async () => {
    const { page, errors, form } = await openComposer("system");
    await page.emulateMedia({ colorScheme: "dark" });
    await form.getByRole("checkbox", { name: "harbourbakery.bsky.social" }).check();
    await form.getByRole("checkbox", { name: "@harbour@mastodon.social" }).check();
    await form.getByLabel("Post", { exact: true }).fill("Menu: https://harbourbakery.example/menu #bread");
    const link = (id) => page.getByTestId(id).locator(".rich-link");
    await link("preview-12").waitFor();
    // The setting follows the system (no data-theme), and the system is dark.
    assert.equal(await page.evaluate(() => document.documentElement.getAttribute("data-theme")), null);
    const colours = async (theme) => {
      await page.evaluate((t) => {
        if (t === null) document.documentElement.removeAttribute("data-theme");
        else document.documentElement.setAttribute("data-theme", t);
      }, theme);
      return Promise.all(["preview-11", "preview-12"].map((id) => link(id).evaluate((e) => getComputedStyle(e).color)));
    };
    const [light, dark, system] = [await colours("light"), await colours("dark"), await colours(null)];
    assert.deepEqual(system, dark, `a dark system draws links as the dark theme does (light ${light}, dark ${dark})`);
    assert.notDeepEqual(light, dark, "dark links are lighter than light ones");
    assert.notEqual(light[0], light[1], "each network's links are in its own colour");
    await shoot(form, "composer-previews-system-dark.png");
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("brings back what was typed when the page reloads mid-typing", async () => {
    const { page, form } = await openComposer("light");
    await form.getByRole("checkbox", { name: "harbourbakery.bsky.social" }).check();
    const text = form.getByLabel("Post", { exact: true });
    await text.click();
    await text.pressSequentially("Half-written: the rye is");
    // No waiting for the autosave: closing the page flushes it.
    await page.reload();
    await page.getByTestId("nav-posts").click();
    const restored = page.getByTestId("composer-restored");
    await restored.waitFor();
    assert.match(await restored.innerText(), /Restored what you were writing at/);
    assert.equal(await page.getByLabel("Post", { exact: true }).inputValue(), "Half-written: the rye is");
    assert.equal(await page.getByRole("checkbox", { name: "harbourbakery.bsky.social" }).isChecked(), true);
    await screenshot(page, "composer-restored.png");
    await restored.getByRole("button", { name: "Discard" }).click();
    assert.equal(await page.getByLabel("Post", { exact: true }).inputValue(), "");
    await page.close();
  });
});
