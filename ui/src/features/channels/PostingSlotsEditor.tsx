import { useId, useState } from "react";
import { AlertIcon, ClockIcon, PlusIcon, TrashIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { Channel, PostingSlot, SlotInput } from "../../lib/ipc/client";

export const WEEKDAYS = [
  { n: 1, short: "Mon", long: "Monday" },
  { n: 2, short: "Tue", long: "Tuesday" },
  { n: 3, short: "Wed", long: "Wednesday" },
  { n: 4, short: "Thu", long: "Thursday" },
  { n: 5, short: "Fri", long: "Friday" },
  { n: 6, short: "Sat", long: "Saturday" },
  { n: 7, short: "Sun", long: "Sunday" },
] as const;

/** One line of the editor: a time of day on some weekdays. */
interface SlotRow {
  key: number;
  time: string;
  days: number[];
}

let nextKey = 1;

/** The channel's slots grouped by time of day, earliest first. */
export function rowsOf(slots: PostingSlot[]): SlotRow[] {
  const byTime = new Map<string, number[]>();
  for (const s of slots) byTime.set(s.time, [...(byTime.get(s.time) ?? []), s.weekday]);
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([time, days]) => ({ key: nextKey++, time, days: [...new Set(days)].sort((a, b) => a - b) }));
}

/** What set_posting_slots is sent: one slot per ticked weekday of every row. */
export function inputsOf(rows: SlotRow[]): SlotInput[] {
  return rows.flatMap((r) => r.days.map((weekday) => ({ weekday, time: r.time })));
}

function summary(slots: PostingSlot[]): string {
  if (slots.length === 0) return "No posting slots";
  return slots.length === 1 ? "1 posting slot a week" : `${slots.length} posting slots a week`;
}

/**
 * A channel's weekly posting slots: times of day × weekdays, in the workspace's zone. Edits stay
 * local until saved; a refused save keeps every edit on screen with the backend's reason.
 */
export function PostingSlotsEditor({
  channel,
  slots,
  zone,
  onSaved,
}: {
  channel: Channel;
  slots: PostingSlot[];
  zone: string;
  onSaved: (channelId: number, slots: PostingSlot[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<SlotRow[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const regionId = useId();
  const errorId = useId();
  const editing = rows ?? rowsOf(slots);
  const name = channel.displayName.trim() || channel.handle;

  function change(next: SlotRow[]) {
    setRows(next);
    setSaved(false);
  }

  function update(key: number, patch: Partial<SlotRow>) {
    change(editing.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  function toggleDay(row: SlotRow, day: number) {
    const days = row.days.includes(day) ? row.days.filter((d) => d !== day) : [...row.days, day].sort((a, b) => a - b);
    update(row.key, { days });
  }

  function addRow() {
    // Weekdays by default: the usual shape of a posting plan.
    change([...editing, { key: nextKey++, time: "09:00", days: [1, 2, 3, 4, 5] }]);
  }

  async function save() {
    const empty = editing.find((r) => r.days.length === 0);
    if (empty) {
      setError(`Pick at least one day for ${empty.time || "the time without a value"}, or remove that line.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const result = await ipc.setPostingSlots(channel.id, inputsOf(editing));
      onSaved(channel.id, result);
      setRows(null);
      setSaved(true);
    } catch (reason) {
      setError(ipc.toIpcError(reason).message);
    } finally {
      setSaving(false);
    }
  }

  const dirty = rows !== null;
  return (
    <div className="posting-slots" data-testid={`posting-slots-${channel.id}`}>
      <button
        type="button"
        className="posting-slots-toggle"
        aria-expanded={open}
        aria-controls={regionId}
        onClick={() => setOpen((o) => !o)}
      >
        <ClockIcon size={14} />
        <span>Posting slots</span>
        <span className="posting-slots-count">{summary(slots)}</span>
      </button>
      {open && (
        <div id={regionId} className="posting-slots-body" role="group" aria-label={`Posting slots of ${name}`}>
          <p className="posting-slots-hint">
            Times are in the workspace's time zone, {zone}. The calendar shows these as open slots, and a draft
            dropped on one is scheduled at its time.
          </p>
          {editing.length === 0 && <p className="posting-slots-empty">No slots yet.</p>}
          <ul className="posting-slot-rows">
            {editing.map((row, i) => (
              <li key={row.key} className="posting-slot-row" data-testid="posting-slot-row">
                <input
                  type="time"
                  className="input posting-slot-time"
                  aria-label={`Time ${i + 1}`}
                  value={row.time}
                  step={60}
                  aria-invalid={error !== null || undefined}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => update(row.key, { time: e.target.value })}
                />
                <div className="posting-slot-days" role="group" aria-label={`Days for time ${i + 1}`}>
                  {WEEKDAYS.map((d) => (
                    <button
                      key={d.n}
                      type="button"
                      className="day-chip"
                      aria-pressed={row.days.includes(d.n)}
                      aria-label={d.long}
                      title={d.long}
                      onClick={() => toggleDay(row, d.n)}
                    >
                      {d.short}
                    </button>
                  ))}
                </div>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove time ${i + 1}`}
                  title="Remove this time"
                  onClick={() => change(editing.filter((r) => r.key !== row.key))}
                >
                  <TrashIcon size={14} />
                </button>
              </li>
            ))}
          </ul>
          {error && (
            <p className="field-error" role="alert" id={errorId} data-testid="posting-slots-error">
              <AlertIcon size={14} />
              <span>{error}</span>
            </p>
          )}
          <div className="posting-slots-actions">
            <button type="button" className="button button-small" onClick={addRow}>
              <PlusIcon size={14} />
              Add a time
            </button>
            {dirty && (
              <button type="button" className="button button-small" onClick={() => { setRows(null); setError(null); }}>
                Discard changes
              </button>
            )}
            <button
              type="button"
              className="button button-small button-primary"
              disabled={!dirty || saving}
              onClick={() => void save()}
            >
              {saving ? "Saving…" : "Save slots"}
            </button>
            {saved && !dirty && (
              <span className="posting-slots-saved" role="status">
                Saved
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
