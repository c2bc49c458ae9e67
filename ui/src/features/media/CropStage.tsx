import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { AspectPreset, Recipe } from "../../lib/ipc/client";
import { cropPixels, moveRect, nudge, resizeCorner, type Corner, type Rect } from "./crop";
import { FramedImage } from "./FramedImage";

interface CropStageProps {
  src: string;
  naturalWidth: number;
  naturalHeight: number;
  frame: { width: number; height: number };
  /** Largest on-screen box for the frame. */
  box: { width: number; height: number };
  recipe: Recipe;
  filterId: string | null;
  rect: Rect;
  preset: AspectPreset;
  onRect: (rect: Rect) => void;
}

const CORNERS: { corner: Corner; label: string }[] = [
  { corner: "nw", label: "top left" },
  { corner: "ne", label: "top right" },
  { corner: "sw", label: "bottom left" },
  { corner: "se", label: "bottom right" },
];

const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * The whole frame with the crop rectangle over it: drag the rectangle to move it and a corner
 * to resize it (pointer), or focus either and use the arrow keys (Shift for bigger steps).
 */
export function CropStage({ src, naturalWidth, naturalHeight, frame, box, recipe, filterId, rect, preset, onRect }: CropStageProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ target: "move" | Corner; startX: number; startY: number; start: Rect } | null>(null);
  const scale = Math.min(box.width / frame.width, box.height / frame.height);
  const width = Math.round(frame.width * scale);
  const height = Math.round(frame.height * scale);
  const px = cropPixels(rect, frame.width, frame.height);

  function begin(event: PointerEvent<HTMLElement>, target: "move" | Corner) {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    event.currentTarget.focus();
    drag.current = { target, startX: event.clientX, startY: event.clientY, start: rect };
  }

  function move(event: PointerEvent<HTMLElement>) {
    const d = drag.current;
    const stage = stageRef.current;
    if (!d || !stage) return;
    const bounds = stage.getBoundingClientRect();
    const dx = (event.clientX - d.startX) / bounds.width;
    const dy = (event.clientY - d.startY) / bounds.height;
    if (d.target === "move") {
      onRect(moveRect(d.start, dx, dy));
      return;
    }
    const x = (event.clientX - bounds.left) / bounds.width;
    const y = (event.clientY - bounds.top) / bounds.height;
    onRect(resizeCorner(d.start, d.target, x, y, preset, frame.width, frame.height));
  }

  function end() {
    drag.current = null;
  }

  function onKey(event: KeyboardEvent<HTMLElement>, target: "move" | Corner) {
    const next = nudge(rect, event, target, preset, frame.width, frame.height);
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();
    onRect(next);
  }

  return (
    <div className="crop-stage" ref={stageRef} style={{ width, height }} data-testid="crop-stage">
      <FramedImage
        src={src}
        naturalWidth={naturalWidth}
        naturalHeight={naturalHeight}
        scale={scale}
        recipe={recipe}
        filterId={filterId}
      />
      <div
        className="crop-rect"
        data-testid="crop-rect"
        role="group"
        tabIndex={0}
        aria-label={`Crop area: ${px.width} × ${px.height} px at ${pct(rect.x)} from the left, ${pct(rect.y)} from the top. Arrow keys move it.`}
        style={{
          left: `${rect.x * 100}%`,
          top: `${rect.y * 100}%`,
          width: `${rect.width * 100}%`,
          height: `${rect.height * 100}%`,
        }}
        onPointerDown={(e) => begin(e, "move")}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        onKeyDown={(e) => onKey(e, "move")}
      >
        <span className="crop-grid" aria-hidden="true" />
        {CORNERS.map(({ corner, label }) => (
          <button
            key={corner}
            type="button"
            className={`crop-handle crop-handle-${corner}`}
            data-testid={`crop-handle-${corner}`}
            aria-label={`Crop corner, ${label}: arrow keys resize`}
            onPointerDown={(e) => begin(e, corner)}
            onPointerMove={move}
            onPointerUp={end}
            onPointerCancel={end}
            onKeyDown={(e) => onKey(e, corner)}
          />
        ))}
      </div>
    </div>
  );
}
