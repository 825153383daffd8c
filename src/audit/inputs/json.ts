/** Reading JSON input files with errors that name the file. */
import * as fs from "fs";
import { AuditInputError } from "./errors";

/** Reads and parses a JSON file; a missing, empty or truncated file is an AuditInputError naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new AuditInputError(file, `cannot be read: ${why}`);
  }
  if (text.trim() === "") throw new AuditInputError(file, "the file is empty");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new AuditInputError(file, `not valid JSON (truncated or corrupted?): ${(e as Error).message}`);
  }
  const depth = nestingDepth(value, MAX_INPUT_DEPTH);
  if (depth > MAX_INPUT_DEPTH) throw new AuditInputError(file, `nested more than ${MAX_INPUT_DEPTH} levels deep; a plan, state or preview nests a few dozen`);
  return value;
}

/** Deepest nesting the audit reads: a Pulumi state or preview nests a few dozen levels, never hundreds. */
export const MAX_INPUT_DEPTH = 256;

/**
 * How deeply `value` nests, counted without recursion (an input nested thousands of levels deep must be refused,
 * not overflow the stack); stops counting past `limit`.
 */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}
