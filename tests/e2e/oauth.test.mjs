// Mastodon sign-in through the browser, in the real app, against mastodon-mock (a third-party
// MOCK of the Mastodon API, not Mastodon): the app registers itself, opens the system browser
// with the authorization URL (tauri-plugin-opener -> xdg-open), waits on its loopback receiver
// (RFC 8252) for the code and trades it for a token with PKCE. The system browser is a fake one
// (fake-browser.mjs), installed in the test profile the way a desktop registers a browser, so the
// app's own xdg-open call is what launches it. Also: a server that cannot be reached, and an
// address that is not one, are reported in the dialog, which keeps what was typed.
// Needs tests/servers/with-servers.sh (make e2e).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { cliJson, endSession, freshProfile, repoRoot, screenshot, startDriver } from "./harness.mjs";

const masto = process.env.CHORUS_TEST_MASTODON_MOCK_URL?.replace(/\/$/, "");
if (!masto) {
  throw new Error("CHORUS_TEST_MASTODON_MOCK_URL is not set: run through make e2e (tests/servers/with-servers.sh)");
}

const profile = freshProfile("oauth");
const fakeBrowser = path.join(repoRoot, "tests", "e2e", "fake-browser.mjs");
const browserLog = path.join(profile.root, "fake-browser.log");
const approveGate = path.join(profile.root, "approve-now");
const DESKTOP_ID = "chorus-e2e-browser.desktop";

let driver;
let browser;
let proxy;
let user;

/** A fresh account on mastodon-mock, through its sign-up API. */
async function mockUser() {
  const form = (o) => new URLSearchParams(o);
  const app = await (await fetch(`${masto}/api/v1/apps`, { method: "POST", body: form({ client_name: "e2e", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" }) })).json();
  const appToken = await (await fetch(`${masto}/oauth/token`, { method: "POST", body: form({ grant_type: "client_credentials", client_id: app.client_id, client_secret: app.client_secret, scope: "read write" }) })).json();
  const username = `oa${Date.now() % 1e9}`;
  const signup = await (await fetch(`${masto}/api/v1/accounts`, {
    method: "POST",
    headers: { authorization: `Bearer ${appToken.access_token}` },
    body: form({ username, email: `${username}@example.com`, password: "pw-123456789", agreement: "true", locale: "en" }),
  })).json();
  assert.ok(signup.access_token, `mastodon-mock created no account: ${JSON.stringify(signup)}`);
  return { username, signupToken: signup.access_token };
}

/**
 * Installs fake-browser.mjs as this profile's web browser, the way xdg-open (xdg-utils 1.1.3)
 * looks one up with no desktop environment: XDG_CURRENT_DESKTOP=X-Generic (also what it
 * detects under Xvfb, set so that a developer's GNOME or KDE session does not leak in) makes it
 * take open_generic; with $DISPLAY set, that asks `xdg-mime query default x-scheme-handler/http`,
 * which reads $XDG_CONFIG_HOME/mimeapps.list [Default Applications] first and keeps the entry
 * because its Exec resolves to a binary; xdg-open then finds the .desktop file in
 * $XDG_DATA_HOME/applications and runs its Exec with %u replaced by the URL, and waits for it.
 * $BROWSER is reached only without $DISPLAY or when no handler is found at all: were this entry
 * broken, xdg-mime would fall back to chromium.desktop instead, which is why before() checks
 * the lookup. The two ways mark the launch (--via=) so the test can tell which one ran.
 */
function installFakeBrowser() {
  const node = process.execPath;
  // xdg-open splits Exec on whitespace and does not understand quotes.
  for (const p of [node, fakeBrowser]) assert.doesNotMatch(p, /\s/, `${p}: xdg-open cannot run paths with spaces`);
  const applications = path.join(profile.env.XDG_DATA_HOME, "applications");
  mkdirSync(applications, { recursive: true });
  writeFileSync(
    path.join(applications, DESKTOP_ID),
    [
      "[Desktop Entry]",
      "Type=Application",
      "Name=Chorus e2e fake browser",
      `Exec=${node} ${fakeBrowser} --via=desktop-entry %u`,
      "Terminal=false",
      "MimeType=x-scheme-handler/http;x-scheme-handler/https;",
      "",
    ].join("\n"),
  );
  writeFileSync(
    path.join(profile.env.XDG_CONFIG_HOME, "mimeapps.list"),
    `[Default Applications]\nx-scheme-handler/http=${DESKTOP_ID}\nx-scheme-handler/https=${DESKTOP_ID}\n`,
  );
  Object.assign(profile.env, {
    XDG_CURRENT_DESKTOP: "X-Generic",
    BROWSER: `${node} ${fakeBrowser} --via=BROWSER %s`,
    CHORUS_E2E_BROWSER_LOG: browserLog,
    CHORUS_E2E_BROWSER_GATE: approveGate,
  });
}

/**
 * mastodon-mock checks neither the PKCE verifier nor the redirect URI when it hands out a token,
 * so a pass-through in front of it records what the app and the browser send, for the test to
 * check instead.
 */
function recordingProxy(upstream) {
  const requests = [];
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method, url: req.url, body: body.toString("utf8") });
      const forward = http.request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      // A client that leaves takes its upstream request with it: the app's streaming
      // connection (server-sent events, never ending on its own) must not outlive the app.
      res.on("close", () => forward.destroy());
      forward.on("error", (err) => {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`proxy: ${err.message}`);
      });
      forward.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        requests,
        close: () =>
          new Promise((r) => {
            server.close(r);
            server.closeAllConnections();
          }),
      });
    });
  });
}

function browserEvents() {
  if (!existsSync(browserLog)) return [];
  return readFileSync(browserLog, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

async function waitForBrowserEvent(event) {
  let found;
  await browser.waitUntil(() => (found = browserEvents().find((e) => e.event === event)) !== undefined, {
    timeout: 30000,
    interval: 100,
    timeoutMsg: `the fake browser never logged "${event}"; its log: ${JSON.stringify(browserEvents())}`,
  });
  return found;
}

async function textOf(selector) {
  // textContent, not getText: WebKitWebDriver's rendered-text walk skips some flex children.
  return (await browser.$(selector)).getProperty("textContent");
}

async function waitForText(selector, pattern, timeout = 20000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout });
  let text = "";
  await browser.waitUntil(async () => pattern.test((text = await el.getProperty("textContent"))), {
    timeout,
    interval: 100,
    timeoutMsg: `${selector} never matched ${pattern}; it says: ${text}`,
  });
  return text;
}

/** Replaces an input's text the way a person does, so React sees every keystroke. */
async function retype(el, text) {
  await el.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await el.addValue(text);
}

async function openMastodonConnect() {
  const connect = await browser.$('[data-testid="connect-channel"]');
  await connect.waitForDisplayed({ timeout: 20000 });
  await connect.click();
  await (await browser.$('[data-testid="connect-dialog"]')).waitForDisplayed({ timeout: 10000 });
  await (await browser.$('[data-testid="connect-network-mastodon"]')).click();
  const instance = await browser.$("#connect-instance-url");
  await instance.waitForDisplayed({ timeout: 5000 });
  return instance;
}

/** Every byte of the database, WAL included: a recent write may not be checkpointed yet. */
function databaseBytes() {
  const dir = profile.env.CHORUS_DATA_DIR;
  const files = ["chorus.sqlite3", "chorus.sqlite3-wal"].map((f) => path.join(dir, f)).filter(existsSync);
  assert.ok(files.some((f) => f.endsWith("chorus.sqlite3")), `no database in ${dir}: ${readdirSync(dir)}`);
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

function logBytes() {
  const dir = path.join(profile.env.CHORUS_DATA_DIR, "logs");
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(path.join(dir, f))));
}

const base64url = (bytes) => bytes.toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

before(async () => {
  cliJson(profile, "workspace", "create", "--name", "Harbour Bakery", "--timezone", "Europe/Berlin");
  user = await mockUser();
  proxy = await recordingProxy(masto);
  installFakeBrowser();
  profile.env.CHORUS_E2E_MASTODON_USER = user.username;

  // The same lookup xdg-open makes: the fake browser, not chromium (installed, and the
  // system's x-www-browser), must be what http(s) links open with.
  for (const scheme of ["http", "https"]) {
    const chosen = execFileSync("xdg-mime", ["query", "default", `x-scheme-handler/${scheme}`], {
      encoding: "utf8",
      env: { ...process.env, ...profile.env },
    }).trim();
    assert.equal(chosen, DESKTOP_ID, `xdg-mime picks ${chosen || "nothing"} for ${scheme} links`);
  }

  driver = await startDriver(profile);
  browser = await driver.session();
});

after(async () => {
  // Lets a fake browser still waiting to approve finish instead of lingering.
  writeFileSync(approveGate, "");
  if (browser) await endSession(browser);
  driver?.stop();
  await proxy?.close();
});

test("signing in with the browser connects a mastodon-mock account, with PKCE, and keeps the token out of the database", async () => {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await browser.keys(["Control", ","]);
  await (await browser.$('[data-testid="channels-empty"]')).waitForDisplayed({ timeout: 10000 });

  const instance = await openMastodonConnect();
  await retype(instance, proxy.url);
  const submit = await browser.$('[data-testid="connect-submit"]');
  assert.equal((await submit.getProperty("textContent")).trim(), "Sign in with browser");
  await submit.click();

  // The app launched the browser, which has the authorization page open; the app waits.
  const host = new URL(proxy.url).host;
  await waitForText('[data-testid="oauth-waiting"]', new RegExp(`Chorus opened ${host.replace(/\./g, "\\.")} in your browser`));
  const shown = await waitForBrowserEvent("authorize-page");
  assert.equal(shown.status, 200, "mastodon-mock shows its authorization page");
  await screenshot(browser, "30-oauth-waiting-for-browser");

  // The person approves; the app continues by itself.
  writeFileSync(approveGate, "");
  const row = await browser.$(`//*[@data-testid="channels-settings"]//li[contains(., "${user.username}@")]`);
  try {
    await row.waitForDisplayed({ timeout: 30000 });
  } catch (err) {
    await screenshot(browser, "debug-oauth-connect");
    throw new Error(`no connected channel in the UI; the fake browser's log: ${JSON.stringify(browserEvents())}`, { cause: err });
  }
  await (await browser.$('[data-testid="connect-dialog"]')).waitForExist({ reverse: true, timeout: 5000 });
  assert.equal((await (await row.$(".channel-status")).getProperty("textContent")).trim(), "Active");
  assert.match(await waitForText('[data-testid="toaster"]', /Connected/), new RegExp(`Connected ${user.username}@`));
  await screenshot(browser, "31-oauth-connected");

  // The browser: launched once, by xdg-open through the .desktop entry, with a PKCE request.
  const events = browserEvents();
  const launches = events.filter((e) => e.event === "launched");
  assert.equal(launches.length, 1, `launched once: ${JSON.stringify(launches)}`);
  assert.equal(launches[0].via, "desktop-entry", "xdg-open found the browser through mimeapps.list, not $BROWSER");
  const authorize = new URL(launches[0].args.at(-1));
  const q = Object.fromEntries(authorize.searchParams);
  assert.equal(authorize.origin + authorize.pathname, `${proxy.url}/oauth/authorize`);
  assert.equal(q.response_type, "code");
  assert.equal(q.code_challenge_method, "S256");
  assert.match(q.code_challenge, /^[A-Za-z0-9_-]{43}$/, "a SHA-256 challenge, base64url without padding");
  assert.match(q.state, /^[A-Za-z0-9_-]{20,}$/, "an unguessable state");
  assert.match(q.redirect_uri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/, "a loopback redirect (RFC 8252)");
  assert.ok(q.client_id);
  assert.equal(events.find((e) => e.event === "error"), undefined, JSON.stringify(events));

  const approved = events.find((e) => e.event === "approved");
  assert.equal(approved.status, 302);
  const back = new URL(approved.location);
  assert.equal(back.origin + back.pathname, q.redirect_uri, "mastodon-mock sent the browser back to the app");
  assert.equal(back.searchParams.get("state"), q.state);
  const landing = events.find((e) => e.event === "landing");
  assert.equal(landing.status, 200);
  assert.match(landing.text, /You can close this window/);

  // What the app sent: the app registered for exactly this redirect, and traded the code it got
  // for a token with the verifier whose hash is the challenge the browser carried.
  const form = (r) => Object.fromEntries(new URLSearchParams(r.body));
  const registration = proxy.requests.filter((r) => r.method === "POST" && r.url === "/api/v1/apps").map(form);
  assert.equal(registration.length, 1);
  assert.equal(registration[0].redirect_uris, q.redirect_uri);
  const exchanges = proxy.requests.filter((r) => r.method === "POST" && r.url === "/oauth/token").map(form);
  assert.equal(exchanges.length, 1, "one code exchange");
  const exchange = exchanges[0];
  assert.equal(exchange.grant_type, "authorization_code");
  assert.equal(exchange.code, back.searchParams.get("code"));
  assert.equal(exchange.client_id, q.client_id);
  assert.equal(exchange.redirect_uri, q.redirect_uri);
  assert.match(exchange.code_verifier, /^[A-Za-z0-9._~-]{43,128}$/, "an RFC 7636 verifier");
  assert.equal(base64url(createHash("sha256").update(exchange.code_verifier).digest()), q.code_challenge);
  assert.ok(!authorize.href.includes(exchange.code_verifier), "the verifier never went to the browser");

  // The CLI sees the channel in the same database.
  const channels = cliJson(profile, "channel", "list");
  assert.equal(channels.length, 1, JSON.stringify(channels));
  assert.equal(channels[0].network, "mastodon");
  assert.equal(channels[0].status, "active");
  assert.ok(channels[0].handle.startsWith(`${user.username}@`), channels[0].handle);
  assert.ok(channels[0].config.instanceUrl.startsWith(proxy.url), channels[0].config.instanceUrl);

  // The token is in the secret store (here the test's plain file), is the one mastodon-mock
  // issued to this account for this sign-in, and is nowhere in the database or the logs.
  const secrets = JSON.parse(readFileSync(profile.env.CHORUS_TEST_SECRETS_FILE, "utf8"));
  const stored = Object.values(secrets);
  assert.equal(stored.length, 1, `one secret: ${Object.keys(secrets)}`);
  const token = stored[0];
  assert.notEqual(token, user.signupToken, "a new token, from the code exchange");
  const me = await fetch(`${masto}/api/v1/accounts/verify_credentials`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).username, user.username);
  const db = databaseBytes();
  assert.ok(db.includes(Buffer.from(channels[0].handle)), "the search does see what the database holds");
  assert.ok(!db.includes(Buffer.from(token)), "the access token is not in the database");
  assert.ok(!logBytes().includes(Buffer.from(token)), "the access token is not in the logs");
});

test("an unreachable server and an address that is not one are reported in the dialog, which keeps the input", async () => {
  const launchesBefore = browserEvents().filter((e) => e.event === "launched").length;
  const instance = await openMastodonConnect();

  // The dialog shows a waiting view while a sign-in runs, so the input is found again after each.
  const typed = async () => (await browser.$("#connect-instance-url")).getValue();

  // Nothing listens on port 1: Chorus cannot even register itself, so no browser opens.
  await retype(instance, "http://127.0.0.1:1");
  await (await browser.$('[data-testid="connect-submit"]')).click();
  // Reported under the address the user typed, naming it: the address (or the connection) is
  // what to check, not the credentials.
  const problem = await waitForText("#connect-instance-url-error", /Nothing answered at/);
  assert.match(problem, /127\.0\.0\.1:1\b/, `the error names the server: ${problem}`);
  assert.equal(await (await browser.$("#connect-instance-url")).getAttribute("aria-invalid"), "true");
  assert.equal(await (await browser.$('[data-testid="connect-error"]')).isExisting(), false, "under the field, not in the box");
  assert.equal(await typed(), "http://127.0.0.1:1", "what was typed is kept");
  assert.equal(await (await browser.$('[data-testid="connect-network-mastodon"] input')).isSelected(), true);
  assert.equal((await textOf('[data-testid="connect-submit"]')).trim(), "Sign in with browser");
  await screenshot(browser, "32-oauth-unreachable-server");

  // Not an address at all: refused before anything goes on the network, under the field.
  await retype(await browser.$("#connect-instance-url"), "not a url");
  await (await browser.$('[data-testid="connect-submit"]')).click();
  const fieldError = await waitForText("#connect-instance-url-error", /is not a web address/);
  assert.match(fieldError, /not a url/, fieldError);
  assert.equal(await typed(), "not a url", "what was typed is kept");
  assert.equal(await (await browser.$("#connect-instance-url")).getAttribute("aria-invalid"), "true");
  assert.equal(await (await browser.$('[data-testid="connect-error"]')).isExisting(), false, "one error at a time");
  await screenshot(browser, "33-oauth-not-an-address");

  assert.equal(browserEvents().filter((e) => e.event === "launched").length, launchesBefore, "no browser was opened");
  assert.equal(cliJson(profile, "channel", "list").length, 1, "nothing was added");
});
