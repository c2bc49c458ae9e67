import { useEffect, useRef, useState, type MouseEvent } from "react";
import { useChannels } from "../../app/channels";
import { usePublishing } from "../../app/publishing";
import { useUi } from "../../app/ui";
import { PauseIcon, PlayIcon, PlusIcon, ThreadIcon } from "../../components/icons";
import type { PostSummary, Workspace } from "../../lib/ipc/client";
import { formatDateTime, formatOffset, formatRelative, formatUtc } from "../../lib/time";
import { useMinuteClock } from "../../lib/useMinuteClock";
import { Composer } from "../composer/Composer";
import { TargetRow } from "./TargetRow";
import { firstLine, matchesFilter, PROBLEM_STATES, type PostFilter } from "./text";
import { usePosts } from "./usePosts";
import { useRetry } from "./useRetry";
import "./Posts.css";

const FILTERS: { value: PostFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "attention", label: "Needs attention" },
  { value: "scheduled", label: "Scheduled" },
  { value: "drafts", label: "Drafts" },
  { value: "published", label: "Published" },
];

const EMPTY_FILTER: Record<PostFilter, string> = {
  all: "",
  attention: "Nothing needs your attention: no failed, missed or unconfirmed posts.",
  scheduled: "Nothing is waiting to go out.",
  drafts: "No drafts.",
  published: "Nothing published yet.",
};

export function Posts({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  const { posts, failed, retry: reload } = usePosts(workspace.id, visible);
  const { channels, failed: channelsFailed, reload: reloadChannels } = useChannels();
  const { paused, setPaused, missedGraceMinutes } = usePublishing();
  const { openDialog, composeRequest } = useUi();
  const now = useMinuteClock();
  const connectRef = useRef<HTMLButtonElement>(null);
  const [filter, setFilter] = useState<PostFilter>("all");
  const zone = workspace.timezone;

  const counts = Object.fromEntries(
    FILTERS.map((f) => [f.value, posts?.filter((p) => matchesFilter(p, f.value)).length ?? 0]),
  ) as Record<PostFilter, number>;
  const shown = posts?.filter((p) => matchesFilter(p, filter)) ?? [];

  // Ctrl+N with nothing to post to: offer the way to connect a channel.
  useEffect(() => {
    if (composeRequest > 0) connectRef.current?.focus();
  }, [composeRequest]);

  return (
    <section
      className="page"
      data-testid="posts"
      hidden={!visible}
      aria-labelledby="posts-title"
      aria-busy={posts === null && !failed ? true : undefined}
    >
      <header className="page-header">
        <p className="page-eyebrow">{workspace.name}</p>
        <h1 id="posts-title" className="page-title">
          Posts
        </h1>
        <p className="page-subtitle">
          Times are in {zone} ({formatOffset(zone, now)}).
        </p>
      </header>

      {paused && (
        <div
          className="paused-banner"
          data-testid="paused-banner"
          title={
            missedGraceMinutes !== null
              ? `Posts that come due meanwhile go out when you resume if they are less than ${missedGraceMinutes} minutes late; later ones are marked missed.`
              : undefined
          }
        >
          <PauseIcon size={16} className="paused-banner-icon" />
          <p>
            <strong>Publishing is paused — nothing will go out.</strong> Scheduled times are kept.
          </p>
          <button type="button" className="button button-small" onClick={() => void setPaused(false)}>
            <PlayIcon size={14} />
            Resume publishing
          </button>
        </div>
      )}

      {channelsFailed ? (
        <p className="post-list-status card post-form-failed">
          The channels could not be loaded, so there is nothing to post to yet.
          <button type="button" className="button button-small" onClick={reloadChannels}>
            Try again
          </button>
        </p>
      ) : channels === null ? (
        <div className="card post-form-placeholder" aria-hidden="true" />
      ) : channels.length === 0 ? (
        <div className="empty-state" data-testid="posts-no-channels">
          <p className="empty-state-title">No channels yet — connect one in Settings → Channels</p>
          <p>Chorus needs an account on Bluesky, Mastodon or Nostr to publish to.</p>
          <div className="empty-state-actions">
            <button
              ref={connectRef}
              type="button"
              className="button button-primary"
              onClick={() => openDialog({ name: "connect-channel" })}
            >
              <PlusIcon />
              Connect a channel
            </button>
          </div>
        </div>
      ) : (
        <Composer workspace={workspace} channels={channels} />
      )}

      <section className="post-list-section" aria-labelledby="post-list-title">
        <div className="post-list-header">
          <h2 id="post-list-title" className="post-list-title">
            {filter === "all" ? "All posts" : FILTERS.find((f) => f.value === filter)?.label}
          </h2>
          {posts !== null && posts.length > 0 && (
            <div className="filter-tabs" role="radiogroup" aria-label="Show">
              {FILTERS.map((f) => (
                <label
                  key={f.value}
                  className={
                    f.value === "attention" && counts.attention > 0
                      ? "filter-tab filter-tab-alert"
                      : "filter-tab"
                  }
                >
                  <input
                    type="radio"
                    name="post-filter"
                    value={f.value}
                    checked={filter === f.value}
                    onChange={() => setFilter(f.value)}
                  />
                  <span className="filter-tab-face">
                    {f.label}
                    <span className="filter-tab-count">{counts[f.value]}</span>
                  </span>
                </label>
              ))}
            </div>
          )}
        </div>

        {posts === null && !failed && (
          <p className="post-list-status" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading posts…
          </p>
        )}
        {failed && (
          <p className="post-list-status">
            The posts could not be loaded.
            <button type="button" className="button button-small" onClick={reload}>
              Try again
            </button>
          </p>
        )}
        {posts !== null && posts.length === 0 && (
          <div className="empty-state" data-testid="posts-empty">
            <p className="empty-state-title">No posts yet</p>
            <p>
              {channels !== null && channels.length > 0
                ? "Write one above. Drafts, scheduled posts and everything Chorus publishes show up here."
                : "Once a channel is connected, write a post and it shows up here."}
            </p>
          </div>
        )}
        {posts !== null && posts.length > 0 && shown.length === 0 && (
          <p className="post-list-status">{EMPTY_FILTER[filter]}</p>
        )}
        {shown.length > 0 && (
          <ul className="post-list" data-testid="post-list">
            {shown.map((post) => (
              <PostRow key={post.id} post={post} zone={zone} now={now} />
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

function PostRow({ post, zone, now }: { post: PostSummary; zone: string; now: Date }) {
  const { openDialog } = useUi();
  const { retry, busy } = useRetry();
  const problem = post.targets.some((t) => PROBLEM_STATES.includes(t.state));
  const title = firstLine(post.text);
  const open = () => openDialog({ name: "post", postId: post.id });

  // The whole card opens the post, except its own buttons and links.
  function onClick(event: MouseEvent<HTMLLIElement>) {
    if ((event.target as Element).closest("button, a, input, label")) return;
    if (window.getSelection()?.toString()) return;
    open();
  }

  return (
    <li
      className={problem ? "post-row post-row-problem" : "post-row"}
      data-testid={`post-${post.id}`}
      onClick={onClick}
    >
      <div className="post-row-head">
        <button type="button" className="post-row-title" onClick={open} title="Open post details">
          {title || <span className="muted">Images only</span>}
        </button>
        {post.dueAt ? (
          <span className="post-row-due">
            <time dateTime={post.dueAt} title={formatUtc(post.dueAt)}>
              {formatDateTime(post.dueAt, zone)}
            </time>
            <span className="post-row-relative">{formatRelative(post.dueAt, now)}</span>
          </span>
        ) : (
          <span className="post-row-due post-row-draft">Not scheduled</span>
        )}
      </div>
      {post.threadParts > 0 && (
        <p className="post-row-meta">
          <ThreadIcon size={14} />
          Thread of {post.threadParts + 1} posts
        </p>
      )}
      <ul className="target-list" aria-label="Channels">
        {post.targets.map((target) => (
          <TargetRow
            key={target.id}
            target={target}
            zone={zone}
            onRetry={(id) => void retry(id)}
            retrying={busy.has(target.id)}
          />
        ))}
      </ul>
    </li>
  );
}

