/**
 * Errors of the audit's input files: a missing, truncated or malformed file is reported by name with what is
 * wrong in it, so the command line can print one line instead of a stack trace.
 */
import type { ZodError } from "zod";

export class AuditInputError extends Error {
  /** The file (as the user named it) the problem is in. */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = "AuditInputError";
    this.file = file;
  }
}

/** Renders a path inside a JSON document: ["deployment", "resources", 3, "type"] -> deployment.resources[3].type */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

/** The first problem zod found, in words: "deployment.resources is missing", "steps[2].op: expected string, received number". */
export function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "the document does not match the expected format";
  const where = jsonPath(issue.path);
  const absent = (issue.code === "invalid_type" && issue.received === "undefined") || (issue.code === "invalid_literal" && issue.received === undefined);
  if (absent) {
    return `${where || "the document"} is missing`;
  }
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? "s" : ""})` : "";
  return `${where ? `${where}: ` : "the document: "}${message}${more}`;
}
