/**
 * The runbook's input file: whatever the audit reads (a plan written by `plan --json`, `pulumi stack export`,
 * `pulumi preview --json`), recognised by its shape so that one `--input` flag takes any of them.
 */
import { AuditInputError, fromPreviewJson, fromStateExport, readJsonFile, type AuditFileKind } from "../audit/inputs";
import { fromPlanDocument } from "../audit/inputs/plan";
import { checkPlanFile } from "../audit/inputs/planFile";
import type { AuditInput } from "../audit/types";
import { rec } from "../domain/resources/values";

/** Which kind of document `json` is, or undefined when it is none of the three. */
export function inputKind(json: unknown): AuditFileKind | undefined {
  const doc = rec(json);
  if (!doc) return undefined;
  if ("deployment" in doc && "version" in doc) return "state";
  if (Array.isArray(doc.steps)) return "preview";
  if (Array.isArray(doc.resources) && "stack" in doc) return "plan";
  return undefined;
}

/** Reads an input file of any of the audit's kinds (`kind` forces one); errors name the file. */
export function readRunbookInput(file: string, kind?: AuditFileKind): AuditInput {
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
