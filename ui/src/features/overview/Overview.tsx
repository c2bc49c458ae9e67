import type { Workspace } from "../../lib/ipc/client";
import {
  CalendarIcon,
  ChannelsIcon,
  ClockIcon,
  GlobeIcon,
  MediaIcon,
  PostsIcon,
} from "../../components/icons";
import { formatClock, formatDateTime, formatOffset, formatRelative } from "../../lib/time";
import { useMinuteClock } from "../../lib/useMinuteClock";
import { StatCard } from "./StatCard";
import { useOverview } from "./useOverview";
import "./Overview.css";

export function Overview({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  const { overview, error, loading, retry } = useOverview(workspace.id, visible);
  const now = useMinuteClock();
  const zone = workspace.timezone;
  const next = overview?.nextScheduledAt ?? null;

  return (
    <section
      className="page"
      data-testid="overview"
      hidden={!visible}
      aria-labelledby="overview-title"
      aria-busy={loading || undefined}
    >
      <header className="page-header">
        <p className="page-eyebrow">Overview</p>
        <h1 id="overview-title" className="page-title" data-testid="overview-title">
          {workspace.name}
        </h1>
        <p className="page-subtitle overview-zone">
          <GlobeIcon />
          <span>{zone}</span>
          <span className="dot" aria-hidden="true" />
          <span>{formatOffset(zone, now)}</span>
          <span className="dot" aria-hidden="true" />
          <span data-testid="overview-clock">
            <time dateTime={now.toISOString()}>{formatClock(now, zone)}</time> local time
          </span>
        </p>
      </header>

      {error && (
        <div className="overview-error">
          <span>The overview could not be loaded.</span>
          <button type="button" className="button button-small" onClick={retry}>
            Try again
          </button>
        </div>
      )}

      <div className="stat-grid">
        <StatCard label="Channels" value={overview?.channels ?? null} icon={<ChannelsIcon />} testId="stat-channels" />
        <StatCard label="Scheduled posts" value={overview?.scheduledPosts ?? null} icon={<CalendarIcon />} testId="stat-scheduled" />
        <StatCard label="All posts" value={overview?.posts ?? null} icon={<PostsIcon />} testId="stat-posts" />
        <StatCard label="Media assets" value={overview?.mediaAssets ?? null} icon={<MediaIcon />} testId="stat-media" />
      </div>

      <div className="next-card" data-testid="next-scheduled">
        <span className="next-card-icon">
          <ClockIcon size={20} />
        </span>
        <div>
          <h2 className="next-card-label">Next scheduled post</h2>
          {overview === null ? (
            <p className="next-card-value is-loading">–</p>
          ) : next ? (
            <p className="next-card-value">
              <time dateTime={next}>{formatDateTime(next, zone)}</time>
              <span className="next-card-relative">{formatRelative(next, now)}</span>
            </p>
          ) : (
            <p className="next-card-value next-card-empty">Nothing scheduled yet</p>
          )}
        </div>
      </div>
    </section>
  );
}
