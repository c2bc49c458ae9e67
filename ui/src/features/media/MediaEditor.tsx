import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { Field, fieldDescription } from "../../components/Field";
import { WarningIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { AspectPreset, Channel, IpcError, LibraryItem, Recipe, RenderSummary, RenderTarget, TextOverlay, WatermarkSettings } from "../../lib/ipc/client";
import { networkLabel } from "../channels/networks";
import {
  ASPECT_PRESETS,
  FULL,
  IDENTITY,
  centeredCrop,
  cropPixels,
  fitAspect,
  flipRectHorizontal,
  flipRectVertical,
  frameSize,
  rotateRect,
  toCrop,
  type Rect,
} from "./crop";
import { CropStage } from "./CropStage";
import { FramedImage, LookFilter, hasLook } from "./FramedImage";
import { FILTERS, straightenZoom } from "./look";
import { assetUrl, formatBytes } from "./media";
import { overlayProblem, overlayStyle } from "./overlayStyle";
import { TextOverlayPanel } from "./TextOverlayPanel";

interface MediaEditorProps {
  item: LibraryItem;
  channels: Channel[];
  watermark: WatermarkSettings | null;
  /** The workspace's last text style, which new text starts from. */
  textStyle?: TextOverlay | null;
  logo: LibraryItem | null;
  onSaved: (item: LibraryItem) => void;
  onClose: () => void;
}

const STAGE_BOX = { width: 540, height: 360 };
const RESULT_WIDTH = 170;
const ADJUSTMENTS = [
  { key: "brightness", label: "Brightness" },
  { key: "contrast", label: "Contrast" },
  { key: "saturation", label: "Saturation" },
  { key: "warmth", label: "Warmth" },
] as const;

const POSITIONS: Record<WatermarkSettings["position"], { left?: string; right?: string; top?: string; bottom?: string; center?: true }> = {
  topLeft: { left: "m", top: "m" },
  topRight: { right: "m", top: "m" },
  bottomLeft: { left: "m", bottom: "m" },
  bottomRight: { right: "m", bottom: "m" },
  center: { center: true },
};

/** The rectangle the editor starts with for a stored recipe. */
function startRect(recipe: Recipe): Rect {
  return recipe.crop ? { x: recipe.crop.x, y: recipe.crop.y, width: recipe.crop.width, height: recipe.crop.height } : FULL;
}

/**
 * The image editor: crop with per-network presets, quarter turns, flips, straighten,
 * adjustments, filters and the workspace watermark, previewed live as the renderer will make
 * it; alt text. Save stores the recipe; the original file is never changed.
 */
export function MediaEditor({ item, channels, watermark, textStyle = null, logo, onSaved, onClose }: MediaEditorProps) {
  const ids = useId();
  const filterId = `look${ids.replace(/[^a-zA-Z0-9]/g, "")}`;
  const resultFilterId = `${filterId}r`;
  const [recipe, setRecipe] = useState<Recipe>(item.recipe);
  const [preset, setPreset] = useState<AspectPreset>(item.recipe.crop?.aspect ?? "free");
  const [rect, setRect] = useState<Rect>(() => startRect(item.recipe));
  const [alt, setAlt] = useState(item.altText);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [outputs, setOutputs] = useState<RenderSummary[] | null>(null);
  const [outputsError, setOutputsError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [leaving, setLeaving] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (leaving) keepRef.current?.focus();
  }, [leaving]);

  const frame = frameSize(item.width, item.height, recipe.rotate);
  const src = assetUrl(item.path);
  const logoSrc = logo ? assetUrl(logo.thumbnail ?? logo.path) : null;
  const targets = useMemo(() => {
    const set = new Set<RenderTarget>(channels.map((c) => c.network as RenderTarget));
    return [...set];
  }, [channels]);

  useEffect(() => {
    if (targets.length === 0) return;
    let cancelled = false;
    ipc
      .renderMediaPreview(item.id, targets)
      .then((previews) => {
        if (cancelled) return;
        setOutputs(previews.map((p) => p.summary));
        setOutputsError(null);
      })
      .catch((reason: unknown) => {
        if (!cancelled) setOutputsError(ipc.toIpcError(reason).message);
      });
    return () => {
      cancelled = true;
    };
  }, [item.id, targets, revision]);

  const draft: Recipe = { ...recipe, crop: toCrop(rect, preset) };
  const dirty = JSON.stringify(draft) !== JSON.stringify(item.recipe) || alt.trim() !== item.altText;
  const shown = fitAspect(rect, preset, frame.width, frame.height);
  const cropPx = cropPixels(shown, frame.width, frame.height);

  // Closing with unsaved edits asks first, so a typed alt text or a crop is not lost by Escape.
  function requestClose() {
    if (dirty) setLeaving(true);
    else onClose();
  }

  function choosePreset(next: AspectPreset) {
    setPreset(next);
    setRect((current) => (next === "free" ? current : fitAspect(current, next, frame.width, frame.height)));
  }

  function rotate() {
    const turned = frameSize(item.width, item.height, (recipe.rotate + 90) % 360);
    setRecipe((r) => ({ ...r, rotate: (r.rotate + 90) % 360 }));
    // A preset keeps its aspect in the turned frame; a free crop turns with the picture.
    setRect((current) => (preset === "free" ? rotateRect(current) : centeredCrop(preset, turned.width, turned.height)));
  }

  function reset() {
    setRecipe(IDENTITY);
    setPreset("free");
    setRect(FULL);
    setError(null);
  }

  async function save() {
    if (recipe.text && overlayProblem(recipe.text)) {
      document.getElementById(`${ids}-text-input`)?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      let saved = await ipc.setMediaRecipe(item.id, draft);
      if (alt.trim() !== item.altText) saved = await ipc.setMediaAlt(item.id, alt);
      onSaved(saved);
      setRevision((n) => n + 1);
    } catch (reason) {
      setError(ipc.toIpcError(reason));
    } finally {
      setSaving(false);
    }
  }

  // The result: the crop alone at RESULT_WIDTH, straightened and zoomed about its centre.
  const k = RESULT_WIDTH / (shown.width * frame.width);
  const resultHeight = Math.round(shown.height * frame.height * k);
  const zoom = straightenZoom(recipe.straighten, cropPx.width, cropPx.height);
  const originX = (shown.x + shown.width / 2) * frame.width * k;
  const originY = (shown.y + shown.height / 2) * frame.height * k;
  const look = hasLook(recipe);
  const mark = recipe.watermark && watermark && logoSrc ? watermark : null;
  const margin = Math.min(RESULT_WIDTH, resultHeight) / 30;
  const altError = error?.field === "alt" ? error.message : undefined;
  const textError = error?.field === "text" ? error.message : undefined;
  const generalError = error && error.field !== "alt" && error.field !== "text" ? error.message : null;

  return (
    <Dialog
      title={`Edit ${item.fileName}`}
      description="Edits are stored as a recipe and applied when the image is published; the original stays as it is."
      onClose={requestClose}
      size="lg"
      testId="media-editor"
    >
      <div className="media-editor">
        <LookFilter id={filterId} recipe={recipe} />
        <LookFilter id={resultFilterId} recipe={recipe} />
        <div className="media-editor-canvas">
          <CropStage
            src={src}
            naturalWidth={item.width}
            naturalHeight={item.height}
            frame={frame}
            box={STAGE_BOX}
            recipe={recipe}
            filterId={look ? filterId : null}
            rect={shown}
            preset={preset}
            onRect={setRect}
          />
          <p className="media-editor-size" data-testid="crop-size" aria-live="polite">
            Crop {cropPx.width} × {cropPx.height} px of {frame.width} × {frame.height}
          </p>
          <div className="media-editor-under">
          <div className="media-editor-result">
            <h3 className="media-editor-heading">Preview</h3>
            <div
              className="media-result"
              data-testid="media-result"
              role="img"
              aria-label={alt.trim() || `${item.fileName}, edited`}
              style={{ width: RESULT_WIDTH, height: resultHeight }}
            >
              <div
                className="media-result-frame"
                style={{
                  width: frame.width * k,
                  height: frame.height * k,
                  left: -shown.x * frame.width * k,
                  top: -shown.y * frame.height * k,
                  transformOrigin: `${originX}px ${originY}px`,
                  transform: recipe.straighten ? `rotate(${recipe.straighten}deg) scale(${zoom})` : undefined,
                }}
              >
                <FramedImage
                  src={src}
                  naturalWidth={item.width}
                  naturalHeight={item.height}
                  scale={k}
                  recipe={recipe}
                  filterId={look ? resultFilterId : null}
                />
              </div>
              {mark && logoSrc && logo && (
                <img
                  className="media-result-mark"
                  src={logoSrc}
                  alt=""
                  style={{
                    width: mark.size * RESULT_WIDTH,
                    opacity: mark.opacity,
                    ...(POSITIONS[mark.position].center
                      ? { left: "50%", top: "50%", transform: "translate(-50%, -50%)" }
                      : Object.fromEntries(Object.entries(POSITIONS[mark.position]).map(([side]) => [side, margin]))),
                  }}
                />
              )}
              {recipe.text && recipe.text.text.trim() !== "" && (
                <div
                  className="media-result-text"
                  data-testid="media-result-text"
                  aria-hidden="true"
                  style={overlayStyle(recipe.text, RESULT_WIDTH, resultHeight)}
                >
                  {recipe.text.text}
                </div>
              )}
            </div>
          </div>
            <section className="media-outputs" aria-labelledby={`${ids}-outputs`}>
              <h3 className="media-editor-heading" id={`${ids}-outputs`}>
                What each channel gets {dirty ? "(as last saved)" : ""}
              </h3>
              {targets.length === 0 && <p className="muted">Connect a channel to see the size each network receives.</p>}
              {outputsError && (
                <p className="field-warning" role="status">
                  <WarningIcon size={14} />
                  <span>Output sizes are unavailable: {outputsError}</span>
                </p>
              )}
              {outputs && (
                <ul className="media-output-list" data-testid="media-outputs">
                  {channels.map((c) => {
                    const out = outputs.find((o) => o.target === c.network);
                    if (!out) return null;
                    return (
                      <li key={c.id}>
                        <strong>{c.handle}</strong> <span className="muted">({networkLabel(c.network)})</span>: {out.width} ×{" "}
                        {out.height} px, {out.mimeType === "image/png" ? "PNG" : "JPEG"}, {formatBytes(out.byteSize)}
                        {out.shrunkForBytes ? " (made smaller to fit the network's size limit)" : ""}
                      </li>
                    );
                  })}
                </ul>
              )}
              {outputs && outputs[0] && outputs[0].stripped.length > 0 && (
                <p className="media-stripped" data-testid="media-stripped">
                  Removed when published: {outputs[0].stripped.join(", ")}.
                </p>
              )}
            </section>
          </div>
        </div>

        <div className="media-editor-controls">
          <fieldset className="media-fieldset">
            <legend className="field-label">Crop</legend>
            <div className="media-presets" role="radiogroup" aria-label="Aspect">
              {ASPECT_PRESETS.map((p) => (
                <label key={p.preset} className="media-preset">
                  <input
                    type="radio"
                    name={`${ids}-aspect`}
                    value={p.preset}
                    checked={preset === p.preset}
                    onChange={() => choosePreset(p.preset)}
                  />
                  <span>{p.label}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <div className="media-buttons">
            <button type="button" className="button button-small" onClick={rotate}>
              Rotate 90°
            </button>
            <button
              type="button"
              className="button button-small"
              aria-pressed={recipe.flipHorizontal}
              onClick={() => {
                setRecipe((r) => ({ ...r, flipHorizontal: !r.flipHorizontal }));
                setRect(flipRectHorizontal);
              }}
            >
              Flip horizontal
            </button>
            <button
              type="button"
              className="button button-small"
              aria-pressed={recipe.flipVertical}
              onClick={() => {
                setRecipe((r) => ({ ...r, flipVertical: !r.flipVertical }));
                setRect(flipRectVertical);
              }}
            >
              Flip vertical
            </button>
          </div>

          <Slider
            id={`${ids}-straighten`}
            label="Straighten"
            min={-15}
            max={15}
            step={0.5}
            value={recipe.straighten}
            display={`${recipe.straighten > 0 ? "+" : ""}${recipe.straighten}°`}
            onChange={(v) => setRecipe((r) => ({ ...r, straighten: v }))}
          />
          {ADJUSTMENTS.map(({ key, label }) => (
            <Slider
              key={key}
              id={`${ids}-${key}`}
              label={label}
              min={-100}
              max={100}
              step={1}
              value={Math.round(recipe[key] * 100)}
              display={`${recipe[key] > 0 ? "+" : ""}${Math.round(recipe[key] * 100)}`}
              onChange={(v) => setRecipe((r) => ({ ...r, [key]: v / 100 }))}
            />
          ))}

          <fieldset className="media-fieldset">
            <legend className="field-label">Filter</legend>
            <div className="media-presets" role="radiogroup" aria-label="Filter">
              {[{ filter: null, label: "None" }, ...FILTERS].map((f) => (
                <label key={f.label} className="media-preset">
                  <input
                    type="radio"
                    name={`${ids}-filter`}
                    checked={recipe.filter === f.filter}
                    onChange={() => setRecipe((r) => ({ ...r, filter: f.filter }))}
                  />
                  <span>{f.label}</span>
                </label>
              ))}
            </div>
          </fieldset>

          <label className="media-check">
            <input
              type="checkbox"
              checked={recipe.watermark}
              disabled={!watermark && !recipe.watermark}
              aria-describedby={`${ids}-watermark-hint`}
              onChange={(e) => setRecipe((r) => ({ ...r, watermark: e.target.checked }))}
            />
            <span>Brand watermark</span>
          </label>
          <p className="field-hint" id={`${ids}-watermark-hint`}>
            {watermark && logo
              ? `${logo.fileName}, ${Math.round(watermark.size * 100)}% wide, ${Math.round(watermark.opacity * 100)}% opacity (the workspace's watermark settings).`
              : "Choose a logo under Watermark in the media library first."}
          </p>

          <TextOverlayPanel
            id={ids}
            overlay={recipe.text}
            startFrom={textStyle}
            error={textError}
            onChange={(text) => setRecipe((r) => ({ ...r, text }))}
          />

          <Field
            id={`${ids}-alt`}
            label="Alt text"
            error={altError}
            aside={<span className="muted">{[...alt].length} / 2000</span>}
          >
            <textarea
              id={`${ids}-alt`}
              className="input media-alt"
              rows={3}
              value={alt}
              placeholder="Describe the image for people who can't see it"
              onChange={(e) => setAlt(e.target.value)}
              {...fieldDescription(`${ids}-alt`, altError)}
            />
          </Field>
          {alt.trim() === "" && (
            <p className="field-warning">
              <WarningIcon size={14} />
              <span>No alt text: people using screen readers won't know what this image shows.</span>
            </p>
          )}
        </div>
      </div>


      {generalError && (
        <p className="field-error media-editor-error" role="alert">
          {generalError}
        </p>
      )}
      {leaving && (
        <div className="media-editor-leave" role="alertdialog" aria-labelledby={`${ids}-leave`}>
          <p id={`${ids}-leave`}>This image has unsaved edits.</p>
          <button type="button" className="button button-small button-danger" onClick={onClose}>
            Discard edits
          </button>
          <button type="button" className="button button-small" ref={keepRef} onClick={() => setLeaving(false)}>
            Keep editing
          </button>
        </div>
      )}
      <div className="form-actions media-editor-actions">
        <button type="button" className="button" onClick={reset}>
          Reset
        </button>
        <span className="media-editor-spacer" />
        <button type="button" className="button" onClick={requestClose}>
          Close
        </button>
        <button type="button" className="button button-primary" disabled={saving || !dirty} onClick={() => void save()}>
          {saving ? "Saving…" : "Save"}
        </button>
      </div>
    </Dialog>
  );
}

interface SliderProps {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  display: string;
  onChange: (value: number) => void;
}

function Slider({ id, label, min, max, step, value, display, onChange }: SliderProps) {
  return (
    <div className="media-slider">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={display}
        onChange={(e) => onChange(Number(e.target.value))}
        onDoubleClick={() => onChange(0)}
      />
      <output htmlFor={id} className="media-slider-value">
        {display}
      </output>
    </div>
  );
}
