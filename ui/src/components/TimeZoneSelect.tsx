import {
  useEffect,
  useMemo,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from "react";
import { formatOffset } from "../lib/time";
import { ChevronDownIcon } from "./icons";
import "./TimeZoneSelect.css";

/** Zones whose city starts with the query come first, then other matches. */
export function filterTimeZones(zones: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, "_");
  if (q === "") return [...zones];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of zones) {
    const lower = zone.toLowerCase();
    if (!lower.includes(q)) continue;
    const city = lower.slice(lower.lastIndexOf("/") + 1);
    if (city.startsWith(q) || lower.startsWith(q)) starts.push(zone);
    else contains.push(zone);
  }
  return [...starts, ...contains];
}

interface TimeZoneSelectProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  zones: readonly string[];
  disabled?: boolean;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/**
 * A searchable combobox over the zones the backend accepts (several hundred,
 * too many for a plain select). Typing filters; spaces match underscores,
 * so "new york" finds America/New_York.
 */
export function TimeZoneSelect({
  id,
  value,
  onChange,
  zones,
  disabled,
  ...aria
}: TimeZoneSelectProps) {
  const [open, setOpen] = useState(false);
  // null while the user has not typed since opening: show every zone.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(-1);
  const [now] = useState(() => new Date());
  const listId = `${id}-listbox`;

  const options = useMemo(
    () => (query === null ? [...zones] : filterTimeZones(zones, query)),
    [zones, query],
  );

  useEffect(() => {
    if (!open || active < 0) return;
    document.getElementById(`${id}-option-${active}`)?.scrollIntoView?.({ block: "nearest" });
  }, [open, active, id]);

  function openAll() {
    setQuery(null);
    setActive(zones.indexOf(value));
    setOpen(true);
  }

  function choose(zone: string) {
    onChange(zone);
    setOpen(false);
    setQuery(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) openAll();
        else setActive((i) => Math.min(i + 1, options.length - 1));
        break;
      case "ArrowUp":
        event.preventDefault();
        if (!open) openAll();
        else setActive((i) => Math.max(i - 1, 0));
        break;
      case "Enter":
        if (open && active >= 0 && options[active]) {
          event.preventDefault();
          choose(options[active]);
        }
        break;
      case "Escape":
        if (open) {
          // Close the list only, not the dialog around it.
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        break;
      default:
        break;
    }
  }

  function onBlur(event: FocusEvent<HTMLInputElement>) {
    if (event.relatedTarget && event.currentTarget.parentElement?.contains(event.relatedTarget)) {
      return;
    }
    setOpen(false);
    setQuery(null);
    // Accept "europe/berlin" as Europe/Berlin.
    const exact = zones.find((z) => z.toLowerCase() === value.trim().toLowerCase());
    if (exact && exact !== value) onChange(exact);
  }

  const activeId = open && active >= 0 && options[active] ? `${id}-option-${active}` : undefined;

  return (
    <div className="tz-select">
      <input
        id={id}
        className="input tz-input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={activeId}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        value={value}
        disabled={disabled}
        placeholder="Search, e.g. Berlin or New York"
        onChange={(event) => {
          onChange(event.target.value);
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onClick={() => {
          if (!open) openAll();
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
        {...aria}
      />
      <button
        type="button"
        className="tz-toggle"
        tabIndex={-1}
        aria-label="Show all time zones"
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          if (open) setOpen(false);
          else openAll();
          document.getElementById(id)?.focus();
        }}
      >
        <ChevronDownIcon />
      </button>
      {open && (
        <div className="tz-popup">
          <ul id={listId} role="listbox" aria-label="Time zones" className="tz-list">
            {options.map((zone, i) => (
              <li
                key={zone}
                id={`${id}-option-${i}`}
                role="option"
                aria-selected={zone === value}
                className={i === active ? "tz-option tz-option-active" : "tz-option"}
                onMouseDown={(event) => event.preventDefault()}
                onMouseMove={() => {
                  if (active !== i) setActive(i);
                }}
                onClick={() => choose(zone)}
              >
                <span className="tz-option-name">{zone}</span>
                <span className="tz-option-offset">{formatOffset(zone, now)}</span>
              </li>
            ))}
          </ul>
          {options.length === 0 && <p className="tz-empty">No matching time zone</p>}
        </div>
      )}
    </div>
  );
}
