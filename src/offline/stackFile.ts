/**
 * Reading a stack file (`stacks/Pulumi.<stack>.yaml`) the way the Pulumi CLI would hand it to the program:
 * every key namespaced, objects and arrays as JSON strings, scalars as strings.
 */
import * as fs from "fs";
import { CORE_SCHEMA, load } from "js-yaml";
import { PROJECT } from "../config/schema";
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

export function readStackFile(stack: string, dir = "stacks"): StackFile {
  if (!/^[A-Za-z0-9_.-]+$/.test(stack)) throw new StackFileError(`--stack: received "${stack}"; expected a stack name of letters, digits, '.', '-' or '_'`);
  const file = stackFilePath(stack, dir);
  if (!fs.existsSync(file)) {
    const known = listStacks(dir);
    throw new StackFileError(`--stack: received "${stack}"; expected one of ${known.length ? known.join(", ") : "(no stack files)"} (no file ${file})`);
  }
  let doc: unknown;
  try {
    // The core schema reads dates and the like as plain strings, as the Pulumi CLI does.
    doc = load(fs.readFileSync(file, "utf8"), { schema: CORE_SCHEMA, filename: file });
  } catch (e) {
    throw new StackFileError(`${file}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
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
