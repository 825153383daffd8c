/**
 * Building the runbook from what the audit reads: the declared resources give the facts, the facts give the
 * audit's scenarios and, per component, the copy each scenario's figures rest on. For each scenario the runbook turns
 * those copies into steps with the stack's resource names; a scenario the declared topology cannot recover from gets
 * a plain statement and no steps.
 */
import { deriveFacts } from "../audit/facts";
import { crlDeadline, scenarioDetails, type ComponentRecovery, type RecoveryChoice, type ScenarioDetail } from "../audit/scenarios";
import type { AuditInput, Facts, KeyCopyFact } from "../audit/types";
import { CENM_START_ORDER_SOURCE } from "../domain/cenm";
import { ResourceGraph } from "../domain/resources/graph";
import { DATABASE_SERVICES } from "../domain/vocabulary";
import { awsKeySteps, awsRestoreSteps } from "./aws";
import { azureKeySteps, azureRestoreSteps } from "./azure";
import { crlReissue, readCrlDeadline, serviceChecks, serviceStarts, type Restored } from "./cenm";
import type { ComponentPlan, Runbook, RunbookScenario, Step } from "./model";
import { Namer } from "./names";
import { shell, step, type StepContext } from "./steps";

export interface RunbookOptions {
  /** The runbook's date; defaults to now. */
  today?: Date;
  /** The facts of `input`, when the caller has derived them already (the audit): they are not derived twice. */
  facts?: Facts;
}

function isAzureType(type: string): boolean {
  return type.startsWith("azure-native:");
}

/** The resource a recovery source acts on (its type tells the cloud). */
function subjectUrn(choice: RecoveryChoice): string {
  const s = choice.source;
  switch (s.kind) {
    case "standby":
    case "point-in-time":
    case "cross-region-replica":
    case "dr-backups":
      return s.databaseUrn;
    case "vault":
      return s.subjectUrn;
    case "regional-files":
    case "files-replica":
      return s.fileSystemUrn;
    case "key-copy":
      return s.keyCopyId;
  }
}

function keySteps(ctx: StepContext, copy: KeyCopyFact | undefined): Step[] {
  if (!copy) return [];
  if (copy.kind === "offline") {
    return [
      step(
        "restore",
        `Retrieve offline copy ${copy.id.replace(/^offline:/, "")} (${copy.detail ?? "as the operator recorded it"}) and restore it into the Signing Service's HSM under two-person control, following the HSM vendor's restore procedure.`,
        [],
        "The package records this copy from the stack's outputs; it cannot check that the copy exists or is readable.",
      ),
    ];
  }
  const r = ctx.g.get(copy.id);
  if (!r) return [];
  return isAzureType(r.type) ? azureKeySteps(ctx, copy) : awsKeySteps(ctx, copy);
}

function restoreSteps(ctx: StepContext, scenario: ScenarioDetail["scenario"]["id"], choice: RecoveryChoice): Step[] {
  if (choice.source.kind === "key-copy") {
    const id = choice.source.keyCopyId;
    return keySteps(ctx, ctx.facts.keyCopies.find((k) => k.id === id));
  }
  const urn = subjectUrn(choice);
  const r = ctx.g.get(urn);
  const azure = r ? isAzureType(r.type) : urn.includes("azure-native:");
  return azure ? azureRestoreSteps(ctx, scenario, choice) : awsRestoreSteps(ctx, scenario, choice);
}

/** A restore from an Azure backup vault's geo-redundant copy in the paired region (cross-region restore). */
function azureVaultCopy(ctx: StepContext, choice: RecoveryChoice): boolean {
  if (choice.source.kind !== "vault" || !choice.source.copy) return false;
  const urn = subjectUrn(choice);
  const r = ctx.g.get(urn);
  return r ? isAzureType(r.type) : urn.includes("azure-native:");
}

function componentPlan(ctx: StepContext, scenario: ScenarioDetail["scenario"]["id"], c: ComponentRecovery): ComponentPlan {
  const chosen = c.chosen;
  // Loss of a key copy: the lost copy stays among the fallbacks, since the copy really lost may be another one.
  const others = c.surviving.filter((o) => o.savedBy !== chosen?.savedBy);
  return {
    kind: c.kind,
    label: c.label,
    ...(chosen ? { restoreFrom: chosen.savedBy, copyKind: chosen.source.kind, rpoSeconds: chosen.rpoSeconds, rtoSeconds: chosen.rtoSeconds } : {}),
    ...(c.lost ? { lost: c.lost.savedBy } : {}),
    steps: chosen ? restoreSteps(ctx, scenario, chosen) : [],
    // Every surviving copy of the keys can be used, each with its own retrieval; for data, the fallbacks are named,
    // and a restore from an Azure vault's copy in the paired region (cross-region restore, a path of its own) is
    // given its steps too.
    alternatives: others.map((o) => ({ restoreFrom: o.savedBy, steps: c.kind === "keys" || azureVaultCopy(ctx, o) ? restoreSteps(ctx, scenario, o) : [] })),
  };
}

function prepareSteps(ctx: StepContext, detail: ScenarioDetail): Step[] {
  switch (detail.scenario.id) {
    case "az-loss":
      return [step("prepare", "Confirm which zone is lost and which CENM hosts ran there. The declared copies fail over on their own; check each below before moving anything.")];
    case "region-loss":
      return [
        step("prepare", `Declare the disaster and work from ${ctx.drRegion ?? "the DR region"}. Make sure nothing of CENM still writes in ${ctx.primaryRegion ?? "the primary region"} (fence its hosts) so that the promoted copies have no second writer.`),
        readCrlDeadline(),
      ];
    case "destructive-statement":
      return [
        step("prepare", `Stop the CENM services with a database (${DATABASE_SERVICES.join(", ")}) so that nothing writes on top of the damage, and find when the statement ran (database logs, the operator's audit trail).`),
        readCrlDeadline(),
      ];
    case "backup-deletion":
      return [
        step("prepare", "Treat it as a security incident: revoke the credentials used for the deletion (and every session they opened) before restoring, or the restores can be deleted too. Work with break-glass credentials under two-person control."),
        readCrlDeadline(),
      ];
    case "key-copy-loss":
      return [
        step("prepare", "Establish how the copy was lost. If it may have been stolen rather than destroyed, this is a key compromise: follow the CA compromise procedure (revoke and re-key), not this restore."),
      ];
  }
}

/** Why no declared copy of `what` survives, per scenario, in plain words. */
const WHY_LOST: Record<ScenarioDetail["scenario"]["id"], (what: string, ctx: StepContext) => string> = {
  "az-loss": (what) => `No copy of ${what} survives the loss of a zone: it lives in that zone only, with no standby and no restorable backup elsewhere.`,
  "region-loss": (what, ctx) => `No DR copy: the stack declares no copy of ${what} outside ${ctx.primaryRegion ?? "the primary region"}, so the loss of that region is not recoverable from the declared topology.`,
  "destructive-statement": (what) => `No copy of ${what} predates the statement: replication carries it to every replica, and no point-in-time restore or snapshot is declared.`,
  "backup-deletion": (what) => `No copy of ${what} is out of an administrator's reach: no compliance-locked vault, no COMPLIANCE Object Lock or locked immutability policy, no offline copy is declared for it.`,
  "key-copy-loss": () => "The stack declares a single copy of the signing keys (R3 asks for at least two, on separate storage): losing it leaves none.",
};

function restoredOf(components: ComponentPlan[]): Restored {
  const has = (kind: ComponentPlan["kind"]) => components.some((c) => c.kind === kind && c.steps.length > 0 && c.copyKind !== "regional-files" && c.copyKind !== "standby");
  return { database: has("database"), files: has("files"), keys: has("keys") };
}

function scenarioOf(ctx: StepContext, detail: ScenarioDetail, stack: string): RunbookScenario {
  const s = detail.scenario;
  const base = {
    id: s.id,
    title: s.title,
    savedBy: s.savedBy,
    basis: s.basis,
    ...(s.rpoSeconds !== undefined ? { rpoSeconds: s.rpoSeconds } : {}),
    ...(s.rtoSeconds !== undefined ? { rtoSeconds: s.rtoSeconds } : {}),
    ...(s.rpoBasis ? { rpoBasis: s.rpoBasis } : {}),
    ...(s.rtoBasis ? { rtoBasis: s.rtoBasis } : {}),
    ...(s.rpoSetBy ? { rpoSetBy: s.rpoSetBy } : {}),
    ...(s.rtoSetBy ? { rtoSetBy: s.rtoSetBy } : {}),
    ...(s.objective ? { objective: s.objective } : {}),
    ...(s.afterFailover ? { afterFailover: s.afterFailover } : {}),
  };
  const recoverable = s.rpoSeconds !== undefined && s.rtoSeconds !== undefined;
  if (!recoverable) {
    const lost = detail.components.filter((c) => c.chosen === undefined).map((c) => c.label);
    const surviving = detail.components.filter((c) => c.chosen !== undefined).map((c) => `${c.label}: ${c.chosen!.savedBy}`);
    const statement = detail.components.length === 0 ? "The stack declares nothing this scenario touches, so there is nothing to restore and no recovery to plan." : `${WHY_LOST[s.id](lost.join(", "), ctx)} This runbook gives no restore steps for it, rather than invent a copy the stack does not have; the audit's findings say what to declare.`;
    return { ...base, recoverable: false, notRecoverable: { components: lost, statement, surviving }, prepare: [], components: [], services: [], crl: [], checks: [], reconcile: [] };
  }
  // Steps a restore leaves for afterwards (a failback once the lost region is back) go with the scenario's reconcile
  // steps, before the refresh: they bring what runs back to what the stack declares.
  const planned = detail.components.map((c) => componentPlan(ctx, s.id, c));
  const failback = planned.flatMap((c) => c.steps.filter((st) => st.kind === "failback"));
  const components = planned.map((c) => ({ ...c, steps: c.steps.filter((st) => st.kind !== "failback") }));
  const restored = restoredOf(components);
  const services = serviceStarts(restored);
  const signingTouched = s.id !== "az-loss" || restored.database;
  const crl = signingTouched ? [crlReissue(ctx.facts.crlValidityDays, s.rtoSeconds)] : [];
  const reconcile: Step[] = [
    ...failback,
    step("reconcile", "Bring the stack's declaration in line with what now runs (restored or promoted resources have new names or roles), then re-create the redundancy this scenario used up, and audit the result.", [
      shell(`pulumi refresh -s ${stack}`),
      shell(`pulumi stack export -s ${stack} > state.json && cenm-backup audit --state state.json --out audit-after-recovery`),
    ]),
  ];
  if (s.id === "key-copy-loss") {
    reconcile.unshift(step("reconcile", "Re-create the lost key copy from a surviving one at a key ceremony, and update the stack's record of offline copies (keyVault.offlineCopies) with where it now is and when it was verified."));
  }
  return {
    ...base,
    recoverable: true,
    prepare: prepareSteps(ctx, detail),
    components,
    services,
    crl,
    checks: serviceChecks(restored),
    reconcile,
  };
}

function cloudOf(input: AuditInput): Runbook["cloud"] {
  let aws = false;
  let azure = false;
  for (const r of input.resources) {
    if (r.type.startsWith("aws:")) aws = true;
    else if (isAzureType(r.type)) azure = true;
  }
  return aws && azure ? "mixed" : aws ? "aws" : azure ? "azure" : "unknown";
}

/** The runbook of a stack, from the same input the audit reads (offline plan, plan file, preview or exported state). */
export function buildRunbook(input: AuditInput, options: RunbookOptions = {}): Runbook {
  const facts: Facts = options.facts ?? deriveFacts(input);
  const details = scenarioDetails(facts);
  const deadline = crlDeadline(facts, details.map((d) => d.scenario));
  const g = new ResourceGraph(Array.isArray(input.resources) ? input.resources : [], facts.primaryRegion);
  const names = new Namer(g, input.source);
  const ctx: StepContext = {
    g,
    names,
    facts,
    ...(facts.primaryRegion !== undefined ? { primaryRegion: facts.primaryRegion } : {}),
    ...(facts.drRegion !== undefined ? { drRegion: facts.drRegion } : {}),
  };
  const scenarios = details.map((d) => scenarioOf(ctx, d, input.stack));
  return {
    stack: input.stack,
    ...(facts.environment !== undefined ? { environment: facts.environment } : {}),
    cloud: cloudOf(input),
    source: input.source,
    origin: input.origin,
    generatedAt: (options.today ?? new Date()).toISOString(),
    ...(facts.primaryRegion !== undefined ? { primaryRegion: facts.primaryRegion } : {}),
    ...(facts.drRegion !== undefined ? { drRegion: facts.drRegion } : {}),
    crl: { ...(deadline.crlValidityDays !== undefined ? { validityDays: deadline.crlValidityDays } : {}), message: deadline.message, met: deadline.met },
    startOrderSource: { source: CENM_START_ORDER_SOURCE.source, url: CENM_START_ORDER_SOURCE.url },
    scenarios,
    resources: names.all().sort((a, b) => a.name.localeCompare(b.name) || a.attribute.localeCompare(b.attribute)),
  };
}
