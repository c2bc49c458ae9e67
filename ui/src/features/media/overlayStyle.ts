import type { CSSProperties } from "react";
import type { TextOverlay } from "../../lib/ipc/client";

/** The band behind the text: black at this opacity (media::overlay::BACKDROP_OPACITY). */
export const BACKDROP_OPACITY = 0.45;

/** What a new text overlay starts as. */
export const NEW_OVERLAY: TextOverlay = {
  text: "",
  position: "bottomLeft",
  size: 0.06,
  color: "#ffffff",
  backdrop: true,
};

/**
 * The text block's style in a preview `width` x `height` px of the output, laid out as
 * media::overlay lays it out on the real pixels: DejaVu Sans Bold (the same file), font size
 * a fraction of the width, line height ascent + descent (1.164 em), no kerning or ligatures,
 * padding 0.125 em down and 0.25 em across, 1/30 of the shorter side from the edges.
 */
export function overlayStyle(overlay: TextOverlay, width: number, height: number): CSSProperties {
  const margin = Math.min(width, height) / 30;
  const place: CSSProperties =
    overlay.position === "center"
      ? { left: "50%", top: "50%", transform: "translate(-50%, -50%)", textAlign: "center" }
      : {
          [overlay.position.startsWith("top") ? "top" : "bottom"]: margin,
          [overlay.position.endsWith("Left") ? "left" : "right"]: margin,
          textAlign: overlay.position.endsWith("Left") ? "left" : "right",
        };
  return {
    position: "absolute",
    ...place,
    fontFamily: '"Chorus Overlay", "DejaVu Sans", sans-serif',
    fontWeight: 700,
    fontSize: overlay.size * width,
    lineHeight: 1.164,
    fontKerning: "none",
    fontVariantLigatures: "none",
    whiteSpace: "pre",
    padding: "0.125em 0.25em",
    color: overlay.color,
    background: overlay.backdrop ? `rgba(0, 0, 0, ${BACKDROP_OPACITY})` : "transparent",
    pointerEvents: "none",
  };
}

/** Why the overlay cannot be saved as it is, as media::recipe::TextOverlay::validate says. */
export function overlayProblem(overlay: TextOverlay): string | null {
  const chars = [...overlay.text].length;
  if (overlay.text.trim() === "") return "Write the text to put on the image, or turn it off.";
  if (chars > 200) return `The text is ${chars} characters; at most 200 fit.`;
  if (overlay.text.split("\n").length > 4) return "At most 4 lines fit on the image.";
  return null;
}
