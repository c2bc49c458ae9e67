import type { Channel, TargetState } from "../../lib/ipc/client";
import { CloseIcon } from "../../components/icons";
import { STATE_LABELS } from "../posts/StatusPill";
import { channelColorVar } from "./channelColors";
import { isFiltering, NO_FILTER, STATUS_ORDER, toggled, type CalendarFilter } from "./filters";

interface CalendarFiltersProps {
  filter: CalendarFilter;
  onChange: (filter: CalendarFilter) => void;
  channels: Channel[];
  slots: ReadonlyMap<number, number>;
  /** How many posts each state has in what is loaded, so empty states can be told apart. */
  statusCounts: Partial<Record<TargetState, number>>;
  /** The tags on the posts in view and the drafts, most used first. */
  tags: readonly { tag: string; key: string; count: number }[];
}

/** Search, channel and status filters over the loaded range and the drafts. */
export function CalendarFilters({ filter, onChange, channels, slots, statusCounts, tags }: CalendarFiltersProps) {
  // A chosen tag stays offered (to be unchosen) when no post in view carries it any more.
  const offered = [
    ...tags,
    ...[...filter.tags].filter((key) => !tags.some((t) => t.key === key)).map((key) => ({ tag: key, key, count: 0 })),
  ];
  return (
    <div className="calendar-filters" role="group" aria-label="Filter the calendar">
      <div className="calendar-search">
        <label htmlFor="calendar-search" className="visually-hidden">
          Search posts
        </label>
        <input
          id="calendar-search"
          className="input calendar-search-input"
          type="search"
          placeholder="Search this range and the drafts"
          value={filter.query}
          onChange={(e) => onChange({ ...filter, query: e.target.value })}
        />
      </div>

      {channels.length > 1 && (
        <fieldset className="calendar-filter-group">
          <legend className="visually-hidden">Channels</legend>
          {channels.map((channel) => (
            <label key={channel.id} className="calendar-toggle" title={`${channel.handle} on ${channel.network}`}>
              <input
                type="checkbox"
                checked={filter.channels.has(channel.id)}
                onChange={() => onChange({ ...filter, channels: toggled(filter.channels, channel.id) })}
              />
              <span className="calendar-toggle-face">
                <span className="cal-dot" style={{ background: channelColorVar(slots.get(channel.id)) }} />
                <span className="calendar-toggle-label">{channel.handle}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}

      <fieldset className="calendar-filter-group">
        <legend className="visually-hidden">Status</legend>
        {STATUS_ORDER.map((state) => (
          <label key={state} className="calendar-toggle">
            <input
              type="checkbox"
              checked={filter.statuses.has(state)}
              onChange={() => onChange({ ...filter, statuses: toggled(filter.statuses, state) })}
            />
            <span className={`calendar-toggle-face calendar-toggle-${state}`}>
              <span className="calendar-toggle-swatch" aria-hidden="true" />
              {STATE_LABELS[state]}
              {statusCounts[state] ? <span className="calendar-toggle-count">{statusCounts[state]}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>

      {offered.length > 0 && (
        <fieldset className="calendar-filter-group" data-testid="calendar-tag-filter">
          <legend className="visually-hidden">Tags</legend>
          {offered.map((t) => (
            <label key={t.key} className="calendar-toggle" title={`Posts tagged ${t.tag}`}>
              <input
                type="checkbox"
                checked={filter.tags.has(t.key)}
                onChange={() => onChange({ ...filter, tags: toggled(filter.tags, t.key) })}
              />
              <span className="calendar-toggle-face calendar-toggle-tag">
                <span aria-hidden="true">#</span>
                <span className="calendar-toggle-label">{t.tag}</span>
                {t.count > 0 && <span className="calendar-toggle-count">{t.count}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}

      {isFiltering(filter) && (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() => onChange(NO_FILTER)}
        >
          <CloseIcon size={14} />
          Clear filters
        </button>
      )}
    </div>
  );
}
