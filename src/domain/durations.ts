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
