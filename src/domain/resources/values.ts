/**
 * Reading declared values defensively. Inputs come from plans, previews and state files: a value may be missing,
 * may be the "[unknown]" marker of a preview or the "[secret]" marker of a secret, or may have a type other than
 * the provider's schema says. These helpers never throw and never take a marker for a real value.
 */

export const UNKNOWN = "[unknown]";
export const SECRET = "[secret]";

/** The value is a marker standing for a value the source does not show. */
export function isMarker(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const v = value.toLowerCase();
  return v === UNKNOWN || v === SECRET;
}

/** A string that is really there (not empty, not a marker). */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !isMarker(value) ? value : undefined;
}

/** True only for a declared `true` (an unknown boolean is not true). Accepts the string "true" from state files. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** True only for a declared `false`. */
export function isFalse(value: unknown): boolean {
  return value === false || value === "false";
}

/** A finite number, also from a numeric string; undefined otherwise. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** A plain object, or undefined. */
export function rec(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An array (a single value becomes a one-element array; nothing becomes an empty one). */
export function arr(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** Strings of a value that may be a string or a list of strings; markers are left out. */
export function strings(value: unknown): string[] {
  return arr(value).map(str).filter((s): s is string => s !== undefined);
}

/** Parses a JSON document held in a string input (policies, event patterns); undefined when it is not one. */
export function parseJson(value: unknown): unknown {
  if (rec(value)) return value;
  const s = str(value);
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** The region part of an ARN (`arn:partition:service:region:account:...`), when it has one. */
export function arnRegion(value: unknown): string | undefined {
  const s = str(value);
  if (!s || !s.startsWith("arn:")) return undefined;
  const parts = s.split(":");
  return parts.length > 4 && parts[3] !== "" ? parts[3] : undefined;
}

/** The most frequent entry (first seen wins a tie); undefined for an empty list. */
export function mostCommon(values: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** Distinct values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}
