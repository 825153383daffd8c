/**
 * The offline plan: evaluate a stack's program under the mock runtime with that stack's configuration, and
 * render what it declared as a plan document (JSON) and a readable summary.
 */
import { cenmBackup } from "../program";
import type { BackupElement, CopyDescriptor } from "../components/types";
import { DeclaredResource, OfflineRun, runOffline } from "./engine";
import { readStackFile } from "./stackFile";
import { checkPlatformLimits, formatViolation, PlatformLimitError } from "../domain/limits";
import { ALL_STATEFUL_TYPES } from "../domain/resources/stateful";
import { PROJECT } from "../domain/vocabulary";
import { resourceViews } from "./views";
import { pushAll } from "../domain/arrays";

// The plan's resources as resource views live in ./views (no Pulumi there, so the audit of a file loads none).
export { resourceViews };

export interface PlanResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  inputs: Record<string, unknown>;
  /** Input name -> URNs of the resources its value comes from (the references an audit follows). */
  propertyDependencies: Record<string, string[]>;
  options: DeclaredResource["options"];
}

export interface PlanDocument {
  stack: string;
  project: string;
  preview: boolean;
  resources: PlanResource[];
  outputs: Record<string, unknown>;
}

export interface StackPlan {
  run: OfflineRun;
  document: PlanDocument;
}

/** Plans one stack from its stack file. Throws ConfigError / StackFileError on bad input. */
export async function planStack(stack: string, options: { stacksDir?: string; preview?: boolean; now?: Date } = {}): Promise<StackPlan> {
  const file = readStackFile(stack, options.stacksDir);
  const run = await runOffline(() => cenmBackup({ now: options.now }), {
    project: PROJECT,
    stack,
    config: file.config,
    secretKeys: file.secretKeys,
    preview: options.preview ?? false,
  });
  const document = planDocumentOf(run);
  // What the cloud would refuse or silently break stops the plan, whatever the program (platform limits).
  const violations = checkPlatformLimits(resourceViews(document));
  if (violations.length > 0) throw new PlatformLimitError(violations, formatViolation, stack);
  return { run, document };
}

export function planDocumentOf(run: OfflineRun): PlanDocument {
  return {
    stack: run.stack,
    project: run.project,
    preview: run.preview,
    resources: run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      ...(r.parent ? { parent: r.parent } : {}),
      inputs: r.inputs,
      propertyDependencies: r.propertyDependencies,
      options: r.options,
    })),
    outputs: run.outputs,
  };
}

const ELEMENTS: { element: BackupElement; title: string }[] = [
  { element: "database", title: "1. Database replication" },
  { element: "snapshots", title: "2. Rolling database snapshots" },
  { element: "files", title: "3. Replicated file storage" },
  { element: "keys", title: "4. Offline-style key vault" },
];

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + " ".repeat(n - s.length);
}

/**
 * The plan's text: each element's copies with their RPO, the recovery objectives when given (the audit's lines,
 * `planObjectiveLines`: the offline layer does not read the audit), protection, waivers, and (unless `log` is false)
 * warnings.
 */
export function summarize(run: OfflineRun, options: { log?: boolean; objectives?: readonly string[] } = {}): string {
  const o = run.outputs as Record<string, any>;
  const lines: string[] = [];
  lines.push(`Stack ${run.stack}: ${o.environment ?? "?"} on ${o.cloud ?? "?"}${run.preview ? " (preview: computed values unknown)" : ""}, ${run.resources.length} resources declared`);
  lines.push(`  primary ${o.primaryRegion} [${(o.availabilityZones ?? []).join(", ")}]  ->  DR ${o.drRegion}`);
  const copies: CopyDescriptor[] = Array.isArray(o.copies) ? o.copies : [];
  for (const { element, title } of ELEMENTS) {
    lines.push("");
    lines.push(title);
    const mine = copies.filter((c) => c.element === element);
    if (mine.length === 0) lines.push("  (no copy declared)");
    for (const c of mine) {
      const where = `${c.region}${c.availabilityZones.length ? ` [${c.availabilityZones.join(", ")}]` : ""}`;
      lines.push(`  - ${pad(c.role, 26)} ${pad(where, 50)} ${pad(c.mode, 16)} RPO ${c.rpo}`);
      lines.push(`    ${c.mechanism} (${c.resource})`);
    }
    if (element === "snapshots" && Array.isArray(o.snapshots?.rules)) {
      for (const r of o.snapshots.rules as Record<string, unknown>[]) {
        const days = (n: unknown) => `${n} day${n === 1 ? "" : "s"}`;
        const copy = r.copyToRegion ? `, copied to ${r.copyToRegion} for ${days(r.copyRetentionDays)}` : "";
        lines.push(`    rule ${r.name}: ${r.schedule}, kept ${days(r.retentionDays)}${r.continuous ? " (continuous, point-in-time)" : ""}${copy}`);
      }
      const lock = o.snapshots.vaultLock as Record<string, unknown> | undefined;
      lines.push(
        lock
          ? `    vault lock: ${lock.mode}, retention ${lock.minRetentionDays}-${lock.maxRetentionDays} days` +
              (lock.changeableForDays !== undefined ? `, fixed ${lock.changeableForDays} days after creation (bounds cannot change afterwards: README, Vault lock bounds)` : "")
          : `    vault lock: ${o.snapshots.lockMode}`,
      );
    }
    if (element === "keys" && o.keys?.keyCopies) {
      const k = o.keys.keyCopies as { total: number; byKind: Record<string, number> };
      const kinds = Object.entries(k.byKind).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(", ");
      lines.push(`    separate key copies: ${k.total} (${kinds})`);
      for (const off of (o.keys.offlineCopies ?? []) as Record<string, any>[]) {
        lines.push(`    offline copy ${off.id}: ${off.medium}, ${off.location}; custodians ${off.custodians.join(" + ")}; verified ${off.lastVerified}`);
      }
    }
  }
  if (options.objectives) {
    lines.push("");
    lines.push("Recovery objectives (target / estimate / floor per disruption; the audit's CENM-RO controls judge them)");
    pushAll(lines, options.objectives);
  }
  const stateful = run.resources.filter((r) => ALL_STATEFUL_TYPES.has(r.type));
  const protectedCount = stateful.filter((r) => r.options.protect && r.options.retainOnDelete).length;
  lines.push("");
  lines.push(`Protection: ${protectedCount} of ${stateful.length} stateful resources protected (protect + retainOnDelete)`);
  const waivers = (o.waivers ?? []) as { id: string; reason: string }[];
  lines.push(`Waivers: ${waivers.length === 0 ? "none" : ""}`);
  for (const w of waivers) lines.push(`  - ${w.id}: ${w.reason}`);
  if (options.log !== false) for (const l of run.log) lines.push(`${l.severity}: ${l.message}`);
  return lines.join("\n");
}
