// The media library and image editor in a real browser: the library grid with its tags and
// notes, then the crop UI driven with the real mouse in Chromium (choose 4:5, drag a corner
// handle and the rectangle itself) and the recipe the editor sends to the (fake) backend.
// Screenshots of the library and the editor in light and dark for a human to look at.
// Run with `make test-web` (it builds ui/dist first).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import path from "node:path";
import { artifactsDir, screenshot, webApp } from "./harness.mjs";
import { bakerySeed, NOW, picture, POSTS } from "./seed.mjs";

const open = webApp();

const LOGO = `data:image/svg+xml;base64,${Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><rect width="400" height="200" rx="30" fill="#1c1c24"/><text x="200" y="125" font-family="sans-serif" font-size="72" font-weight="700" fill="#fff" text-anchor="middle">HARBOUR</text></svg>`,
).toString("base64")}`;

const DIR = "/home/user/.local/share/chorus/media";

function file(sha, mimeType, byteSize, width, height, metadata, preview) {
  return { sha256: sha.repeat(64), mimeType, byteSize, width, height, metadata, preview };
}

const FILES = {
  "/photos/sourdough.jpg": file("a", "image/jpeg", 4_800_000, 4000, 3000, ["location (GPS)", "camera details (EXIF)"], picture(4000, 3000, 205)),
  "/photos/rye.jpg": file("b", "image/jpeg", 3_100_000, 3000, 4000, ["camera details (EXIF)"], picture(3000, 4000, 160)),
  "/photos/market.webp": file("c", "image/webp", 900_000, 2048, 1365, [], picture(2048, 1365, 20)),
  "/photos/logo.png": file("d", "image/png", 18_000, 400, 200, [], LOGO),
};

const IDENTITY = {
  crop: null,
  rotate: 0,
  flipHorizontal: false,
  flipVertical: false,
  straighten: 0,
  brightness: 0,
  contrast: 0,
  saturation: 0,
  warmth: 0,
  filter: null,
  watermark: false,
  text: null,
};

function item(id, name, path, extra = {}) {
  const f = FILES[path];
  return {
    id,
    workspaceId: 1,
    sha256: f.sha256,
    fileName: name,
    mimeType: f.mimeType,
    byteSize: f.byteSize,
    width: f.width,
    height: f.height,
    altText: "",
    tags: [],
    recipe: IDENTITY,
    thumbState: "ready",
    thumbnail: `${DIR}/thumbs/${f.sha256}.jpg`,
    path: `${DIR}/${f.sha256}`,
    usedIn: 0,
    metadata: f.metadata,
    ...extra,
  };
}

async function openLibrary(theme) {
  const { page, errors } = await open(bakerySeed(theme), NOW);
  await page.evaluate(
    ({ files, items, uses }) => {
      const media = window.__chorus.backend.media;
      media.files = files;
      media.items = items;
      media.uses = uses;
    },
    {
      files: FILES,
      items: [
        item(51, "sourdough.jpg", "/photos/sourdough.jpg", { tags: ["bread", "morning"] }),
        item(52, "rye.jpg", "/photos/rye.jpg", { tags: ["bread"], altText: "A dark rye loaf, sliced" }),
        item(53, "market.webp", "/photos/market.webp", { tags: ["market"], altText: "Our stall at the Saturday market", thumbState: "pending", thumbnail: null }),
        item(54, "logo.png", "/photos/logo.png", { tags: ["brand"], altText: "Harbour Bakery logo" }),
      ],
      uses: { 51: [POSTS.image] },
    },
  );
  await page.getByTestId("nav-media").click();
  const library = page.getByTestId("media");
  await library.getByTestId("media-item-51").waitFor();
  return { page, errors, library };
}

function recipeCalls(page) {
  return page.evaluate(() => window.__chorus.backend.calls.filter((c) => c.cmd === "set_media_recipe").map((c) => c.args));
}

async function box(locator) {
  const b = await locator.boundingBox();
  assert.ok(b, "the element has a box");
  return b;
}

describe("media library and editor in the browser", () => {
  it("crops to 4:5 with real drags of the handles and sends that recipe", async () => {
    const { page, errors, library } = await openLibrary("light");
    await screenshot(page, "media-library-light.png");

    await library.getByRole("button", { name: "Edit sourdough.jpg" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit sourdough.jpg" });
    await dialog.waitFor();
    const stage = dialog.getByTestId("crop-stage");
    const rect = dialog.getByTestId("crop-rect");
    let stageBox = await box(stage);
    // The 4000 x 3000 frame is shown at one scale: 4:3 on screen.
    assert.ok(Math.abs(stageBox.width / stageBox.height - 4 / 3) < 0.01, `stage ${stageBox.width}x${stageBox.height}`);

    await dialog.locator("label", { hasText: "4:5 Instagram portrait" }).click();
    // The dialog's layout can still move as its output list arrives: measure once it is still.
    let r;
    let frame;
    for (let i = 0; i < 40; i++) {
      r = await box(rect);
      frame = await box(stage);
      if (Math.abs(r.height - frame.height) < 1.5) break;
      await page.waitForTimeout(50);
    }
    assert.ok(Math.abs(r.width / r.height - 0.8) < 0.01, `4:5 rect on screen is ${r.width}x${r.height}`);
    assert.ok(Math.abs(r.height - frame.height) < 1.5, `the largest 4:5 crop is as tall as the frame (${r.height} vs ${frame.height})`);
    stageBox = frame;

    // Drag the bottom-right handle up and left: smaller, still 4:5, top-left corner held.
    const handle = dialog.getByTestId("crop-handle-se");
    const h = await box(handle);
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
    await page.mouse.down();
    await page.mouse.move(h.x + h.width / 2 - 40, h.y + h.height / 2 - 60, { steps: 6 });
    await page.mouse.move(h.x + h.width / 2 - 60, h.y + h.height / 2 - 100, { steps: 6 });
    await page.mouse.up();
    const resized = await box(rect);
    assert.ok(Math.abs(resized.width / resized.height - 0.8) < 0.01, `after the corner drag ${resized.width}x${resized.height}`);
    assert.ok(resized.height < r.height - 50, "the crop got smaller");
    assert.ok(Math.abs(resized.x - r.x) < 1.5 && Math.abs(resized.y - r.y) < 1.5, "the opposite corner stayed put");

    // Drag the rectangle itself down and to the left.
    await page.mouse.move(resized.x + resized.width / 2, resized.y + resized.height / 2);
    await page.mouse.down();
    await page.mouse.move(resized.x + resized.width / 2 - 30, resized.y + resized.height / 2 + 20, { steps: 5 });
    await page.mouse.move(resized.x + resized.width / 2 - 70, resized.y + resized.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const moved = await box(rect);
    assert.ok(Math.abs(moved.x - (resized.x - 70)) < 2, `moved left: ${resized.x} -> ${moved.x}`);
    assert.ok(Math.abs(moved.y - (resized.y + 40)) < 2, `moved down: ${resized.y} -> ${moved.y}`);
    assert.ok(Math.abs(moved.width - resized.width) < 0.5, "moving keeps the size");

    // Then one arrow press moves it 1% of the frame to the right.
    await rect.focus();
    await page.keyboard.press("ArrowRight");
    const nudged = await box(rect);
    assert.ok(Math.abs(nudged.x - moved.x - stageBox.width * 0.01) < 1, `nudged ${moved.x} -> ${nudged.x}`);

    const size = await dialog.getByTestId("crop-size").textContent();
    const [, cw, ch] = /Crop (\d+) × (\d+) px/.exec(size ?? "") ?? [];
    assert.ok(Math.abs(Number(cw) / Number(ch) - 0.8) < 0.005, `crop size text ${size}`);

    // The live preview is the crop alone, at the crop's aspect.
    const preview = await box(dialog.getByTestId("media-result"));
    assert.ok(Math.abs(preview.width / preview.height - 0.8) < 0.02, `preview ${preview.width}x${preview.height}`);

    await dialog.getByLabel("Alt text").fill("A round sourdough loaf on a wooden board");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(() => window.__chorus.backend.calls.some((c) => c.cmd === "set_media_recipe"));
    const [{ mediaId, recipe }] = await recipeCalls(page);
    assert.equal(mediaId, 51);
    assert.equal(recipe.crop.aspect, "4:5");
    const pixelRatio = (recipe.crop.width * 4000) / (recipe.crop.height * 3000);
    assert.ok(Math.abs(pixelRatio - 0.8) < 0.005, `stored crop is ${pixelRatio} in pixels`);
    // Where the drags put it, as fractions of the frame.
    const fx = (nudged.x - stageBox.x) / stageBox.width;
    const fy = (nudged.y - stageBox.y) / stageBox.height;
    assert.ok(Math.abs(recipe.crop.x - fx) < 0.005, `x ${recipe.crop.x} vs ${fx}`);
    assert.ok(Math.abs(recipe.crop.y - fy) < 0.005, `y ${recipe.crop.y} vs ${fy}`);
    assert.ok(recipe.crop.x + recipe.crop.width <= 1 && recipe.crop.y + recipe.crop.height <= 1);
    assert.deepEqual({ ...recipe, crop: null }, IDENTITY);

    await dialog.getByTestId("media-outputs").waitFor();
    assert.match(await dialog.getByTestId("media-stripped").textContent(), /location \(GPS\), camera details \(EXIF\)/);
    await screenshot(page, "media-editor-light.png");
    assert.deepEqual(errors, []);
  });

  it("previews text on the image where the renderer draws it", async () => {
    const { page, errors, library } = await openLibrary("light");
    // 2048 x 1365 is the 3:2 of the 1080 x 720 output media::overlay's test measures.
    await library.getByRole("button", { name: "Edit market.webp" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit market.webp" });
    await dialog.waitFor();
    await dialog.getByRole("checkbox", { name: "Add text" }).check();
    await dialog.getByLabel("Text", { exact: true }).fill("Fresh today\nfrom 7 am");
    const size = dialog.getByLabel("Text size");
    await size.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    assert.equal(await size.inputValue(), "8");
    await page.evaluate(() => document.fonts.ready);
    const frame = await box(dialog.getByTestId("media-result"));
    const text = await box(dialog.getByTestId("media-result-text"));
    // The block as fractions of the output's width, against media::overlay::layout's
    // 1080-wide figures (left 24, bottom 24, 623.5 x 222.7 px).
    const W = frame.width;
    const got = {
      left: (text.x - frame.x) / W,
      bottom: (frame.y + frame.height - text.y - text.height) / W,
      width: text.width / W,
      height: text.height / W,
    };
    const want = { left: 24 / 1080, bottom: 24 / 1080, width: 623.5 / 1080, height: 222.7 / 1080 };
    for (const key of Object.keys(want)) {
      assert.ok(Math.abs(got[key] - want[key]) < 0.015, `${key}: preview ${got[key].toFixed(4)} vs render ${want[key].toFixed(4)}`);
    }
    await screenshot(page, "media-editor-text.png");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(() => window.__chorus.backend.calls.some((c) => c.cmd === "set_media_recipe"));
    const [{ recipe }] = await recipeCalls(page);
    assert.deepEqual(recipe.text, { text: "Fresh today\nfrom 7 am", position: "bottomLeft", size: 0.08, color: "#ffffff", backdrop: true });
    assert.deepEqual(errors, []);
  });

  it("looks right in dark mode, with adjustments previewed and the delete refusal naming the post", async () => {
    const { page, errors, library } = await openLibrary("dark");
    const card = library.getByTestId("media-item-51");
    await card.getByRole("button", { name: "Delete", exact: true }).click();
    await card.getByRole("button", { name: "Delete sourdough.jpg" }).click();
    const alert = card.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /sourdough\.jpg is used by post 10 /);
    await card.getByRole("button", { name: "Used in 1 post" }).click();
    const uses = card.getByRole("list", { name: "Posts using sourdough.jpg" });
    await uses.waitFor();
    // 03:30 UTC is 09:00 in Kolkata, the workspace's zone (the browser is in Los Angeles).
    assert.match(await uses.textContent(), /scheduled for Dec 11, 2026, 9:00\u202fAM|scheduled for Dec 11, 2026, 9:00 AM/);
    await screenshot(page, "media-library-dark.png");

    await library.getByRole("button", { name: "Edit rye.jpg" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit rye.jpg" });
    await dialog.waitFor();
    await dialog.locator("label", { hasText: "1:1 Instagram square" }).click();
    await dialog.getByLabel("Straighten").fill("6");
    await dialog.getByLabel("Warmth").fill("40");
    await dialog.locator("label", { hasText: "Vivid" }).click();
    const r = await box(dialog.getByTestId("crop-rect"));
    assert.ok(Math.abs(r.width / r.height - 1) < 0.01);
    await dialog.getByTestId("media-outputs").waitFor();
    await screenshot(page, "media-editor-dark.png");
    await dialog.screenshot({ path: path.join(artifactsDir, "media-editor-dark-dialog.png") });
    assert.deepEqual(errors, []);
  });
});
