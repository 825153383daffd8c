/**
 * Pulumi's own documents, built from offline plans in the exact shape the Pulumi CLI prints them, for tests that
 * must meet the real thing:
 *
 * - `pulumi stack export`: `apitype.UntypedDeployment` version 3 (`{version, deployment: {manifest,
 *   secrets_providers, resources}}`), every resource an `apitype.ResourceV3` with the root stack and the default
 *   providers first, secrets as Pulumi's secret objects;
 * - `pulumi preview --json`: the preview digest of pulumi/pulumi's pkg/backend/display/json.go
 *   (ShowPreviewDigest): `config` (the stack's configuration as strings), `steps` (one `PreviewStep` per step the
 *   display shows: `op`, `urn`, `provider`, `oldState`, `newState`, `diffReasons`, `replaceReasons`,
 *   `detailedDiff`), `diagnostics` when there are any, `duration` (nanoseconds) and `changeSummary`.
 *
 * Which steps show follows the engine's shouldReportStep (pkg/engine: never the default providers' steps, even with
 * --show-sames, and never counted in `changeSummary`) and the CLI's shouldShow (pkg/backend/display): the root stack
 * always; a "same" step only with --show-sames, or when its protect changes; a replacement as one logical `replace`
 * step, and its `create-replacement` and `delete-replaced` steps only with --show-replacement-steps. A
 * `delete-replaced` step carries the URN of the old state it deletes (DeleteStep.URN), which an aliased rename makes
 * differ from the replacement's; in a delete-before-replace it comes first, its old state marked
 * `pendingReplacement` (not yet `delete`), and in a create-before-delete it comes after the deletions, its old state
 * marked `delete`. Step states are taken before the step runs (stateForJSONOutput), so a new state carries no
 * outputs; secrets print as "[secret]" and values computed at deployment as the engine's unknown sentinel.
 * Diagnostics carry their prefix in `message` ("error: ...", ShowPreviewDigest writes Prefix + Message).
 *
 * Protection, as the engine enforces it: replacing a resource protected in the base and in the head adds the
 * step generator's error diagnostic (the `replace` step is still printed); deleting a resource protected in the base
 * fails that step in the preview too (DeleteStep.Apply checks protect before the dry run), which adds its error
 * diagnostic, leaves it out of `changeSummary` and stops the preview there: later deletions are not printed. Either
 * closes the digest with the engine's "preview failed" diagnostic (and `pulumi preview` exits 1). Go's encoder sorts
 * map keys, keeps struct fields in declaration order, escapes <, > and & and indents by four spaces
 * (json.MarshalIndent "    ").
 *
 * What each resource's step is comes from the caller (`ops`: the truth of a case, what the provider would say),
 * else from the plans: only in the head a create, only in the base a delete, otherwise same or update by its
 * inputs. Nothing here predicts a replacement: that is the judgement under test.
 */
import type { PlanDocument, PlanResource } from "../../src/offline/plan";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const STACK_TYPE = "pulumi:pulumi:Stack";

/** Provider packages and the versions package.json pins (their default providers' names). */
const PROVIDER_VERSIONS: Record<string, string> = { aws: "7.48.0", "azure-native": "3.28.0", random: "4.21.2", time: "0.1.1" };

export type StepOp = "same" | "create" | "update" | "replace" | "delete";

/** What Pulumi would do to one resource, as the provider would say it. */
export interface StepTruth {
  op: StepOp;
  /** Inputs that force a replacement (Pulumi's replaceReasons). */
  replaceReasons?: string[];
  /** Inputs that differ; computed from the plans when not given. */
  diffReasons?: string[];
}

export interface PreviewOptions {
  showSames?: boolean;
  showReplacementSteps?: boolean;
  /** Step of a resource, by logical name (default: from the plans). */
  ops?: Record<string, StepTruth>;
  /** The head's stack configuration as the CLI prints it (`<ns>:<key>` -> string). */
  config?: Record<string, string>;
  /**
   * Resources (logical names of the base) whose state also holds an old copy pending deletion, left by an earlier
   * replacement that did not finish: the engine deletes each copy with a `delete-replaced` step of its own
   * (GenerateDeletes), which the CLI prints only with --show-replacement-steps (not a logical step: never counted).
   */
  pendingDeleteCopies?: string[];
  /** Warnings or errors to put in `diagnostics`. */
  diagnostics?: { urn?: string; message: string; severity: "warning" | "error" | "info" }[];
}

/** Sorts the keys of a map the way Go's encoder does; leaves arrays in order. */
function sortedMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedMap);
  if (value === null || typeof value !== "object") return value;
  const o = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, sortedMap(o[k])]),
  );
}

/** Property values of a plan as Pulumi stores them in a state: secrets as secret objects. */
function stateValue(value: unknown): unknown {
  if (value === "[secret]") return { [SIG]: SECRET_SIG, ciphertext: "v1:U2FsdGVkX18K:c2VjcmV0LWluLWNpcGhlcnRleHQ=" };
  if (value === "[unknown]") return UNKNOWN_SENTINEL;
  if (Array.isArray(value)) return value.map(stateValue);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, stateValue(v)]));
  return value;
}

/** Property values as a preview step prints them: secrets as "[secret]", computed values as the unknown sentinel. */
function stepValue(value: unknown): unknown {
  if (value === "[unknown]") return UNKNOWN_SENTINEL;
  if (Array.isArray(value)) return value.map(stepValue);
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[SIG] === SECRET_SIG) return "[secret]";
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, stepValue(v)]));
  }
  return value;
}

/** Go's json.MarshalIndent(v, "", "    "): four spaces, and <, > and & escaped in strings. */
export function goJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

interface Layout {
  rootUrn: string;
  urnOfName: Map<string, string>;
  providerOf: (type: string) => { urn: string; id: string; ref: string };
  providers: { urn: string; id: string; pkg: string; version: string }[];
}

function layout(plan: PlanDocument): Layout {
  const rootUrn = `urn:pulumi:${plan.stack}::${plan.project}::${STACK_TYPE}::${plan.project}-${plan.stack}`;
  const urnOfName = new Map<string, string>([[`${plan.project}-${plan.stack}`, rootUrn]]);
  for (const r of plan.resources) urnOfName.set(r.name, r.urn);
  const pkgs = [...new Set(plan.resources.filter((r) => r.type.split(":")[0] in PROVIDER_VERSIONS).map((r) => r.type.split(":")[0]))].sort();
  const providers = pkgs.map((pkg, i) => {
    const version = PROVIDER_VERSIONS[pkg];
    return { pkg, version, urn: `urn:pulumi:${plan.stack}::${plan.project}::pulumi:providers:${pkg}::default_${version.replace(/\./g, "_")}`, id: `6f1a2b3c-4d5e-4f60-8a71-${String(900000000000 + i)}` };
  });
  return {
    rootUrn,
    urnOfName,
    providers,
    providerOf: (type) => {
      const p = providers.find((x) => x.pkg === type.split(":")[0]) ?? providers[0];
      return { urn: p.urn, id: p.id, ref: `${p.urn}::${p.id}` };
    },
  };
}

const isCustom = (r: PlanResource) => !r.type.startsWith("cenm-backup:");

/** The provider ID a deployed resource of the plan is given. */
export function resourceId(r: PlanResource): string {
  return `${r.name}-${r.urn.length.toString(16)}0c1d`;
}

/** The engine's error when a preview would replace a protected resource (step_generator.go), as the digest prints it. */
export function replaceRefusal(urn: string): string {
  return `error: unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`\n`;
}

/** The engine's error when a preview would delete a protected resource (DeleteStep.Apply, reported as "Preview failed"). */
export function deleteRefusal(urn: string): string {
  return `error: Preview failed: resource "${urn}" cannot be deleted\nbecause it is protected. To unprotect the resource, either remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\`, or use the command:\n\`pulumi state unprotect '${urn}'\`\n`;
}

/** The engine's closing diagnostic when any step failed (deploymentExecutor.reportExecResult). */
export const PREVIEW_FAILED = "error: preview failed\n";
const CREATED = "2026-11-02T09:14:07.123456Z";

/** One resource of a state, in ResourceV3's field order. */
function stateResource(r: PlanResource, l: Layout, form: "state" | "old" | "new", inputs: Record<string, unknown> = r.inputs, marks: { delete?: boolean; pendingReplacement?: boolean; id?: string } = {}): Record<string, unknown> {
  const custom = isCustom(r);
  const value = form === "state" ? stateValue : (v: unknown) => stepValue(stateValue(v));
  const deps = [...new Set([...(r.options.dependsOn ?? []).map((n) => l.urnOfName.get(n) ?? n), ...Object.values(r.propertyDependencies).flat()])].sort();
  const parent = r.parent ? (l.urnOfName.get(r.parent) ?? l.rootUrn) : l.rootUrn;
  const out: Record<string, unknown> = { urn: r.urn, custom };
  if (marks.delete) out.delete = true;
  if (custom && form !== "new") out.id = marks.id ?? resourceId(r);
  out.type = r.type;
  if (custom && Object.keys(inputs).length > 0) out.inputs = sortedMap(value(inputs));
  if (form !== "new") {
    const outputs = custom ? { ...inputs, id: out.id } : {};
    if (Object.keys(outputs).length > 0) out.outputs = sortedMap(value(outputs));
  }
  out.parent = parent;
  if (r.options.protect) out.protect = true;
  if (deps.length > 0) out.dependencies = deps;
  if (custom) out.provider = l.providerOf(r.type).ref;
  if (Object.keys(r.propertyDependencies).length > 0) out.propertyDependencies = sortedMap(r.propertyDependencies);
  if (marks.pendingReplacement) out.pendingReplacement = true;
  if (r.options.additionalSecretOutputs?.length) out.additionalSecretOutputs = r.options.additionalSecretOutputs;
  if (r.options.aliasUrns?.length) out.aliases = r.options.aliasUrns;
  out.customTimeouts = {};
  if (r.options.retainOnDelete) out.retainOnDelete = true;
  if (r.options.deletedWith) out.deletedWith = l.urnOfName.get(r.options.deletedWith);
  if (form !== "new") {
    out.created = CREATED;
    out.modified = CREATED;
  }
  return out;
}

function rootState(plan: PlanDocument, l: Layout, form: "state" | "old" | "new"): Record<string, unknown> {
  const out: Record<string, unknown> = { urn: l.rootUrn, custom: false, type: STACK_TYPE };
  if (form !== "new" && Object.keys(plan.outputs).length > 0) out.outputs = sortedMap(form === "state" ? stateValue(plan.outputs) : stepValue(stateValue(plan.outputs)));
  out.customTimeouts = {};
  if (form !== "new") {
    out.created = CREATED;
    out.modified = CREATED;
  }
  return out;
}

function providerState(p: Layout["providers"][number], l: Layout, form: "state" | "old" | "new"): Record<string, unknown> {
  const inputs = { __internal: { pluginDownloadURL: "" }, version: p.version };
  const out: Record<string, unknown> = { urn: p.urn, custom: true };
  if (form !== "new") out.id = p.id;
  out.type = `pulumi:providers:${p.pkg}`;
  out.inputs = sortedMap(inputs);
  if (form !== "new") out.outputs = sortedMap(inputs);
  out.parent = undefined;
  delete out.parent;
  out.customTimeouts = {};
  if (form !== "new") {
    out.created = CREATED;
    out.modified = CREATED;
  }
  void l;
  return out;
}

/** `pulumi stack export` of a stack deployed exactly as `plan` declares it. */
export function stackExport(plan: PlanDocument): Record<string, unknown> {
  const l = layout(plan);
  const resources = [rootState(plan, l, "state"), ...l.providers.map((p) => providerState(p, l, "state")), ...plan.resources.map((r) => stateResource(r, l, "state"))];
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-02T09:14:07.123456789Z", magic: "0b7a1b9d6a1d0e0b6f6b5d2f7e3c0a4d8c6e1f2a3b4c5d6e7f8091a2b3c4d5e6", version: "v3.248.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:Pq1QXWyQGXY=:v1:7bYbQwKc2nL0m3sF:0P9vC1Yv2oGv5k7pJ1bq7w==" } },
      resources,
    },
  };
}

function diffKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(sortedMap(a[k])) !== JSON.stringify(sortedMap(b[k]))).sort();
}

/**
 * `pulumi preview --json` of `head` against a stack deployed as `base` declares it. Inputs of the head that take
 * their value from a resource the preview creates or replaces are unknown, as in a real preview.
 */
export function previewDigest(base: PlanDocument, head: PlanDocument, options: PreviewOptions = {}): Record<string, unknown> {
  const lb = layout(base);
  const lh = layout(head);
  const baseBy = new Map(base.resources.map((r) => [r.urn, r]));
  const headUrns = new Set(head.resources.map((r) => r.urn));
  const steps: Record<string, unknown>[] = [];
  const trailing: Record<string, unknown>[] = [];
  const summary: Record<string, number> = {};
  const count = (op: string) => (summary[op] = (summary[op] ?? 0) + 1);
  // Resources the preview creates or replaces: what takes a value from them is not known before the update.
  const fresh = new Set<string>(
    head.resources
      .filter((r) => {
        const known = baseBy.has(r.urn) || (r.options.aliasUrns ?? []).some((u) => baseBy.has(u));
        return !known || options.ops?.[r.name]?.op === "replace" || options.ops?.[r.name]?.op === "create";
      })
      .map((r) => r.urn),
  );

  // The root stack: always shown, a "same" unless the stack is new (its state then holds nothing, the root neither).
  if (base.resources.length === 0) {
    steps.push({ op: "create", urn: lh.rootUrn, newState: rootState(head, lh, "new"), detailedDiff: null });
    count("create");
  } else {
    steps.push({ op: "same", urn: lh.rootUrn, oldState: rootState(base, lb, "old"), newState: rootState(head, lh, "new"), detailedDiff: null });
    count("same");
  }
  // Default providers: the engine reports none of their steps (shouldReportStep), so they are neither printed nor
  // counted, with or without --show-sames.
  const refusals: { urn: string; message: string }[] = [];

  for (const r of head.resources) {
    const before = baseBy.get(r.urn) ?? (r.options.aliasUrns ?? []).map((u) => baseBy.get(u)).find((x) => x !== undefined);
    // Inputs that take a value from a resource created or replaced earlier in this preview are not known yet.
    const inputs: Record<string, unknown> = { ...r.inputs };
    for (const [key, urns] of Object.entries(r.propertyDependencies)) if (urns.some((u) => fresh.has(u))) inputs[key] = "[unknown]";
    const truth = options.ops?.[r.name];
    const changed = before ? diffKeys(before.inputs, inputs) : [];
    const op: StepOp = truth?.op ?? (!before ? "create" : changed.length > 0 ? "update" : "same");
    if (!isCustom(r)) {
      // Component resources: same unless new; the display shows them like any resource.
      const cop = before ? "same" : "create";
      count(cop);
      if (cop === "create" || options.showSames || (before && before.options.protect !== r.options.protect)) {
        steps.push({ op: cop, urn: r.urn, ...(before ? { oldState: stateResource(before, lb, "old") } : {}), newState: stateResource(r, lh, "new", inputs), detailedDiff: null });
      }
      continue;
    }
    const provider = lh.providerOf(r.type).ref;
    const oldState = before ? stateResource(before, lb, "old") : undefined;
    const newState = stateResource(r, lh, "new", inputs);
    const diffReasons = truth?.diffReasons ?? changed;
    count(op);
    if (op === "same") {
      if (options.showSames || before!.options.protect !== r.options.protect) steps.push({ op, urn: r.urn, provider, oldState, newState, detailedDiff: null });
      continue;
    }
    if (op === "create") {
      steps.push({ op, urn: r.urn, provider, newState, detailedDiff: null });
      continue;
    }
    if (op === "update") {
      steps.push({ op, urn: r.urn, provider, oldState, newState, diffReasons, detailedDiff: sortedMap(Object.fromEntries(diffReasons.map((k) => [k, { kind: "update", inputDiff: false }]))) });
      continue;
    }
    if (op === "replace") {
      const reasons = truth?.replaceReasons ?? diffReasons;
      // Protected before and after: the engine refuses the replacement, yet prints its steps.
      if (before!.options.protect && r.options.protect) refusals.push({ urn: r.urn, message: replaceRefusal(r.urn) });
      const detailed = sortedMap(Object.fromEntries(diffReasons.map((k) => [k, { kind: reasons.includes(k) ? "update-replace" : "update", inputDiff: false }])));
      const replace = { op: "replace", urn: r.urn, provider, oldState, newState, diffReasons, replaceReasons: reasons, detailedDiff: detailed };
      if (!options.showReplacementSteps) {
        steps.push(replace);
        continue;
      }
      const created = { op: "create-replacement", urn: r.urn, provider, oldState, newState, diffReasons, replaceReasons: reasons, detailedDiff: detailed };
      // The delete step is the old state's (its URN too, the old one after an aliased rename). Before a
      // delete-before-replace it is marked pendingReplacement; after a create-before-delete, delete.
      const dbr = r.options.deleteBeforeReplace === true;
      const deleted = { op: "delete-replaced", urn: before!.urn, provider: lb.providerOf(before!.type).ref, oldState: stateResource(before!, lb, "old", before!.inputs, dbr ? { pendingReplacement: true } : { delete: true }), detailedDiff: null };
      if (dbr) steps.push(deleted, replace, created);
      else {
        steps.push(created, replace);
        trailing.unshift(deleted);
      }
      continue;
    }
  }
  // Deletions come last, dependents first (the reverse of registration).
  const deletions = base.resources.filter((r) => !headUrns.has(r.urn) && !head.resources.some((h) => h.options.aliasUrns?.includes(r.urn)));
  // Old copies pending deletion go with the deletions (GenerateDeletes), shown only as replacement steps.
  for (const name of options.pendingDeleteCopies ?? []) {
    const r = base.resources.find((x) => x.name === name);
    if (!r) throw new Error(`no resource ${name} in the base plan`);
    if (options.showReplacementSteps) {
      trailing.push({ op: "delete-replaced", urn: r.urn, provider: lb.providerOf(r.type).ref, oldState: stateResource(r, lb, "old", r.inputs, { delete: true, id: `${resourceId(r)}-old` }), detailedDiff: null });
    }
  }
  let stopped = false;
  for (const r of [...deletions].reverse()) {
    steps.push({ op: "delete", urn: r.urn, ...(isCustom(r) ? { provider: lb.providerOf(r.type).ref } : {}), oldState: stateResource(r, lb, "old"), detailedDiff: null });
    if (r.options.protect) {
      // The step is printed, then refused: not counted, and the engine cancels what it has not started.
      refusals.push({ urn: r.urn, message: deleteRefusal(r.urn) });
      stopped = true;
      break;
    }
    count("delete");
  }
  if (!stopped) steps.push(...trailing);

  const diagnostics = [...(options.diagnostics ?? []), ...refusals.map((x) => ({ urn: x.urn, message: x.message, severity: "error" as const }))];
  if (refusals.length > 0) diagnostics.push({ message: PREVIEW_FAILED, severity: "error" });
  const digest: Record<string, unknown> = {};
  if (options.config) digest.config = sortedMap(options.config);
  digest.steps = steps;
  if (diagnostics.length) digest.diagnostics = diagnostics.map((d) => ({ ...(d.urn ? { urn: d.urn } : {}), message: d.message, severity: d.severity }));
  digest.duration = 7412345678;
  digest.changeSummary = sortedMap(summary);
  return digest;
}
