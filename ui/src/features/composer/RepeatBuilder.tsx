import { FieldError } from "../../components/Field";
import { describeRepeat, repeatProblem, toRrule, WEEKDAYS, weekdayName, type Repeat, type Weekday } from "./rrule";

interface RepeatBuilderProps {
  idPrefix: string;
  repeat: Repeat;
  zone: string;
  firstDate: string;
  error?: string;
  onChange: (repeat: Repeat) => void;
}

/** Weekly on chosen weekdays, N times or until a date; shows the rule in words and as RRULE. */
export function RepeatBuilder({ idPrefix, repeat, zone, firstDate, error, onChange }: RepeatBuilderProps) {
  const problem = repeatProblem(repeat, firstDate);
  const rule = toRrule(repeat, zone);
  const shown = error ?? problem ?? undefined;
  const toggle = (day: Weekday) =>
    onChange({ ...repeat, days: repeat.days.includes(day) ? repeat.days.filter((d) => d !== day) : [...repeat.days, day] });
  return (
    <fieldset className={shown ? "repeat field-invalid" : "repeat"} id={`${idPrefix}-recurrence`} aria-describedby={`${idPrefix}-recurrence-summary`}>
      <legend className="field-label">Repeat</legend>
      <div className="repeat-row">
        <label className="repeat-inline">
          Every
          <input
            className="input repeat-number"
            type="number"
            min={1}
            max={52}
            value={repeat.interval}
            aria-label="Every how many weeks"
            onChange={(e) => onChange({ ...repeat, interval: Math.max(1, Number(e.target.value) || 1) })}
          />
          {repeat.interval === 1 ? "week" : "weeks"} on
        </label>
        <div className="weekday-list" role="group" aria-label="Days of the week">
          {WEEKDAYS.map((day) => (
            <label key={day} className="weekday" title={weekdayName(day)}>
              <input type="checkbox" checked={repeat.days.includes(day)} onChange={() => toggle(day)} />
              <span className="weekday-face" aria-hidden="true">
                {weekdayName(day).slice(0, 2)}
              </span>
              <span className="visually-hidden">{weekdayName(day)}</span>
            </label>
          ))}
        </div>
      </div>
      <div className="repeat-row" role="radiogroup" aria-label="Ends">
        <label className="repeat-inline">
          <input
            type="radio"
            name="repeat-end"
            checked={repeat.end.kind === "count"}
            onChange={() => onChange({ ...repeat, end: { kind: "count", count: 10 } })}
          />
          After
          <input
            className="input repeat-number"
            type="number"
            min={2}
            max={200}
            aria-label="How many posts"
            disabled={repeat.end.kind !== "count"}
            value={repeat.end.kind === "count" ? repeat.end.count : 10}
            onChange={(e) => onChange({ ...repeat, end: { kind: "count", count: Number(e.target.value) || 0 } })}
          />
          posts
        </label>
        <label className="repeat-inline">
          <input
            type="radio"
            name="repeat-end"
            checked={repeat.end.kind === "until"}
            onChange={() => onChange({ ...repeat, end: { kind: "until", date: firstDate } })}
          />
          Until
          <input
            className="input repeat-until"
            type="date"
            aria-label="Last day"
            disabled={repeat.end.kind !== "until"}
            min={firstDate || undefined}
            value={repeat.end.kind === "until" ? repeat.end.date : ""}
            onChange={(e) => onChange({ ...repeat, end: { kind: "until", date: e.target.value } })}
          />
        </label>
      </div>
      <p className="field-hint repeat-summary" id={`${idPrefix}-recurrence-summary`} data-testid="repeat-summary">
        {describeRepeat(repeat)}, at the same time in {zone}.
        {rule && (
          <>
            {" "}
            <code className="repeat-rule">{rule}</code>
          </>
        )}
      </p>
      {shown && <FieldError id={`${idPrefix}-recurrence-error`} message={shown} />}
    </fieldset>
  );
}
