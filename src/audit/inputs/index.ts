/**
 * Reading the audit's input files: one converter per source (offline plan, stack export, preview), all giving the
 * same AuditInput, and one reader that turns unreadable or non-JSON files into AuditInputErrors. A preview is a
 * change: it is applied to a base (the stack's state or the base branch's plan) and gives its change set too; a
 * plan or state audited against a base gives the change the comparison finds.
 */
import type { AuditInput } from "../types";
import type { ChangeSet } from "../change/types";
import { compareInputs } from "../change/compare";
import { rec } from "../../domain/resources/values";
import { AuditInputError } from "./errors";
import { readJsonFile } from "./json";
import { fromPlanDocument } from "./plan";
import { checkPlanFile } from "./planFile";
import { applyPreview, checkPreview } from "./preview";
import { fromStateExport } from "./state";

export { AuditInputError } from "./errors";
export { fromPlanDocument } from "./plan";
export { applyPreview, checkPreview, fromPreviewJson } from "./preview";
export { fromStateExport } from "./state";
export { readJsonFile } from "./json";

export type AuditFileKind = "plan" | "state" | "preview";

/** Which kind of document `json` is, or undefined when it is none of the three. */
export function inputKind(json: unknown): AuditFileKind | undefined {
  const doc = rec(json);
  if (!doc) return undefined;
  if ("deployment" in doc && "version" in doc) return "state";
  // A preview of a stack with no resource at all has no steps (the CLI omits an empty list), only its summary.
  if (Array.isArray(doc.steps) || (rec(doc.changeSummary) && !("resources" in doc))) return "preview";
  if (Array.isArray(doc.resources) && "stack" in doc) return "plan";
  return undefined;
}

const NONE_OF_THREE = "neither a plan (cenm-backup plan --json), a state (pulumi stack export) nor a preview (pulumi preview --json): expected an object with deployment, steps or stack and resources";

/** An audit input and, when there is one, the change that leads to it. */
export interface AuditSource {
  input: AuditInput;
  change?: ChangeSet;
}

/**
 * Reads an audit input file: `plan` (cenm-backup plan --json), `state` (pulumi stack export) or `preview` (pulumi
 * preview --json, applied to `base`); without `kind`, the kind is recognised from the document's shape. With a
 * base, the change from it is returned too. Errors name the file.
 */
export function readAuditSource(file: string, kind?: AuditFileKind, base?: AuditInput): AuditSource {
  const json = readJsonFile(file);
  const k = kind ?? inputKind(json);
  switch (k) {
    case "plan": {
      const input = { ...fromPlanDocument(checkPlanFile(json, file)), origin: file };
      return base ? { input, change: compareInputs(base, input) } : { input };
    }
    case "state": {
      const input = fromStateExport(json, file);
      return base ? { input, change: compareInputs(base, input) } : { input };
    }
    case "preview": {
      const applied = applyPreview(checkPreview(json, file), file, base);
      return { input: applied.input, change: applied.change };
    }
    case undefined:
      throw new AuditInputError(file, NONE_OF_THREE);
  }
}

/** Reads an audit input file (see {@link readAuditSource}) and returns the input alone. */
export function readAuditFile(file: string, kind?: AuditFileKind, base?: AuditInput): AuditInput {
  return readAuditSource(file, kind, base).input;
}

/** Reads the base of a change: a `pulumi stack export` or a plan (a preview is a change, not a base). */
export function readBaseFile(file: string): AuditInput {
  const json = readJsonFile(file);
  const k = inputKind(json);
  if (k === "preview") throw new AuditInputError(file, "a preview is a change, not a base: give the stack's state (pulumi stack export) or the base branch's plan (cenm-backup plan --json)");
  if (k === undefined) throw new AuditInputError(file, NONE_OF_THREE);
  return readAuditSource(file, k).input;
}
