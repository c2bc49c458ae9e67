// Crop geometry for the editor, in fractions (0..1) of the frame the user sees: the image after
// EXIF orientation, quarter turns and flips, as chorus-core's media::recipe::Crop stores it.
import type { AspectPreset, Crop, Recipe } from "../../lib/ipc/client";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Corner = "nw" | "ne" | "sw" | "se";

/** The presets, with the networks and formats each is for. */
export const ASPECT_PRESETS: readonly { preset: AspectPreset; label: string; ratio: number | null }[] = [
  { preset: "free", label: "Free", ratio: null },
  { preset: "1:1", label: "1:1 Instagram square", ratio: 1 },
  { preset: "4:5", label: "4:5 Instagram portrait", ratio: 4 / 5 },
  { preset: "1.91:1", label: "1.91:1 Instagram landscape, LinkedIn", ratio: 1.91 },
  { preset: "9:16", label: "9:16 Story", ratio: 9 / 16 },
  { preset: "16:9", label: "16:9 X, Bluesky", ratio: 16 / 9 },
];

/** Width / height in pixels, or null for free. */
export function presetRatio(preset: AspectPreset): number | null {
  return ASPECT_PRESETS.find((p) => p.preset === preset)?.ratio ?? null;
}

/** The smallest crop side, as a fraction of the frame. */
export const MIN_SIZE = 0.05;
export const FULL: Rect = { x: 0, y: 0, width: 1, height: 1 };

/** The frame's size in pixels: a quarter or three-quarter turn swaps the sides. */
export function frameSize(width: number, height: number, rotate: number): { width: number; height: number } {
  return rotate % 180 === 90 ? { width: height, height: width } : { width, height };
}

/** The ratio of fractions (width / height) that is `ratio` in pixels of a fw x fh frame. */
function fractionRatio(ratio: number, fw: number, fh: number): number {
  return (ratio * fh) / fw;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The rectangle narrowed around its centre to the preset's aspect, as media::recipe::Crop::pixels
 * does when rendering, so what the editor shows is what comes out.
 */
export function fitAspect(rect: Rect, preset: AspectPreset, fw: number, fh: number): Rect {
  const ratio = presetRatio(preset);
  if (ratio === null) return rect;
  const r = fractionRatio(ratio, fw, fh);
  let { width, height } = rect;
  if (width / height > r) width = height * r;
  else height = width / r;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  return { x: cx - width / 2, y: cy - height / 2, width, height };
}

/** The largest centred crop of the preset (the whole frame for free). */
export function centeredCrop(preset: AspectPreset, fw: number, fh: number): Rect {
  return fitAspect(FULL, preset, fw, fh);
}

/** Moved by (dx, dy), kept inside the frame. */
export function moveRect(rect: Rect, dx: number, dy: number): Rect {
  return {
    ...rect,
    x: clamp(rect.x + dx, 0, 1 - rect.width),
    y: clamp(rect.y + dy, 0, 1 - rect.height),
  };
}

/**
 * The rectangle with `corner` dragged to (px, py) and the opposite corner held, at least
 * MIN_SIZE, inside the frame, and at the preset's aspect when it has one.
 */
export function resizeCorner(
  rect: Rect,
  corner: Corner,
  px: number,
  py: number,
  preset: AspectPreset,
  fw: number,
  fh: number,
  /** Which side follows the pointer when the aspect is fixed: the larger move, or one axis (keys). */
  lead: "larger" | "x" | "y" = "larger",
): Rect {
  const west = corner === "nw" || corner === "sw";
  const north = corner === "nw" || corner === "ne";
  const ax = west ? rect.x + rect.width : rect.x;
  const ay = north ? rect.y + rect.height : rect.y;
  // Room between the anchor and the frame's edge in the dragged direction.
  const roomX = west ? ax : 1 - ax;
  const roomY = north ? ay : 1 - ay;
  let width = clamp(west ? ax - px : px - ax, MIN_SIZE, roomX);
  let height = clamp(north ? ay - py : py - ay, MIN_SIZE, roomY);
  const ratio = presetRatio(preset);
  if (ratio !== null) {
    const r = fractionRatio(ratio, fw, fh);
    // Follow the pointer's larger move (or the arrow key's axis), then shrink to fit the room.
    if (lead === "x" || (lead === "larger" && width / height > r)) height = width / r;
    else width = height * r;
    if (width > roomX) {
      width = roomX;
      height = width / r;
    }
    if (height > roomY) {
      height = roomY;
      width = height * r;
    }
  }
  return { x: west ? ax - width : ax, y: north ? ay - height : ay, width, height };
}

export interface NudgeKey {
  key: string;
  shiftKey: boolean;
}

/** How far one arrow press moves: 1% of the frame, 10% with Shift. */
export function nudgeStep(shiftKey: boolean): number {
  return shiftKey ? 0.1 : 0.01;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * What an arrow key does: on the rectangle it moves it; on a corner handle it moves that
 * corner. Null for any other key.
 */
export function nudge(
  rect: Rect,
  event: NudgeKey,
  target: "move" | Corner,
  preset: AspectPreset,
  fw: number,
  fh: number,
): Rect | null {
  const dir = ARROWS[event.key];
  if (!dir) return null;
  const step = nudgeStep(event.shiftKey);
  const [dx, dy] = [dir[0] * step, dir[1] * step];
  if (target === "move") return moveRect(rect, dx, dy);
  const cx = target === "nw" || target === "sw" ? rect.x : rect.x + rect.width;
  const cy = target === "nw" || target === "ne" ? rect.y : rect.y + rect.height;
  return resizeCorner(rect, target, cx + dx, cy + dy, preset, fw, fh, dx !== 0 ? "x" : "y");
}

/** The crop after a clockwise quarter turn of the frame. */
export function rotateRect(rect: Rect): Rect {
  return { x: 1 - (rect.y + rect.height), y: rect.x, width: rect.height, height: rect.width };
}

export function flipRectHorizontal(rect: Rect): Rect {
  return { ...rect, x: 1 - rect.x - rect.width };
}

export function flipRectVertical(rect: Rect): Rect {
  return { ...rect, y: 1 - rect.y - rect.height };
}

/** The crop in pixels of the frame, rounded, as the renderer's output before resizing. */
export function cropPixels(rect: Rect, fw: number, fh: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(rect.width * fw)), height: Math.max(1, Math.round(rect.height * fh)) };
}

const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** What the recipe stores: null when the crop is the whole frame and free. */
export function toCrop(rect: Rect, preset: AspectPreset): Crop | null {
  const whole = rect.x <= 1e-4 && rect.y <= 1e-4 && rect.width >= 0.9999 && rect.height >= 0.9999;
  if (whole && preset === "free") return null;
  const x = clamp(round(rect.x), 0, 1);
  const y = clamp(round(rect.y), 0, 1);
  return {
    aspect: preset,
    x,
    y,
    width: clamp(round(rect.width), 0.0001, 1 - x),
    height: clamp(round(rect.height), 0.0001, 1 - y),
  };
}

export const IDENTITY: Recipe = {
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
