import type { TextOverlay } from "../../lib/ipc/client";
import { PLACEMENTS } from "./media";
import { NEW_OVERLAY, overlayProblem } from "./overlayStyle";


interface TextOverlayPanelProps {
  id: string;
  overlay: TextOverlay | null;
  /** The style new text starts from (the workspace's last); NEW_OVERLAY when there is none. */
  startFrom?: TextOverlay | null;
  /** The backend's refusal of the text, if any. */
  error?: string;
  onChange: (overlay: TextOverlay | null) => void;
}

/** Text on the image: what it says, where, how big, its colour, and a band behind it. */
export function TextOverlayPanel({ id, overlay, startFrom = null, error, onChange }: TextOverlayPanelProps) {
  const problem = overlay ? (error ?? overlayProblem(overlay)) : null;
  const set = (change: Partial<TextOverlay>) => overlay && onChange({ ...overlay, ...change });
  return (
    <fieldset className="media-fieldset media-text" id={`${id}-text`}>
      <legend className="field-label">Text on the image</legend>
      <label className="media-check">
        <input
          type="checkbox"
          checked={overlay !== null}
          onChange={(e) => onChange(e.target.checked ? { ...(startFrom ?? NEW_OVERLAY), text: "" } : null)}
        />
        <span>Add text</span>
      </label>
      {overlay && (
        <>
          <label className="field-label" htmlFor={`${id}-text-input`}>
            Text
          </label>
          <textarea
            id={`${id}-text-input`}
            className={problem ? "input media-text-input input-invalid" : "input media-text-input"}
            rows={2}
            value={overlay.text}
            placeholder="Fresh today, from 7 am"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-text-error` : undefined}
            onChange={(e) => set({ text: e.target.value })}
          />
          {problem && (
            <p className="field-error" id={`${id}-text-error`} role="alert">
              {problem}
            </p>
          )}
          <div className="media-presets" role="radiogroup" aria-label="Text position">
            {PLACEMENTS.map((p) => (
              <label key={p.value} className="media-preset">
                <input
                  type="radio"
                  name={`${id}-text-position`}
                  checked={overlay.position === p.value}
                  onChange={() => set({ position: p.value })}
                />
                <span>{p.label}</span>
              </label>
            ))}
          </div>
          <div className="media-slider">
            <label htmlFor={`${id}-text-size`} className="field-label">
              Text size
            </label>
            <input
              id={`${id}-text-size`}
              type="range"
              min={2}
              max={20}
              step={1}
              value={Math.round(overlay.size * 100)}
              aria-valuetext={`${Math.round(overlay.size * 100)}% of the width`}
              onChange={(e) => set({ size: Number(e.target.value) / 100 })}
            />
            <output htmlFor={`${id}-text-size`} className="media-slider-value">
              {Math.round(overlay.size * 100)}%
            </output>
          </div>
          <div className="media-text-row">
            <label className="media-check">
              <input type="color" value={overlay.color} aria-label="Text colour" onChange={(e) => set({ color: e.target.value })} />
              <span>Colour</span>
            </label>
            <label className="media-check">
              <input type="checkbox" checked={overlay.backdrop} onChange={(e) => set({ backdrop: e.target.checked })} />
              <span>Dark band behind</span>
            </label>
          </div>
        </>
      )}
    </fieldset>
  );
}
