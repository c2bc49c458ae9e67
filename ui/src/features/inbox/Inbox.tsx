import { EVENTS, listenTo } from "../../lib/ipc/events";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useChannels } from "../../app/channels";
import { useErrors } from "../../app/errors";
import { useUi } from "../../app/ui";
import { Field, fieldDescription } from "../../components/Field";
import { toIpcError, type Workspace } from "../../lib/ipc/client";
import {
  type InboxFilter,
  type InboxItem,
  type InboxKind,
  type InboxListing,
  type InboxStatus,
} from "../../lib/ipc/inbox";
import {
  inboxTags,
  listInbox,
  syncInbox,
} from "../../lib/ipc/client";
import { isTextEntryTarget } from "../../lib/platform";
import { networkLabel } from "../channels/networks";
import { changeItem, InboxEntry, KIND_LABELS } from "./InboxEntry";
import { useInboxUnread } from "./useInboxUnread";
import "./Inbox.css";

const PAGE = 100;
/** list_inbox answers at most this many at a time (store.rs MAX_LIMIT). */
const MAX_SHOWN = 1000;

const STATUSES: { value: InboxStatus; label: string }[] = [
  { value: "unread", label: "Unread" },
  { value: "read", label: "Read" },
  { value: "open", label: "Open" },
  { value: "done", label: "Done" },
  { value: "starred", label: "Starred" },
];

interface Filters {
  channelId: number | null;
  kind: InboxKind | null;
  status: InboxStatus | null;
  tag: string | null;
}

const NO_FILTERS: Filters = { channelId: null, kind: null, status: null, tag: null };

function replaceItem(listing: InboxListing, item: InboxItem): InboxListing {
  return {
    ...listing,
    conversations: listing.conversations.map((c) => ({
      ...c,
      items: c.items.map((i) => (i.id === item.id ? item : i)),
    })),
  };
}

/** The unified inbox: every channel's mentions and replies, grouped by conversation. */
export function Inbox({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  const { channels } = useChannels();
  const { dialog, navigate, closeDialog } = useUi();
  const { showError } = useErrors();
  const unread = useInboxUnread();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [searchDraft, setSearchDraft] = useState("");
  const [search, setSearch] = useState("");
  const [searchError, setSearchError] = useState<string | undefined>();
  const [limit, setLimit] = useState(PAGE);
  const [listing, setListing] = useState<InboxListing | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [tags, setTags] = useState<string[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [replyingId, setReplyingId] = useState<number | null>(null);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [syncing, setSyncing] = useState(false);
  const [syncNote, setSyncNote] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const entryRefs = useRef(new Map<number, HTMLElement>());
  const focusAfterRender = useRef<number | null>(null);

  const items = useMemo(() => listing?.conversations.flatMap((c) => c.items) ?? [], [listing]);

  useEffect(() => {
    let live = true;
    const filter: InboxFilter = {
      ...filters,
      assignee: null,
      search: search.trim() === "" ? null : search,
      limit,
      offset: null,
    };
    listInbox(filter)
      .then((result) => {
        if (!live) return;
        setListing(result);
        setLoadError(null);
        setSearchError(undefined);
      })
      .catch((reason) => {
        if (!live) return;
        const error = toIpcError(reason);
        if (error.code === "validation" && error.field === "search") setSearchError(error.message);
        else setLoadError(error.message);
      });
    inboxTags()
      .then((list) => live && setTags(list))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [filters, search, limit, reload]);

  // New items from the background sync: reload the page the user is looking at (no polling).
  useEffect(() => {
    const stops = [
      listenTo(EVENTS.inboxNew, () => setReload((n) => n + 1)),
      listenTo(EVENTS.inboxFocus, (focus) => {
        closeDialog();
        navigate("inbox");
        const id = focus.itemId;
        setFilters(NO_FILTERS);
        setSearch("");
        setSearchDraft("");
        setReload((n) => n + 1);
        if (id !== null) {
          setSelectedId(id);
          focusAfterRender.current = id;
        }
      }),
    ].map((p) => p.catch(() => null));
    return () => {
      for (const stop of stops) stop.then((s) => s?.()).catch(() => undefined);
    };
  }, [navigate, closeDialog]);

  // Debounced search as the user types; Enter searches at once.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(searchDraft), 250);
    return () => window.clearTimeout(timer);
  }, [searchDraft]);

  useEffect(() => {
    const id = focusAfterRender.current;
    if (id !== null && entryRefs.current.has(id)) {
      focusAfterRender.current = null;
      entryRefs.current.get(id)?.focus();
    }
  });

  const changed = useCallback((item: InboxItem) => {
    setListing((current) => (current ? replaceItem(current, item) : current));
    if (item.tags.length > 0) setTags((list) => [...new Set([...list, ...item.tags])].sort());
  }, []);

  const select = useCallback((id: number, focus: boolean) => {
    setSelectedId(id);
    if (focus) focusAfterRender.current = id;
  }, []);

  const selected = items.find((i) => i.id === selectedId) ?? items[0] ?? null;

  // Keyboard-first triage while the inbox is showing and no dialog or text field has the keys.
  useEffect(() => {
    if (!visible) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || dialog !== null || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTextEntryTarget(event.target)) return;
      const key = event.key;
      if (key === "/") {
        event.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (items.length === 0) return;
      const at = selected ? items.indexOf(selected) : -1;
      if (key === "j" || key === "k") {
        event.preventDefault();
        const next = key === "j" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0);
        select(items[next].id, true);
        return;
      }
      if (!selected) return;
      const run = (change: Parameters<typeof changeItem>[1]) => {
        event.preventDefault();
        changeItem(selected, change).then(changed, showError);
      };
      if (key === "e") run({ done: !selected.done });
      else if (key === "s") run({ starred: !selected.starred });
      else if (key === "u") run({ read: !selected.read });
      else if (key === "r") {
        event.preventDefault();
        setReplyingId(selected.id);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [visible, dialog, items, selected, select, changed, showError]);

  async function syncNow() {
    setSyncing(true);
    setSyncNote(null);
    try {
      const reports = await syncInbox();
      const failed = reports.filter((r) => r.error !== null);
      const found = reports.reduce((n, r) => n + r.newItems.length, 0);
      const parts = [found === 1 ? "1 new message." : `${found} new messages.`];
      for (const r of failed) {
        const ch = channels?.find((c) => c.id === r.channelId);
        parts.push(`${ch ? ch.handle : `Channel ${r.channelId}`} could not be read: ${r.error}`);
      }
      setSyncNote(parts.join(" "));
      setReload((n) => n + 1);
    } catch (reason) {
      showError(reason);
    } finally {
      setSyncing(false);
    }
  }

  function submitSearch(event: FormEvent) {
    event.preventDefault();
    setSearch(searchDraft);
  }

  function channelLabel(item: InboxItem): string {
    const ch = channels?.find((c) => c.id === item.channelId);
    return ch ? ch.handle : networkLabel(item.network);
  }

  const filtered =
    filters.channelId !== null || filters.kind !== null || filters.status !== null || filters.tag !== null || search.trim() !== "";

  return (
    <section className="page inbox" data-testid="inbox" hidden={!visible} aria-labelledby="inbox-title">
      <header className="page-header inbox-header">
        <div>
          <h1 id="inbox-title" className="page-title">
            Inbox
          </h1>
          <p className="page-subtitle" data-testid="inbox-unread">
            {unread === null ? "Every channel's mentions and replies." : unread === 1 ? "1 unread" : `${unread} unread`}
          </p>
        </div>
        <button type="button" className="button" onClick={() => void syncNow()} disabled={syncing}>
          {syncing ? "Checking…" : "Check now"}
        </button>
      </header>
      {syncNote && (
        <p className="inbox-sync-note" role="status">
          {syncNote}
        </p>
      )}
      <div className="inbox-toolbar">
        <form className="inbox-search" role="search" onSubmit={submitSearch}>
          <Field id="inbox-search" label="Search the inbox" error={searchError}>
            <input
              id="inbox-search"
              ref={searchRef}
              type="search"
              className="input"
              placeholder="Words, names or handles (press / )"
              value={searchDraft}
              onChange={(e) => setSearchDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape" && searchDraft === "") (e.target as HTMLInputElement).blur();
              }}
              {...fieldDescription("inbox-search", searchError)}
            />
          </Field>
        </form>
        <div className="inbox-filters">
          <div className="field">
            <label className="field-label" htmlFor="inbox-filter-channel">
              Channel
            </label>
            <select
              id="inbox-filter-channel"
              className="input"
              value={filters.channelId ?? ""}
              onChange={(e) => setFilters({ ...filters, channelId: e.target.value === "" ? null : Number(e.target.value) })}
            >
              <option value="">All channels</option>
              {channels?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.handle} ({networkLabel(c.network)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="inbox-filter-kind">
              Type
            </label>
            <select
              id="inbox-filter-kind"
              className="input"
              value={filters.kind ?? ""}
              onChange={(e) => setFilters({ ...filters, kind: e.target.value === "" ? null : (e.target.value as InboxKind) })}
            >
              <option value="">All types</option>
              {(Object.keys(KIND_LABELS) as InboxKind[]).map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="inbox-filter-status">
              Status
            </label>
            <select
              id="inbox-filter-status"
              className="input"
              value={filters.status ?? ""}
              onChange={(e) =>
                setFilters({ ...filters, status: e.target.value === "" ? null : (e.target.value as InboxStatus) })
              }
            >
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="inbox-filter-tag">
              Tag
            </label>
            <select
              id="inbox-filter-tag"
              className="input"
              value={filters.tag ?? ""}
              onChange={(e) => setFilters({ ...filters, tag: e.target.value === "" ? null : e.target.value })}
            >
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {loadError && (
        <div className="inbox-load-error" role="alert">
          <p>The inbox could not be read: {loadError}</p>
          <button type="button" className="button button-small" onClick={() => setReload((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {listing === null && !loadError && (
        <p className="post-list-status" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading the inbox…
        </p>
      )}
      {listing !== null && items.length === 0 && (
        <div className="empty-state" data-testid="inbox-empty">
          <p className="empty-state-title">{filtered ? "Nothing matches." : "Nothing in the inbox yet."}</p>
          <p className="muted">
            {filtered
              ? "Try other filters or words."
              : "Mentions, replies and quotes from your channels arrive here as Chorus checks them."}
          </p>
          {filtered && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setFilters(NO_FILTERS);
                setSearchDraft("");
                setSearch("");
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      )}
      {listing !== null && items.length > 0 && (
        <>
          <p className="visually-hidden">
            Keys: j and k move, e marks done, r replies, s stars, u toggles read, slash searches.
          </p>
          <ol className="inbox-conversations" aria-label="Conversations, newest first">
            {listing.conversations.map((conversation) => (
              <li
                key={conversation.key}
                className="inbox-conversation"
                data-testid="inbox-conversation"
                aria-label={
                  conversation.items.length > 1
                    ? `Conversation, ${conversation.items.length} messages`
                    : "Conversation, 1 message"
                }
              >
                {conversation.items.map((item) => (
                  <InboxEntry
                    key={item.id}
                    ref={(el) => {
                      if (el) entryRefs.current.set(item.id, el);
                      else entryRefs.current.delete(item.id);
                    }}
                    item={item}
                    channelLabel={channelLabel(item)}
                    zone={workspace.timezone}
                    selected={item.id === selected?.id}
                    replying={replyingId === item.id}
                    draft={drafts[item.id] ?? ""}
                    onDraft={(text) => setDrafts((d) => ({ ...d, [item.id]: text }))}
                    onSelect={() => select(item.id, false)}
                    onChanged={changed}
                    onReply={(open) => {
                      setReplyingId(open ? item.id : null);
                      if (!open) select(item.id, true);
                    }}
                  />
                ))}
              </li>
            ))}
          </ol>
          {listing.hasMore &&
            (limit < MAX_SHOWN ? (
              <button type="button" className="button inbox-more" onClick={() => setLimit((n) => n + PAGE)}>
                Show more
              </button>
            ) : (
              <p className="muted inbox-more" role="note">
                Showing the newest {MAX_SHOWN.toLocaleString()} messages: narrow them with the filters or a search.
              </p>
            ))}
        </>
      )}
    </section>
  );
}
