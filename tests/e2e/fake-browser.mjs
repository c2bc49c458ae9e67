#!/usr/bin/env node
// A stand-in for the system browser in the end-to-end tests. oauth.test.mjs installs it in the
// test profile the way a desktop registers a browser (a .desktop entry plus mimeapps.list, and
// $BROWSER as a fallback), so that the app's own xdg-open call launches it with the sign-in URL.
//
// It plays the person at the keyboard on mastodon-mock's authorization page (mastodon-mock is a
// third-party MOCK of the Mastodon API, not Mastodon): it loads the page, waits until the test
// says "approve" (a file appears), approves as $CHORUS_E2E_MASTODON_USER, follows the redirect to
// the app's loopback receiver and reads the page the app answers with.
//
//   fake-browser.mjs --via=<how it was launched> URL
//
// Every step is appended to $CHORUS_E2E_BROWSER_LOG as one JSON line, which the test reads. Like a
// real browser it exits 0 whatever the page did: xdg-open passes a non-zero exit on, and the
// opener would then try its next launcher (gio open) and open the URL a second time.
import { appendFileSync, existsSync } from "node:fs";

const logFile = process.env.CHORUS_E2E_BROWSER_LOG;
const username = process.env.CHORUS_E2E_MASTODON_USER;
const gate = process.env.CHORUS_E2E_BROWSER_GATE;
const STEP_TIMEOUT_MS = 20000;
const GATE_TIMEOUT_MS = 120000;

function log(event, detail = {}) {
  if (logFile) appendFileSync(logFile, `${JSON.stringify({ event, pid: process.pid, ...detail })}\n`);
}

const args = process.argv.slice(2);
const via = args.find((a) => a.startsWith("--via="))?.slice("--via=".length) ?? "unknown";
const urls = args.filter((a) => !a.startsWith("--via="));

async function waitForGate() {
  if (!gate) return;
  const deadline = Date.now() + GATE_TIMEOUT_MS;
  while (!existsSync(gate)) {
    if (Date.now() > deadline) throw new Error(`the test never said approve (${gate})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const unescape = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const attribute = (tag, name) => {
  const found = tag.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i"));
  return found ? unescape(found[1]) : undefined;
};

/**
 * What a browser sends when the person clicks their account on mastodon-mock's picker: the
 * form's hidden fields plus the clicked button's name=value, to the form's action.
 */
function pickAccount(html, pageUrl) {
  const form = html.match(/<form\b[^>]*>[\s\S]*?<\/form>/i)?.[0];
  if (!form) throw new Error("the authorization page has no form");
  const formTag = form.match(/<form\b[^>]*>/i)[0];
  if ((attribute(formTag, "method") ?? "get").toLowerCase() !== "post") throw new Error(`unexpected form: ${formTag}`);
  const fields = new URLSearchParams();
  for (const tag of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (attribute(tag, "type")?.toLowerCase() === "hidden" && attribute(tag, "name")) {
      fields.append(attribute(tag, "name"), attribute(tag, "value") ?? "");
    }
  }
  const button = (form.match(/<button\b[^>]*>/gi) ?? []).find((tag) => attribute(tag, "value") === username);
  if (!button) throw new Error(`the authorization page offers no button for ${username}`);
  fields.append(attribute(button, "name"), username);
  return { action: new URL(attribute(formTag, "action") ?? pageUrl.href, pageUrl), fields };
}

async function signIn(url) {
  const authorize = new URL(url);
  const page = await fetch(authorize, { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
  const html = await page.text();
  log("authorize-page", { status: page.status });
  if (page.status !== 200) return;

  // The person reads the page; the test decides when they click.
  await waitForGate();
  if (!username) throw new Error("CHORUS_E2E_MASTODON_USER is not set");
  const { action, fields } = pickAccount(html, authorize);
  const approve = await fetch(action, {
    method: "POST",
    body: fields,
    redirect: "manual",
    signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
  });
  const location = approve.headers.get("location");
  log("approved", { status: approve.status, action: action.href, fields: Object.fromEntries(fields), location });
  if (approve.status !== 302 || !location) return;

  const landing = await fetch(new URL(location, authorize), { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) });
  log("landing", { status: landing.status, text: (await landing.text()).slice(0, 2000) });
}

log("launched", { via, args });
try {
  if (urls.length !== 1) throw new Error(`expected one URL, got ${JSON.stringify(urls)}`);
  await signIn(urls[0]);
} catch (error) {
  log("error", { message: String(error?.stack ?? error), cause: error?.cause ? String(error.cause) : undefined });
}
