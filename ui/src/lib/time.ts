// Formatting of instants in a workspace's IANA zone. The backend stores UTC
// instants plus the zone the user picked; the UI always shows wall-clock
// time in that zone, never in the machine's zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(
  locale: string | undefined,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // The backend's zone database can know a name this engine's ICU does
      // not; showing UTC beats crashing the screen.
      cached = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    }
    formatters.set(key, cached);
  }
  return cached;
}

/** "Tue, 3 Dec 2024, 14:30" in `timeZone`; the raw string if it is not a valid instant. */
export function formatDateTime(
  iso: string,
  timeZone: string,
  locale?: string,
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, timeZone, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** Wall-clock "14:30" (or "2:30 PM") in `timeZone`. */
export function formatClock(
  date: Date,
  timeZone: string,
  locale?: string,
): string {
  return formatter(locale, timeZone, {
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** The zone's offset at `date`, e.g. "UTC+1", "UTC−3:30" or "UTC". */
export function formatOffset(timeZone: string, date: Date): string {
  const part = formatter("en-US", timeZone, { timeZoneName: "shortOffset" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName");
  const offset = (part?.value ?? "GMT").replace(/^GMT/, "UTC");
  // Engines differ on whether zero offset is "GMT" or "GMT+0".
  if (/^UTC([+-]0+(:00)?)?$/.test(offset)) return "UTC";
  return offset.replace("-", "−");
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 60 * 60],
  ["day", 24 * 60 * 60],
  ["week", 7 * 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["year", 365 * 24 * 60 * 60],
];

/** "in 3 hours", "tomorrow", "2 days ago", relative to `now`. */
export function formatRelative(iso: string, now: Date, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  if (abs < 60) return rtf.format(0, "minute");
  let unit: Intl.RelativeTimeFormatUnit = "minute";
  let size = 60;
  for (const [candidate, candidateSize] of RELATIVE_STEPS) {
    if (abs >= candidateSize) {
      unit = candidate;
      size = candidateSize;
    }
  }
  return rtf.format(Math.round(seconds / size), unit);
}

/** The machine's zone as the browser engine reports it. */
export function detectTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The machine's zone if the backend accepts it, otherwise "UTC". */
export function defaultTimeZone(accepted: readonly string[]): string {
  const detected = detectTimeZone();
  if (accepted.length === 0) return detected;
  return accepted.includes(detected) ? detected : "UTC";
}

/** Milliseconds until the next wall-clock minute starts. */
export function msUntilNextMinute(now: Date): number {
  return 60_000 - (now.getTime() % 60_000);
}

/** "3 Dec 2024, 14:30:05" in `timeZone`, for logs where seconds matter. */
export function formatTimestamp(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, timeZone, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(date);
}

/** "2024-12-03 13:30 UTC", the unambiguous form for tooltips. */
export function formatUtc(iso: string | Date): string {
  const date = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return String(iso);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
