/**
 * Configuration errors: every problem names the config key, the value received and what is expected, and all
 * problems of a stack are reported together, before any resource is registered.
 */
import { PROJECT } from "../domain/vocabulary";

export interface ConfigIssue {
  /** Full config key, e.g. `cenm-backup:database.engineVersion`. */
  key: string;
  /** The value received, rendered for humans (never a secret: config holds none). */
  received: string;
  /** What the key accepts. */
  expected: string;
}

const MAX_RENDERED = 120;

/** Renders a received value for an error message. */
export function renderReceived(value: unknown): string {
  if (value === undefined) return "nothing (the key is not set)";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_RENDERED ? `${text.slice(0, MAX_RENDERED - 1)}…` : text;
}

/** Turns a path inside the config into its stack-file key: ["database", "databases", 0, "user"] -> cenm-backup:database.databases[0].user */
export function configKey(path: readonly (string | number)[]): string {
  let key = `${PROJECT}:`;
  path.forEach((part, i) => {
    if (typeof part === "number") key += `[${part}]`;
    else key += i === 0 ? part : `.${part}`;
  });
  return key;
}

export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[], stack?: string) {
    const where = stack ? ` of stack "${stack}"` : "";
    const lines = issues.map((i) => `  - ${i.key}: received ${i.received}; expected ${i.expected}`);
    super(
      `The configuration${where} is invalid (${issues.length} problem${issues.length === 1 ? "" : "s"}); no resource was declared.\n${lines.join("\n")}`,
    );
    this.name = "ConfigError";
    this.issues = issues;
  }
}
