/** Small text helpers shared by the Markdown renderers: durations for people, table cells, property values. */
import { formatDuration as formatSeconds } from "../../domain/durations";
import { urnName } from "../../domain/urn";

/** A duration for people (see the domain's formatDuration); undefined: not recoverable from the declared copies. */
export function formatDuration(seconds: number | undefined): string {
  return seconds === undefined ? "not recoverable" : formatSeconds(seconds);
}

// Text from the audited program (resource names, messages quoting them) is made inert with the shared helpers.
export { cell, plain } from "../../domain/markdown";

/** The logical name of a URN (`urn:pulumi:s::p::t::name` -> name); anything else unchanged. */
export function shortName(resource: string): string {
  return urnName(resource);
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
export function code(raw: string): string {
  // A code span renders its content literally, but must stay on one line.
  const text = raw.replace(/\r?\n|\r/g, " ");
  const runs = text.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
