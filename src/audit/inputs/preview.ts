/**
 * Reads `pulumi preview --json` (the Pulumi CLI's preview digest: `config`, `steps`, `diagnostics`, `duration`,
 * `changeSummary`) as a change to a stack. The CLI lists only the resources the change touches, plus the root stack
 * and any resource whose `protect` changes; unchanged ones appear only with `--show-sames`, and the default providers
 * never (the engine does not report their steps). A replacement is one `replace` step, or with
 * `--show-replacement-steps` a `create-replacement` and a `delete-replaced` beside it. So the digest is applied to the
 * stack's current state (a `pulumi stack export`, or offline the base branch's plan), and a preview that lists no
 * change gives back that state as it is. A digest with every unchanged resource (`--show-sames`) can also be read
 * alone.
 *
 * Each step's states are `apitype.ResourceV3` with secrets shown as "[secret]" and values computed at deployment as
 * Pulumi's unknown sentinel (read as "[unknown]"). The new state of a step is taken before the step runs, so it has
 * no outputs; the root stack's new outputs are therefore absent, and the records (environment, waivers) are the
 * base's, overlaid with what the preview's own configuration says (`<project>:environment`, `<project>:waivers`).
 *
 * What pulumi/pulumi's source says about the steps read here:
 * - a `delete-replaced` step carries the URN of the state it deletes (DeleteStep.URN is the old state's), so after an
 *   aliased rename it names the old URN while the replacement names the new one;
 * - a `delete-replaced` step with no replacement beside it deletes a copy an earlier, interrupted replacement left
 *   pending deletion (GenerateDeletes: a state marked `delete`), not the live resource;
 * - the engine refuses to replace a protected resource (step_generator.go) or to delete one (DeleteStep.Apply, before
 *   the dry-run check): the preview then carries an error diagnostic naming it, still prints the step, and closes
 *   with a "preview failed" diagnostic; `pulumi preview` exits 1. Such a preview is judged (what it would do is known),
 *   any other error diagnostic makes it unreadable;
 * - read resources (`read`, `read-replacement`, `discard` = OpReadDiscard, `discard-replaced`) are external: the stack
 *   reads them and never manages them.
 */
import { z } from "zod";
import { PROJECT } from "../../domain/vocabulary";
import { parseUrn } from "../../domain/urn";
import type { ChangeSet, ResourceChange } from "../change/types";
import type { AuditInput, AuditResource } from "../types";
import { AuditInputError, describeZodError } from "./errors";
import { resourceStateSchema, type ResourceStateJson } from "./schemas";
import { isAuditedType, nameOfUrn, STACK_TYPE, toAuditResource } from "./values";

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
  // The CLI writes the diagnostic's prefix ("error: ") into `message` (ShowPreviewDigest: Prefix + Message).
  diagnostics: z.array(z.object({ urn: z.string().optional(), message: z.string().optional(), severity: z.string().optional() }).passthrough()).nullish(),
  duration: z.number().nullish(),
  changeSummary: z.record(z.number()).nullish(),
  maybeCorrupt: z.boolean().nullish(),
});

export type PreviewDocument = z.infer<typeof previewSchema>;
type Step = z.infer<typeof stepSchema>;

/** The step operations of Pulumi's engine, as the digest spells them (pkg/resource/deploy, StepOp). */
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
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "import",
  "import-replacement",
] as const;
const KNOWN_OPS: ReadonlySet<string> = new Set(STEP_OPS);
/** Operations on resources the program reads, or bookkeeping: nothing the stack manages changes. */
const NOT_MANAGED_OPS: ReadonlySet<string> = new Set(["read", "read-replacement", "refresh", "discard", "discard-replaced", "remove-pending-replace"]);
/** The parts of one replacement that carry its new state (the `delete-replaced` step is matched separately). */
const REPLACEMENT_OPS: ReadonlySet<string> = new Set(["replace", "create-replacement", "import-replacement"]);

const WHAT = "not a Pulumi preview (pulumi preview --json)";

/** A replacement or deletion the engine refused because the resource is protected. */
export interface ProtectionRefusal {
  urn: string;
  action: "replace" | "delete";
}

// The engine's wording (pulumi/pulumi): step_generator.go for a replacement (also "... as part of replacing <urn> ...",
// a dependent of a delete-before-replace); step.go DeleteStep.Apply for a deletion, reported in a preview as
// "Preview failed: <error>", in the older and in the current wording.
const REFUSALS: readonly { pattern: RegExp; action: ProtectionRefusal["action"] }[] = [
  { pattern: /unable to replace resource "([^"]+)"(?:\s+as part of replacing "[^"]+")?\s+as it is currently marked for protection/, action: "replace" },
  { pattern: /unable to delete resource "([^"]+)"\s+as it is currently marked for protection/, action: "delete" },
  { pattern: /resource "([^"]+)" cannot be deleted\s+because it is protected/, action: "delete" },
];
/** The engine's closing diagnostic whenever a step failed (deploymentExecutor, reportExecResult). */
const PREVIEW_FAILED = /^(error: )?preview failed\.?\s*$/i;

/**
 * Sorts the preview's error diagnostics into refusals of protected resources, and the others (with the engine's
 * closing "preview failed", which comes with either).
 */
export function previewErrors(doc: PreviewDocument): { refusals: ProtectionRefusal[]; others: string[] } {
  const refusals: ProtectionRefusal[] = [];
  const others: string[] = [];
  let closing = false;
  for (const d of doc.diagnostics ?? []) {
    if (d.severity !== "error") continue;
    const message = d.message ?? "";
    const refusal = REFUSALS.map((r) => ({ m: r.pattern.exec(message), action: r.action })).find((r) => r.m !== null);
    if (refusal) refusals.push({ urn: refusal.m![1] || d.urn || "", action: refusal.action });
    else if (PREVIEW_FAILED.test(message) && !d.urn) closing = true;
    else others.push(message.trim().split("\n")[0] || "an error diagnostic");
  }
  if (closing && refusals.length === 0) others.push("preview failed");
  return { refusals, others };
}

/** Checks a parsed `pulumi preview --json` document; errors name the file and the field. */
export function checkPreview(json: unknown, file: string): PreviewDocument {
  const parsed = previewSchema.safeParse(json);
  if (!parsed.success) throw new AuditInputError(file, `${WHAT}: ${describeZodError(parsed.error)}`);
  const doc = parsed.data;
  // The CLI omits an empty step list, never the summary: a document with neither is something else.
  if (doc.steps == null && doc.changeSummary == null) throw new AuditInputError(file, `${WHAT}: steps is missing`);
  (doc.steps ?? []).forEach((step, i) => {
    if (!KNOWN_OPS.has(step.op)) throw new AuditInputError(file, `${WHAT}: steps[${i}].op: unknown operation "${step.op}" on ${step.urn}`);
  });
  const { others } = previewErrors(doc);
  if (others.length > 0) throw new AuditInputError(file, `the preview failed, so its steps may be incomplete: ${others[0]}`);
  return doc;
}

function isRootUrn(urn: string): boolean {
  return parseUrn(urn)?.qualifiedType === STACK_TYPE;
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

/** A step as the reader applies it: a replacement's steps merged into one, a lone `delete-replaced` set apart. */
type LogicalStep = Step & { oldCopy?: boolean };

/**
 * The digest's steps, one per resource: a replacement's two or three steps (`create-replacement`, `replace`,
 * `delete-replaced`) become one `replace`, keyed by the new URN; its `delete-replaced`, which carries the old state's
 * URN, is matched to the replacement whose old state has that URN and provider ID. A `delete-replaced` that matches
 * no replacement deletes an old copy left pending deletion. Steps of resources the stack only reads are left out.
 */
function logicalSteps(steps: readonly Step[]): LogicalStep[] {
  const out: LogicalStep[] = [];
  const replacements = new Map<string, number>();
  const deletesReplaced: Step[] = [];
  for (const step of steps) {
    if (NOT_MANAGED_OPS.has(step.op)) continue;
    if (step.op === "delete-replaced") {
      deletesReplaced.push(step);
      continue;
    }
    if (REPLACEMENT_OPS.has(step.op)) {
      const at = replacements.get(step.urn);
      if (at === undefined) {
        replacements.set(step.urn, out.length);
        out.push({ ...step, op: "replace" });
      } else {
        const had = out[at];
        out[at] = {
          ...had,
          oldState: had.oldState ?? step.oldState,
          newState: had.newState ?? step.newState,
          replaceReasons: had.replaceReasons?.length ? had.replaceReasons : step.replaceReasons,
          diffReasons: had.diffReasons?.length ? had.diffReasons : step.diffReasons,
        };
      }
      continue;
    }
    out.push(step);
  }
  const claimed = new Set<number>();
  for (const d of deletesReplaced) {
    const id = d.oldState?.id ?? undefined;
    const at = [...replacements.values()].find((i) => {
      if (claimed.has(i)) return false;
      const old = out[i].oldState;
      const oldUrn = old?.urn ?? out[i].urn;
      return oldUrn === d.urn && (id === undefined || !old?.id || old.id === id);
    });
    if (at === undefined) {
      out.push({ ...d, oldCopy: true });
      continue;
    }
    claimed.add(at);
    if (!out[at].oldState && d.oldState) out[at] = { ...out[at], oldState: d.oldState };
  }
  return out;
}

export interface AppliedPreview {
  /** The stack as the preview would leave it: the audit reads this. */
  input: AuditInput;
  /** What the preview changes, resource by resource: the change judgement reads this. */
  change: ChangeSet;
  /** Whether the digest listed every resource (--show-sames). */
  complete: boolean;
}

/** "X (type)" for a note. */
function named(urn: string): string {
  const p = parseUrn(urn);
  return p ? `${p.name} (${p.type})` : urn;
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
  const project = (doc.steps ?? []).map((s) => parseUrn(s.urn)?.project).find((p) => p !== undefined) ?? PROJECT;
  const result = new Map<string, AuditResource>();
  for (const r of base?.resources ?? []) result.set(r.urn, r);
  let stackOutputs: Record<string, unknown> = { ...(base?.stackOutputs ?? {}) };
  // An empty state names no stack: the preview's URNs do.
  let stack = base && base.stack !== "unknown" ? base.stack : undefined;
  const changes: ResourceChange[] = [];
  const notes: string[] = [...(base?.notes ?? [])];
  const unreadable = (step: Step, what: string) =>
    notes.push(`${named(step.urn)}: the preview printed no new state for this ${step.op} (the CLI leaves out a state it cannot serialise), so ${what}${step.diffReasons?.length ? `; Pulumi names the changed inputs ${step.diffReasons.join(", ")}` : ""}. Read it in \`pulumi preview --diff\`.`);
  for (const step of steps) {
    const state = step.newState ?? step.oldState;
    const type = state?.type ?? parseUrn(step.urn)?.type ?? "";
    stack ??= parseUrn(step.urn)?.stack;
    if (type === STACK_TYPE) {
      const outputs = nonEmpty(step.newState?.outputs) ?? (base ? undefined : nonEmpty(step.oldState?.outputs));
      if (outputs) stackOutputs = { ...resourceOf({ ...(step.newState ?? step.oldState)!, outputs }).outputs };
      continue;
    }
    if (!isAuditedType(type)) continue;
    if (step.oldCopy) {
      // An old copy left pending deletion: the live resource (same URN) stays as it is.
      const before = step.oldState ? resourceOf(step.oldState) : result.get(step.urn);
      if (before) changes.push({ op: "delete", urn: step.urn, type, name: before.name, before, replaceReasons: [], diffReasons: [], uncertain: [], oldCopyId: step.oldState?.id ?? "unknown" });
      continue;
    }
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
        if (!step.newState) {
          unreadable(step, "the resource is not in the audited stack and its inputs are not judged");
          break;
        }
        const after = { ...resourceOf(step.newState), operation: step.op };
        result.set(step.urn, after);
        if (step.op === "create") changes.push({ op: "create", urn: step.urn, type, name: after.name, after, replaceReasons: [], diffReasons: [], uncertain: [] });
        break;
      }
      case "update":
      case "replace": {
        if (!step.newState) {
          unreadable(step, step.op === "update" ? "what the update does to its inputs is not judged (the resource is audited as the base has it)" : "the replacement is judged from Pulumi's op and replaceReasons alone");
          if (!before) break;
          if (oldUrn !== step.urn) result.delete(oldUrn);
          result.set(step.urn, { ...before, operation: step.op });
          changes.push({ op: step.op, urn: step.urn, type, name: nameOfUrn(step.urn), before, replaceReasons: [...(step.replaceReasons ?? [])], diffReasons: [...(step.diffReasons ?? [])], uncertain: [] });
          break;
        }
        const fresh = resourceOf(step.newState);
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
        break;
    }
  }
  const { refusals } = previewErrors(doc);
  for (const r of refusals) {
    const c = changes.find((x) => x.oldCopyId === undefined && (x.urn === r.urn || x.before?.urn === r.urn) && (r.action === "replace" ? x.op === "replace" : x.op === "delete"));
    if (c) c.refused = r.action;
    notes.push(
      r.action === "replace"
        ? `Pulumi refuses to replace ${named(r.urn)}: it is protected. \`pulumi preview\` exits 1 on this change, and \`pulumi up\` would stop at the replacement until protection is lifted (protect removed in the program and deployed first).`
        : `Pulumi refuses to delete ${named(r.urn)}: it is protected. \`pulumi preview\` exits 1 on this change, and \`pulumi up\` would stop at the deletion until protection is lifted. Pulumi stops a preview at a step it refuses, so steps it had not started (further deletions) may be missing from this preview.`,
    );
  }
  Object.assign(stackOutputs, configRecords(doc, project));
  const input: AuditInput = { stack: stack ?? "unknown", source: "preview", origin: base ? `${file} applied to ${base.origin}` : file, resources: [...result.values()], stackOutputs };
  return { input, change: { basis: "preview", base: base?.origin ?? `${file} (its unchanged resources)`, changes, ...(notes.length > 0 ? { notes } : {}) }, complete };
}

/**
 * Converts a parsed `pulumi preview --json` document that lists every resource (--show-sames) into the stack it
 * would leave; `file` names it in error messages and in the report. With a base, see {@link applyPreview}.
 */
export function fromPreviewJson(json: unknown, file: string, base?: AuditInput): AuditInput {
  return applyPreview(checkPreview(json, file), file, base).input;
}
