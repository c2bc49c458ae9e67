// The unified inbox in a real browser, on the fake backend (ui/src/test/fakeInbox.ts): hostile
// network content (script tags, javascript: links, event-handler attributes, SVG with script,
// frames, mXSS, oversized text) renders as inert text and nothing in it runs (a window flag a
// payload would set stays unset, no dialog opens, the page never navigates), plus j/k/e/s/u/r
// triage from the keyboard. The page has no CSP here (Tauri adds it in the app), so the UI's
// own rendering is what is tested. Screenshots (light and dark) land in target/e2e-artifacts/.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildMockBackend, launchBrowser, screenshot, serveDist } from "./harness.mjs";
import { bakerySeed, NOW } from "./seed.mjs";

let server;
let browser;
let backendScript;
before(async () => {
  server = await serveDist();
  backendScript = await buildMockBackend();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const PAYLOAD_HTML = [
  "<p>Hello from a stranger<script>window.__pwned = 'script'</script></p>",
  '<p><img src="x" onerror="window.__pwned = \'img onerror\'">after the image</p>',
  '<p><a href="javascript:window.__pwned = \'javascript link\'">click me</a></p>',
  '<p><a href="https://example.org/story" onclick="window.__pwned = \'onclick\'">a real link</a></p>',
  '<svg onload="window.__pwned = \'svg onload\'"><script>window.__pwned = \'svg script\'</script></svg>',
  "<iframe srcdoc=\"<script>parent.__pwned = 'iframe'</script>\"></iframe>",
  '<details open ontoggle="window.__pwned = \'ontoggle\'"><summary>details</summary></details>',
  '<p onmouseover="alert(\'hover\')" data-testid="hover-me">hover me</p>',
  "<style>body { display: none !important }</style>",
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = \'mxss\'"></style></mglyph></table></mtext></math>',
  '<form action="javascript:alert(1)"><button>send</button></form>',
  '<a href="data:text/html,<script>alert(1)</script>">data link</a>',
].join("");

function inboxItem(id, extra = {}) {
  return {
    id,
    channelId: 12,
    network: "mastodon",
    kind: "mention",
    remoteId: `remote-${id}`,
    webUrl: `https://mastodon.social/@someone/${id}`,
    authorName: "Grace Hopper",
    authorHandle: "@grace@mastodon.social",
    authorAvatarUrl: null,
    text: `Message ${id}`,
    html: null,
    images: [],
    inReplyToId: null,
    inReplyToText: null,
    ourPostId: null,
    conversationKey: `conversation-${id}`,
    createdAt: "2026-12-09T01:00:00Z",
    read: false,
    done: false,
    starred: false,
    liked: false,
    assignee: null,
    tags: [],
    ...extra,
  };
}

function items() {
  return [
    inboxItem(1, {
      html: PAYLOAD_HTML,
      text: "Hello from a stranger",
      authorName: '<img src=x onerror="window.__pwned = \'author\'">Mallory',
      authorHandle: "@mallory@evil.example",
      authorAvatarUrl: "javascript:window.__pwned='avatar'",
      images: ["javascript:alert(1)", "https://images.invalid/x.svg"],
      webUrl: "javascript:alert('original')",
      createdAt: "2026-12-09T02:00:00Z",
    }),
    inboxItem(2, {
      html: `<p>${"Overflowing ".repeat(40_000)}</p>`,
      text: "Overflowing ".repeat(40_000),
      authorName: "Loud Larry",
      authorHandle: "@larry@mastodon.social",
      conversationKey: "conversation-2",
      createdAt: "2026-12-09T01:30:00Z",
    }),
    inboxItem(3, {
      channelId: 11,
      network: "bluesky",
      kind: "reply",
      html: "<p>Are the <strong>cardamom buns</strong> back this week?</p>",
      text: "Are the cardamom buns back this week?",
      authorName: "Alan Turing",
      authorHandle: "alan.bsky.social",
      authorAvatarUrl: "https://avatars.invalid/alan.jpg",
      inReplyToText: "Fresh from the oven this morning",
      conversationKey: "buns",
      createdAt: "2026-12-09T01:10:00Z",
    }),
    inboxItem(4, {
      channelId: 11,
      network: "bluesky",
      kind: "reply",
      text: "And do you deliver?",
      authorName: "Alan Turing",
      authorHandle: "alan.bsky.social",
      conversationKey: "buns",
      createdAt: "2026-12-09T01:20:00Z",
    }),
  ];
}

async function openInbox(theme = "light") {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.addInitScript((s) => {
    window.__CHORUS_SEED__ = s;
  }, bakerySeed(theme));
  await page.addInitScript({ content: backendScript });
  await page.addInitScript((list) => {
    window.__chorus.backend.inbox.items = list;
    window.__chorus.backend.inbox.savedReplies = [{ id: 70, name: "Thanks", body: "Thanks {name}, see you soon!" }];
  }, items());
  const errors = [];
  const dialogs = [];
  const requests = [];
  page.on("pageerror", (error) => errors.push(error));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(server.url);
  await page.getByTestId("overview").waitFor();
  return { page, errors, dialogs, requests };
}

describe("the inbox in the browser", () => {
  it("renders hostile content and nothing in it runs", async () => {
    const { page, errors, dialogs, requests } = await openInbox();
    const start = page.url();
    await page.keyboard.press("Control+5");
    const hostile = page.getByTestId("inbox-item-1");
    await hostile.waitFor();
    await page.getByTestId("inbox-item-3").getByTestId("avatar-initials").waitFor(); // the https avatar failed to load

    // Every place a payload could fire: hover, click the links, toggle, wait for onload/onerror.
    await hostile.getByText("hover me").hover();
    await hostile.getByText("click me").click();
    await hostile.getByText("data link").click();
    await hostile.getByText("a real link").click();
    await page.waitForTimeout(300);

    const dom = await page.evaluate(() => {
      const root = document.querySelector("[data-testid=inbox]");
      const all = Array.from(root.querySelectorAll("*"));
      return {
        pwned: window.__pwned ?? null,
        scripts: document.querySelectorAll("body script").length,
        frames: root.querySelectorAll("iframe, object, embed, frame").length,
        bodySvg: root.querySelectorAll(".inbox-body svg, .inbox-body math, .inbox-body form, .inbox-body img").length,
        styles: root.querySelectorAll("style").length,
        onAttributes: all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
        badUrls: all.flatMap((el) =>
          Array.from(el.attributes)
            .filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.value))
            .map((a) => `${el.tagName} ${a.name}=${a.value}`),
        ),
        links: Array.from(root.querySelectorAll("[data-testid=inbox-item-1] .inbox-body a")).map((a) => a.getAttribute("href")),
        opened: window.__chorus.backend.inbox.opened,
        bodyVisible: getComputedStyle(document.body).display !== "none",
      };
    });
    assert.equal(dom.pwned, null, "a payload ran");
    assert.deepEqual(dialogs, [], "a payload opened a dialog");
    assert.equal(page.url(), start, "the webview navigated");
    assert.equal(dom.scripts, 0);
    assert.equal(dom.frames, 0);
    assert.equal(dom.bodySvg, 0);
    assert.equal(dom.styles, 0);
    assert.deepEqual(dom.onAttributes, []);
    assert.deepEqual(dom.badUrls, []);
    assert.deepEqual(dom.links, ["https://example.org/story"]);
    assert.deepEqual(dom.opened, ["https://example.org/story"], "the real link goes to the system browser");
    assert.ok(dom.bodyVisible, "an injected <style> applied");
    // Only the app's own files and the https images the CSP allows (an SVG as <img> runs nothing);
    // nothing the hostile HTML names (its img src=x, frames) is fetched.
    const foreign = requests.filter((u) => !u.startsWith(server.url));
    assert.deepEqual(foreign.sort(), ["https://avatars.invalid/alan.jpg", "https://images.invalid/x.svg"]);
    assert.ok(!requests.some((u) => new URL(u).pathname === "/x"), requests.join("\n"));
    // Names are text; the payload shows as characters.
    await hostile.locator(".inbox-author").getByText('<img src=x onerror="window.__pwned = \'author\'">Mallory').waitFor();
    assert.equal(await hostile.getByRole("link", { name: /Open original/ }).count(), 0);

    // Oversized text is folded: the page stays usable.
    const big = page.getByTestId("inbox-item-2");
    const box = await big.locator(".inbox-body").boundingBox();
    assert.ok(box.height < 400, `folded body is ${box.height}px tall`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1440, `the page scrolls sideways (${width}px)`);

    await page.getByRole("heading", { name: "Inbox" }).scrollIntoViewIfNeeded();
    await screenshot(page, "web-60-inbox-hostile-light.png");
    assert.deepEqual(errors, []);
    await page.close();
  });

  for (const theme of ["light", "dark"]) {
    it(`rings the keyboard-focused entry in the ${theme} theme`, async () => {
      const { page, errors } = await openInbox(theme);
      await page.getByTestId("nav-inbox").click();
      await page.getByTestId("inbox-item-1").waitFor();
      await page.keyboard.press("j");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "inbox-item-2");
      const ring = await page.getByTestId("inbox-item-2").evaluate((e) => getComputedStyle(e).boxShadow);
      assert.match(ring, /inset/, `the focused entry shows a ring: ${ring}`);
      await screenshot(page, `web-61-inbox-focus-${theme}.png`);
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  it("triages from the keyboard and replies with a saved reply", async () => {
    const { page, errors } = await openInbox("dark");
    await page.getByTestId("nav-inbox").click();
    await page.getByTestId("inbox-item-1").waitFor();
    assert.match(await page.getByTestId("inbox-unread-badge").innerText(), /^4/);

    // Newest first: Mallory (02:00), Larry (01:30), then the buns conversation (newest 01:20).
    const order = await page.locator("[data-testid=inbox] article").evaluateAll((a) => a.map((x) => x.dataset.testid));
    assert.deepEqual(order, ["inbox-item-1", "inbox-item-2", "inbox-item-4", "inbox-item-3"]);

    await page.keyboard.press("j");
    await page.keyboard.press("j");
    const alan = page.getByTestId("inbox-item-4");
    await page.waitForFunction(() => document.activeElement?.dataset.testid === "inbox-item-4");
    await page.keyboard.press("e");
    await alan.getByRole("button", { name: "Reopen" }).waitFor();
    await page.keyboard.press("s");
    await alan.getByRole("button", { name: "★ Starred" }).waitFor();
    await page.keyboard.press("u");
    await alan.getByRole("button", { name: "Mark unread" }).waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=inbox-unread-badge]")?.textContent?.startsWith("3"));
    const stored = await page.evaluate(() => window.__chorus.backend.inbox.items.find((i) => i.id === 4));
    assert.deepEqual([stored.done, stored.starred, stored.read], [true, true, true]);

    await page.keyboard.press("k");
    await page.waitForFunction(() => document.activeElement?.dataset.testid === "inbox-item-2");
    await page.keyboard.press("j");
    await page.keyboard.press("r");
    const reply = alan.getByLabel("Reply to Alan Turing");
    await reply.waitFor();
    await page.waitForFunction(() => document.activeElement?.id === "inbox-reply-4");
    await alan.getByLabel("Saved reply").selectOption({ label: "Thanks" });
    await page.waitForFunction(() => document.getElementById("inbox-reply-4")?.value === "Thanks Alan Turing, see you soon!");
    await screenshot(page, "web-61-inbox-reply-dark.png");
    await page.keyboard.press("Control+Enter");
    await alan.getByTestId("inbox-reply-sent").waitFor();
    const sent = await page.evaluate(() => window.__chorus.backend.calls.filter((c) => c.cmd === "reply_to_inbox_item").map((c) => c.args));
    assert.deepEqual(sent, [{ id: 4, text: "Thanks Alan Turing, see you soon!" }]);

    await page.keyboard.press("/");
    await page.waitForFunction(() => document.activeElement?.id === "inbox-search");
    await page.keyboard.type("cardamom");
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=inbox] article").length === 1);
    assert.equal(await page.getByTestId("inbox-item-3").count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("looks right in the light theme with a normal inbox", async () => {
    const { page, errors } = await openInbox("light");
    await page.getByTestId("nav-inbox").click();
    await page.getByTestId("inbox-item-3").waitFor();
    await page.getByTestId("inbox").getByLabel("Channel", { exact: true }).selectOption({ label: "harbourbakery.bsky.social (Bluesky)" });
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=inbox] article").length === 2);
    await screenshot(page, "web-62-inbox-light.png");
    await page.keyboard.press("Control+,");
    await page.getByRole("region", { name: "Inbox notifications" }).scrollIntoViewIfNeeded();
    await page.getByRole("region", { name: "Inbox notifications" }).getByLabel(/Quiet hours/).check();
    await screenshot(page, "web-63-inbox-settings-light.png");
    assert.deepEqual(errors, []);
    await page.close();
  });
});
