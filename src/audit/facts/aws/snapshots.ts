/**
 * Snapshot facts from AWS Backup resources: vaults and their locks, the plans' rules with their frequency,
 * retention and cross-region copies, what the selections cover, failure alerting and restore testing.
 */
import type { AuditResource, SnapshotCopyFact, SnapshotFacts, SnapshotRuleFact, VaultFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { intervalHours } from "../../../domain/resources/schedule";
import { num, parseJson, rec, str, strings, unique } from "../../../domain/resources/values";
import { programKey } from "./kms";
import { planRules, selectionCoverage } from "../../../domain/resources/awsBackup";
import { T, VAULT_TYPES } from "../../../domain/resources/awsTokens";

/** Vault events whose notification reports a failed backup or copy (a failed backup is a completed job in state FAILED). */
const FAILURE_EVENTS = new Set(["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"]);

/** Resource types a restore testing selection's `protectedResourceType` stands for. */
const RESTORE_TYPES: Record<string, string[]> = {
  RDS: [T.rdsInstance],
  Aurora: [T.rdsCluster],
  EFS: [T.efsFileSystem],
  S3: [T.bucket],
  DynamoDB: ["aws:dynamodb/table:Table"],
  EBS: ["aws:ebs/volume:Volume"],
  EC2: ["aws:ec2/instance:Instance"],
};

/** A failure-alerting EventBridge rule: AWS Backup events in a FAILED state. Returns the events it routes. */
function backupFailureEvents(rule: AuditResource): string[] {
  const pattern = rec(parseJson(rule.inputs.eventPattern));
  if (!pattern) return [];
  if (!strings(pattern.source).includes("aws.backup")) return [];
  const states = strings(rec(pattern.detail)?.state);
  if (!states.includes("FAILED")) return [];
  const kinds = strings(pattern["detail-type"]);
  const described = kinds.length > 0 ? kinds : ["AWS Backup event"];
  return described.flatMap((k) => states.map((s) => `EventBridge: ${k} ${s}`));
}

function readVaults(g: ResourceGraph, failureRules: AuditResource[]): VaultFact[] {
  const locks = new Map<string, AuditResource>();
  for (const lock of g.ofType(T.backupVaultLock)) {
    const vault = g.ref(lock, "backupVaultName", [T.backupVault], lock.inputs.backupVaultName);
    if (vault) locks.set(vault.urn, lock);
  }
  const events = new Map<string, string[]>();
  for (const n of g.ofType(T.backupVaultNotifications)) {
    const vault = g.ref(n, "backupVaultName", VAULT_TYPES, n.inputs.backupVaultName);
    if (vault) events.set(vault.urn, [...(events.get(vault.urn) ?? []), ...strings(n.inputs.backupVaultEvents)]);
  }
  const routedByRegion = new Map<string, string[]>();
  for (const rule of failureRules) {
    const region = g.regionOf(rule);
    routedByRegion.set(region, [...(routedByRegion.get(region) ?? []), ...backupFailureEvents(rule)]);
  }

  return g.ofType(...VAULT_TYPES).map((vault): VaultFact => {
    const region = g.regionOf(vault);
    let lock: VaultFact["lock"];
    if (vault.type === T.backupAirGappedVault) {
      lock = { mode: "compliance", minRetentionDays: num(vault.inputs.minRetentionDays), maxRetentionDays: num(vault.inputs.maxRetentionDays) };
    } else {
      const config = locks.get(vault.urn);
      if (config) {
        const changeable = config.inputs.changeableForDays;
        const compliance = changeable !== undefined && changeable !== null;
        lock = {
          mode: compliance ? "compliance" : "governance",
          minRetentionDays: num(config.inputs.minRetentionDays),
          maxRetentionDays: num(config.inputs.maxRetentionDays),
          ...(compliance && num(changeable) !== undefined ? { changeableForDays: num(changeable) } : {}),
        };
      }
    }
    return {
      urn: vault.urn,
      name: vault.name,
      region,
      customerManagedKey: programKey(g, vault, "kmsKeyArn", vault.inputs.kmsKeyArn) !== undefined,
      ...(lock ? { lock } : {}),
      notifiedEvents: unique([...(events.get(vault.urn) ?? []), ...(routedByRegion.get(region) ?? [])]),
      protect: vault.protect,
      retainOnDelete: vault.retainOnDelete,
    };
  });
}

function readRules(g: ResourceGraph): SnapshotRuleFact[] {
  const facts: SnapshotRuleFact[] = [];
  for (const plan of g.ofType(T.backupPlan)) {
    for (const rule of planRules(g, plan)) {
      const copies = rule.copies.map(
        (copy): SnapshotCopyFact => ({
          ...(copy.vault ? { vaultUrn: copy.vault.urn } : {}),
          ...(copy.region ? { region: copy.region } : {}),
          ...(copy.lifecycle.deleteAfterDays !== undefined ? { retentionDays: copy.lifecycle.deleteAfterDays } : {}),
        }),
      );
      facts.push({
        planUrn: plan.urn,
        planName: plan.name,
        rule: rule.name,
        schedule: rule.schedule ?? "",
        intervalHours: intervalHours(rule.schedule),
        // A rule without a lifecycle keeps its recovery points until someone deletes them: 0 stands for "not set".
        retentionDays: rule.lifecycle.deleteAfterDays ?? 0,
        continuous: rule.continuous,
        ...(rule.vault ? { vaultUrn: rule.vault.urn } : {}),
        copies,
      });
    }
  }
  return facts;
}

/** URNs the backup selections cover. */
function readSelections(g: ResourceGraph): string[] {
  return unique(g.ofType(T.backupSelection).flatMap((sel) => selectionCoverage(g, sel).map((r) => r.urn)));
}

function readRestoreTesting(g: ResourceGraph): SnapshotFacts["restoreTesting"] {
  const byPlan = new Map<string, string[]>();
  for (const sel of g.ofType(T.restoreTestingSelection)) {
    const plan = g.ref(sel, "restoreTestingPlanName", [T.restoreTestingPlan], sel.inputs.restoreTestingPlanName);
    if (!plan) continue;
    const urns = g.refs(sel, "protectedResourceArns", undefined, sel.inputs.protectedResourceArns).map((r) => r.urn);
    if (strings(sel.inputs.protectedResourceArns).includes("*")) {
      const types = RESTORE_TYPES[str(sel.inputs.protectedResourceType) ?? ""] ?? [];
      for (const r of g.ofType(...types)) urns.push(r.urn);
    }
    byPlan.set(plan.urn, [...(byPlan.get(plan.urn) ?? []), ...urns]);
  }
  return g.ofType(T.restoreTestingPlan).map((plan) => ({
    planUrn: plan.urn,
    schedule: str(plan.inputs.scheduleExpression) ?? "",
    protectedUrns: unique(byPlan.get(plan.urn) ?? []),
  }));
}

export function readSnapshots(g: ResourceGraph): SnapshotFacts {
  const failureRules = g.ofType(T.eventRule).filter((r) => backupFailureEvents(r).length > 0);
  const notifies = g
    .ofType(T.backupVaultNotifications)
    .some((n) => strings(n.inputs.backupVaultEvents).some((e) => FAILURE_EVENTS.has(e)));
  return {
    vaults: readVaults(g, failureRules),
    rules: readRules(g),
    protectedUrns: readSelections(g),
    failureNotifications: notifies || failureRules.length > 0,
    restoreTesting: readRestoreTesting(g),
  };
}
