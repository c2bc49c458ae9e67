// The desktop shell around the UI: the window remembers its size across restarts, and a second
// launch hands over to the running app (single instance) instead of opening a second window.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { appBin, cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const profile = freshProfile("shell");
let driver;

before(async () => {
  // The CLI and the app share the database: a workspace made here is what the app opens.
  cliJson(profile, "workspace", "create", "--name", "Night Market", "--timezone", "Asia/Kolkata");
  driver = await startDriver(profile);
});

after(() => driver?.stop());

async function overviewShown(browser) {
  const title = await browser.$('[data-testid="overview-title"]');
  await title.waitForDisplayed({ timeout: 20000 });
  await browser.waitUntil(async () => (await title.getProperty("textContent")) === "Night Market", {
    timeout: 10000,
  });
}

test("the window keeps the size the user gave it across a restart", async () => {
  let browser = await driver.session();
  try {
    await overviewShown(browser);
    await browser.setWindowSize(980, 640);
    // Saved half a second after the last resize; give it a margin.
    await browser.pause(1500);
  } finally {
    await endSession(browser);
  }
  browser = await driver.session();
  try {
    await overviewShown(browser);
    const { width, height } = await browser.getWindowSize();
    assert.deepEqual({ width, height }, { width: 980, height: 640 });
    await screenshot(browser, "10-restored-size");
  } finally {
    await endSession(browser);
  }
});

test("a second launch hands over to the running app and exits", async () => {
  const browser = await driver.session();
  try {
    await overviewShown(browser);
    const second = spawn(appBin(), [], { env: { ...process.env, ...profile.env }, stdio: "ignore" });
    const code = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        second.kill("SIGKILL");
        reject(new Error("the second instance kept running: single instance is broken"));
      }, 15000);
      second.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0);
    // The first app is still there and still answers.
    await overviewShown(browser);
    assert.equal((await browser.getWindowHandles()).length, 1);
  } finally {
    await endSession(browser);
  }
});
