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
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AuditInputError(file, `not valid JSON (truncated or corrupted?): ${(e as Error).message}`);
  }
}
