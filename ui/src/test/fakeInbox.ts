// The fake backend's inbox commands (commands/inbox.rs over chorus-core's inbox module): the
// list grouped by conversation, triage, tags, search, replies, likes, saved replies and the
// notification settings, with the commands' own errors. fakeBackend.ts installs these handlers.
import type { SomeHandlers } from "./handlers";
import { emit } from "@tauri-apps/api/event";
import type { IpcError, NetworkKind } from "../lib/ipc/client";
import {
  INBOX_NEW_EVENT,
  INBOX_UNREAD_EVENT,
  type InboxConversation,
  type InboxItem,
  type InboxReply,
  type NotificationSettings,
  type SavedReply,
} from "../lib/ipc/inbox";

export interface InboxFake {
  items: InboxItem[];
  replies: InboxReply[];
  savedReplies: SavedReply[];
  notifications: NotificationSettings;
  /** URLs handed to the opener plugin (the system browser). */
  opened: string[];
  /** Adds items as a background sync would and sends the sync loop's events. */
  deliver: (items: InboxItem[]) => Promise<void>;
}

export function newInboxFake(): InboxFake {
  const fake: InboxFake = {
    items: [],
    replies: [],
    savedReplies: [],
    notifications: { disabled: false, quietHours: null, mutedChannels: [] },
    opened: [],
    deliver: async (items) => {
      fake.items = [...items, ...fake.items];
      await emit(INBOX_NEW_EVENT, { items, unread: unread(fake) });
    },
  };
  return fake;
}

/** An inbox item as list_inbox returns it (html already sanitized by the backend). */
export function inboxItem(id: number, extra: Partial<InboxItem> = {}): InboxItem {
  const network: NetworkKind = extra.network ?? "mastodon";
  return {
    id,
    channelId: 1,
    network,
    kind: "mention",
    remoteId: `remote-${id}`,
    webUrl: `https://mastodon.social/@someone/${id}`,
    authorName: "Grace Hopper",
    authorHandle: "@grace@mastodon.social",
    authorAvatarUrl: null,
    text: `Message ${id}`,
    html: null,
    images: [],
    inReplyToId: null,
    inReplyToText: null,
    ourPostId: null,
    conversationKey: `conversation-${id}`,
    createdAt: "2026-12-01T09:00:00Z",
    read: false,
    done: false,
    starred: false,
    liked: false,
    assignee: null,
    tags: [],
    ...extra,
  };
}

const MAX_LIMIT = 1000;
const MAX_TAG_CHARS = 64;
const MAX_ASSIGNEE_CHARS = 100;
const MAX_REPLY_CHARS = 10_000;
const MAX_NAME_CHARS = 80;
const VARIABLES = ["name", "handle", "network"];

function validation(field: string, message: string): IpcError {
  return { code: "validation", field, message };
}

function notFound(what: string, id: number): IpcError {
  return { code: "not_found", field: null, message: `${what} ${id} does not exist` };
}

function unread(fake: InboxFake): number {
  return fake.items.filter((i) => !i.read).length;
}

function checkTag(tag: string): string {
  const trimmed = tag.trim();
  if (trimmed === "" || [...trimmed].length > MAX_TAG_CHARS) {
    throw validation("tag", `A tag has 1 to ${MAX_TAG_CHARS} characters (got ${JSON.stringify(trimmed)}).`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw validation("tag", "A tag cannot contain control characters.");
  return trimmed;
}

/**
 * store.rs fts_query over FTS5's unicode61 tokens: every word required, the last one as a
 * prefix. A word of punctuation only has no tokens and so matches nothing (as in FTS5).
 */
function matchesSearch(item: InboxItem, search: string): boolean {
  const tokensOf = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((t) => t !== "");
  const words = search.split(/\s+/).filter((w) => w !== "");
  if (words.length === 0) throw validation("search", "Type at least one word to search for.");
  const wanted = words.map(tokensOf);
  if (wanted.some((w) => w.length === 0)) return false;
  const tokens = tokensOf(`${item.text} ${item.authorName} ${item.authorHandle}`);
  const flat = wanted.flat();
  return flat.every((w, i) => (i === flat.length - 1 ? tokens.some((t) => t.startsWith(w)) : tokens.includes(w)));
}

/** saved_replies.rs render. */
export function renderTemplate(body: string, item: InboxItem): string {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const two = body.slice(i, i + 2);
    if (two === "{{" || two === "}}") {
      out += body[i];
      i += 2;
      continue;
    }
    const c = body[i];
    if (c === "}") throw validation("body", 'A lone "}" in a saved reply: write "}}" for a brace.');
    if (c === "{") {
      const close = body.indexOf("}", i);
      if (close < 0) throw validation("body", 'A "{" without its "}": write "{{" for a brace.');
      const variable = body.slice(i + 1, close).trim();
      const value =
        variable === "name"
          ? item.authorName
          : variable === "handle"
            ? item.authorHandle
            : variable === "network"
              ? item.network
              : null;
      if (value === null) {
        throw validation(
          "body",
          `Unknown variable {${variable}} in the saved reply; use one of ${VARIABLES.map((v) => `{${v}}`).join(", ")}.`,
        );
      }
      out += value;
      i = close + 1;
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

function checkTime(field: string, raw: string) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) {
    throw validation(field, `${JSON.stringify(raw)} is not a time of day such as 22:00.`);
  }
}

interface Host {
  inbox: InboxFake;
  timeZones: string[];
}

export function inboxHandlers(host: Host, nextId: () => number) {
  const inbox = () => host.inbox;
  const find = (id: number) => {
    const item = inbox().items.find((i) => i.id === id);
    if (!item) throw notFound("inbox item", id);
    return item;
  };
  const replace = (item: InboxItem) => {
    inbox().items = inbox().items.map((i) => (i.id === item.id ? item : i));
    return item;
  };
  const unreadChanged = () => emit(INBOX_UNREAD_EVENT, { unread: unread(inbox()) });

  return {
    list_inbox: (args) => {
      const filter = args.filter;
      const limit = filter.limit ?? 100;
      if (limit === 0 || limit > MAX_LIMIT) {
        throw validation("limit", `Ask for between 1 and ${MAX_LIMIT} items at a time (got ${limit}).`);
      }
      const tag = filter.tag === null ? null : checkTag(filter.tag);
      const search = filter.search?.trim() ? filter.search : null;
      const matching = inbox()
        .items.filter((i) => filter.channelId === null || i.channelId === filter.channelId)
        .filter((i) => filter.kind === null || i.kind === filter.kind)
        .filter((i) => {
          switch (filter.status) {
            case "unread":
              return !i.read;
            case "read":
              return i.read;
            case "open":
              return !i.done;
            case "done":
              return i.done;
            case "starred":
              return i.starred;
            default:
              return true;
          }
        })
        .filter((i) => tag === null || i.tags.includes(tag))
        .filter((i) => filter.assignee === null || i.assignee === filter.assignee.trim())
        .filter((i) => search === null || matchesSearch(i, search))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
      const offset = filter.offset ?? 0;
      const page = matching.slice(offset, offset + limit);
      const conversations: InboxConversation[] = [];
      for (const item of page) {
        const existing = conversations.find((c) => c.key === item.conversationKey);
        if (existing) existing.items.push(item);
        else conversations.push({ key: item.conversationKey, latestAt: item.createdAt, items: [item] });
      }
      return { conversations, hasMore: matching.length > offset + limit };
    },
    get_inbox_item: (args) => find(args.id),
    update_inbox_items: async (args) => {
      const ids = args.ids;
      const change = args.change;
      if (ids.length === 0) throw validation("ids", "Choose at least one inbox item.");
      let assignee: string | null | undefined;
      if (change.assignee !== null) {
        const name = change.assignee.trim();
        if ([...name].length > MAX_ASSIGNEE_CHARS) {
          throw validation("assignee", `A teammate's name has at most ${MAX_ASSIGNEE_CHARS} characters.`);
        }
        assignee = name === "" ? null : name;
      }
      ids.forEach(find);
      const updated = ids.map((id) => {
        const item = { ...find(id) };
        if (change.read !== null) item.read = change.read;
        if (change.done !== null) item.done = change.done;
        if (change.starred !== null) item.starred = change.starred;
        if (assignee !== undefined) item.assignee = assignee;
        return replace(item);
      });
      await unreadChanged();
      return updated;
    },
    add_inbox_tag: (args) => {
      const tag = checkTag(args.tag);
      const item = find(args.id);
      if (item.tags.includes(tag)) return item;
      return replace({ ...item, tags: [...item.tags, tag].sort() });
    },
    remove_inbox_tag: (args) => {
      const tag = checkTag(args.tag);
      const item = find(args.id);
      return replace({ ...item, tags: item.tags.filter((t) => t !== tag) });
    },
    inbox_tags: () => [...new Set(inbox().items.flatMap((i) => i.tags))].sort(),
    inbox_unread_count: (args) => {
      const channelId = args.channelId ?? null;
      return inbox().items.filter((i) => !i.read && (channelId === null || i.channelId === channelId)).length;
    },
    sync_inbox: async () => {
      await unreadChanged();
      return [];
    },
    reply_to_inbox_item: async (args) => {
      const text = args.text.trim();
      if (text === "") throw validation("text", "Write something to reply with.");
      if ([...text].length > MAX_REPLY_CHARS) {
        throw validation("text", `A reply has at most ${MAX_REPLY_CHARS} characters.`);
      }
      const item = find(args.id);
      const id = nextId();
      const reply: InboxReply = {
        id,
        itemId: item.id,
        text,
        status: "sent",
        remoteId: `reply-${id}`,
        remoteUrl: `https://mastodon.social/@ada/${id}`,
        error: null,
      };
      inbox().replies.push(reply);
      replace({ ...item, read: true });
      await unreadChanged();
      return reply;
    },
    inbox_replies: (args) => {
      const item = find(args.id);
      return inbox().replies.filter((r) => r.itemId === item.id);
    },
    like_inbox_item: (args) => replace({ ...find(args.id), liked: true }),
    list_saved_replies: () => [...inbox().savedReplies].sort((a, b) => a.name.localeCompare(b.name)),
    save_saved_reply: (args) => {
      const id = args.id ?? null;
      const name = args.name.trim();
      const body = args.body.trim();
      if (name === "" || [...name].length > MAX_NAME_CHARS) {
        throw validation("name", `A saved reply's name has 1 to ${MAX_NAME_CHARS} characters.`);
      }
      if (body === "") throw validation("body", "A saved reply needs some text.");
      if (inbox().savedReplies.some((r) => r.name === name && r.id !== id)) {
        throw validation("name", `There is already a saved reply named ${JSON.stringify(name)}.`);
      }
      if (id !== null && !inbox().savedReplies.some((r) => r.id === id)) throw notFound("saved reply", id);
      const saved: SavedReply = { id: id ?? nextId(), name, body };
      inbox().savedReplies = [...inbox().savedReplies.filter((r) => r.id !== saved.id), saved];
      return saved;
    },
    delete_saved_reply: (args) => {
      const id = args.id;
      if (!inbox().savedReplies.some((r) => r.id === id)) throw notFound("saved reply", id);
      inbox().savedReplies = inbox().savedReplies.filter((r) => r.id !== id);
      return null;
    },
    render_saved_reply: (args) => {
      const template = inbox().savedReplies.find((r) => r.id === args.id);
      if (!template) throw notFound("saved reply", args.id);
      return renderTemplate(template.body, find(args.itemId));
    },
    get_inbox_notification_settings: () => inbox().notifications,
    set_inbox_notification_settings: (args) => {
      const settings = args.settings;
      if (settings.quietHours) {
        checkTime("quietHours.start", settings.quietHours.start);
        checkTime("quietHours.end", settings.quietHours.end);
        if (!host.timeZones.includes(settings.quietHours.timezone)) {
          throw validation(
            "quietHours.timezone",
            `${JSON.stringify(settings.quietHours.timezone)} is not a time zone (e.g. Europe/Berlin).`,
          );
        }
      }
      inbox().notifications = settings;
      return settings;
    },
    "plugin:opener|open_url": (args) => {
      const url = String(args.url);
      if (!/^(https?|mailto|tel):/i.test(url)) {
        throw `Not allowed to open url ${url}`;
      }
      inbox().opened.push(url);
      return null;
    },
  } satisfies SomeHandlers;
}
