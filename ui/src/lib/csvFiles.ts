import { open, save } from "@tauri-apps/plugin-dialog";
import { toIpcError } from "./ipc/client";

const CSV_FILTERS = [{ name: "CSV", extensions: ["csv"] }];

/** Asks for one CSV file to import; null when the user cancels. Rejects with an IpcError. */
export async function pickCsvToImport(): Promise<string | null> {
  try {
    const picked = await open({ multiple: false, directory: false, title: "Import posts from CSV", filters: CSV_FILTERS });
    if (picked === null) return null;
    return Array.isArray(picked) ? (picked[0] ?? null) : picked;
  } catch (reason) {
    throw toIpcError(reason);
  }
}

/** Asks where to write the exported CSV; null when the user cancels. Rejects with an IpcError. */
export async function pickCsvToExport(defaultName: string): Promise<string | null> {
  try {
    return await save({ title: "Export posts to CSV", defaultPath: defaultName, filters: CSV_FILTERS });
  } catch (reason) {
    throw toIpcError(reason);
  }
}
