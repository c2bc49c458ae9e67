// Browser tests of the built UI (ui/dist) in Debian's Chromium through playwright-core.
//
// How the Tauri IPC is mocked: the app is the real production build, unchanged. Before its
// scripts run, two init scripts go into every page: the seed (what the fake backend holds),
// then ui/src/test/browserBackend.ts bundled to one IIFE by Vite. That bundle is the same
// fake backend the Vitest tests use (ui/src/test/fakeBackend.ts, which implements the
// commands' contract and errors) installed through @tauri-apps/api/mocks, so the page gets a
// window.__TAURI_INTERNALS__ whose invoke answers like the Rust commands. Tests read
// window.__chorus.backend.calls to see what the UI sent.
import { createServer } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const uiDir = path.join(repoRoot, "ui");
export const distDir = path.join(uiDir, "dist");
export const artifactsDir = path.join(repoRoot, "target", "e2e-artifacts");

const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  // Playwright itself adds --headless (headless: true), --no-sandbox (chromiumSandbox: false)
  // and a --user-data-dir; the profile is a fresh temp dir per launch (launchBrowser).
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** Serves ui/dist on 127.0.0.1 (a free port); unknown paths get index.html. */
export async function serveDist() {
  try {
    statSync(path.join(distDir, "index.html"));
  } catch {
    throw new Error("ui/dist is missing: run `npm --prefix ui run build` first (make test-web does).");
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let file = path.normalize(path.join(distDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(distDir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, "index.html");
    } catch {
      file = path.join(distDir, "index.html");
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** ui/src/test/browserBackend.ts as one script, built in memory with the UI's own Vite. */
export async function buildMockBackend() {
  const requireFromUi = createRequire(path.join(uiDir, "package.json"));
  const vite = await import(pathToFileURL(requireFromUi.resolve("vite")).href);
  const result = await vite.build({
    configFile: false,
    root: uiDir,
    logLevel: "warn",
    // Anything the fake imports that pulls in React (a component's helpers) reads this; a
    // library build does not replace it on its own, and the page has no `process`.
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      write: false,
      minify: false,
      target: "es2022",
      lib: {
        entry: path.join(uiDir, "src/test/browserBackend.ts"),
        formats: ["iife"],
        name: "ChorusFakeBackend",
        fileName: () => "fake-backend.js",
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunk = outputs.find((o) => o.type === "chunk");
  if (!chunk) throw new Error("the fake backend bundle came out empty");
  return chunk.code;
}

/** Debian's Chromium with a fresh profile; the zone is deliberately none the tests use. */
export async function launchBrowser({ timezoneId = "America/Los_Angeles" } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), "chorus-web-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 960 },
    deviceScaleFactor: 1,
    timezoneId,
    locale: "en-US",
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A page of the built app on the fake backend holding `seed`, with the clock fixed at `now`
 * (timers keep running) so "the past" does not depend on when the test runs.
 */
export async function openApp(context, baseUrl, backendScript, seed, now) {
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  await page.addInitScript((s) => {
    window.__CHORUS_SEED__ = s;
  }, seed);
  await page.addInitScript({ content: backendScript });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error));
  await page.goto(baseUrl);
  return { page, errors };
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The reschedule_post calls the UI made so far. */
export function rescheduleCalls(page) {
  return page.evaluate(() =>
    window.__chorus.backend.calls.filter((c) => c.cmd === "reschedule_post").map((c) => c.args),
  );
}

/** A real drag with the mouse: press, move in steps (FullCalendar needs several), release. */
export async function drag(page, from, to, { beforeRelease } = {}) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("drag: an element has no box");
  const start = { x: a.x + Math.min(a.width / 2, 30), y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.mouse.move(end.x + 1, end.y + 1, { steps: 2 });
  if (beforeRelease) await beforeRelease();
  await page.mouse.up();
}

/**
 * The shared set-up of a browser test file: serves ui/dist, builds the mocked backend, starts
 * Chromium in Los Angeles (a zone nothing may be drawn in), and closes both afterwards.
 * Returns `open(seed, now)`, which opens the app in a fresh page (see openApp).
 */
export function webApp({ timezoneId = "America/Los_Angeles" } = {}) {
  let server;
  let browser;
  let backendScript;
  before(async () => {
    server = await serveDist();
    backendScript = await buildMockBackend();
    browser = await launchBrowser({ timezoneId });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return (seed, now) => openApp(browser.context, server.url, backendScript, seed, now);
}
