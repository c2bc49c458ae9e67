import { describe, expect, it } from "vitest";
import {
  ASPECT_PRESETS,
  FULL,
  MIN_SIZE,
  centeredCrop,
  cropPixels,
  fitAspect,
  flipRectHorizontal,
  frameSize,
  moveRect,
  nudge,
  resizeCorner,
  rotateRect,
  toCrop,
} from "./crop";
import { channelLines, effectiveAdjustments, saturationMatrix, straightenZoom } from "./look";
import { IDENTITY } from "./crop";

// A 4000 x 3000 landscape photo.
const W = 4000;
const H = 3000;
const pixelRatio = (r: { width: number; height: number }, fw = W, fh = H) => (r.width * fw) / (r.height * fh);

describe("crop presets", () => {
  it("lists every network preset with its pixel ratio", () => {
    expect(ASPECT_PRESETS.map((p) => p.preset)).toEqual(["free", "1:1", "4:5", "1.91:1", "9:16", "16:9"]);
    expect(ASPECT_PRESETS.find((p) => p.preset === "4:5")?.label).toMatch(/Instagram portrait/);
    expect(ASPECT_PRESETS.find((p) => p.preset === "16:9")?.label).toMatch(/Bluesky/);
  });

  it("centres the largest crop of each aspect, in pixels of the frame", () => {
    const square = centeredCrop("1:1", W, H);
    expect(cropPixels(square, W, H)).toEqual({ width: 3000, height: 3000 });
    expect(square.x).toBeCloseTo(0.125);
    const portrait = centeredCrop("4:5", W, H);
    expect(cropPixels(portrait, W, H)).toEqual({ width: 2400, height: 3000 });
    const story = centeredCrop("9:16", W, H);
    expect(pixelRatio(story)).toBeCloseTo(9 / 16, 6);
    const wide = centeredCrop("16:9", W, H);
    expect(cropPixels(wide, W, H)).toEqual({ width: 4000, height: 2250 });
    expect(wide.y).toBeCloseTo(0.125);
    expect(centeredCrop("free", W, H)).toEqual(FULL);
  });

  it("narrows a rectangle around its centre like Crop::pixels", () => {
    const r = fitAspect({ x: 0.1, y: 0.1, width: 0.6, height: 0.4 }, "1:1", W, H);
    // 0.6 * 4000 = 2400 wide, 0.4 * 3000 = 1200 high: narrowed to 1200 x 1200 about (0.4, 0.3).
    expect(cropPixels(r, W, H)).toEqual({ width: 1200, height: 1200 });
    expect(r.x + r.width / 2).toBeCloseTo(0.4);
    expect(r.y + r.height / 2).toBeCloseTo(0.3);
  });

  it("swaps the frame's sides for a quarter turn", () => {
    expect(frameSize(W, H, 90)).toEqual({ width: H, height: W });
    expect(frameSize(W, H, 180)).toEqual({ width: W, height: H });
    expect(frameSize(W, H, 270)).toEqual({ width: H, height: W });
  });
});

describe("dragging", () => {
  it("moves inside the frame only", () => {
    const r = { x: 0.5, y: 0.5, width: 0.4, height: 0.4 };
    expect(moveRect(r, 0.3, -0.7)).toEqual({ x: 0.6, y: 0, width: 0.4, height: 0.4 });
  });

  it("resizes from a corner holding the opposite one", () => {
    const r = { x: 0.2, y: 0.2, width: 0.5, height: 0.5 };
    const next = resizeCorner(r, "se", 0.9, 0.6, "free", W, H);
    expect(next.x).toBeCloseTo(0.2);
    expect(next.y).toBeCloseTo(0.2);
    expect(next.width).toBeCloseTo(0.7);
    expect(next.height).toBeCloseTo(0.4);
    const nw = resizeCorner(r, "nw", 0.5, 0.1, "free", W, H);
    expect(nw.x + nw.width).toBeCloseTo(0.7);
    expect(nw.y + nw.height).toBeCloseTo(0.7);
    expect(nw.x).toBeCloseTo(0.5);
  });

  it("keeps the preset's aspect and stays in the frame while resizing", () => {
    const start = centeredCrop("4:5", W, H);
    const next = resizeCorner(start, "se", 2, 2, "4:5", W, H);
    expect(pixelRatio(next)).toBeCloseTo(0.8, 6);
    expect(next.x + next.width).toBeLessThanOrEqual(1 + 1e-9);
    expect(next.y + next.height).toBeLessThanOrEqual(1 + 1e-9);
    const small = resizeCorner(start, "nw", 0.6, 0.9, "4:5", W, H);
    expect(pixelRatio(small)).toBeCloseTo(0.8, 6);
    expect(small.width).toBeGreaterThanOrEqual(MIN_SIZE - 1e-9);
  });

  it("never makes a rectangle smaller than MIN_SIZE", () => {
    const r = resizeCorner({ x: 0.2, y: 0.2, width: 0.5, height: 0.5 }, "se", 0.1, 0.1, "free", W, H);
    expect(r.width).toBeCloseTo(MIN_SIZE);
    expect(r.height).toBeCloseTo(MIN_SIZE);
  });
});

describe("keyboard nudging", () => {
  const r = { x: 0.2, y: 0.2, width: 0.5, height: 0.5 };

  it("moves the rectangle 1% per arrow and 10% with Shift", () => {
    const right = nudge(r, { key: "ArrowRight", shiftKey: false }, "move", "free", W, H);
    expect(right?.x).toBeCloseTo(0.21);
    const up = nudge(r, { key: "ArrowUp", shiftKey: true }, "move", "free", W, H);
    expect(up?.y).toBeCloseTo(0.1);
    expect(nudge(r, { key: "Enter", shiftKey: false }, "move", "free", W, H)).toBeNull();
  });

  it("moves a focused corner, keeping the aspect", () => {
    const bigger = nudge(r, { key: "ArrowRight", shiftKey: true }, "se", "free", W, H);
    expect(bigger?.width).toBeCloseTo(0.6);
    expect(bigger?.height).toBeCloseTo(0.5);
    const square = fitAspect(r, "1:1", W, H);
    const grown = nudge(square, { key: "ArrowDown", shiftKey: true }, "se", "1:1", W, H);
    expect(grown && pixelRatio(grown)).toBeCloseTo(1, 6);
    expect(grown!.height).toBeGreaterThan(square.height);
  });

  it("stops at the frame's edge", () => {
    const edge = { x: 0.5, y: 0, width: 0.5, height: 0.5 };
    expect(nudge(edge, { key: "ArrowRight", shiftKey: true }, "move", "free", W, H)?.x).toBeCloseTo(0.5);
    expect(nudge(edge, { key: "ArrowUp", shiftKey: false }, "move", "free", W, H)?.y).toBe(0);
  });
});

describe("what the recipe stores", () => {
  it("stores no crop for the whole frame, free", () => {
    expect(toCrop(FULL, "free")).toBeNull();
    expect(toCrop(FULL, "1:1")).toEqual({ aspect: "1:1", x: 0, y: 0, width: 1, height: 1 });
  });

  it("keeps the crop inside 0..1", () => {
    const c = toCrop({ x: 0.3333333, y: 0.5, width: 0.6666667, height: 0.5 }, "free");
    expect(c).not.toBeNull();
    expect(c!.x + c!.width).toBeLessThanOrEqual(1);
  });

  it("turns and flips a free crop with the picture", () => {
    const r = { x: 0.1, y: 0.2, width: 0.3, height: 0.4 };
    const turned = rotateRect(r);
    expect(turned.x).toBeCloseTo(0.4);
    expect(turned.y).toBeCloseTo(0.1);
    expect(turned.width).toBeCloseTo(0.4);
    expect(turned.height).toBeCloseTo(0.3);
    expect(flipRectHorizontal(r).x).toBeCloseTo(0.6);
  });
});

describe("the live preview's arithmetic", () => {
  it("adds the filter's adjustments like Recipe::effective_adjustments", () => {
    const a = effectiveAdjustments({ ...IDENTITY, contrast: 0.9, filter: "mono" });
    expect(a.saturation).toBe(-1);
    expect(a.contrast).toBe(1);
    expect(effectiveAdjustments({ ...IDENTITY, filter: "fade" }).lift).toBe(0.08);
  });

  it("maps brightness, contrast and warmth to the same line as render::adjust", () => {
    const a = effectiveAdjustments({ ...IDENTITY, brightness: 0.2, contrast: 0.5, warmth: 0.5 });
    const [r, g, b] = channelLines(a);
    // render::adjust for v = 0.4 on the red channel: ((0.4 * 1.06 + 0.07) - 0.5) * 1.5 + 0.5
    const v = 0.4;
    expect(r.slope * v + r.intercept).toBeCloseTo(((v * 1.06 + 0.07) - 0.5) * 1.5 + 0.5, 6);
    expect(g.slope * v + g.intercept).toBeCloseTo(((v + 0.07) - 0.5) * 1.5 + 0.5, 6);
    expect(b.slope * v + b.intercept).toBeCloseTo(((v * 0.94 + 0.07) - 0.5) * 1.5 + 0.5, 6);
  });

  it("desaturates around Rec. 601 luma", () => {
    const m = saturationMatrix(-1).split(" ").map(Number);
    expect(m.slice(0, 3)).toEqual([0.299, 0.587, 0.114]);
    expect(saturationMatrix(0).split(" ").map(Number).slice(0, 5)).toEqual([1, 0, 0, 0, 0]);
  });

  it("zooms a straightened picture so no corner is empty", () => {
    expect(straightenZoom(0, 1600, 900)).toBe(1);
    const z = straightenZoom(10, 1600, 900);
    expect(z).toBeCloseTo(Math.cos(Math.PI / 18) + Math.sin(Math.PI / 18) * (1600 / 900), 9);
  });
});
