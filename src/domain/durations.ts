/**
 * Durations: the units every figure, limit and report uses, and the one way they are written for people.
 */

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/**
 * "0 s", "35 s", "15 min", "1 h 30 min", "36 h", "7 days", "1.5 days": a duration in seconds as a reader says it.
 * Below two days whole hours and minutes are kept; from two days on, days (one decimal when not whole).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "unbounded";
  const total = Math.max(0, Math.round(seconds));
  if (total < MINUTE) return `${total} s`;
  if (total < HOUR) {
    const m = Math.floor(total / MINUTE);
    const s = total % MINUTE;
    return s ? `${m} min ${s} s` : `${m} min`;
  }
  if (total < 2 * DAY) {
    const h = Math.floor(total / HOUR);
    const m = Math.round((total % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = total / DAY;
  return `${Number.isInteger(d) ? d : d.toFixed(1)} days`;
}

/**
 * How a duration is written in a stack file: a whole number and a unit, "0", "90 s", "15 min", "1 h", "24 h",
 * "7 days" (the forms {@link formatDuration} writes whole values in), or without the space: "15min", "1h", "7d".
 */
export const DURATION_PATTERN = /^(0|(\d{1,6})\s?(s|min|h|d|day|days))$/;

/** Words for {@link DURATION_PATTERN}, as config errors and generated docs state it. */
export const DURATION_FORMS = 'a duration: a whole number and a unit s, min, h or d ("0", "90 s", "15 min", "1 h", "7 d")';

const UNIT_SECONDS: Record<string, number> = { s: 1, min: MINUTE, h: HOUR, d: DAY, day: DAY, days: DAY };

/** Seconds of a duration written as {@link DURATION_PATTERN} says; undefined for any other text. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  if (m[1] === "0") return 0;
  return Number(m[2]) * UNIT_SECONDS[m[3]];
}
