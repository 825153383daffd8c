/**
 * Hours between two runs of a schedule expression, as AWS writes them: `cron(minute hour day-of-month month
 * day-of-week year)` or `rate(N unit)`. The answer is the longest gap between two runs, the figure a recovery
 * point objective rests on. Expressions it cannot read give NaN, which no threshold comparison accepts.
 */
import { str } from "./values";

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** Expands a cron field to the values it selects in [min, max], or undefined when every value is selected. */
function expand(field: string, min: number, max: number, names: string[] = [], nameBase = min): number[] | undefined {
  if (field === "*" || field === "?") return undefined;
  const value = (token: string): number => {
    const i = names.indexOf(token.toUpperCase());
    if (i >= 0) return i + nameBase;
    if (!/^\d+$/.test(token)) throw new Error(`bad cron token ${token}`);
    return Number(token);
  };
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step ${part}`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = min;
      to = max;
    } else if (range.includes("-")) {
      const [a, b] = range.split("-");
      from = value(a);
      to = value(b);
    } else {
      from = value(range);
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new Error(`cron value out of range in ${part}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Longest circular gap between the selected values of a cycle of `size` units. */
function longestGap(values: number[], size: number): number {
  if (values.length === 0) return size;
  let gap = values[0] + size - values[values.length - 1];
  for (let i = 1; i < values.length; i++) gap = Math.max(gap, values[i] - values[i - 1]);
  return gap;
}

function cronIntervalHours(body: string): number {
  const fields = body.trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return Number.NaN;
  const [minute, hour, dom, month, dow] = fields;
  const minutes = expand(minute, 0, 59);
  const hours = expand(hour, 0, 23);
  const daysOfMonth = /^[?*]$/.test(dom) ? undefined : /^(L|LW|\d+W)$/.test(dom) ? [31] : expand(dom, 1, 31);
  const months = expand(month, 1, 12, MONTHS, 1);
  const daysOfWeek = /^[?*]$/.test(dow) ? undefined : expand(dow.replace(/#\d+$/, "").replace(/L$/, ""), 1, 7, DAYS, 1);

  let interval: number;
  if (daysOfMonth !== undefined) interval = daysOfMonth.length === 1 ? 720 : longestGap(daysOfMonth, 30) * 24;
  else if (daysOfWeek !== undefined) interval = longestGap(daysOfWeek, 7) * 24;
  else if (hours === undefined) interval = minutes === undefined ? 1 / 60 : longestGap(minutes, 60) / 60;
  else interval = longestGap(hours, 24);
  if (months !== undefined) interval = Math.max(interval, longestGap(months, 12) * 730);
  return interval;
}

/** Hours between two runs of an AWS schedule expression (longest gap); NaN when it cannot be read. */
export function intervalHours(expression: unknown): number {
  const s = str(expression)?.trim();
  if (!s) return Number.NaN;
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(s);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].toLowerCase();
    return unit.startsWith("minute") ? n / 60 : unit.startsWith("hour") ? n : n * 24;
  }
  const cron = /^cron\((.+)\)$/i.exec(s);
  if (!cron) return Number.NaN;
  try {
    return cronIntervalHours(cron[1]);
  } catch {
    return Number.NaN;
  }
}

/**
 * The minutes of the day (0-1439, UTC unless the schedule names a time zone) at which a `cron(...)` expression can
 * start a run, whatever the day; undefined for `rate(...)` and for expressions it cannot read.
 */
export function startMinutesOfDay(expression: unknown): number[] | undefined {
  const cron = /^cron\((.+)\)$/i.exec(str(expression)?.trim() ?? "");
  if (!cron) return undefined;
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return undefined;
  try {
    const minutes = expand(fields[0], 0, 59) ?? Array.from({ length: 60 }, (_, i) => i);
    const hours = expand(fields[1], 0, 23) ?? Array.from({ length: 24 }, (_, i) => i);
    return hours.flatMap((h) => minutes.map((m) => h * 60 + m));
  } catch {
    return undefined;
  }
}
