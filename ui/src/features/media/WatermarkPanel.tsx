import { useId, useState } from "react";
import * as ipc from "../../lib/ipc/client";
import type { IpcError, LibraryItem, WatermarkPosition, WatermarkSettings } from "../../lib/ipc/client";
import { PLACEMENTS } from "./media";


interface WatermarkPanelProps {
  workspaceId: number;
  items: LibraryItem[];
  watermark: WatermarkSettings | null;
  onSaved: (settings: WatermarkSettings) => void;
}

/** The workspace's brand watermark: which library image is the logo, where, how big, how opaque. */
export function WatermarkPanel({ workspaceId, items, watermark, onSaved }: WatermarkPanelProps) {
  const id = useId();
  const [logoId, setLogoId] = useState<number | null>(watermark?.mediaId ?? null);
  const [position, setPosition] = useState<WatermarkPosition>(watermark?.position ?? "bottomRight");
  const [size, setSize] = useState(Math.round((watermark?.size ?? 0.15) * 100));
  const [opacity, setOpacity] = useState(Math.round((watermark?.opacity ?? 0.8) * 100));
  const [error, setError] = useState<IpcError | null>(null);
  const [saved, setSaved] = useState(false);
  const chosen = logoId ?? watermark?.mediaId ?? null;

  async function save() {
    if (chosen === null) {
      setError({ code: "validation", field: "mediaId", message: "Choose the image to use as the logo." });
      return;
    }
    try {
      const settings: WatermarkSettings = { mediaId: chosen, position, size: size / 100, opacity: opacity / 100 };
      await ipc.setWatermark(workspaceId, settings);
      onSaved(settings);
      setError(null);
      setSaved(true);
    } catch (reason) {
      setError(ipc.toIpcError(reason));
      setSaved(false);
    }
  }

  return (
    <details className="card media-watermark">
      <summary className="media-watermark-summary">Watermark</summary>
      <p className="muted">A brand logo the editor can stamp on images of this workspace.</p>
      <div className="media-watermark-fields">
        <label className="field-label" htmlFor={`${id}-logo`}>
          Logo
        </label>
        <select
          id={`${id}-logo`}
          className="input"
          value={chosen ?? ""}
          aria-invalid={error?.field === "mediaId" ? true : undefined}
          onChange={(e) => setLogoId(e.target.value === "" ? null : Number(e.target.value))}
        >
          <option value="">Choose an image…</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.fileName}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor={`${id}-position`}>
          Position
        </label>
        <select id={`${id}-position`} className="input" value={position} onChange={(e) => setPosition(e.target.value as WatermarkPosition)}>
          {PLACEMENTS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor={`${id}-size`}>
          Size ({size}% of the width)
        </label>
        <input id={`${id}-size`} type="range" min={2} max={50} value={size} onChange={(e) => setSize(Number(e.target.value))} />
        <label className="field-label" htmlFor={`${id}-opacity`}>
          Opacity ({opacity}%)
        </label>
        <input id={`${id}-opacity`} type="range" min={0} max={100} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="form-actions">
        {saved && <span className="muted" role="status">Saved for this workspace.</span>}
        <button type="button" className="button button-small button-primary" onClick={() => void save()}>
          Save watermark
        </button>
      </div>
    </details>
  );
}
