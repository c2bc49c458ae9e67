// Drives the real Chorus binary: tauri-driver -> WebKitWebDriver -> chorus-app, under Xvfb.
// Every test gets its own data dir and XDG dirs, so nothing touches the user's profile.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const artifactsDir = path.join(repoRoot, "target", "e2e-artifacts");

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through 'make e2e'`);
  return value;
}

export const appBin = () => required("CHORUS_APP_BIN");
export const cliBin = () => required("CHORUS_CLI_BIN");

/** A fresh profile: data dir plus private XDG/HOME dirs for WebKit, window state and D-Bus. */
export function freshProfile(label) {
  const root = mkdtempSync(path.join(os.tmpdir(), `chorus-e2e-${label}-`));
  const env = {
    CHORUS_DATA_DIR: path.join(root, "data"),
    HOME: path.join(root, "home"),
    XDG_DATA_HOME: path.join(root, "xdg-data"),
    XDG_CACHE_HOME: path.join(root, "xdg-cache"),
    XDG_CONFIG_HOME: path.join(root, "xdg-config"),
  };
  for (const dir of Object.values(env)) mkdirSync(dir, { recursive: true });
  // The app and the CLI share this profile's secrets; a plain file, for tests only (the real
  // keychain has its own test: make test-keyring).
  env.CHORUS_TEST_SECRETS_FILE = path.join(root, "secrets.json");
  return { root, env };
}

function waitForPort(port, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => { socket.destroy(); resolve(); });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}

let nextPort = 4544 + (process.pid % 200) * 2;

/** Starts tauri-driver with the profile's environment; the app it launches inherits it. */
export async function startDriver(profile) {
  const port = nextPort;
  nextPort += 2;
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...profile.env },
  });
  await waitForPort(port);
  return {
    port,
    async session() {
      return remote({
        hostname: "127.0.0.1",
        port,
        logLevel: "warn",
        capabilities: {
          "tauri:options": { application: appBin() },
          "wdio:enforceWebDriverClassic": true,
        },
      });
    },
    stop() {
      child.kill("SIGTERM");
    },
  };
}

/**
 * Ends a WebDriver session and waits until the app process is gone. Without the wait, the next
 * session's app can start while the old one still holds the single-instance D-Bus name, hand
 * over to it, and exit.
 */
export async function endSession(browser) {
  await browser.deleteSession();
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    try {
      // By process name: the binary's path also appears in the arguments of the wrappers
      // (with-servers.sh, env) that started this test.
      execFileSync("pgrep", ["-x", path.basename(appBin()).slice(0, 15)], { stdio: "ignore" });
    } catch {
      return; // pgrep exits 1 when no process matches
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the app did not exit after its WebDriver session ended");
}

/** Saves a screenshot under target/e2e-artifacts/ after WebKit has painted the last change. */
export async function screenshot(browser, name) {
  mkdirSync(artifactsDir, { recursive: true });
  await browser.pause(600);
  const file = path.join(artifactsDir, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** Runs the headless CLI against the same data dir and parses its --json output. */
export function cliJson(profile, ...args) {
  return cliJsonWithInput(profile, undefined, ...args);
}

/** The same, with `input` on standard input (secrets never go on the command line). */
export function cliJsonWithInput(profile, input, ...args) {
  const out = execFileSync(cliBin(), ["--data-dir", profile.env.CHORUS_DATA_DIR, "--json", ...args], {
    encoding: "utf8",
    input,
    env: { ...process.env, ...profile.env, RUST_LOG: "off" },
  });
  return JSON.parse(out);
}
