/**
 * Snapshot facts from AWS Backup resources: vaults and their locks, the plans' rules with their frequency,
 * retention and cross-region copies, what the selections cover, failure alerting and restore testing.
 */
import type { AuditResource, SnapshotCopyFact, SnapshotFacts, SnapshotRuleFact, VaultFact } from "../../types";
import type { ResourceGraph } from "../graph";
import { intervalHours } from "../schedule";
import { arnRegion, arr, isTrue, num, parseJson, rec, str, strings, unique } from "../values";
import { programKey } from "./kms";
import { T, VAULT_TYPES } from "./tokens";

/** Vault events whose notification reports a failed backup or copy (a failed backup is a completed job in state FAILED). */
const FAILURE_EVENTS = new Set(["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED"]);

/** Types AWS Backup can protect, for selections by wildcard or by tag. */
const BACKUP_SUPPORTED = [
  T.rdsCluster,
  T.rdsInstance,
  T.efsFileSystem,
  T.bucket,
  "aws:dynamodb/table:Table",
  "aws:ebs/volume:Volume",
  "aws:ec2/instance:Instance",
  "aws:fsx/lustreFileSystem:LustreFileSystem",
  "aws:fsx/windowsFileSystem:WindowsFileSystem",
  "aws:fsx/ontapFileSystem:OntapFileSystem",
  "aws:fsx/openZfsFileSystem:OpenZfsFileSystem",
];

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

/** The vault a rule or copy action names, among the vaults the plan references. */
function pickVault(g: ResourceGraph, plan: AuditResource, value: unknown, region: { same?: string; other?: string }): AuditResource | undefined {
  const candidates = g.refs(plan, "rules", VAULT_TYPES, value);
  if (candidates.length <= 1) return candidates[0];
  const named = arnRegion(value);
  const inRegion = candidates.filter((v) => {
    const r = g.regionOf(v);
    if (named) return r === named;
    if (region.same) return r === region.same;
    return r !== region.other;
  });
  return inRegion.length === 1 ? inRegion[0] : undefined;
}

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
    const region = g.regionOf(plan);
    arr(plan.inputs.rules).forEach((raw, i) => {
      const rule = rec(raw);
      if (!rule) return;
      const target = pickVault(g, plan, rule.targetVaultName, { same: region });
      const copies = arr(rule.copyActions).map((rawCopy): SnapshotCopyFact => {
        const copy = rec(rawCopy) ?? {};
        const dest = pickVault(g, plan, copy.destinationVaultArn, { other: region });
        const retention = num(rec(copy.lifecycle)?.deleteAfter);
        const copyRegion = dest ? g.regionOf(dest) : arnRegion(copy.destinationVaultArn);
        return {
          ...(dest ? { vaultUrn: dest.urn } : {}),
          ...(copyRegion ? { region: copyRegion } : {}),
          ...(retention !== undefined ? { retentionDays: retention } : {}),
        };
      });
      facts.push({
        planUrn: plan.urn,
        planName: plan.name,
        rule: str(rule.ruleName) ?? `rule ${i}`,
        schedule: str(rule.schedule) ?? "",
        intervalHours: intervalHours(rule.schedule),
        // A rule without a lifecycle keeps its recovery points until someone deletes them: 0 stands for "not set".
        retentionDays: num(rec(rule.lifecycle)?.deleteAfter) ?? 0,
        continuous: isTrue(rule.enableContinuousBackup),
        ...(target ? { vaultUrn: target.urn } : {}),
        copies,
      });
    });
  }
  return facts;
}

/** URNs a backup selection covers: listed resources, wildcards and tag conditions, less its exclusions. */
function readSelections(g: ResourceGraph): string[] {
  const covered: string[] = [];
  for (const sel of g.ofType(T.backupSelection)) {
    const mine = new Set<string>();
    const listed = strings(sel.inputs.resources);
    if (listed.includes("*")) for (const r of g.ofType(...BACKUP_SUPPORTED)) mine.add(r.urn);
    for (const r of g.refs(sel, "resources", undefined, sel.inputs.resources)) mine.add(r.urn);
    for (const tagRaw of arr(sel.inputs.selectionTags)) {
      const tag = rec(tagRaw);
      const key = str(tag?.key);
      const value = str(tag?.value);
      if (!key || value === undefined || str(tag?.type)?.toUpperCase() !== "STRINGEQUALS") continue;
      for (const r of g.taggedWith(key, value)) if ((BACKUP_SUPPORTED as string[]).includes(r.type)) mine.add(r.urn);
    }
    for (const r of g.refs(sel, "notResources", undefined, sel.inputs.notResources)) mine.delete(r.urn);
    covered.push(...mine);
  }
  return unique(covered);
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
