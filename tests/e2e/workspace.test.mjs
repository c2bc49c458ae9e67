// The real Chorus app, end to end: first-run onboarding creates a workspace (after a rejected
// time zone), the app restarts and opens straight onto it, and the CLI sees the same database.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { cliJson, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const profile = freshProfile("workspace");
let driver;

before(async () => {
  driver = await startDriver(profile);
});

after(() => driver?.stop());

async function waitForText(browser, selector, expected) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 20000 });
  // textContent, not getText: WebKitWebDriver's rendered-text walk skips some flex children.
  await browser.waitUntil(async () => (await el.getProperty("textContent")).includes(expected), {
    timeout: 10000,
    timeoutMsg: `${selector} never showed "${expected}"`,
  });
  return el;
}

/** Replaces an input's text the way a person does, so React sees every keystroke. */
async function retype(browser, el, text) {
  await el.click();
  await browser.keys(["Control", "a"]);
  await browser.keys("Backspace");
  await el.addValue(text);
}

test("first run: onboarding rejects a bad time zone, keeps the input, then creates the workspace", async () => {
  const browser = await driver.session();
  try {
    const name = await browser.$("#onboarding-name");
    await name.waitForDisplayed({ timeout: 20000 });
    assert.equal(await browser.getTitle(), "Chorus");
    await screenshot(browser, "01-onboarding");

    await name.setValue("Harbour Bakery");
    const zone = await browser.$("#onboarding-timezone");
    await retype(browser, zone, "Mars/Olympus");
    await browser.keys("Escape");
    await (await browser.$("#onboarding-submit")).click();

    // The error lands under the time zone field, and the typed name survives.
    await waitForText(browser, "#onboarding-timezone-error", "Choose a time zone from the list");
    assert.equal(await name.getValue(), "Harbour Bakery");
    await screenshot(browser, "02-onboarding-timezone-error");

    await retype(browser, zone, "st johns");
    const option = await browser.$("#onboarding-timezone-option-0");
    await option.waitForDisplayed({ timeout: 5000 });
    assert.match(await option.getProperty("textContent"), /^America\/St_Johns/);
    await screenshot(browser, "02b-onboarding-timezone-search");
    await browser.keys("Enter");
    assert.equal(await zone.getValue(), "America/St_Johns");
    await (await browser.$("#onboarding-submit")).click();

    await waitForText(browser, '[data-testid="overview-title"]', "Harbour Bakery");
    await waitForText(browser, '[data-testid="workspace-switcher"]', "Harbour Bakery");
    await screenshot(browser, "03-overview");

    // Ctrl+, opens Settings, which shows where the data lives.
    await browser.keys(["Control", ","]);
    await waitForText(browser, '[data-testid="settings"]', profile.env.CHORUS_DATA_DIR);
    await screenshot(browser, "04-settings");

    // The late-post policy is a setting the engine reads from the same database.
    const grace = await browser.$("#settings-missed-grace");
    await grace.scrollIntoView();
    await retype(browser, grace, "30");
    await (await browser.$("#settings-late-title")).scrollIntoView();
    const save = await browser.$('//section[.//*[@id="settings-late-title"]]//button[normalize-space()="Save"]');
    await save.click();
    await browser.waitUntil(async () => cliJson(profile, "publish", "status").missedGraceMinutes === 30, {
      timeout: 10000,
      timeoutMsg: "the grace period was not saved",
    });
    await screenshot(browser, "04b-settings-late-posts");
  } finally {
    await endSession(browser);
  }
});

test("after a restart the app opens on the saved workspace, and the CLI sees it", async () => {
  const browser = await driver.session();
  try {
    await waitForText(browser, '[data-testid="overview-title"]', "Harbour Bakery");
    assert.equal(await (await browser.$("#onboarding-name")).isExisting(), false);
    await screenshot(browser, "05-after-restart");
  } finally {
    await endSession(browser);
  }

  const workspaces = cliJson(profile, "workspace", "list");
  assert.deepEqual(
    workspaces.map((w) => [w.name, w.timezone]),
    [["Harbour Bakery", "America/St_Johns"]],
  );
  const doctor = cliJson(profile, "doctor");
  assert.equal(doctor.counts.workspaces, 1);
  assert.equal(doctor.schemaVersion, doctor.latestSchemaVersion);

  const logs = readdirSync(path.join(profile.env.CHORUS_DATA_DIR, "logs"));
  // The app's own daily file (`chorus daemon` writes daemon.*.log beside it).
  assert.ok(logs.some((f) => /^app\..*log$/.test(f)), `the app's log file in ${logs}`);
});
