import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  AppInfo,
  AttemptLog,
  BlueskyConnectInput,
  CalendarEntry,
  Channel,
  IpcError,
  MastodonOAuthInput,
  MastodonTokenInput,
  NetworkKind,
  NewWorkspace,
  NostrConnectInput,
  PostDetails,
  PostInput,
  PostSummary,
  Preferences,
  PublishingSettings,
  TargetState,
  TargetSummary,
  Workspace,
  WorkspaceOverview,
  WorkspaceUpdate,
} from "../lib/ipc/client";
import { composerHandlers, newComposerFake, type ComposerFake } from "./fakeComposer";

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

function calendarEntry(p: PostDetails, imageCount: number): CalendarEntry {
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
  };
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
  /** The backend's clock, for reschedule_post's "in the past" check. */
  now: () => Date;
  /** What the file dialog answers (null: the user cancelled). */
  pickedFiles: string[] | null;
  fail: Record<string, Failure | undefined>;
  calls: { cmd: string; args: Record<string, unknown> }[];
  argsOf: (cmd: string) => Record<string, unknown>[];
  hold: (cmd: string) => { release: () => void };
  /** Autosaved composer states and writing libraries (fakeComposer.ts). */
  composer: ComposerFake;
}

export function installBackend(
  init: Partial<
    Pick<
      FakeBackend,
      "workspaces" | "preferences" | "timeZones" | "counts" | "channels" | "posts" | "publishing" | "imageCounts" | "now"
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
    now: init.now ?? (() => new Date()),
    pickedFiles: null,
    fail: {},
    calls: [],
    argsOf: (cmd) => backend.calls.filter((c) => c.cmd === cmd).map((c) => c.args),
    hold: (cmd) => {
      let release = () => undefined as void;
      held[cmd] = new Promise<void>((resolve) => {
        release = resolve;
      });
      return { release: () => release() };
    },
    composer: newComposerFake(),
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

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    app_info: () => APP_INFO,
    list_workspaces: () => [...backend.workspaces].sort((a, b) => a.name.localeCompare(b.name)),
    list_time_zones: () => backend.timeZones,
    get_preferences: () => backend.preferences,
    set_preferences: (args) => {
      backend.preferences = args.preferences as Preferences;
      return backend.preferences;
    },
    create_workspace: (args) => {
      const input = args.input as NewWorkspace;
      const created = workspace(nextId++, input.name, input.timezone);
      backend.workspaces.push(created);
      return created;
    },
    update_workspace: (args) => {
      const input = args.input as WorkspaceUpdate;
      const existing = backend.workspaces.find((w) => w.id === input.id);
      if (!existing) throw { code: "not_found", message: "No such workspace", field: null };
      Object.assign(existing, { name: input.name, timezone: input.timezone });
      return { ...existing };
    },
    workspace_overview: (args) => {
      const id = args.workspaceId as number;
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
    connect_bluesky: (args) => {
      const input = args.input as BlueskyConnectInput;
      return connected(input, "bluesky", input.identifier, {
        network: "bluesky",
        serviceUrl: input.serviceUrl,
        identifier: input.identifier,
      });
    },
    connect_mastodon_token: (args) => {
      const input = args.input as MastodonTokenInput;
      return connected(input, "mastodon", `@ada@${new URL(input.instanceUrl).host}`, {
        network: "mastodon",
        instanceUrl: input.instanceUrl,
      });
    },
    connect_mastodon_oauth: (args) => {
      const input = args.input as MastodonOAuthInput;
      return connected(input, "mastodon", `@ada@${new URL(input.instanceUrl).host}`, {
        network: "mastodon",
        instanceUrl: input.instanceUrl,
      });
    },
    connect_nostr: (args) => {
      const input = args.input as NostrConnectInput;
      return connected(input, "nostr", "npub1qy2examplekey", { network: "nostr", relays: input.relays });
    },
    remove_channel: (args) => {
      backend.channels = backend.channels.filter((c) => c.id !== args.channelId);
      return null;
    },
    create_post: (args) => {
      const input = args.input as PostInput;
      const dueAt =
        input.when.kind === "at"
          ? new Date(input.when.at).toISOString()
          : input.when.kind === "now"
            ? new Date().toISOString()
            : null;
      const state: TargetState =
        input.when.kind === "draft" ? "draft" : backend.publishing.paused ? "paused" : "scheduled";
      const id = nextId++;
      const created = post(
        id,
        input.text,
        input.channelIds.map((cid) => {
          const ch = backend.channels.find((c) => c.id === cid);
          if (!ch) throw { code: "not_found", message: `Channel ${cid} not found`, field: null };
          const delivery = input.deliverOnServer && ch.network === "mastodon" ? "server" : "local";
          return target(nextId++, ch, state, { dueAt, delivery });
        }),
        { workspaceId: input.workspaceId, dueAt, thread: input.thread },
      );
      backend.posts = [created, ...backend.posts];
      backend.imageCounts[id] = input.images.length;
      return summary(created);
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
        .map((p) => calendarEntry(p, backend.imageCounts[p.id] ?? 0));
    },
    unscheduled_drafts: (args) =>
      backend.posts
        .filter((p) => p.workspaceId === args.workspaceId && p.dueAt === null)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
        .map((p) => calendarEntry(p, backend.imageCounts[p.id] ?? 0)),
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
    get_publishing_settings: () => backend.publishing,
    set_missed_grace: (args) => {
      backend.publishing = { ...backend.publishing, missedGraceMinutes: args.minutes as number };
      return backend.publishing;
    },
    set_publishing_paused: (args) => {
      backend.publishing = { ...backend.publishing, paused: args.paused as boolean };
      return backend.publishing;
    },
    "plugin:dialog|open": () => backend.pickedFiles,
  };

  // Edit, delete, variants, repeats, the queue, autosave and the library replace or add to the above.
  Object.assign(handlers, composerHandlers(backend, { nextId: () => nextId++, summary, post, target }));

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
      return handler(args);
    },
    { shouldMockEvents: true },
  );
  return backend;
}
