/**
 * Reading the audit's input files: one converter per source (offline plan, stack export, preview), all giving the
 * same AuditInput, and one reader that turns unreadable or non-JSON files into AuditInputErrors.
 */
import type { AuditInput } from "../types";
import { rec } from "../../domain/resources/values";
import { AuditInputError } from "./errors";
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

/** Which kind of document `json` is, or undefined when it is none of the three. */
export function inputKind(json: unknown): AuditFileKind | undefined {
  const doc = rec(json);
  if (!doc) return undefined;
  if ("deployment" in doc && "version" in doc) return "state";
  if (Array.isArray(doc.steps)) return "preview";
  if (Array.isArray(doc.resources) && "stack" in doc) return "plan";
  return undefined;
}

/**
 * Reads an audit input file: `plan` (cenm-backup plan --json), `state` (pulumi stack export) or `preview` (pulumi
 * preview --json); without `kind`, the kind is recognised from the document's shape. Errors name the file.
 */
export function readAuditFile(file: string, kind?: AuditFileKind): AuditInput {
  const json = readJsonFile(file);
  const k = kind ?? inputKind(json);
  switch (k) {
    case "plan":
      return { ...fromPlanDocument(checkPlanFile(json, file)), origin: file };
    case "state":
      return fromStateExport(json, file);
    case "preview":
      return fromPreviewJson(json, file);
    case undefined:
      throw new AuditInputError(file, "neither a plan (cenm-backup plan --json), a state (pulumi stack export) nor a preview (pulumi preview --json): expected an object with deployment, steps or stack and resources");
  }
}
