/**
 * Reading a stack file (`stacks/Pulumi.<stack>.yaml`) the way the Pulumi CLI would hand it to the program:
 * every key namespaced, objects and arrays as JSON strings, scalars as strings.
 */
import * as fs from "fs";
import { CORE_SCHEMA, load } from "js-yaml";
import { MAX_CONFIG_STRING } from "../domain/inputLimits";
import { PROJECT } from "../domain/vocabulary";
import { listStacks, stackFilePath, StackFileError } from "./stacks";

export { listStacks, stackFilePath, StackFileError };

export interface StackFile {
  stack: string;
  file: string;
  /** Full key -> stored string value, as the runtime's config holds it. */
  config: Record<string, string>;
  /** Keys whose values are Pulumi secrets (`secure:`), which the offline engine cannot decrypt. */
  secretKeys: string[];
}

/** Largest stack file read, bytes: a stack file is a few kilobytes. */
export const MAX_STACK_FILE_BYTES = 1024 * 1024;
/** Most values a stack file may expand to, aliases followed (a YAML alias bomb expands to billions). */
export const MAX_STACK_FILE_VALUES = 20_000;

/**
 * Walks the parsed document without recursion and with a budget: YAML aliases let a small file denote a huge
 * tree (js-yaml shares the aliased objects, so the parse is cheap but anything that walks or serialises it is
 * not). Throws naming the file when the expansion or a string passes its bound.
 */
function checkBounds(doc: unknown, file: string): void {
  const stack: unknown[] = [doc];
  let values = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (++values > MAX_STACK_FILE_VALUES) {
      throw new StackFileError(`${file}: expands to more than ${MAX_STACK_FILE_VALUES} values (YAML aliases?); expected a stack file of plain values`);
    }
    if (typeof v === "string" && v.length > MAX_CONFIG_STRING) {
      throw new StackFileError(`${file}: holds a string of ${v.length} characters; expected strings of at most ${MAX_CONFIG_STRING}`);
    }
    if (Array.isArray(v)) stack.push(...v);
    else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        stack.push(k, child);
      }
    }
  }
}

export function readStackFile(stack: string, dir = "stacks"): StackFile {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new StackFileError(`--stack: received "${stack}"; expected a stack name of letters, digits, '.', '-' or '_'`);
  const file = stackFilePath(stack, dir);
  if (!fs.existsSync(file)) {
    const known = listStacks(dir);
    throw new StackFileError(`--stack: received "${stack}"; expected one of ${known.length ? known.join(", ") : "(no stack files)"} (no file ${file})`);
  }
  const size = fs.statSync(file).size;
  if (size > MAX_STACK_FILE_BYTES) throw new StackFileError(`${file}: ${size} bytes; expected a stack file of at most ${MAX_STACK_FILE_BYTES} bytes`);
  let doc: unknown;
  try {
    // The core schema reads dates and the like as plain strings, as the Pulumi CLI does.
    doc = load(fs.readFileSync(file, "utf8"), { schema: CORE_SCHEMA, filename: file });
  } catch (e) {
    throw new StackFileError(`${file}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  checkBounds(doc, file);
  if (doc !== null && doc !== undefined && (typeof doc !== "object" || Array.isArray(doc))) {
    throw new StackFileError(`${file}: received a ${Array.isArray(doc) ? "list" : typeof doc} at the top; expected a map with a "config:" key`);
  }
  const raw = (doc as { config?: unknown } | null)?.config ?? {};
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new StackFileError(`${file}: received a "config" that is not a map; expected "config:" followed by keys`);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const full = key.includes(":") ? key : `${PROJECT}:${key}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in (value as object)) {
      secretKeys.push(full);
      config[full] = "[secret]";
      continue;
    }
    config[full] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { stack, file, config, secretKeys };
}
