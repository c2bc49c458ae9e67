import { open } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./ipc/client";

export const IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"];

/**
 * Asks for image files with the system's file dialog. Resolves to the chosen
 * paths ([] when the user cancels); rejects with an IpcError.
 */
export async function pickImages(): Promise<string[]> {
  try {
    const picked = await open({
      multiple: true,
      directory: false,
      title: "Add images",
      filters: [{ name: "Images", extensions: IMAGE_EXTENSIONS }],
    });
    if (picked === null) return [];
    return Array.isArray(picked) ? picked : [picked];
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** The last segment of a Unix or Windows path. */
export function fileName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, "");
  const cut = Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\"));
  return cut >= 0 ? trimmed.slice(cut + 1) : trimmed;
}
