// Publishing through the real app against local servers: a post written in the UI goes out to
// a real nostr-rs-relay and to mastodon-mock (a MOCK of the Mastodon API), a post the network
// refuses fails loudly (status in the UI, its words, an OS notification caught from dunst), and
// the pause switch holds a post until it is switched back. Needs tests/servers/with-servers.sh.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cliJson, cliJsonWithInput, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const relay = process.env.CHORUS_TEST_NOSTR_RELAY;
const masto = process.env.CHORUS_TEST_MASTODON_MOCK_URL?.replace(/\/$/, "");
if (!relay || !masto) {
  throw new Error("CHORUS_TEST_NOSTR_RELAY and CHORUS_TEST_MASTODON_MOCK_URL are not set: run through make e2e (tests/servers/with-servers.sh)");
}

const profile = freshProfile("publish");
let driver;
let browser;
let mastoToken;

async function mockUser() {
  const form = (o) => new URLSearchParams(o);
  const app = await (await fetch(`${masto}/api/v1/apps`, { method: "POST", body: form({ client_name: "e2e", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" }) })).json();
  const appToken = await (await fetch(`${masto}/oauth/token`, { method: "POST", body: form({ grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read write" }) })).json();
  const name = `e2e${Date.now() % 1e9}`;
  const user = await (await fetch(`${masto}/api/v1/accounts`, {
    method: "POST",
    headers: { authorization: `Bearer ${appToken.access_token}` },
    body: form({ username: name, email: `${name}@example.com`, password: "pw-123456789", agreement: "true", locale: "en" }),
  })).json();
  return user.access_token;
}

before(async () => {
  cliJson(profile, "workspace", "create", "--name", "Harbour Bakery", "--timezone", "Europe/Berlin");
  cliJson(profile, "channel", "add", "nostr", "--relay", relay, "--generate");
  mastoToken = await mockUser();
  cliJsonWithInput(profile, `${mastoToken}\n`, "channel", "add", "mastodon", "--instance", masto, "--secret-stdin");
  driver = await startDriver(profile);
  browser = await driver.session();
});

after(async () => {
  if (browser) await endSession(browser);
  driver?.stop();
});

async function openPosts() {
  // The shortcut only works once the app has drawn its first screen.
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", "2"]);
  const form = await browser.$('[data-testid="post-form"]');
  try {
    await form.waitForDisplayed({ timeout: 10000 });
  } catch (e) {
    await screenshot(browser, "debug-open-posts");
    throw e;
  }
}

/** Ticks exactly the channels whose handle contains one of `wanted`. */
async function chooseChannels(wanted) {
  for (const label of await browser.$$("#post-channels label.chip")) {
    const text = await label.getProperty("textContent");
    const box = await label.$("input");
    const want = wanted.some((w) => text.includes(w));
    if ((await box.isSelected()) !== want) await label.click();
  }
}

async function writeAndSubmit(text, channels) {
  const area = await browser.$("#post-text");
  await area.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await area.addValue(text);
  await chooseChannels(channels);
  await (await browser.$("#post-submit")).click();
}

/** The states of the targets of the post whose text starts with `text`, once none is on its way. */
async function settledStates(text, expectedCount) {
  let states = [];
  await browser.waitUntil(async () => {
    let first = null;
    for (const li of await browser.$$('[data-testid="post-list"] > li')) {
      if ((await li.getProperty("textContent")).includes(text.slice(0, 40))) {
        first = li;
        break;
      }
    }
    if (!first) return false;
    states = [];
    for (const pill of await first.$$("[data-state]")) states.push(await pill.getAttribute("data-state"));
    return states.length === expectedCount && states.every((s) => !["scheduled", "publishing"].includes(s));
  }, { timeout: 30000, interval: 250, timeoutMsg: `targets did not settle: ${states}` });
  return states;
}

function notifications() {
  try {
    execFileSync("dunstctl", ["close-all"]);
    const history = JSON.parse(execFileSync("dunstctl", ["history"], { encoding: "utf8" }));
    return history.data.flat().map((n) => `${n.summary.data}: ${n.body.data}`);
  } catch {
    return [];
  }
}

test("a post written in the app goes out to the real relay and the Mastodon mock, once each", async () => {
  await openPosts();
  await writeAndSubmit("Fresh bread at seven, from the Chorus e2e test", ["npub", "@"]);
  const states = await settledStates("Fresh bread at seven", 2);
  assert.deepEqual(states, ["published", "published"]);
  await screenshot(browser, "20-posts-published");

  const [post] = cliJson(profile, "post", "list");
  assert.equal(post.text, "Fresh bread at seven, from the Chorus e2e test");
  assert.deepEqual(post.targets.map((t) => t.state), ["published", "published"]);
  const me = await (await fetch(`${masto}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${mastoToken}` } })).json();
  const statuses = await (await fetch(`${masto}/api/v1/accounts/${me.id}/statuses`, { headers: { authorization: `Bearer ${mastoToken}` } })).json();
  assert.equal(statuses.length, 1, "exactly one status on the mock");
});

test("a post the network refuses fails loudly: in the list, in its words, and as an OS notification", async () => {
  // Valid by Mastodon's counting (each link counts 23), but the mock counts raw characters and
  // answers 422, as a server with a stricter limit would.
  const long = (c) => `https://example.com/${c.repeat(300)}`;
  await writeAndSubmit(`See ${long("a")} and ${long("b")}`, ["@"]);
  const states = await settledStates("See https://example.com/aaaa", 1);
  assert.deepEqual(states, ["failed"]);
  const problem = await browser.$('[data-testid="post-list"] [data-testid$="-problem"]');
  const why = await problem.getProperty("textContent");
  assert.match(why, /500|limit|character/i, why);
  await screenshot(browser, "21-post-failed");

  let seen = [];
  await browser.waitUntil(async () => {
    seen = notifications();
    return seen.some((n) => n.startsWith("A post was not published"));
  }, { timeout: 15000, interval: 500, timeoutMsg: `no notification; dunst has: ${JSON.stringify(seen)}` });
  const [failed] = cliJson(profile, "post", "list");
  assert.equal(failed.targets[0].state, "failed");
  assert.ok(failed.targets[0].lastError.length > 0);
});

test("the pause switch holds a post and lets it go when switched back", async () => {
  const toggle = await browser.$('[data-testid="pause-switch"]');
  await toggle.click();
  await browser.waitUntil(async () => cliJson(profile, "publish", "status").paused === true, { timeout: 10000 });
  await writeAndSubmit("Held by the crisis switch", ["npub"]);
  const held = await settledStates("Held by the crisis switch", 1);
  assert.deepEqual(held, ["paused"]);
  await screenshot(browser, "22-paused");

  await toggle.click();
  let states = [];
  await browser.waitUntil(async () => {
    states = await settledStates("Held by the crisis switch", 1);
    return states[0] === "published";
  }, { timeout: 30000, interval: 500, timeoutMsg: `still ${states} after resuming` });
  assert.deepEqual(states, ["published"]);
  assert.equal(cliJson(profile, "publish", "status").paused, false);
});
