// The media library and editor in the real app (WebKitGTK through tauri-driver), published to
// the local Bluesky network (the AT Protocol reference PDS from @atproto/dev-env): a noisy
// 2400 x 1600 PNG of about 11 MB, imported with the CLI, shows its thumbnail through the asset
// protocol, is cropped square in the app's editor and saved (non-destructive recipe), then a
// post with it goes out through the app's engine; the blob the PDS holds is fetched back and
// checked (JPEG, at most 1,000,000 bytes, square). Needs tests/servers/with-servers.sh with
// atproto (make e2e).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { cliJson, cliJsonWithInput, endSession, freshProfile, screenshot, startDriver } from "./harness.mjs";

const pds = process.env.CHORUS_TEST_PDS_URL?.replace(/\/$/, "");
if (!pds) throw new Error("CHORUS_TEST_PDS_URL is not set: run through make e2e (tests/servers/with-servers.sh)");

const profile = freshProfile("media");
let driver;
let browser;
let channelId;
let item;

/** A PNG of noise (it does not compress): `width` x `height` RGB, ~3 bytes a pixel. */
function noisyPng(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 12345;
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const i = row + 1 + x * 3;
      raw[i] = (x / 10 + (seed & 63)) & 0xff;
      raw[i + 1] = (y / 7 + ((seed >>> 8) & 63)) & 0xff;
      raw[i + 2] = (seed >>> 16) & 0xff;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function pdsAccount() {
  const name = `media${Date.now() % 1e9}`;
  const created = await (
    await fetch(`${pds}/xrpc/com.atproto.server.createAccount`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: `${name}@example.com`, handle: `${name}.test`, password: "pw-account-1" }),
    })
  ).json();
  assert.ok(created.accessJwt, JSON.stringify(created));
  const app = await (
    await fetch(`${pds}/xrpc/com.atproto.server.createAppPassword`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${created.accessJwt}` },
      body: JSON.stringify({ name: "chorus" }),
    })
  ).json();
  return { handle: `${name}.test`, password: app.password };
}

before(async () => {
  cliJson(profile, "workspace", "create", "--name", "Harbour Bakery", "--timezone", "Europe/Berlin");
  const account = await pdsAccount();
  channelId = cliJsonWithInput(profile, `${account.password}\n`, "channel", "add", "bluesky", "--handle", account.handle, "--service", pds, "--secret-stdin").id;
  const file = path.join(profile.root, "IMG_0042.png");
  writeFileSync(file, noisyPng(2400, 1600));
  [item] = cliJson(profile, "media", "import", file);
  assert.equal(item.fileName, "IMG_0042.png");
  assert.ok(item.byteSize > 5_000_000, `the PNG is ${item.byteSize} bytes`);
  driver = await startDriver(profile);
  browser = await driver.session();
});

after(async () => {
  if (browser) await endSession(browser);
  driver?.stop();
});

test("an image cropped square in the app's editor reaches Bluesky as a <=1,000,000-byte square JPEG", async () => {
  await (await browser.$('[data-testid="overview-title"]')).waitForDisplayed({ timeout: 20000 });
  await (await browser.$('[data-testid="nav-media"]')).click();
  const card = await browser.$(`[data-testid="media-item-${item.id}"]`);
  await card.waitForDisplayed({ timeout: 10000 });
  // The thumbnail comes through the asset protocol (media/thumbs/ is in its scope).
  await browser.waitUntil(
    async () =>
      browser.execute((id) => {
        const img = document.querySelector(`[data-testid="media-item-${id}"] img`);
        return Boolean(img && img.complete && img.naturalWidth > 0);
      }, item.id),
    { timeout: 20000, interval: 250, timeoutMsg: "the thumbnail did not load in the real app" },
  );

  await (await card.$(`button[aria-label="Edit ${item.fileName}"]`)).click();
  const dialog = await browser.$('[role="dialog"]');
  await dialog.waitForDisplayed({ timeout: 10000 });
  const square = await dialog.$("label*=1:1 Instagram square");
  await square.click();
  await screenshot(browser, "51-media-editor-square");
  await (await dialog.$("button=Save")).click();
  await browser.waitUntil(
    async () => cliJson(profile, "media", "list").find((m) => m.id === item.id)?.recipe.crop?.aspect === "1:1",
    { timeout: 10000, interval: 250, timeoutMsg: "the square crop was not saved" },
  );

  // A post with it, made with the CLI; the app's engine (woken by the CLI) publishes it.
  const created = cliJson(profile, "post", "create", "--channel", String(channelId), "--text", "Today's loaf", "--image", item.path, "--alt", "A loaf", "--now");
  let target;
  await browser.waitUntil(
    async () => {
      target = cliJson(profile, "post", "list").find((p) => p.id === created.id)?.targets[0];
      return target?.state === "published" || target?.state === "failed";
    },
    { timeout: 30000, interval: 300, timeoutMsg: "the post did not go out" },
  );
  assert.equal(target.state, "published", target.lastError);

  const [did, collection, rkey] = target.remoteId.replace("at://", "").split("/");
  const record = await (
    await fetch(`${pds}/xrpc/com.atproto.repo.getRecord?repo=${did}&collection=${collection}&rkey=${rkey}`)
  ).json();
  const image = record.value.embed.images[0];
  const blob = Buffer.from(
    await (await fetch(`${pds}/xrpc/com.atproto.sync.getBlob?did=${did}&cid=${image.image.ref.$link}`)).arrayBuffer(),
  );
  assert.equal(image.image.mimeType, "image/jpeg");
  assert.ok(blob.length <= 1_000_000, `the blob is ${blob.length} bytes`);
  assert.equal(blob[0], 0xff);
  assert.equal(blob[1], 0xd8);
  assert.equal(image.aspectRatio.width, image.aspectRatio.height, JSON.stringify(image.aspectRatio));
  assert.equal(image.alt, "A loaf");
  console.log(`IMG_0042.png ${item.byteSize} bytes 2400x1600 -> Bluesky blob ${blob.length} bytes ${image.aspectRatio.width}x${image.aspectRatio.height} JPEG`);
});
