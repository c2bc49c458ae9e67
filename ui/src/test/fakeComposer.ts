// The fake backend's composer commands (planning.rs, library.rs, autosave.rs, post.rs): editing
// and deleting posts, per-channel text, repeating posts, the queue, autosave and the writing
// library, with the commands' own errors. fakeBackend.ts installs these handlers.
import type { SomeHandlers } from "./handlers";
import { CAPABILITIES } from "../lib/ipc/bindings/networkCapabilities";
import { countFor } from "../features/composer/counting";
import type {
  Channel,
  ComposerState,
  IpcError,
  PostDetails,
  PostInput,
  PostSummary,
  PostingSlot,
  TagSuggestion,
  TargetState,
  TargetSummary,
  WritingLibrary,
} from "../lib/ipc/client";
import { networkLabel } from "../features/channels/networks";
import { resolveWallTime, wallTimeAt } from "../lib/zonedTime";

/** As core: on the network's server only where its capabilities say it schedules posts. */
function serverScheduling(network: string): boolean {
  return CAPABILITIES.some((c) => c.network === network && c.serverScheduling);
}

export interface ComposerFake {
  /** save_composer_state's table: one JSON document per (workspace, slot). */
  states: (ComposerState & { workspaceId: number })[];
  /** Writing library per workspace id. */
  libraries: Record<number, WritingLibrary>;
  /** Called after every change to `states` (the browser tests keep them across a reload). */
  onStatesChanged?: (states: ComposerFake["states"]) => void;
}

export function newComposerFake(): ComposerFake {
  return { states: [], libraries: {} };
}

interface Host {
  workspaces: { id: number; timezone: string }[];
  channels: Channel[];
  posts: PostDetails[];
  slots?: PostingSlot[];
  publishing: { paused: boolean };
  imageCounts: Record<number, number>;
  now: () => Date;
  composer: ComposerFake;
}

interface Helpers {
  nextId: () => number;
  summary: (p: PostDetails) => PostSummary;
  post: (id: number, text: string, targets: TargetSummary[], extra?: Partial<PostDetails>) => PostDetails;
  target: (id: number, ch: Channel, state: TargetState, extra?: Partial<TargetSummary>) => TargetSummary;
}

function validation(field: string, message: string): IpcError {
  return { code: "validation", field, message };
}

const PAST_TOLERANCE_MS = 60_000;
const MAX_OCCURRENCES = 200;
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/**
 * recurrence.rs expand for the rules the composer writes (FREQ=DAILY|WEEKLY, INTERVAL, BYDAY,
 * COUNT, UNTIL), in the zone's wall-clock time from `start`.
 */
export function expandRule(rule: string, zone: string, start: Date): Date[] {
  const text = rule.trim().replace(/^RRULE:/, "");
  if (text === "" || /[\r\n]/.test(text) || /DTSTART/i.test(text)) {
    throw validation(
      "recurrence",
      "Write the repetition as one rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10 (the first post's time is the start).",
    );
  }
  const parts = Object.fromEntries(
    text.split(";").map((p) => {
      const [k, v = ""] = p.split("=");
      return [k.toUpperCase(), v.toUpperCase()];
    }),
  );
  if (!("COUNT" in parts) && !("UNTIL" in parts)) {
    throw validation(
      "recurrence",
      `Say when the repetition ends: add COUNT=n (how many posts) or UNTIL=YYYYMMDDTHHMMSSZ. Chorus makes at most ${MAX_OCCURRENCES} posts from one rule.`,
    );
  }
  const freq = parts.FREQ;
  const interval = parts.INTERVAL ? Number(parts.INTERVAL) : 1;
  const count = parts.COUNT ? Number(parts.COUNT) : null;
  const untilMatch = parts.UNTIL ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(parts.UNTIL) : null;
  const byDay = parts.BYDAY ? parts.BYDAY.split(",") : null;
  if (
    (freq !== "DAILY" && freq !== "WEEKLY") ||
    !Number.isInteger(interval) ||
    interval < 1 ||
    (count !== null && (!Number.isInteger(count) || count < 1)) ||
    (parts.UNTIL && !untilMatch) ||
    (byDay && byDay.some((d) => !DAYS.includes(d)))
  ) {
    throw validation("recurrence", `The repetition rule is not valid: ${text}`);
  }
  const until = untilMatch
    ? Date.UTC(+untilMatch[1], +untilMatch[2] - 1, +untilMatch[3], +untilMatch[4], +untilMatch[5], +untilMatch[6])
    : null;
  const first = wallTimeAt(start.getTime(), zone);
  const firstDay = Date.UTC(first.year, first.month - 1, first.day);
  const weekdayOf = (ms: number) => (new Date(ms).getUTCDay() + 6) % 7;
  const weekStart = firstDay - weekdayOf(firstDay) * 86_400_000;
  const out: Date[] = [];
  for (let i = 0; out.length <= MAX_OCCURRENCES && i < 366 * 20; i++) {
    const day = firstDay + i * 86_400_000;
    const d = new Date(day);
    const matches =
      freq === "DAILY"
        ? i % interval === 0
        : Math.floor((day - weekStart) / (7 * 86_400_000)) % interval === 0 &&
          (byDay ? byDay.includes(DAYS[weekdayOf(day)]) : weekdayOf(day) === weekdayOf(firstDay));
    if (!matches) continue;
    const resolved = resolveWallTime(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: first.hour, minute: first.minute },
      zone,
    );
    if (resolved.kind !== "ok") continue;
    if (until !== null && resolved.instant.getTime() > until) break;
    out.push(resolved.instant);
    if (count !== null && out.length >= count) break;
  }
  if (out.length > MAX_OCCURRENCES) {
    throw validation("recurrence", `This rule makes more than ${MAX_OCCURRENCES} posts; lower COUNT or pick an earlier UNTIL.`);
  }
  if (out.length === 0) throw validation("recurrence", "This rule makes no posts at all.");
  return out;
}

/** What post.rs and the adapters' validate refuse, in the order they check. */
function checkInput(host: Host, input: PostInput): { channels: Channel[]; due: Date | null } {
  if (input.channelIds.length === 0) throw validation("channels", "Choose at least one channel.");
  const channels = input.channelIds.map((id) => {
    const c = host.channels.find((ch) => ch.id === id && ch.workspaceId === input.workspaceId);
    if (!c) throw { code: "not_found", field: null, message: `channel ${id} does not exist` } satisfies IpcError;
    if (c.status === "needs_attention") {
      throw validation("channels", `${c.handle} needs to be reconnected first: ${c.statusReason}`);
    }
    if (c.status === "disabled") throw validation("channels", `${c.handle} was removed.`);
    return c;
  });
  const stray = input.variants.find((v) => !input.channelIds.includes(v.channelId));
  if (stray) {
    throw validation("variants", `There is a version of the text for channel ${stray.channelId}, which is not chosen.`);
  }
  if (input.text.trim() === "" && input.images.length === 0) throw validation("text", "Write something or add an image.");
  const empty = input.thread.findIndex((t) => t.trim() === "");
  if (empty >= 0) throw validation("thread", `Thread post ${empty + 2} is empty.`);
  let due: Date | null = null;
  if (input.when.kind === "now") due = host.now();
  else if (input.when.kind === "at") {
    due = new Date(input.when.at);
    if (Number.isNaN(due.getTime())) throw validation("at", `"${input.when.at}" is not a date and time.`);
    if (due.getTime() < host.now().getTime() - PAST_TOLERANCE_MS) {
      throw validation("at", "That time is in the past; pick a later time or publish now.");
    }
  }
  // The adapters' length checks, one line per channel that refuses ("handle (network): problem").
  const cw = input.contentWarning ?? "";
  const problems: string[] = [];
  for (const c of channels) {
    const text = input.variants.find((v) => v.channelId === c.id)?.text ?? input.text;
    for (const [i, part] of [text, ...input.thread].entries()) {
      const counted = countFor(c.network, part, cw);
      if (counted.over) {
        const where = i === 0 ? "This post" : `Thread post ${i + 1}`;
        const name = c.network === "mastodon" ? "mastodon.social" : networkLabel(c.network);
        problems.push(`${c.handle} (${c.network}): ${where} is ${counted.count} characters; ${name} allows ${counted.limit}.`);
      }
    }
  }
  if (problems.length > 0) throw validation("text", problems.join("\n"));
  return { channels, due };
}

function zoneOf(host: Host, workspaceId: number): string {
  return host.workspaces.find((w) => w.id === workspaceId)?.timezone ?? "UTC";
}

const UNSENT: readonly TargetState[] = ["draft", "scheduled", "paused", "failed", "missed"];

function ensureUnsent(p: PostDetails, verb: string) {
  const why: Partial<Record<TargetState, string>> = {
    published: "has already gone out on",
    publishing: "is being published right now on",
    unconfirmed: "may already have gone out (unconfirmed: check it and retry it first) on",
  };
  for (const t of p.targets) {
    const reason = why[t.state];
    if (reason || !UNSENT.includes(t.state)) {
      throw {
        code: "conflict",
        field: null,
        message: `This post ${reason ?? "has already gone out on"} ${t.channel} (${t.network}), so it cannot be ${verb}.`,
      } satisfies IpcError;
    }
  }
}

/** The body words suggest() counts: split on spaces and , ; ( ) ! ?, trailing . : ' " trimmed. */
function suggest(host: Host, workspaceId: number, prefix: string): TagSuggestion[] {
  const sigil = prefix[0];
  if (sigil !== "#" && sigil !== "@") {
    throw validation("prefix", "Suggestions are for #hashtags and @mentions: start with # or @.");
  }
  const wanted = prefix.slice(1).toLowerCase();
  const counts = new Map<string, { text: string; uses: number }>();
  const bodies = host.posts
    .filter((p) => p.workspaceId === workspaceId)
    .sort((a, b) => b.id - a.id)
    .map((p) => p.text);
  for (const body of bodies) {
    const seen = new Set<string>();
    for (const word of body.split(/[\s,;()!?]+/u)) {
      if (!word.startsWith(sigil)) continue;
      const rest = word.slice(1).replace(/[.:'"]+$/u, "");
      if (rest === "" || rest.startsWith(sigil)) continue;
      const lower = rest.toLowerCase();
      if (!lower.startsWith(wanted) || seen.has(lower)) continue;
      seen.add(lower);
      const entry = counts.get(lower) ?? { text: `${sigil}${rest}`, uses: 0 };
      entry.uses++;
      counts.set(lower, entry);
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.uses - a.uses || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, 8);
}

function tidyLibrary(library: WritingLibrary): WritingLibrary {
  const unique = (field: string, what: string, names: string[]) => {
    const seen = new Set<string>();
    for (const raw of names) {
      const name = raw.trim();
      if (name === "") throw validation(field, `Every ${what} needs a name.`);
      if (seen.has(name.toLowerCase())) {
        throw validation(field, `There are two ${what}s called "${name}"; give each its own name.`);
      }
      seen.add(name.toLowerCase());
    }
  };
  unique("hashtagGroups", "hashtag group", library.hashtagGroups.map((g) => g.name));
  unique("snippets", "snippet", library.snippets.map((s) => s.name));
  unique("templates", "template", library.templates.map((t) => t.name));
  const hashtagGroups = library.hashtagGroups.map((g) => {
    const tags: string[] = [];
    for (const tag of g.tags) {
      const word = tag.trim().replace(/^#+/, "");
      if (word === "") continue;
      if (/[\s#]/u.test(word)) {
        throw validation("hashtagGroups", `"${tag}" in "${g.name.trim()}" is not one hashtag (no spaces).`);
      }
      if (!tags.includes(`#${word}`)) tags.push(`#${word}`);
    }
    return { name: g.name.trim(), tags };
  });
  return {
    hashtagGroups,
    snippets: library.snippets.map((s) => ({ ...s, name: s.name.trim() })),
    templates: library.templates.map((t) => ({ ...t, name: t.name.trim() })),
  };
}

/** slots.rs next_free: the first slot instant after now, within eight weeks, not yet taken. */
function nextFree(host: Host, workspaceId: number, channelIds: number[]): string | null {
  const zone = zoneOf(host, workspaceId);
  const now = host.now().getTime();
  const slots = (host.slots ?? []).filter((s) => channelIds.includes(s.channelId));
  const today = wallTimeAt(now, zone);
  const start = Date.UTC(today.year, today.month - 1, today.day);
  for (let i = 0; i <= 56; i++) {
    const d = new Date(start + i * 86_400_000);
    const weekday = ((d.getUTCDay() + 6) % 7) + 1;
    const candidates = slots
      .filter((s) => s.weekday === weekday)
      .map((s) => {
        const [hour, minute] = s.time.split(":").map(Number);
        const r = resolveWallTime(
          { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute },
          zone,
        );
        return { slot: s, at: r.kind === "ok" ? r.instant.getTime() : NaN };
      })
      .filter((c) => c.at > now)
      .sort((a, b) => a.at - b.at);
    for (const c of candidates) {
      const taken = host.posts.some(
        (p) => p.dueAt !== null && new Date(p.dueAt).getTime() === c.at && p.targets.some((t) => channelIds.includes(t.channelId)),
      );
      if (!taken) return new Date(c.at).toISOString().replace(".000Z", "Z");
    }
  }
  return null;
}

export function composerHandlers(host: Host, h: Helpers) {
  const states = () => host.composer;
  const changed = () => states().onStatesChanged?.(states().states);

  function build(id: number, input: PostInput, channels: Channel[], due: Date | null, seriesId: number | null): PostDetails {
    const state: TargetState = input.when.kind === "draft" ? "draft" : host.publishing.paused ? "paused" : "scheduled";
    const dueAt = due === null ? null : due.toISOString();
    return h.post(
      id,
      input.text,
      channels.map((ch) => {
        const delivery = input.deliverOnServer && serverScheduling(ch.network) ? "server" : "local";
        return h.target(h.nextId(), ch, state, { dueAt, nextAttemptAt: dueAt, delivery });
      }),
      {
        workspaceId: input.workspaceId,
        dueAt,
        timezone: zoneOf(host, input.workspaceId),
        thread: input.thread,
        variants: input.variants,
        images: input.images.map((i) => ({
          path: i.path,
          fileName: i.path.split(/[\\/]/).pop() ?? i.path,
          alt: i.alt,
          mimeType: "image/jpeg",
          width: null,
          height: null,
        })),
        contentWarning: input.contentWarning,
        language: input.language,
        seriesId,
        tags: normalizeTags(input.tags ?? []),
      },
    );
  }

  return {
    create_post: (args) => {
      const input = args.input;
      const { channels, due } = checkInput(host, input);
      normalizeTags(input.tags ?? []);
      let times: (Date | null)[] = [due];
      if (input.recurrence !== null) {
        if (input.when.kind !== "at" || due === null) {
          throw validation("recurrence", "A repeating post needs a time for its first post.");
        }
        times = expandRule(input.recurrence, zoneOf(host, input.workspaceId), due);
      }
      const seriesId = times.length > 1 ? h.nextId() : null;
      const created = times.map((at) => build(h.nextId(), input, channels, at, seriesId));
      host.posts = [...[...created].reverse(), ...host.posts];
      for (const p of created) host.imageCounts[p.id] = input.images.length;
      return h.summary(created[0]);
    },
    update_post: (args) => {
      const input = args.input;
      const found = host.posts.find((p) => p.id === args.postId);
      if (!found) throw { code: "not_found", field: null, message: `post ${String(args.postId)} does not exist` };
      ensureUnsent(found, "edited");
      const { channels, due } = checkInput(host, { ...input, recurrence: null });
      // As the service: a post outside a series can start one; it takes the first occurrence.
      let times: (Date | null)[] = [due];
      if (input.recurrence !== null) {
        if (found.seriesId !== null) throw validation("recurrence", "This post already repeats.");
        if (input.when.kind !== "at" || due === null) {
          throw validation("recurrence", "A repeating post needs a time for its first post.");
        }
        times = expandRule(input.recurrence, zoneOf(host, input.workspaceId), due);
      }
      const seriesId = times.length > 1 ? h.nextId() : found.seriesId;
      const updated = { ...build(found.id, input, channels, times[0], seriesId), createdAt: found.createdAt };
      const copies = times.slice(1).map((at) => build(h.nextId(), input, channels, at, seriesId));
      host.posts = [...[...copies].reverse(), ...host.posts.map((p) => (p.id === found.id ? updated : p))];
      for (const p of [updated, ...copies]) host.imageCounts[p.id] = input.images.length;
      return h.summary(updated);
    },
    unschedule_post: (args) => {
      const found = host.posts.find((p) => p.id === args.postId);
      if (!found) throw { code: "not_found", field: null, message: `post ${String(args.postId)} does not exist` };
      ensureUnsent(found, "unscheduled");
      const back: PostDetails = {
        ...found,
        dueAt: null,
        targets: found.targets.map((t) => ({ ...t, state: "draft", dueAt: null, nextAttemptAt: null, attempts: 0, lastError: "" })),
      };
      host.posts = host.posts.map((p) => (p.id === found.id ? back : p));
      return h.summary(back);
    },
    delete_post: (args) => {
      const found = host.posts.find((p) => p.id === args.postId);
      if (!found) throw { code: "not_found", field: null, message: `post ${String(args.postId)} does not exist` };
      ensureUnsent(found, "deleted");
      host.posts = host.posts.filter((p) => p.id !== found.id);
      return null;
    },
    next_free_slot: (args) => {
      const ids = args.channelIds;
      if (ids.length === 0) throw validation("channels", "Choose at least one channel.");
      const at = nextFree(host, args.workspaceId, ids);
      if (at === null) {
        throw validation(
          "channels",
          "These channels have no free posting slot in the next eight weeks; add slots in Settings → Channels or pick a time.",
        );
      }
      return at;
    },
    save_composer_state: (args) => {
      const workspaceId = args.workspaceId;
      const slot = args.slot;
      const entry = { workspaceId, slot, state: args.composer, savedAt: host.now().toISOString() };
      states().states = [...states().states.filter((s) => !(s.workspaceId === workspaceId && s.slot === slot)), entry];
      changed();
      return null;
    },
    composer_states: (args) =>
      states()
        .states.filter((s) => s.workspaceId === args.workspaceId)
        .map(({ slot, state, savedAt }) => ({ slot, state, savedAt }) satisfies ComposerState),
    clear_composer_state: (args) => {
      states().states = states().states.filter((s) => !(s.workspaceId === args.workspaceId && s.slot === args.slot));
      changed();
      return null;
    },
    writing_library: (args) =>
      states().libraries[args.workspaceId] ?? { hashtagGroups: [], snippets: [], templates: [] },
    save_writing_library: (args) => {
      const tidy = tidyLibrary(args.library);
      states().libraries[args.workspaceId] = tidy;
      return tidy;
    },
    suggest_tags: (args) => suggest(host, args.workspaceId, args.prefix),
    set_post_tags: (args) => {
      const found = host.posts.find((p) => p.id === args.postId);
      if (!found) throw { code: "not_found", field: null, message: `post ${String(args.postId)} does not exist` };
      const tags = normalizeTags(args.tags);
      host.posts = host.posts.map((p) => (p.id === found.id ? { ...p, tags } : p));
      return tags;
    },
    post_tags: (args) => {
      const counts = new Map<string, { tag: string; posts: number }>();
      for (const p of host.posts.filter((p) => p.workspaceId === args.workspaceId)) {
        for (const tag of p.tags) {
          const seen = counts.get(tag.toLocaleLowerCase());
          if (seen) seen.posts += 1;
          else counts.set(tag.toLocaleLowerCase(), { tag, posts: 1 });
        }
      }
      return [...counts.values()].sort((a, b) => b.posts - a.posts || a.tag.localeCompare(b.tag));
    },
  } satisfies SomeHandlers;
}

/** post_tags.rs `normalize`: trimmed, squeezed, once per case-insensitive tag, with its limits. */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.split(/\s+/).filter(Boolean).join(" ");
    if (tag === "") continue;
    if (Array.from(tag).length > 40) throw validation("tags", `The tag "${tag}" is longer than 40 characters.`);
    if (tag.includes(",")) throw validation("tags", `The tag "${tag}" has a comma in it; commas separate tags.`);
    if (!out.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) out.push(tag);
  }
  if (out.length > 10) throw validation("tags", `A post can have at most 10 tags; this one has ${out.length}.`);
  return out;
}
