/**
 * The bridge between Pulumi CrossGuard and the audit: turns the resources a stack validation policy receives into
 * an AuditInput, and the audit's failing findings into violations to report. Pure functions with no dependency on
 * `@pulumi/policy`, so that the policy pack (policy/index.ts) stays a thin wrapper and this logic is tested offline.
 *
 * What a policy sees differs from a plan or a state file in three ways, handled here:
 * - `props` are the resource's planned state; during a preview, values computed by the cloud are unknown. The
 *   policy runtime wraps `props` in a proxy that throws on reading an unknown value, so the adapter reads the
 *   proxy's target and writes "[unknown]" for each unknown value.
 * - The stack outputs (offline key copies, waivers, environment, CRL validity) are the props of the root
 *   `pulumi:pulumi:Stack` resource, which is not audited itself.
 * - Resource options carry `protect` but not `retainOnDelete`: every resource is read as not retained on delete.
 */
import { deriveFacts } from "./facts";
import { evaluate } from "./evaluate";
import type { AuditInput, AuditResource, Control, Evidence, Finding, Severity } from "./types";

/** The parts of `@pulumi/policy`'s PolicyResource the adapter reads (a PolicyResource is assignable to it). */
export interface PolicyResourceLike {
  type: string;
  name: string;
  urn: string;
  props: Record<string, unknown>;
  opts?: { protect?: boolean; parent?: string };
  /** Present on custom resources (their provider instance). */
  provider?: { urn: string };
  parent?: { urn: string };
  propertyDependencies?: Record<string, { urn: string }[]>;
}

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const UNKNOWN_MARKER = "[unknown]";

/**
 * Sentinels the policy runtime stores for values not known until the update (one per value kind; the engine
 * itself sends the string one).
 */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The key under which the policy runtime's proxy hands out the object it wraps. */
const PROXY_TARGET = "__getSpecialProxyTarget";

/** The object behind a policy-runtime proxy, or the value itself. */
function unwrap(value: unknown): unknown {
  if (value !== null && typeof value === "object") {
    try {
      const target = (value as Record<string, unknown>)[PROXY_TARGET];
      if (target !== undefined && target !== null && typeof target === "object") return target;
    } catch {
      // A plain object without the key: nothing to unwrap.
    }
  }
  return value;
}

/** A plain copy of a property value, unknown values replaced by "[unknown]". */
export function plainValue(value: unknown): unknown {
  const v = unwrap(value);
  if (typeof v === "string") return UNKNOWN_SENTINELS.has(v) ? UNKNOWN_MARKER : v;
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(plainValue);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) out[key] = plainValue((v as Record<string, unknown>)[key]);
  return out;
}

/** The stack a URN belongs to (`urn:pulumi:<stack>::...`). */
export function stackFromUrn(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/** Provider resources carry a provider reference; a type token with a module path (`aws:rds/cluster:Cluster`) too. */
function isCustom(r: PolicyResourceLike): boolean {
  return r.provider !== undefined || r.type.startsWith("pulumi:providers:") || /^[^:]+:[^:]*\/[^:]*:[^:]+$/.test(r.type);
}

function toAuditResource(r: PolicyResourceLike): AuditResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) {
    const urns = deps.map((d) => d.urn);
    if (urns.length > 0) propertyDependencies[key] = urns;
  }
  const parentUrn = r.parent?.urn ?? r.opts?.parent;
  return {
    urn: r.urn,
    type: r.type,
    name: r.name,
    ...(parentUrn ? { parentUrn } : {}),
    custom: isCustom(r),
    inputs: plainValue(r.props ?? {}) as Record<string, unknown>,
    outputs: {},
    propertyDependencies,
    protect: r.opts?.protect === true,
    retainOnDelete: false,
  };
}

/**
 * The audit input for the resources of a stack validation. `stack` defaults to the stack named in the URNs.
 * Provider instances and the root stack are left out; the root stack's props become the stack outputs.
 */
export function policyResourcesToAuditInput(resources: readonly PolicyResourceLike[], stack?: string): AuditInput {
  let stackOutputs: Record<string, unknown> = {};
  const audited: AuditResource[] = [];
  for (const r of resources) {
    if (r.type === STACK_TYPE) {
      stackOutputs = plainValue(r.props ?? {}) as Record<string, unknown>;
      continue;
    }
    if (r.type.startsWith("pulumi:providers:")) continue;
    audited.push(toAuditResource(r));
  }
  const name = stack ?? (resources.length > 0 ? stackFromUrn(resources[0].urn) : undefined) ?? "unknown";
  return { stack: name, source: "preview", origin: `policy pack validation of ${name}`, resources: audited, stackOutputs };
}

/** CrossGuard enforcement for a control: errors block the update, warnings are shown. */
export function enforcementLevel(severity: Severity): "mandatory" | "advisory" {
  return severity === "error" ? "mandatory" : "advisory";
}

function evidenceText(e: Evidence): string {
  const props = Object.entries(e.properties)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  return `${e.resource} (${e.type})${props ? `: ${props}` : ""}`;
}

/** The violation text of a failing finding: the control, what was found, and the evidence. */
export function violationMessage(f: Finding): string {
  const evidence = f.evidence.length > 0 ? ` Evidence: ${f.evidence.map(evidenceText).join("; ")}.` : "";
  return `${f.id} ${f.title}: ${f.message}${evidence}`;
}

export interface PolicyVerdict {
  /** Failing findings no valid waiver excuses: each is a violation. */
  violations: { controlId: string; severity: Severity; message: string }[];
  /** Controls that do not apply to this stack, with the reason. */
  notApplicable: { controlId: string; reason: string }[];
  findings: Finding[];
}

/** Audits the input with the given controls (all of them by default) and sorts the findings for the policy pack. */
export function policyVerdict(input: AuditInput, controls?: Control[]): PolicyVerdict {
  const findings = evaluate(deriveFacts(input), controls);
  return {
    violations: findings
      .filter((f) => f.outcome === "fail" && f.waiver === undefined)
      .map((f) => ({ controlId: f.id, severity: f.severity, message: violationMessage(f) })),
    notApplicable: findings.filter((f) => f.outcome === "not-applicable").map((f) => ({ controlId: f.id, reason: f.message })),
    findings,
  };
}
