// The editor's live preview of adjustments and filters, with the same arithmetic as
// chorus-core's media::render::adjust and Recipe::effective_adjustments, expressed as an SVG
// filter (feComponentTransfer for the per-channel lookup, feColorMatrix for saturation).
import type { Filter, Recipe } from "../../lib/ipc/client";

export const FILTERS: readonly { filter: Filter; label: string }[] = [
  { filter: "mono", label: "Mono" },
  { filter: "fade", label: "Fade" },
  { filter: "vivid", label: "Vivid" },
  { filter: "golden", label: "Golden" },
];

export interface Adjustments {
  brightness: number;
  contrast: number;
  saturation: number;
  warmth: number;
  lift: number;
}

const FILTER_ADJUSTMENTS: Record<Filter, [number, number, number, number]> = {
  mono: [0, 0.15, -1, 0],
  fade: [0.05, -0.25, -0.2, 0.05],
  vivid: [0, 0.15, 0.35, 0],
  golden: [0.05, 0.05, 0.1, 0.35],
};

const clamp1 = (v: number) => Math.min(1, Math.max(-1, v));

/** The user's adjustments plus the filter's. */
export function effectiveAdjustments(recipe: Recipe): Adjustments {
  const [b, c, s, w] = recipe.filter ? FILTER_ADJUSTMENTS[recipe.filter] : [0, 0, 0, 0];
  return {
    brightness: clamp1(recipe.brightness + b),
    contrast: clamp1(recipe.contrast + c),
    saturation: clamp1(recipe.saturation + s),
    warmth: clamp1(recipe.warmth + w),
    lift: recipe.filter === "fade" ? 0.08 : 0,
  };
}

/**
 * Per channel (r, g, b) the linear map v -> slope * v + intercept that adjust() applies before
 * clamping: warmth gain, brightness offset, contrast around 0.5, then the lifted black point.
 */
export function channelLines(a: Adjustments): { slope: number; intercept: number }[] {
  const gains = [1 + 0.12 * a.warmth, 1, 1 - 0.12 * a.warmth];
  const k = 1 + a.contrast;
  return gains.map((gain) => {
    // ((v * gain + 0.35 b) - 0.5) * k + 0.5, then lift + x * (1 - lift)
    const slope = gain * k * (1 - a.lift);
    const intercept = a.lift + ((0.35 * a.brightness - 0.5) * k + 0.5) * (1 - a.lift);
    return { slope, intercept };
  });
}

/** The feColorMatrix values for saturation around Rec. 601 luma, as adjust() does it. */
export function saturationMatrix(saturation: number): string {
  const s = 1 + saturation;
  const luma = [0.299, 0.587, 0.114];
  const rows = [0, 1, 2].map((row) =>
    [...luma.map((l, col) => l * (1 - s) + (row === col ? s : 0)), 0, 0].map((v) => +v.toFixed(5)).join(" "),
  );
  return [...rows, "0 0 0 1 0"].join(" ");
}

/**
 * How much the straightened picture is zoomed so no empty corner shows in a w x h output
 * (media::render::straighten).
 */
export function straightenZoom(degrees: number, w: number, h: number): number {
  const theta = (degrees * Math.PI) / 180;
  return Math.abs(Math.cos(theta)) + Math.abs(Math.sin(theta)) * Math.max(w / h, h / w);
}
