import type { CSSProperties } from "react";
import type { Recipe } from "../../lib/ipc/client";
import { channelLines, effectiveAdjustments, saturationMatrix } from "./look";

interface FramedImageProps {
  src: string;
  /** The original's size (EXIF orientation applied). */
  naturalWidth: number;
  naturalHeight: number;
  /** Pixels on screen per pixel of the frame. */
  scale: number;
  recipe: Recipe;
  filterId: string | null;
}

/**
 * The frame the crop is measured in: the original turned by the recipe's quarter turns, then
 * flipped, as media::render::finish does, drawn at `scale`. Fills its positioned parent.
 */
export function FramedImage({ src, naturalWidth, naturalHeight, scale, recipe, filterId }: FramedImageProps) {
  const sx = recipe.flipHorizontal ? -1 : 1;
  const sy = recipe.flipVertical ? -1 : 1;
  const style: CSSProperties = {
    position: "absolute",
    left: "50%",
    top: "50%",
    width: naturalWidth * scale,
    height: naturalHeight * scale,
    maxWidth: "none",
    transform: `translate(-50%, -50%) scale(${sx}, ${sy}) rotate(${recipe.rotate}deg)`,
    filter: filterId ? `url(#${filterId})` : undefined,
  };
  return <img src={src} alt="" draggable={false} style={style} />;
}

/** The SVG filter for the recipe's adjustments and filter; null when they change nothing. */
export function LookFilter({ id, recipe }: { id: string; recipe: Recipe }) {
  const a = effectiveAdjustments(recipe);
  if (a.brightness === 0 && a.contrast === 0 && a.saturation === 0 && a.warmth === 0 && a.lift === 0) return null;
  const [r, g, b] = channelLines(a);
  return (
    <svg width="0" height="0" aria-hidden="true" style={{ position: "absolute" }}>
      <filter id={id} colorInterpolationFilters="sRGB">
        <feComponentTransfer>
          <feFuncR type="linear" slope={r.slope} intercept={r.intercept} />
          <feFuncG type="linear" slope={g.slope} intercept={g.intercept} />
          <feFuncB type="linear" slope={b.slope} intercept={b.intercept} />
        </feComponentTransfer>
        {a.saturation !== 0 && <feColorMatrix type="matrix" values={saturationMatrix(a.saturation)} />}
      </filter>
    </svg>
  );
}

export function hasLook(recipe: Recipe): boolean {
  const a = effectiveAdjustments(recipe);
  return a.brightness !== 0 || a.contrast !== 0 || a.saturation !== 0 || a.warmth !== 0 || a.lift !== 0;
}
