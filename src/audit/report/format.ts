/** Small text helpers shared by the Markdown renderers: durations for people, table cells, property values. */

const UNITS: [number, string][] = [
  [86400, "d"],
  [3600, "h"],
  [60, "min"],
  [1, "s"],
];

/**
 * A duration in at most two units: 0 -> "0 s", 35 -> "35 s", 900 -> "15 min", 5400 -> "1 h 30 min",
 * 93600 -> "1 d 2 h". Undefined means the scenario is not recoverable from the declared copies.
 */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined) return "not recoverable";
  if (!Number.isFinite(seconds)) return "unbounded";
  const total = Math.round(seconds);
  if (total <= 0) return "0 s";
  const i = UNITS.findIndex(([size]) => total >= size);
  const [size, unit] = UNITS[i];
  const major = `${Math.floor(total / size)} ${unit}`;
  const next = UNITS[i + 1];
  if (!next) return major;
  const minor = Math.floor((total % size) / next[0]);
  return minor > 0 ? `${major} ${minor} ${next[1]}` : major;
}

/** Makes text safe inside a Markdown table cell (one line, no column breaks). */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** The logical name of a URN (`urn:pulumi:s::p::t::name` -> name); anything else unchanged. */
export function shortName(resource: string): string {
  if (!resource.startsWith("urn:pulumi:")) return resource;
  return resource.slice(resource.lastIndexOf("::") + 2);
}

const MAX_VALUE = 160;

/** A property value on one line, shortened when long. */
export function formatValue(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, " ");
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Wraps text in backticks, choosing a fence longer than any run of backticks inside it. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
