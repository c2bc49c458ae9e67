import { getCurrentWebview } from "@tauri-apps/api/webview";
import { useCallback, useEffect, useRef, useState } from "react";
import { useChannels } from "../../app/channels";
import { useUi } from "../../app/ui";
import { ImageIcon, PlusIcon } from "../../components/icons";
import { pickImages } from "../../lib/files";
import * as ipc from "../../lib/ipc/client";
import type { IpcError, LibraryItem, TextOverlay, WatermarkSettings, Workspace } from "../../lib/ipc/client";
import { MediaCard } from "./MediaCard";
import { MediaEditor } from "./MediaEditor";
import { WatermarkPanel } from "./WatermarkPanel";
import { allTags, importMessage } from "./media";
import "./Media.css";

/** How often the list is asked again while thumbnails are still being made. */
const THUMB_POLL_MS = 1500;

/** The workspace's media library: import (picker or drop), search, tags, edit, delete. */
export function Media({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  const { openDialog } = useUi();
  const { channels } = useChannels();
  const [items, setItems] = useState<LibraryItem[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [importError, setImportError] = useState<IpcError | null>(null);
  const [importing, setImporting] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [watermark, setWatermark] = useState<WatermarkSettings | null>(null);
  const [textStyle, setTextStyle] = useState<TextOverlay | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    ipc
      .listMedia(workspace.id, search.trim() === "" ? null : search)
      .then((list) => {
        if (cancelled) return;
        setItems(list);
        setLoadError(null);
      })
      .catch((reason: unknown) => {
        if (!cancelled) setLoadError(ipc.toIpcError(reason).message);
      });
    return () => {
      cancelled = true;
    };
  }, [workspace.id, search, visible, reload]);

  useEffect(() => {
    if (!visible) return;
    ipc
      .getWatermark(workspace.id)
      .then(setWatermark)
      .catch(() => setWatermark(null));
  }, [workspace.id, visible]);

  // Saving a recipe with text makes its style the workspace's: asked again each time an
  // editor opens (not on every library refresh, which thumbnail polling repeats).
  useEffect(() => {
    if (!visible || editing === null) return;
    ipc
      .getTextStyle(workspace.id)
      .then(setTextStyle)
      .catch(() => setTextStyle(null));
  }, [workspace.id, visible, editing]);

  // Thumbnails are made in the background; ask again until none is pending.
  const pending = items?.some((i) => i.thumbState === "pending") ?? false;
  useEffect(() => {
    if (!visible || !pending) return;
    const timer = window.setTimeout(() => setReload((n) => n + 1), THUMB_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [visible, pending, items]);

  const importPaths = useCallback(
    async (paths: string[]) => {
      if (paths.length === 0) return;
      setImporting(true);
      setImportError(null);
      setNotice(null);
      try {
        // Known before: the whole library, not just what the search shows.
        const before = await ipc.listMedia(workspace.id, null);
        const imported = await ipc.importMedia(workspace.id, paths);
        setNotice(importMessage(before, imported));
        setReload((n) => n + 1);
      } catch (reason) {
        setImportError(ipc.toIpcError(reason));
        // Files before the refused one may be stored already.
        setReload((n) => n + 1);
      } finally {
        setImporting(false);
      }
    },
    [workspace.id],
  );

  async function pick() {
    try {
      await importPaths(await pickImages());
    } catch (reason) {
      setImportError(ipc.toIpcError(reason));
    }
  }

  // Files dropped on the window while the library is shown (Tauri's drag-drop event).
  const importRef = useRef(importPaths);
  useEffect(() => {
    importRef.current = importPaths;
  }, [importPaths]);
  useEffect(() => {
    if (!visible) return;
    let stop: (() => void) | null = null;
    let gone = false;
    try {
      getCurrentWebview()
        .onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setDropping(true);
          else if (p.type === "leave") setDropping(false);
          else {
            setDropping(false);
            void importRef.current(p.paths);
          }
        })
        .then((unlisten) => {
          if (gone) unlisten();
          else stop = unlisten;
        })
        .catch(() => undefined);
    } catch {
      // Outside the Tauri shell (no webview) files can still be picked.
    }
    return () => {
      gone = true;
      stop?.();
    };
  }, [visible]);

  function updated(item: LibraryItem) {
    setItems((list) => list?.map((i) => (i.id === item.id ? item : i)) ?? list);
  }

  const tags = allTags(items ?? []);
  const shown = (items ?? []).filter((i) => tag === null || i.tags.includes(tag));
  const editItem = items?.find((i) => i.id === editing) ?? null;
  const logo = watermark ? (items?.find((i) => i.id === watermark.mediaId) ?? null) : null;

  return (
    <section
      className={dropping ? "page media-page media-page-dropping" : "page media-page"}
      data-testid="media"
      hidden={!visible}
      aria-labelledby="media-title"
      aria-busy={items === null && !loadError ? true : undefined}
    >
      <header className="page-header">
        <p className="page-eyebrow">{workspace.name}</p>
        <h1 id="media-title" className="page-title">
          Media
        </h1>
        <p className="page-subtitle">
          Drop images anywhere on this page or import them (JPEG, PNG, WebP, GIF). Each file is stored once; edits never
          change the original.
        </p>
      </header>

      <div className="media-controls">
      <div className="media-toolbar">
        <label className="visually-hidden" htmlFor="media-search">
          Search images
        </label>
        <input
          id="media-search"
          className="input media-search"
          type="search"
          placeholder="Search by file name, tag or alt text"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" className="button button-primary" onClick={() => void pick()} disabled={importing}>
          <PlusIcon />
          {importing ? "Importing…" : "Import images"}
        </button>
      </div>

      {tags.length > 0 && (
        <div className="media-tags" role="group" aria-label="Show only a tag">
          {tags.map((t) => (
            <button
              key={t}
              type="button"
              className="media-tag-filter"
              aria-pressed={tag === t}
              onClick={() => setTag(tag === t ? null : t)}
            >
              #{t}
            </button>
          ))}
        </div>
      )}

      <div aria-live="polite" className="media-live">
        {notice && (
          <p className="media-notice" data-testid="media-notice">
            {notice}
          </p>
        )}
      </div>
      {importError && (
        <p className="field-error media-import-error" role="alert">
          {importError.message}
        </p>
      )}
      {loadError && (
        <p className="field-error" role="alert">
          The library could not be loaded: {loadError}{" "}
          <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </p>
      )}
      </div>
      {dropping && (
        <div className="media-drop-hint" aria-hidden="true">
          Drop to add to the library
        </div>
      )}

      {items && items.length === 0 && search.trim() === "" && (
        <div className="empty-state">
          <ImageIcon size={28} />
          <p className="empty-state-title">No images yet</p>
          <p className="muted">Import photos from this computer, or drop them here.</p>
        </div>
      )}
      {items && shown.length === 0 && (search.trim() !== "" || tag !== null) && (
        <p className="muted" role="status">
          No image matches {search.trim() !== "" ? `“${search.trim()}”` : ""}
          {tag ? ` with #${tag}` : ""}.
        </p>
      )}
      {shown.length > 0 && (
        <ul className="media-grid" aria-label="Images">
          {shown.map((item) => (
            <MediaCard
              key={item.id}
              item={item}
              timeZone={workspace.timezone}
              onEdit={() => setEditing(item.id)}
              onChanged={updated}
              onDeleted={() => setReload((n) => n + 1)}
              onOpenPost={(postId) => openDialog({ name: "post", postId })}
            />
          ))}
        </ul>
      )}

      {items && items.length > 0 && (
        <WatermarkPanel workspaceId={workspace.id} items={items} watermark={watermark} onSaved={setWatermark} />
      )}

      {editItem && (
        <MediaEditor
          key={editItem.id}
          item={editItem}
          channels={channels ?? []}
          watermark={watermark}
          textStyle={textStyle}
          logo={logo}
          onSaved={updated}
          onClose={() => setEditing(null)}
        />
      )}
    </section>
  );
}
