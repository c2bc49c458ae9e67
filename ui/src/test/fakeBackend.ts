import { mockIPC } from "@tauri-apps/api/mocks";
import { CAPABILITIES } from "../lib/ipc/bindings/networkCapabilities";
import { offsetAt, resolveWallTime, wallTimeAt, type WallTime } from "../lib/zonedTime";
import type {
  AppInfo,
  AttemptLog,
  CalendarEntry,
  Channel,
  CsvImportReport,
  CsvRowReport,
  IpcError,
  NetworkKind,
  PostDetails,
  PostingSlot,
  PostSummary,
  Preferences,
  PublishingSettings,
  SlotOccurrence,
  TargetState,
  TargetSummary,
  Workspace,
  WorkspaceOverview,
} from "../lib/ipc/client";
import type { AllHandlers, SomeHandlers } from "./handlers";
import { composerHandlers, newComposerFake, type ComposerFake } from "./fakeComposer";
import { installAssetProtocol, mediaHandlers, newMediaFake, type MediaFake } from "./fakeMedia";
import { inboxHandlers, newInboxFake, type InboxFake } from "./fakeInbox";

export const TIME_ZONES = [
  "America/New_York",
  "America/St_Johns",
  "Asia/Tokyo",
  "Europe/Berlin",
  "Europe/London",
  "UTC",
];

export const APP_INFO: AppInfo = {
  version: "0.1.0",
  dataDir: "/home/ada/.local/share/app.chorus",
  databasePath: "/home/ada/.local/share/app.chorus/chorus.sqlite3",
  logDir: "/home/ada/.local/share/app.chorus/logs",
  schemaVersion: 1,
};

export function workspace(id: number, name: string, timezone = "Europe/Berlin"): Workspace {
  return { id, name, timezone, createdAt: "2025-01-01T00:00:00Z" };
}

/** A channel as list_channels returns it. */
export function channel(
  id: number,
  network: NetworkKind,
  handle: string,
  extra: Partial<Channel> = {},
): Channel {
  const config: Channel["config"] =
    network === "bluesky"
      ? { network, serviceUrl: "https://bsky.social", identifier: handle }
      : network === "mastodon"
        ? { network, instanceUrl: "https://mastodon.social" }
        : { network, relays: ["wss://relay.example.com"] };
  return {
    id,
    workspaceId: 1,
    network,
    handle,
    displayName: handle,
    config,
    status: "active",
    statusReason: "",
    createdAt: "2025-01-01T00:00:00Z",
    ...extra,
  };
}

export function target(
  id: number,
  ch: Channel,
  state: TargetState,
  extra: Partial<TargetSummary> = {},
): TargetSummary {
  return {
    id,
    channelId: ch.id,
    channel: ch.handle,
    network: ch.network,
    state,
    dueAt: null,
    nextAttemptAt: null,
    attempts: 0,
    lastError: "",
    publishedAt: null,
    remoteUrl: null,
    remoteId: null,
    delivery: "local",
    ...extra,
  };
}

/** A stored post with its details (get_post) and summary (list_posts) in one. */
export function post(
  id: number,
  text: string,
  targets: TargetSummary[],
  extra: Partial<PostDetails> = {},
): PostDetails {
  return {
    id,
    workspaceId: 1,
    text,
    threadParts: extra.thread?.length ?? 0,
    dueAt: null,
    timezone: "Europe/Berlin",
    createdAt: "2025-01-01T00:00:00Z",
    targets,
    thread: [],
    activity: [],
    variants: [],
    images: [],
    contentWarning: null,
    language: null,
    seriesId: null,
    tags: [],
    ...extra,
  };
}

export function attempt(targetId: number, channelLabel: string, extra: Partial<AttemptLog> = {}): AttemptLog {
  return {
    targetId,
    channel: channelLabel,
    startedAt: "2025-01-01T09:00:00Z",
    finishedAt: "2025-01-01T09:00:02Z",
    outcome: "failed",
    errorCode: null,
    message: "",
    remoteId: null,
    ...extra,
  };
}

function summary(p: PostDetails): PostSummary {
  const { thread: _thread, activity: _activity, ...rest } = p;
  return { ...rest, threadParts: p.thread.length };
}

/** What the calendar's badge shows when a post's channels differ: trouble first (calendar.rs). */
const BADGE_RANK: Record<TargetState, number> = {
  failed: 0,
  unconfirmed: 1,
  missed: 2,
  publishing: 3,
  paused: 4,
  scheduled: 5,
  published: 6,
  draft: 7,
};

/** Target states that have not gone out (or were given up on) and can take a new time. */
const MOVABLE_STATES: readonly TargetState[] = ["draft", "scheduled", "paused", "failed", "missed"];

/** How much of a post's text a calendar entry carries (characters, like SQLite's substr). */
const EXCERPT_CHARS = 280;

/** How far in the past a new time may lie before reschedule_post refuses it. */
const PAST_TOLERANCE_MS = 60_000;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** chrono's parse_from_rfc3339 as the commands use it (inputs.rs parse_instant). */
function parseInstant(field: string, text: unknown): Date {
  const value = typeof text === "string" ? text.trim() : "";
  const date = new Date(value);
  if (!RFC3339.test(value) || Number.isNaN(date.getTime())) {
    throw {
      code: "validation",
      field,
      message: `"${String(text)}" is not a date and time (expected RFC 3339, e.g. 2026-12-01T09:30:00+01:00).`,
    } satisfies IpcError;
  }
  return date;
}

function calendarEntry(p: PostDetails, imageCount: number, thumbnail: string | null): CalendarEntry {
  const targets = [...p.targets]
    .sort((a, b) => a.network.localeCompare(b.network) || a.channel.localeCompare(b.channel))
    .map((t) => ({ targetId: t.id, channelId: t.channelId, network: t.network, channel: t.channel, state: t.state }));
  const status = targets.reduce<TargetState>(
    (best, t) => (BADGE_RANK[t.state] < BADGE_RANK[best] ? t.state : best),
    targets[0]?.state ?? "draft",
  );
  return {
    postId: p.id,
    text: Array.from(p.text).slice(0, EXCERPT_CHARS).join(""),
    dueAt: p.dueAt === null ? null : new Date(p.dueAt).toISOString(),
    timezone: p.timezone,
    status,
    targets,
    threadParts: p.thread.length,
    imageCount,
    movable: targets.every((t) => MOVABLE_STATES.includes(t.state)),
    tags: [...(p.tags ?? [])].sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase())),
    thumbnail,
  };
}

// Posting slots and CSV import/export (slots.rs, csv_io.rs), close enough to be told apart
// from the real thing only by what a fake cannot do (read a disk).

/** local_time::resolve: a skipped wall time lands after the jump (02:30 → 03:30), a doubled one takes the first. */
function instantOfWallTime(wall: WallTime, zone: string): Date {
  const resolved = resolveWallTime(wall, zone);
  if (resolved.kind === "ok") return resolved.instant;
  const local = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return new Date(local - offsetAt(local - 24 * 3_600_000, zone));
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function dayAt(ms: number, zone: string): Day {
  const { year, month, day } = wallTimeAt(ms, zone);
  return { year, month, day };
}

function nextDay(d: Day): Day {
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

function validation(field: string, message: string): IpcError {
  return { code: "validation", field, message };
}

/** slots.rs parse_time: "HH:MM" (one-digit hours too, as chrono's %H reads them). */
function slotMinute(text: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw validation("slots", `"${text}" is not a time of day; write it as HH:MM, e.g. 09:30.`);
  }
  return minute;
}

function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** RFC 4180 as the csv crate reads it: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.some((f) => f !== "")) records.push({ line: startLine, fields });
      fields = [];
      field = "";
      line++;
      startLine = line;
    } else field += c;
  }
  fields.push(field);
  if (fields.some((f) => f !== "")) records.push({ line: startLine, fields });
  return records;
}

/** csv_io.rs parse_time: empty is a draft, RFC 3339, or local "2026-12-01 09:00" in `zone`. */
function csvTime(text: string, zone: string): Date | null | string {
  const value = text.trim();
  if (value === "") return null;
  if (RFC3339.test(value) && !Number.isNaN(new Date(value).getTime())) return new Date(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  if (m) {
    const [year, month, day, hour, minute] = m.slice(1).map(Number);
    return instantOfWallTime({ year, month, day, hour, minute }, zone);
  }
  return `time "${text}" is not a date and time (write 2026-12-01 09:00, or RFC 3339 with an offset)`;
}

type Counts = Omit<WorkspaceOverview, "workspace">;
type Failure = IpcError | string;

/**
 * An in-memory stand-in for the Rust commands, installed with mockIPC.
 * Tests read `calls` to assert on what the UI sent, and put a failure in
 * `fail[command]` to make the next call of that command reject with it.
 * `hold(command)` makes the next call wait until the returned release runs.
 */
export interface FakeBackend {
  workspaces: Workspace[];
  preferences: Preferences;
  timeZones: string[];
  counts: Record<number, Partial<Counts>>;
  channels: Channel[];
  posts: PostDetails[];
  publishing: PublishingSettings;
  /** Images per post id (PostDetails does not carry them; the calendar counts them). */
  imageCounts: Record<number, number>;
  /** The first image's thumbnail per post id (a path, or a data URL the fake asset protocol hands back as is). */
  thumbnails: Record<number, string>;
  /** The backend's clock, for reschedule_post's "in the past" check. */
  now: () => Date;
  /** What the file dialog answers (null: the user cancelled). */
  pickedFiles: string[] | null;
  /** What the save dialog answers (null: the user cancelled). */
  savePath: string | null;
  /** Weekly posting slots, as the posting_slots table holds them. */
  slots: PostingSlot[];
  /** The "disk" import_csv reads: path → file contents. Paths not here cannot be read. */
  csvFiles: Record<string, string>;
  /** What export_csv wrote: path → how many posts. */
  exported: Record<string, number>;
  fail: Record<string, Failure | undefined>;
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** Whether the fake answers this command. */
  handles: (cmd: string) => boolean;
  argsOf: (cmd: string) => Record<string, unknown>[];
  hold: (cmd: string) => { release: () => void };
  /** Autosaved composer states and writing libraries (fakeComposer.ts). */
  composer: ComposerFake;
  /** The media library, its files on "disk" and the watermark (fakeMedia.ts). */
  media: MediaFake;
  /** Inbox items, replies, saved replies and notification settings (fakeInbox.ts). */
  inbox: InboxFake;
}

export function installBackend(
  init: Partial<
    Pick<
      FakeBackend,
      | "workspaces"
      | "preferences"
      | "timeZones"
      | "counts"
      | "channels"
      | "posts"
      | "publishing"
      | "imageCounts"
      | "thumbnails"
      | "now"
      | "slots"
    >
  > = {},
): FakeBackend {
  let nextId = 100;
  const held: Record<string, Promise<void> | undefined> = {};
  const backend: FakeBackend = {
    workspaces: init.workspaces ?? [],
    preferences: init.preferences ?? { theme: "system", activeWorkspaceId: null },
    timeZones: init.timeZones ?? TIME_ZONES,
    counts: init.counts ?? {},
    channels: init.channels ?? [],
    posts: init.posts ?? [],
    publishing: init.publishing ?? { paused: false, missedGraceMinutes: 15 },
    imageCounts: init.imageCounts ?? {},
    thumbnails: init.thumbnails ?? {},
    now: init.now ?? (() => new Date()),
    pickedFiles: null,
    savePath: null,
    slots: init.slots ?? [],
    csvFiles: {},
    exported: {},
    fail: {},
    calls: [],
    handles: (cmd) => Object.hasOwn(handlers, cmd),
    argsOf: (cmd) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    hold: (cmd) => {
      let release = () => undefined as void;
      held[cmd] = new Promise<void>((resolve) => {
        release = resolve;
      });
      return { release: () => release() };
    },
    composer: newComposerFake(),
    media: newMediaFake(),
    inbox: newInboxFake(),
  };

  function connected(
    input: { workspaceId: number; channelId: number | null },
    network: NetworkKind,
    handle: string,
    config: Channel["config"],
  ): Channel {
    const existing = input.channelId === null ? undefined : backend.channels.find((c) => c.id === input.channelId);
    const result: Channel = {
      ...channel(existing?.id ?? nextId++, network, handle),
      workspaceId: input.workspaceId,
      config,
    };
    backend.channels = [...backend.channels.filter((c) => c.id !== result.id), result];
    return result;
  }

  const own = {
    app_info: () => APP_INFO,
    list_workspaces: () => [...backend.workspaces].sort((a, b) => a.name.localeCompare(b.name)),
    list_time_zones: () => backend.timeZones,
    get_preferences: () => backend.preferences,
    set_preferences: (args) => {
      backend.preferences = args.preferences;
      return backend.preferences;
    },
    create_workspace: (args) => {
      const input = args.input;
      const created = workspace(nextId++, input.name, input.timezone);
      backend.workspaces.push(created);
      return created;
    },
    update_workspace: (args) => {
      const input = args.input;
      const existing = backend.workspaces.find((w) => w.id === input.id);
      if (!existing) throw { code: "not_found", message: "No such workspace", field: null };
      Object.assign(existing, { name: input.name, timezone: input.timezone });
      return { ...existing };
    },
    workspace_overview: (args) => {
      const id = args.workspaceId;
      const found = backend.workspaces.find((w) => w.id === id);
      if (!found) throw { code: "not_found", message: `Workspace ${id} not found`, field: null };
      return {
        workspace: found,
        channels: 0,
        posts: 0,
        scheduledPosts: 0,
        mediaAssets: 0,
        nextScheduledAt: null,
        ...backend.counts[id],
      } satisfies WorkspaceOverview;
    },
    list_channels: (args) =>
      backend.channels.filter((c) => c.workspaceId === args.workspaceId && c.status !== "disabled"),
    // As chorus-networks' ConnectMethod::check and each folder's credentials(): the declared
    // method, its required answers and addresses, then settings of the non-secret answers.
    connect_channel: ({ input }) => {
      const declared = CAPABILITIES.find((c) => c.network === input.network);
      const method = declared?.connect.find((m) => m.id === input.answers.method);
      if (!declared || !method) throw validation("method", `"${input.answers.method}" is not a way to connect here.`);
      const config: Record<string, unknown> = { network: input.network };
      for (const field of method.fields) {
        const raw = (input.answers.values[field.name] ?? "").trim();
        if (raw === "" && field.required !== "") throw validation(field.name, field.required);
        if (field.kind === "secret") continue;
        if (field.kind === "lines") {
          const lines = [...new Set(raw.split("\n").map((l) => l.trim()).filter((l) => l !== ""))];
          const bad = lines.find((l) => !field.schemes.some((scheme) => l.startsWith(`${scheme}://`)));
          if (bad) throw validation(field.name, `“${bad}” is not an address Chorus can use here.`);
          config[field.name] = lines;
        } else if (field.kind === "url") {
          const trimmed = raw.replace(/\/+$/, "");
          config[field.name] = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
        } else {
          config[field.name] = raw.replace(/^@/, "");
        }
      }
      const handle =
        input.network === "bluesky"
          ? String(config.identifier)
          : input.network === "mastodon"
            ? `@ada@${new URL(String(config.instanceUrl)).host}`
            : "npub1qy2examplekey";
      return connected(input, input.network, handle, config as Channel["config"]);
    },
    remove_channel: (args) => {
      backend.channels = backend.channels.filter((c) => c.id !== args.channelId);
      return null;
    },
    list_posts: (args) => backend.posts.filter((p) => p.workspaceId === args.workspaceId).map(summary),
    get_post: (args) => {
      const found = backend.posts.find((p) => p.id === args.postId);
      if (!found) throw { code: "not_found", message: `Post ${String(args.postId)} not found`, field: null };
      return found;
    },
    retry_target: (args) => {
      const owner = backend.posts.find((p) => p.targets.some((t) => t.id === args.targetId));
      if (!owner) throw { code: "not_found", message: "No such target", field: null };
      owner.targets = owner.targets.map((t) =>
        t.id === args.targetId ? { ...t, state: "scheduled", lastError: "", nextAttemptAt: null } : t,
      );
      return summary(owner);
    },
    // The calendar (calendar.rs): a range query, the drafts panel, and moving a post.
    calendar_range: (args) => {
      const from = parseInstant("from", args.from);
      const to = parseInstant("to", args.to);
      if (to.getTime() <= from.getTime()) {
        throw { code: "validation", field: "to", message: "The end of the range must come after its start." };
      }
      return backend.posts
        .filter((p) => p.workspaceId === args.workspaceId && p.dueAt !== null)
        .filter((p) => {
          const due = new Date(p.dueAt as string).getTime();
          return due >= from.getTime() && due < to.getTime();
        })
        .sort((a, b) => new Date(a.dueAt as string).getTime() - new Date(b.dueAt as string).getTime() || a.id - b.id)
        .map((p) => calendarEntry(p, backend.imageCounts[p.id] ?? 0, backend.thumbnails[p.id] ?? null));
    },
    unscheduled_drafts: (args) =>
      backend.posts
        .filter((p) => p.workspaceId === args.workspaceId && p.dueAt === null)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
        .map((p) => calendarEntry(p, backend.imageCounts[p.id] ?? 0, backend.thumbnails[p.id] ?? null)),
    reschedule_post: (args) => {
      const at = parseInstant("at", args.at);
      if (at.getTime() < backend.now().getTime() - PAST_TOLERANCE_MS) {
        throw {
          code: "validation",
          field: "at",
          message: "That time is in the past; posts can only move to a time still ahead.",
        };
      }
      const found = backend.posts.find((p) => p.id === args.postId);
      if (!found) {
        throw { code: "not_found", message: `post ${String(args.postId)} does not exist`, field: null };
      }
      const why: Partial<Record<TargetState, string>> = {
        published: "has already gone out on",
        publishing: "is being published right now on",
        unconfirmed: "may already have gone out (unconfirmed: check it and retry it first) on",
      };
      for (const t of found.targets) {
        const reason = why[t.state];
        if (reason) {
          throw {
            code: "conflict",
            field: null,
            message: `This post ${reason} ${t.channel} (${t.network}), so it cannot be moved.`,
          };
        }
      }
      const dueAt = at.toISOString();
      const state: TargetState = backend.publishing.paused ? "paused" : "scheduled";
      found.dueAt = dueAt;
      found.targets = found.targets.map((t) => ({
        ...t,
        state,
        dueAt,
        nextAttemptAt: dueAt,
        attempts: 0,
        lastError: "",
      }));
      return summary(found);
    },
    posting_slots: (args) => {
      const ids = new Set(
        backend.channels.filter((c) => c.workspaceId === args.workspaceId && c.status !== "disabled").map((c) => c.id),
      );
      return backend.slots
        .filter((s) => ids.has(s.channelId))
        .sort((a, b) => a.channelId - b.channelId || a.weekday - b.weekday || a.time.localeCompare(b.time));
    },
    set_posting_slots: (args) => {
      const channelId = args.channelId;
      const wanted = args.slots;
      const parsed = wanted.map((slot) => {
        if (!Number.isInteger(slot.weekday) || slot.weekday < 1 || slot.weekday > 7) {
          throw validation("slots", `Weekday ${slot.weekday} does not exist; use 1 (Monday) to 7 (Sunday).`);
        }
        return { weekday: slot.weekday, minute: slotMinute(slot.time) };
      });
      if (!backend.channels.some((c) => c.id === channelId)) {
        throw { code: "not_found", field: null, message: `channel ${channelId} does not exist` } satisfies IpcError;
      }
      const unique = new Map(parsed.map((p) => [`${p.weekday}|${p.minute}`, p]));
      const mine = [...unique.values()]
        .sort((a, b) => a.weekday - b.weekday || a.minute - b.minute)
        .map((p) => ({ channelId, weekday: p.weekday, time: formatMinute(p.minute) }));
      backend.slots = [...backend.slots.filter((s) => s.channelId !== channelId), ...mine];
      return mine;
    },
    slot_occurrences: (args) => {
      const from = parseInstant("from", args.from);
      const to = parseInstant("to", args.to);
      const ws = backend.workspaces.find((w) => w.id === args.workspaceId);
      if (!ws) throw { code: "not_found", field: null, message: `workspace ${String(args.workspaceId)} does not exist` };
      const ids = new Set(
        backend.channels.filter((c) => c.workspaceId === ws.id && c.status !== "disabled").map((c) => c.id),
      );
      const slots = backend.slots.filter((s) => ids.has(s.channelId));
      const out: SlotOccurrence[] = [];
      let day = dayAt(from.getTime(), ws.timezone);
      const last = dayAt(to.getTime(), ws.timezone);
      const key = (d: typeof day) => d.year * 10000 + d.month * 100 + d.day;
      while (key(day) <= key(last)) {
        const weekday = ((new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() + 6) % 7) + 1;
        for (const slot of slots.filter((s) => s.weekday === weekday)) {
          const minute = slotMinute(slot.time);
          const at = instantOfWallTime({ ...day, hour: Math.floor(minute / 60), minute: minute % 60 }, ws.timezone);
          if (at >= from && at < to) {
            const taken = backend.posts.some(
              (p) => p.dueAt !== null && new Date(p.dueAt).getTime() === at.getTime() && p.targets.some((t) => t.channelId === slot.channelId),
            );
            out.push({ channelId: slot.channelId, at: at.toISOString().replace(".000Z", "Z"), taken });
          }
        }
        day = nextDay(day);
      }
      return out.sort((a, b) => a.at.localeCompare(b.at) || a.channelId - b.channelId);
    },
    import_csv: (args) => {
      const path = args.path;
      const dryRun = args.dryRun;
      const ws = backend.workspaces.find((w) => w.id === args.workspaceId);
      if (!ws) throw { code: "not_found", field: null, message: `workspace ${String(args.workspaceId)} does not exist` };
      const text = backend.csvFiles[path];
      if (text === undefined) {
        throw validation("file", `${path} cannot be read as CSV: No such file or directory (os error 2)`);
      }
      const [header, ...records] = parseCsv(text);
      const columns = (header?.fields ?? []).map((h) => h.trim().toLowerCase());
      const col = (name: string) => (columns.indexOf(name) >= 0 ? columns.indexOf(name) : null);
      const [timeCol, channelsCol, textCol, threadCol] = [col("time"), col("channels"), col("text"), col("thread")];
      if (timeCol === null || channelsCol === null || textCol === null) {
        throw validation(
          "file",
          "The first line must name the columns; time, channels and text are needed (media, alt and thread are optional).",
        );
      }
      const mine = backend.channels.filter((c) => c.workspaceId === ws.id && c.status !== "disabled");
      const parsed = records.map(({ line, fields }) => {
        const get = (i: number | null) => (i === null ? "" : (fields[i] ?? ""));
        const body = get(textCol);
        const names = get(channelsCol)
          .split(";")
          .map((n) => n.trim())
          .filter((n) => n !== "");
        const report: CsvRowReport = {
          line,
          time: null,
          channels: names,
          text: Array.from(body).slice(0, 80).join(""),
          errors: [],
          postId: null,
        };
        const when = csvTime(get(timeCol), ws.timezone);
        if (typeof when === "string") report.errors.push(when);
        else if (when) report.time = when.toISOString().replace(".000Z", "Z");
        if (names.length === 0) report.errors.push("no channels: name at least one (id or handle)");
        const channelIds: number[] = [];
        for (const name of names) {
          const found = mine.filter((c) => String(c.id) === name || c.handle.toLowerCase() === name.toLowerCase());
          if (found.length === 1) channelIds.push(found[0].id);
          else report.errors.push(`there is no channel "${name}" in this workspace`);
        }
        if (body.trim() === "") report.errors.push("text: Write something to post.");
        if (when instanceof Date && when.getTime() < backend.now().getTime() - PAST_TOLERANCE_MS) {
          report.errors.push("at: That time is in the past.");
        }
        const thread = get(threadCol)
          .split("\n---\n")
          .map((part) => part.trim())
          .filter((part) => part !== "");
        return { report, channelIds, when: when instanceof Date ? when : null, body, thread };
      });
      const rowsWithErrors = parsed.filter((r) => r.report.errors.length > 0).length;
      let created = 0;
      if (!dryRun && rowsWithErrors === 0) {
        for (const row of parsed) {
          const dueAt = row.when ? row.when.toISOString() : null;
          const state: TargetState = dueAt === null ? "draft" : "scheduled";
          const id = nextId++;
          const targets = row.channelIds.map((cid) => {
            const ch = mine.find((c) => c.id === cid) as Channel;
            return target(nextId++, ch, state, { dueAt });
          });
          backend.posts = [post(id, row.body, targets, { workspaceId: ws.id, dueAt, thread: row.thread }), ...backend.posts];
          row.report.postId = id;
          created++;
        }
      }
      return { dryRun, rows: parsed.map((r) => r.report), rowsWithErrors, created } satisfies CsvImportReport;
    },
    export_csv: (args) => {
      const path = args.path;
      const count = backend.posts.filter((p) => p.workspaceId === args.workspaceId).length;
      backend.exported[path] = count;
      return count;
    },
    get_publishing_settings: () => backend.publishing,
    set_missed_grace: (args) => {
      backend.publishing = { ...backend.publishing, missedGraceMinutes: args.minutes };
      return backend.publishing;
    },
    set_publishing_paused: (args) => {
      backend.publishing = { ...backend.publishing, paused: args.paused };
      return backend.publishing;
    },
    "plugin:dialog|open": () => backend.pickedFiles,
    "plugin:dialog|save": () => backend.savePath,
  } satisfies SomeHandlers;

  // Every command has its handler: the type check fails when one is missing.
  const handlers: Record<string, (args: never) => unknown> = {
    ...own,
    // Edit, delete, variants, repeats, the queue, autosave and the writing library.
    ...composerHandlers(backend, { nextId: () => nextId++, summary, post, target }),
    ...mediaHandlers(backend, () => nextId++),
    // The unified inbox, its saved replies and notification settings, and the opener plugin.
    ...inboxHandlers(backend, () => nextId++),
  } satisfies AllHandlers;

  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      backend.calls.push({ cmd, args });
      const gate = held[cmd];
      if (gate) {
        held[cmd] = undefined;
        await gate;
      }
      const failure = backend.fail[cmd];
      if (failure !== undefined) {
        backend.fail[cmd] = undefined;
        throw failure;
      }
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unexpected command ${cmd}`);
      return (handler as (args: Record<string, unknown>) => unknown)(args);
    },
    { shouldMockEvents: true },
  );
  installAssetProtocol(backend);
  return backend;
}
