/**
 * Time windows as AWS writes them: a daily window `hh:mm-hh:mm` (RDS backup window) and a weekly one
 * `ddd:hh:mm-ddd:hh:mm` (RDS maintenance window), both UTC. Windows are read as minute ranges and compared on a
 * weekly clock, so that a daily window is seven ranges and a range may wrap past midnight or Sunday.
 */

const WEEK = 7 * 24 * 60;
const DAY = 24 * 60;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** A range of minutes on the weekly clock, [start, end) with end > start (it may run past the end of the week). */
export interface MinuteRange {
  start: number;
  end: number;
}

function hhmm(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

/** A daily window `hh:mm-hh:mm` as its length in minutes and its seven weekly ranges; undefined when malformed. */
export function dailyWindow(text: string): { minutes: number; ranges: MinuteRange[] } | undefined {
  const [a, b, ...rest] = text.split("-");
  const from = hhmm(a ?? "");
  const to = hhmm(b ?? "");
  if (from === undefined || to === undefined || rest.length > 0) return undefined;
  const minutes = (to - from + DAY) % DAY;
  if (minutes === 0) return undefined;
  return { minutes, ranges: DAYS.map((_, d) => ({ start: d * DAY + from, end: d * DAY + from + minutes })) };
}

/** A weekly window `ddd:hh:mm-ddd:hh:mm` as its weekly range; undefined when malformed. */
export function weeklyWindow(text: string): MinuteRange | undefined {
  const parts = /^([a-z]{3}):(\d{2}:\d{2})-([a-z]{3}):(\d{2}:\d{2})$/i.exec(text);
  if (!parts) return undefined;
  const d1 = DAYS.indexOf(parts[1].toLowerCase());
  const d2 = DAYS.indexOf(parts[3].toLowerCase());
  const t1 = hhmm(parts[2]);
  const t2 = hhmm(parts[4]);
  if (d1 < 0 || d2 < 0 || t1 === undefined || t2 === undefined) return undefined;
  const start = d1 * DAY + t1;
  const length = (d2 * DAY + t2 - start + WEEK) % WEEK;
  return length === 0 ? undefined : { start, end: start + length };
}

/** Whether two ranges of the weekly clock share a minute (ranges may wrap past the end of the week). */
export function overlaps(a: MinuteRange, b: MinuteRange): boolean {
  for (const shift of [-WEEK, 0, WEEK]) {
    if (a.start < b.end + shift && b.start + shift < a.end) return true;
  }
  return false;
}

/**
 * The RDS windows this package declares (UTC): the daily automated backup window and the weekly maintenance window.
 * They do not overlap (RDS refuses that), and the AWS Backup snapshot rules are scheduled around the backup window.
 */
export const RDS_BACKUP_WINDOW = "02:00-03:00";
export const RDS_MAINTENANCE_WINDOW = "sun:04:00-sun:05:00";

/** Start window of every AWS Backup rule the package declares, in minutes (AWS's minimum). */
export const SNAPSHOT_START_WINDOW_MINUTES = 60;

/** Days audit records are kept: 7 years, as R3's Corda Network CA practice keeps its audit logs. */
export const AUDIT_LOG_RETENTION_DAYS = 2557;

/**
 * Retention bounds of the AWS Backup vault locks, in days: fixed, not taken from the rules, so that a change of a
 * rule's retention never changes a lock (the provider replaces a lock on any change of its bounds, which AWS refuses
 * for a compliance lock past its grace time). One day admits every rule AWS Backup accepts; seven years admits a
 * monthly snapshot kept as long as the package keeps audit records.
 */
export const VAULT_LOCK_BOUNDS_DAYS = { minRetentionDays: 1, maxRetentionDays: AUDIT_LOG_RETENTION_DAYS } as const;
