/**
 * Reads `pulumi preview --json` (the Pulumi CLI's preview digest: `config`, `steps`, `diagnostics`, `duration`,
 * `changeSummary`) as a change to a stack. The CLI lists only the resources the change touches, plus the root stack
 * and any resource whose `protect` changes; unchanged ones appear only with `--show-sames`. A replacement is one
 * `replace` step, or with `--show-replacement-steps` a `create-replacement` and a `delete-replaced` beside it. So
 * the digest is applied to the stack's current state (a `pulumi stack export`, or offline the base branch's plan),
 * and a preview that lists no change gives back that state as it is. A digest with every unchanged resource
 * (`--show-sames`) can also be read alone.
 *
 * Each step's states are `apitype.ResourceV3` with secrets shown as "[secret]" and values computed at deployment as
 * Pulumi's unknown sentinel (read as "[unknown]"). The new state of a step is taken before the step runs, so it has
 * no outputs; the root stack's new outputs are therefore absent, and the records (environment, waivers) are the
 * base's, overlaid with what the preview's own configuration says (`<project>:environment`, `<project>:waivers`).
 */
import { z } from "zod";
import { PROJECT } from "../../domain/vocabulary";
import type { ChangeSet, ResourceChange } from "../change/types";
import type { AuditInput, AuditResource } from "../types";
import { AuditInputError, describeZodError } from "./errors";
import { resourceStateSchema, type ResourceStateJson } from "./schemas";
import { isAuditedType, STACK_TYPE, toAuditResource } from "./values";

const stepSchema = z.object({
  op: z.string().min(1),
  urn: z.string().min(1),
  provider: z.string().nullish(),
  oldState: resourceStateSchema.nullish(),
  newState: resourceStateSchema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.object({ kind: z.string(), inputDiff: z.boolean().optional() }).passthrough()).nullish(),
});

export const previewSchema = z.object({
  config: z.record(z.unknown()).nullish(),
  // Omitted by the CLI when empty (omitempty), which happens only for a stack with no resources at all.
  steps: z.array(stepSchema).nullish(),
  diagnostics: z.array(z.object({ urn: z.string().optional(), message: z.string().optional(), severity: z.string().optional() }).passthrough()).nullish(),
  duration: z.number().nullish(),
  changeSummary: z.record(z.number()).nullish(),
  maybeCorrupt: z.boolean().nullish(),
});

export type PreviewDocument = z.infer<typeof previewSchema>;
type Step = z.infer<typeof stepSchema>;

/** The step operations of Pulumi's engine (pkg/resource/deploy, StepOp). */
export const STEP_OPS = [
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "read",
  "read-replacement",
  "refresh",
  "read-discard",
  "discard-replaced",
  "remove-pending-replace",
  "import",
  "import-replacement",
] as const;
const KNOWN_OPS: ReadonlySet<string> = new Set(STEP_OPS);
/** Operations whose new state is the resource after the update. */
const NEEDS_NEW_STATE = new Set(["create", "update", "replace", "create-replacement", "import", "import-replacement", "read", "read-replacement"]);

const WHAT = "not a Pulumi preview (pulumi preview --json)";

/** Checks a parsed `pulumi preview --json` document; errors name the file and the field. */
export function checkPreview(json: unknown, file: string): PreviewDocument {
  const parsed = previewSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `${WHAT}: ${describeZodError(parsed.error)}`);
  const doc = parsed.data;
  // The CLI omits an empty step list, never the summary: a document with neither is something else.
  if (doc.steps == null && doc.changeSummary == null) throw new AuditInputError(file, `${WHAT}: steps is missing`);
  (doc.steps ?? []).forEach((step, i) => {
    if (!KNOWN_OPS.has(step.op)) throw new AuditInputError(file, `${WHAT}: steps[${i}].op: unknown operation "${step.op}"`);
    if (NEEDS_NEW_STATE.has(step.op) && !step.newState) throw new AuditInputError(file, `${WHAT}: steps[${i}].newState is missing (op "${step.op}")`);
  });
  const failed = (doc.diagnostics ?? []).find((d) => d.severity === "error");
  if (failed) throw new AuditInputError(file, `the preview failed, so its steps may be incomplete: ${(failed.message ?? "").trim().split("\n")[0] || "an error diagnostic"}`);
  return doc;
}

function isRootUrn(urn: string): boolean {
  return urn.split("::")[2]?.endsWith(STACK_TYPE) === true && !urn.split("::")[2].includes("$");
}

/**
 * Whether the digest lists every resource (`--show-sames`): it shows as many "same" steps as its change summary
 * counts. Without a summary, a "same" step of an ordinary resource whose protection did not change tells.
 */
export function listsEveryResource(doc: PreviewDocument): boolean {
  const steps = doc.steps ?? [];
  const sames = steps.filter((s) => s.op === "same").length;
  const counted = doc.changeSummary?.same;
  if (doc.changeSummary) return sames >= (counted ?? 0);
  return steps.some((s) => s.op === "same" && !isRootUrn(s.urn) && (s.oldState?.protect ?? false) === (s.newState?.protect ?? false));
}

/** The records a preview's configuration gives (the head's stack file): environment and waivers, when set. */
function configRecords(doc: PreviewDocument, project: string): Record<string, unknown> {
  const config = doc.config ?? {};
  const out: Record<string, unknown> = {};
  const env = config[`${project}:environment`];
  if (typeof env === "string" && env !== "[secret]") out.environment = env;
  const waivers = config[`${project}:waivers`];
  if (typeof waivers === "string") {
    try {
      const parsed = JSON.parse(waivers) as unknown;
      if (Array.isArray(parsed)) out.waivers = parsed;
    } catch {
      // A value that is not JSON (blinded, or not a list) records nothing.
    }
  } else if (Array.isArray(waivers)) out.waivers = waivers;
  return out;
}

/** A step's state as an audit resource (outputs as Pulumi printed them: none for a new state). */
function resourceOf(s: ResourceStateJson): AuditResource {
  return toAuditResource({
    urn: s.urn,
    type: s.type,
    custom: s.custom,
    inputs: s.inputs ?? undefined,
    outputs: s.outputs ?? undefined,
    parent: s.parent ?? undefined,
    protect: s.protect ?? undefined,
    retainOnDelete: s.retainOnDelete ?? undefined,
    propertyDependencies: Object.fromEntries(Object.entries(s.propertyDependencies ?? {}).map(([k, v]) => [k, v ?? []])),
    aliases: s.aliases ?? undefined,
  });
}

function nonEmpty(o: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}

/** The digest's steps, one per resource: a replacement's two or three steps become one `replace`. */
function logicalSteps(steps: readonly Step[]): Step[] {
  const byUrn = new Map<string, Step>();
  const order: string[] = [];
  const merged: Step[] = [];
  for (const step of steps) {
    if (step.op === "delete-replaced" || step.op === "discard-replaced" || step.op === "remove-pending-replace") {
      // The old copy of a replacement: the replace (or create-replacement) step carries the change.
      if (!byUrn.has(step.urn)) {
        byUrn.set(step.urn, { ...step, op: "replace", newState: undefined });
        order.push(step.urn);
      } else {
        const had = byUrn.get(step.urn)!;
        if (!had.oldState && step.oldState) byUrn.set(step.urn, { ...had, oldState: step.oldState });
      }
      continue;
    }
    const op = step.op === "create-replacement" || step.op === "import-replacement" || step.op === "read-replacement" ? "replace" : step.op;
    const had = byUrn.get(step.urn);
    if (had && had.op === "replace" && op === "replace") {
      byUrn.set(step.urn, {
        ...had,
        oldState: had.oldState ?? step.oldState,
        newState: had.newState ?? step.newState,
        replaceReasons: had.replaceReasons?.length ? had.replaceReasons : step.replaceReasons,
        diffReasons: had.diffReasons?.length ? had.diffReasons : step.diffReasons,
      });
      continue;
    }
    if (had) {
      merged.push(step);
      continue;
    }
    byUrn.set(step.urn, { ...step, op });
    order.push(step.urn);
  }
  return [...order.map((u) => byUrn.get(u)!), ...merged];
}

export interface AppliedPreview {
  /** The stack as the preview would leave it: the audit reads this. */
  input: AuditInput;
  /** What the preview changes, resource by resource: the change judgement reads this. */
  change: ChangeSet;
  /** Whether the digest listed every resource (--show-sames). */
  complete: boolean;
}

/**
 * Applies a checked preview digest to `base` (the stack's current state, or the base branch's plan). Without a
 * base, the digest must list every resource (--show-sames); otherwise the error says what to give.
 */
export function applyPreview(doc: PreviewDocument, file: string, base?: AuditInput): AppliedPreview {
  const steps = logicalSteps(doc.steps ?? []);
  const complete = listsEveryResource(doc);
  if (!base && !complete) {
    const listed = steps.filter((s) => !isRootUrn(s.urn)).length;
    throw new AuditInputError(
      file,
      `a preview lists only the resources it changes (${listed} here; pulumi preview --json shows unchanged ones only with --show-sames): give the stack's current state with --base <pulumi stack export file>, or offline the base branch's plan (--base <plan --json file>), or preview with --show-sames`,
    );
  }
  const project = steps.length > 0 ? (steps[0].urn.split("::")[1] ?? PROJECT) : PROJECT;
  const result = new Map<string, AuditResource>();
  for (const r of base?.resources ?? []) result.set(r.urn, r);
  let stackOutputs: Record<string, unknown> = { ...(base?.stackOutputs ?? {}) };
  let stack = base?.stack;
  const changes: ResourceChange[] = [];
  for (const step of steps) {
    const state = step.newState ?? step.oldState;
    const type = state?.type ?? step.urn.split("::")[2]?.split("$").pop() ?? "";
    stack ??= /^urn:pulumi:([^:]+)::/.exec(step.urn)?.[1];
    if (type === STACK_TYPE) {
      const outputs = nonEmpty(step.newState?.outputs) ?? (base ? undefined : nonEmpty(step.oldState?.outputs));
      if (outputs) stackOutputs = { ...resourceOf({ ...(step.newState ?? step.oldState)!, outputs }).outputs };
      continue;
    }
    if (!isAuditedType(type)) continue;
    const oldUrn = step.oldState?.urn ?? step.urn;
    const before = result.get(oldUrn) ?? result.get(step.urn) ?? (step.oldState ? resourceOf(step.oldState) : undefined);
    switch (step.op) {
      case "same": {
        const after = step.newState ? resourceOf(step.newState) : before;
        if (!after) break;
        // An unchanged resource keeps what the base knows of it (outputs included); only its protection may move.
        const kept: AuditResource = before ? { ...before, urn: after.urn, name: after.name, protect: after.protect, retainOnDelete: after.retainOnDelete } : after;
        if (oldUrn !== step.urn) result.delete(oldUrn);
        result.set(step.urn, { ...kept, operation: "same" });
        if (before && (before.protect !== after.protect || before.retainOnDelete !== after.retainOnDelete)) {
          changes.push({ op: "same", urn: step.urn, type, name: after.name, before, after: kept, replaceReasons: [], diffReasons: [], uncertain: [] });
        }
        break;
      }
      case "create":
      case "import": {
        const after = { ...resourceOf(step.newState!), operation: step.op };
        result.set(step.urn, after);
        if (step.op === "create") changes.push({ op: "create", urn: step.urn, type, name: after.name, after, replaceReasons: [], diffReasons: [], uncertain: [] });
        break;
      }
      case "update":
      case "replace": {
        const fresh = step.newState ? resourceOf(step.newState) : before;
        if (!fresh) break;
        // An update keeps the resource's identity, so what the state knows of its outputs stays; a replacement is new.
        const after: AuditResource = { ...fresh, outputs: step.op === "update" && before && Object.keys(fresh.outputs).length === 0 ? before.outputs : fresh.outputs, operation: step.op };
        if (oldUrn !== step.urn) result.delete(oldUrn);
        result.set(step.urn, after);
        changes.push({ op: step.op, urn: step.urn, type, name: after.name, ...(before ? { before } : {}), after, replaceReasons: [...(step.replaceReasons ?? [])], diffReasons: [...(step.diffReasons ?? [])], uncertain: [] });
        break;
      }
      case "delete": {
        result.delete(step.urn);
        if (before) changes.push({ op: "delete", urn: step.urn, type, name: before.name, before, replaceReasons: [], diffReasons: [], uncertain: [] });
        break;
      }
      default:
        // read, refresh, read-discard: nothing the stack declares changes.
        break;
    }
  }
  Object.assign(stackOutputs, configRecords(doc, project));
  const input: AuditInput = { stack: stack ?? "unknown", source: "preview", origin: base ? `${file} applied to ${base.origin}` : file, resources: [...result.values()], stackOutputs };
  return { input, change: { basis: "preview", base: base?.origin ?? `${file} (its unchanged resources)`, changes }, complete };
}

/**
 * Converts a parsed `pulumi preview --json` document that lists every resource (--show-sames) into the stack it
 * would leave; `file` names it in error messages and in the report. With a base, see {@link applyPreview}.
 */
export function fromPreviewJson(json: unknown, file: string, base?: AuditInput): AuditInput {
  return applyPreview(checkPreview(json, file), file, base).input;
}
