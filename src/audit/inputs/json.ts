/** Reading JSON input files with errors that name the file. */
import * as fs from "fs";
import { AuditInputError } from "./errors";

/** Deepest nesting the audit reads: a Pulumi state or preview nests a few dozen levels, never hundreds. */
export const MAX_INPUT_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * How deeply the JSON text nests objects and arrays, read from its bytes in one pass without recursion and without
 * building anything (an input nested thousands of levels deep must be refused, not overflow a stack); stops
 * counting past `limit`. Brackets inside strings do not count.
 */
export function textNestingDepth(bytes: Uint8Array, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) depth--;
  }
  return deepest;
}

/** Nothing but spaces, tabs and line breaks (an empty file included). */
function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/**
 * Reads and parses a JSON file; a missing, empty, truncated or too deeply nested file is an AuditInputError naming
 * it. The nesting is checked on the raw bytes before parsing, and the bytes are let go before the text is parsed,
 * so a large file is held about twice (text, then document), not three or four times.
 */
export function readJsonFile(file: string): unknown {
  let bytes: Buffer | undefined;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new AuditInputError(file, `cannot be read: ${why}`);
  }
  const depth = textNestingDepth(bytes, MAX_INPUT_DEPTH);
  if (depth > MAX_INPUT_DEPTH) throw new AuditInputError(file, `nested more than ${MAX_INPUT_DEPTH} levels deep; a plan, state or preview nests a few dozen`);
  if (isBlank(bytes)) throw new AuditInputError(file, "the file is empty");
  let text = bytes.toString("utf8");
  bytes = undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AuditInputError(file, `not valid JSON (truncated or corrupted?): ${(e as Error).message}`);
  } finally {
    text = "";
  }
}
