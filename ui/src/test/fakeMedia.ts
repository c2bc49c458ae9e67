// The fake backend's media commands (commands/media.rs over chorus-core's media::library):
// the library with content-addressed import, tags, alt text, recipes, "used in", guarded
// deletion, the workspace watermark and render previews, with the commands' own errors.
// fakeBackend.ts installs these handlers. Files on "disk" are `MediaFake.files`; the asset
// protocol (convertFileSrc) answers each with its `preview` data URL.
import type { SomeHandlers } from "./handlers";
import type {
  IpcError,
  LibraryItem,
  MediaUse,
  PostDetails,
  Recipe,
  RenderSummary,
  RenderTarget,
  TextOverlay,
  WatermarkSettings,
} from "../lib/ipc/client";

/** A file the fake's "disk" holds, as read_image would find it. */
export interface FakeImageFile {
  sha256: string;
  mimeType: string;
  byteSize: number;
  width: number;
  height: number;
  /** Metadata the original carries, e.g. ["location (GPS)", "camera details (EXIF)"]. */
  metadata: string[];
  /** What the asset protocol serves for it (a data: URL). */
  preview?: string;
  /** read_image's refusal for this file, e.g. "HEIC is not supported yet; export as JPEG". */
  unreadable?: string;
}

export interface MediaFake {
  files: Record<string, FakeImageFile>;
  items: LibraryItem[];
  /** Post ids using each media id (post_media). */
  uses: Record<number, number[]>;
  watermarks: Record<number, WatermarkSettings>;
  /** The workspace's last text style (get_text_style), set by set_media_recipe. */
  textStyles: Record<number, TextOverlay>;
}

export function newMediaFake(): MediaFake {
  return { files: {}, items: [], uses: {}, watermarks: {}, textStyles: {} };
}

interface Host {
  posts: PostDetails[];
  media: MediaFake;
}

const IDENTITY: Recipe = {
  crop: null,
  rotate: 0,
  flipHorizontal: false,
  flipVertical: false,
  straighten: 0,
  brightness: 0,
  contrast: 0,
  saturation: 0,
  warmth: 0,
  filter: null,
  watermark: false,
  text: null,
};

function validation(field: string, message: string): IpcError {
  return { code: "validation", field, message };
}

function notFound(id: unknown): IpcError {
  return { code: "not_found", field: null, message: `image ${String(id)} does not exist` };
}

function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return cut >= 0 ? path.slice(cut + 1) : path;
}

/** The data dir's media/<sha256>, as library.rs answers paths. */
export const MEDIA_DIR = "/home/user/.local/share/chorus/media";

/** A library item for a file, as list_media answers it. */
export function libraryItem(id: number, workspaceId: number, fileName: string, file: FakeImageFile, extra: Partial<LibraryItem> = {}): LibraryItem {
  return {
    id,
    workspaceId,
    sha256: file.sha256,
    fileName,
    mimeType: file.mimeType,
    byteSize: file.byteSize,
    width: file.width,
    height: file.height,
    altText: "",
    tags: [],
    recipe: IDENTITY,
    thumbState: "ready",
    thumbnail: `${MEDIA_DIR}/thumbs/${file.sha256}.jpg`,
    path: `${MEDIA_DIR}/${file.sha256}`,
    usedIn: 0,
    metadata: file.metadata,
    ...extra,
  };
}

function normalizeTag(tag: string): string {
  const t = tag.trim().replace(/^#+/, "").toLowerCase();
  if (t === "" || [...t].length > 64) {
    throw validation("tags", `a tag must be 1 to 64 characters, not ${JSON.stringify(tag)}`);
  }
  return t;
}

const LIMITS: Record<RenderTarget, { longSide: number; maxWidth: number | null; maxPixels: number | null; maxBytes: number }> = {
  bluesky: { longSide: 2000, maxWidth: null, maxPixels: null, maxBytes: 1_000_000 },
  mastodon: { longSide: 8192, maxWidth: null, maxPixels: 8_294_400, maxBytes: 8_000_000 },
  nostr: { longSide: 2048, maxWidth: null, maxPixels: null, maxBytes: 5_000_000 },
  instagram: { longSide: 1920, maxWidth: 1080, maxPixels: null, maxBytes: 8_000_000 },
};

/** presets.rs OutputPreset::fit on the recipe's frame and crop (aspect applied). */
function renderedSize(item: LibraryItem, target: RenderTarget): { width: number; height: number } {
  const r = item.recipe;
  const swap = r.rotate % 180 === 90;
  const fw = swap ? item.height : item.width;
  const fh = swap ? item.width : item.height;
  let w = fw;
  let h = fh;
  if (r.crop) {
    w = r.crop.width * fw;
    h = r.crop.height * fh;
    const ratio = { free: null, "1:1": 1, "4:5": 0.8, "1.91:1": 1.91, "9:16": 9 / 16, "16:9": 16 / 9 }[r.crop.aspect];
    if (ratio !== null) {
      if (w / h > ratio) w = h * ratio;
      else h = w / ratio;
    }
  }
  w = Math.max(1, Math.round(w));
  h = Math.max(1, Math.round(h));
  const limits = LIMITS[target];
  let scale = Math.min(1, limits.longSide / Math.max(w, h));
  if (limits.maxWidth !== null) scale = Math.min(scale, limits.maxWidth / w);
  if (limits.maxPixels !== null) scale = Math.min(scale, Math.sqrt(limits.maxPixels / (w * h)));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/** The posts table's status: a draft has no time; sent once every channel published it. */
function postStatus(p: PostDetails): string {
  if (p.dueAt === null) return "draft";
  return p.targets.length > 0 && p.targets.every((t) => t.state === "published") ? "published" : "scheduled";
}

export function mediaHandlers(host: Host, nextId: () => number) {
  const media = () => host.media;
  const find = (id: unknown): LibraryItem => {
    const item = media().items.find((i) => i.id === id);
    if (!item) throw notFound(id);
    return item;
  };
  const withUses = (item: LibraryItem): LibraryItem => ({ ...item, usedIn: new Set(media().uses[item.id] ?? []).size });
  const replace = (item: LibraryItem): LibraryItem => {
    media().items = media().items.map((i) => (i.id === item.id ? item : i));
    return withUses(item);
  };
  const usedIn = (id: number): MediaUse[] =>
    [...new Set(media().uses[id] ?? [])]
      .map((postId) => host.posts.find((p) => p.id === postId))
      .filter((p): p is PostDetails => p !== undefined)
      .sort((a, b) => (a.dueAt ?? "\uffff").localeCompare(b.dueAt ?? "\uffff") || a.id - b.id)
      .map((p) => ({
        postId: p.id,
        excerpt: [...p.text].length > 40 ? `${[...p.text].slice(0, 40).join("")}…` : p.text,
        status: postStatus(p),
        scheduledAt: p.dueAt,
      }));

  return {
    // The fake makes thumbnails as it imports; one still pending (a seed's) is made here.
    make_media_thumbnails: () => {
      const pending = media().items.filter((i) => i.thumbState === "pending");
      media().items = media().items.map((i) =>
        i.thumbState === "pending" ? { ...i, thumbState: "ready", thumbnail: `${MEDIA_DIR}/thumbs/${i.sha256}.jpg` } : i,
      );
      return pending.length;
    },
    list_media: (args) => {
      const words = String(args.search ?? "")
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean);
      return media()
        .items.filter((i) => i.workspaceId === args.workspaceId)
        .filter((i) => {
          const hay = `${i.fileName} ${i.tags.join(" ")} ${i.altText}`.toLowerCase();
          return words.every((w) => hay.includes(w));
        })
        .map(withUses);
    },
    import_media: (args) => {
      const workspaceId = args.workspaceId;
      const paths = args.paths;
      // read_image checks every file before anything is stored.
      const files = paths.map((path) => {
        const file = media().files[path];
        if (!file) throw validation("images", `${path} cannot be used: No such file or directory (os error 2)`);
        if (file.unreadable) throw validation("images", `${path} cannot be used: ${file.unreadable}`);
        return { path, file };
      });
      return files.map(({ path, file }) => {
        const existing = media().items.find((i) => i.workspaceId === workspaceId && i.sha256 === file.sha256);
        if (existing) return withUses(existing);
        const item = libraryItem(nextId(), workspaceId, baseName(path), file);
        // Newest first.
        media().items = [item, ...media().items];
        return item;
      });
    },
    set_media_recipe: (args) => {
      const item = find(args.mediaId);
      const recipe = args.recipe;
      if (![0, 90, 180, 270].includes(recipe.rotate)) {
        throw validation("rotate", `rotation must be 0, 90, 180 or 270 degrees, not ${recipe.rotate}`);
      }
      if (Math.abs(recipe.straighten) > 15) {
        throw validation("straighten", `straighten must be between -15 and 15 degrees, not ${recipe.straighten}`);
      }
      for (const field of ["brightness", "contrast", "saturation", "warmth"] as const) {
        if (Math.abs(recipe[field]) > 1) throw validation(field, `${field} must be between -1 and 1, not ${recipe[field]}`);
      }
      const c = recipe.crop;
      if (c && !(c.x >= 0 && c.y >= 0 && c.width > 0 && c.height > 0 && c.x + c.width <= 1.0001 && c.y + c.height <= 1.0001)) {
        throw validation("crop", `the crop must lie inside the image (fractions 0..1), got x ${c.x} y ${c.y} width ${c.width} height ${c.height}`);
      }
      if (recipe.text) media().textStyles[item.workspaceId] = { ...recipe.text, text: "" };
      return replace({ ...item, recipe });
    },
    set_media_alt: (args) => {
      const alt = String(args.alt);
      if ([...alt].length > 2000) {
        throw validation("alt", "alt text is limited to 2000 characters (Bluesky and Mastodon's limit is 1500-2000)");
      }
      return replace({ ...find(args.mediaId), altText: alt.trim() });
    },
    add_media_tags: (args) => {
      const item = find(args.mediaId);
      const tags = args.tags.map(normalizeTag);
      return replace({ ...item, tags: [...new Set([...item.tags, ...tags])].sort() });
    },
    remove_media_tags: (args) => {
      const item = find(args.mediaId);
      const tags = args.tags.map(normalizeTag);
      return replace({ ...item, tags: item.tags.filter((t) => !tags.includes(t)) });
    },
    media_used_in: (args) => {
      find(args.mediaId);
      return usedIn(args.mediaId);
    },
    delete_media: (args) => {
      const item = find(args.mediaId);
      const first = usedIn(item.id)[0];
      if (first) {
        const when = first.status === "scheduled" && first.scheduledAt ? `scheduled for ${first.scheduledAt}` : first.status;
        throw {
          code: "conflict",
          field: null,
          message: `${item.fileName} is used by post ${first.postId} ("${first.excerpt}", ${when}); remove it from the post first`,
        } satisfies IpcError;
      }
      if (Object.values(media().watermarks).some((w) => w.mediaId === item.id)) {
        throw {
          code: "conflict",
          field: null,
          message: `${item.fileName} is the workspace's watermark logo; choose another logo first`,
        } satisfies IpcError;
      }
      media().items = media().items.filter((i) => i.id !== item.id);
      return null;
    },
    render_media_preview: (args) => {
      const item = find(args.mediaId);
      const file = Object.values(media().files).find((f) => f.sha256 === item.sha256);
      return args.targets.map((target): { summary: RenderSummary; path: string } => {
        const { width, height } = renderedSize(item, target);
        const png = target === "mastodon" && item.mimeType === "image/png";
        // Bytes of a typical photo at quality 88 (about 0.25 bytes a pixel), within the limit.
        const bytes = Math.min(LIMITS[target].maxBytes, Math.round(width * height * (png ? 1.5 : 0.25)));
        const summary: RenderSummary = {
          target,
          width,
          height,
          byteSize: bytes,
          mimeType: png ? "image/png" : "image/jpeg",
          quality: png ? 0 : 88,
          shrunkForBytes: false,
          stripped: file?.metadata ?? [],
        };
        return { summary, path: `${MEDIA_DIR}/previews/${item.sha256}-${target}.${png ? "png" : "jpg"}` };
      });
    },
    get_watermark: (args) => media().watermarks[args.workspaceId] ?? null,
    get_text_style: (args) => media().textStyles[args.workspaceId] ?? null,
    set_watermark: (args) => {
      const settings = args.settings;
      if (settings.size < 0.02 || settings.size > 0.5) {
        throw validation("size", `the logo size must be 0.02 to 0.5 of the image width, not ${settings.size}`);
      }
      if (settings.opacity < 0 || settings.opacity > 1) {
        throw validation("opacity", `opacity must be between 0 and 1, not ${settings.opacity}`);
      }
      const owner = media().items.find((i) => i.id === settings.mediaId);
      if (!owner || owner.workspaceId !== args.workspaceId) {
        throw validation("mediaId", `image ${settings.mediaId} is not in this workspace's library`);
      }
      media().watermarks[args.workspaceId] = settings;
      return null;
    },
  } satisfies SomeHandlers;
}

/**
 * The asset protocol for the fake's files: convertFileSrc answers a file's (or its thumbnail's)
 * preview data URL, and anything else as Tauri would (asset://localhost/<path>).
 */
export function installAssetProtocol(host: Host) {
  const internals = (window as unknown as { __TAURI_INTERNALS__?: Record<string, unknown> }).__TAURI_INTERNALS__;
  if (!internals) return;
  internals.convertFileSrc = (path: string, protocol = "asset") => {
    // A seed may name a picture by its data URL directly (the calendar's thumbnails).
    if (path.startsWith("data:")) return path;
    const sha = path.replace(/\.jpg$/, "").split("/").pop() ?? "";
    const file = Object.values(host.media.files).find((f) => f.sha256 === sha);
    return file?.preview ?? `${protocol}://localhost/${encodeURIComponent(path)}`;
  };
}
