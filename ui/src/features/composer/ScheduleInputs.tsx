import type { ReactNode } from "react";
import { FieldError } from "../../components/Field";
import { formatDateTime, formatOffset, formatRelative, formatUtc } from "../../lib/time";
import {
  isKnownZone,
  parseWallTime,
  resolveWallTime,
  toDateAndTimeInputs,
  toRfc3339,
  type WallTime,
} from "../../lib/zonedTime";

/** The backend may have accepted a time that is a few seconds old; the UI is stricter. */
const PAST_SLACK_MS = 60_000;

export type Schedule =
  | { status: "incomplete" }
  | { status: "unknown-zone" }
  | { status: "gap"; message: string }
  | { status: "past"; message: string; instant: Date }
  | { status: "ok"; instant: Date; rfc3339: string; ambiguity: string | null };

const longDate = new Intl.DateTimeFormat(undefined, {
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

function describeWallDate(wall: WallTime): string {
  return longDate.format(new Date(Date.UTC(wall.year, wall.month - 1, wall.day, 12)));
}

/** Interprets the date and time inputs in the workspace's zone. */
export function resolveSchedule(date: string, time: string, zone: string, now: Date): Schedule {
  const wall = parseWallTime(date, time);
  if (!wall) return { status: "incomplete" };
  if (!isKnownZone(zone)) return { status: "unknown-zone" };
  const resolved = resolveWallTime(wall, zone);
  if (resolved.kind === "gap") {
    return {
      status: "gap",
      message: `${time} doesn't exist on ${describeWallDate(wall)} in ${zone}: the clocks jump from ${resolved.from} to ${resolved.to} for daylight saving time. Pick a time outside that gap.`,
    };
  }
  if (resolved.instant.getTime() < now.getTime() - PAST_SLACK_MS) {
    return {
      status: "past",
      instant: resolved.instant,
      message: `That time has already passed in ${zone}. Pick a later time, or publish now.`,
    };
  }
  return {
    status: "ok",
    instant: resolved.instant,
    rfc3339: toRfc3339(wall, resolved.offsetMinutes),
    ambiguity: resolved.laterInstant
      ? `${time} happens twice that night as the clocks go back; Chorus uses the first one (${formatOffset(zone, resolved.instant)}), not the second (${formatOffset(zone, resolved.laterInstant)}).`
      : null,
  };
}

interface ScheduleInputsProps {
  idPrefix: string;
  zone: string;
  now: Date;
  date: string;
  time: string;
  schedule: Schedule | null;
  error?: string;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
  /** Shown under the inputs, e.g. where "Add to queue" found the time. */
  note?: ReactNode;
}

export function ScheduleInputs({ idPrefix, zone, now, date, time, schedule, error, onDate, onTime, note }: ScheduleInputsProps) {
  // A live problem with the inputs (a DST gap, a past time) shows at once.
  const live =
    schedule?.status === "gap" || schedule?.status === "past" ? schedule.message : undefined;
  const shown = error ?? live;
  const today = isKnownZone(zone) ? toDateAndTimeInputs(now.getTime(), zone).date : undefined;
  let hint: ReactNode = `${zone} time (${isKnownZone(zone) ? formatOffset(zone, now) : zone})`;
  let title: string | undefined;
  if (schedule?.status === "ok") {
    const iso = schedule.instant.toISOString();
    title = formatUtc(schedule.instant);
    hint = (
      <>
        Goes out {formatDateTime(iso, zone)} {zone} ({formatOffset(zone, schedule.instant)}),{" "}
        {formatRelative(iso, now)}.
        {schedule.ambiguity && <span className="when-ambiguity"> {schedule.ambiguity}</span>}
      </>
    );
  }
  const describe = [`${idPrefix}-at-hint`, shown ? `${idPrefix}-at-error` : null].filter(Boolean).join(" ");
  return (
    <div className={shown ? "field field-invalid schedule" : "field schedule"}>
      <div className="schedule-inputs">
        <div className="schedule-input">
          <label className="field-label" htmlFor={`${idPrefix}-date`}>
            Date
          </label>
          <input
            id={`${idPrefix}-date`}
            className="input"
            type="date"
            value={date}
            min={today}
            onChange={(e) => onDate(e.target.value)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={describe}
          />
        </div>
        <div className="schedule-input">
          <label className="field-label" htmlFor={`${idPrefix}-time`}>
            Time
          </label>
          <input
            id={`${idPrefix}-time`}
            className="input"
            type="time"
            value={time}
            onChange={(e) => onTime(e.target.value)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={describe}
          />
        </div>
      </div>
      <p className="field-hint" id={`${idPrefix}-at-hint`} title={title} data-testid={`${idPrefix}-at-hint`}>
        {hint}
      </p>
      {note && <p className="field-hint schedule-note">{note}</p>}
      {shown && <FieldError id={`${idPrefix}-at-error`} message={shown} />}
    </div>
  );
}
