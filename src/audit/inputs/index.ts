/**
 * Reading the audit's input files: one converter per source (offline plan, stack export, preview), all giving the
 * same AuditInput, and one reader that turns unreadable or non-JSON files into AuditInputErrors.
 */
import type { AuditInput } from "../types";
import { readJsonFile } from "./json";
import { fromPlanDocument } from "./plan";
import { checkPlanFile } from "./planFile";
import { fromPreviewJson } from "./preview";
import { fromStateExport } from "./state";

export { AuditInputError } from "./errors";
export { fromPlanDocument } from "./plan";
export { fromPreviewJson } from "./preview";
export { fromStateExport } from "./state";
export { readJsonFile } from "./json";

export type AuditFileKind = "plan" | "state" | "preview";

/** Reads an audit input file of the given kind: `plan` (cenm-backup plan --json), `state` (pulumi stack export) or `preview` (pulumi preview --json). */
export function readAuditFile(file: string, kind: AuditFileKind): AuditInput {
  const json = readJsonFile(file);
  switch (kind) {
    case "plan":
      return { ...fromPlanDocument(checkPlanFile(json, file)), origin: file };
    case "state":
      return fromStateExport(json, file);
    case "preview":
      return fromPreviewJson(json, file);
  }
}
