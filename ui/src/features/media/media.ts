import { convertFileSrc } from "@tauri-apps/api/core";
import type { LibraryItem, WatermarkPosition } from "../../lib/ipc/client";

/** A file of the data dir through the asset protocol (the shell allows the media folder). */
export function assetUrl(path: string): string {
  try {
    return convertFileSrc(path);
  } catch {
    // Outside the Tauri shell there is no asset protocol; the image shows its alt text.
    return "";
  }
}

/** 812 KB, 4.2 MB: decimal units, as the networks state their limits. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Every tag in the listed items, alphabetically. */
export function allTags(items: LibraryItem[]): string[] {
  return [...new Set(items.flatMap((i) => i.tags))].sort();
}

/** What to say after an import: new images, and those the library already had. */
export function importMessage(before: LibraryItem[], imported: LibraryItem[]): string {
  const known = new Set(before.map((i) => i.id));
  const added = imported.filter((i) => !known.has(i.id));
  const already = imported.filter((i) => known.has(i.id));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added ${added.length === 1 ? added[0].fileName : `${added.length} images`}.`);
  if (already.length > 0) {
    const names = [...new Set(already.map((i) => i.fileName))];
    parts.push(`${names.join(", ")} ${names.length === 1 ? "was" : "were"} already in the library (stored once).`);
  }
  return parts.join(" ");
}

/** Where a watermark or text can sit on an image, as the renderer names the places. */
export const PLACEMENTS: { value: WatermarkPosition; label: string }[] = [
  { value: "topLeft", label: "Top left" },
  { value: "topRight", label: "Top right" },
  { value: "bottomLeft", label: "Bottom left" },
  { value: "bottomRight", label: "Bottom right" },
  { value: "center", label: "Centre" },
];
