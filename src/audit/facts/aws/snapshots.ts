/**
 * Snapshot facts from AWS Backup resources: vaults and their locks, the plans' rules with their frequency,
 * retention and cross-region copies, what the selections cover, failure alerting and restore testing.
 */
import type { AlertRouteFact, AuditResource, SnapshotCopyFact, SnapshotFacts, SnapshotRuleFact, VaultFact } from "../../types";
import type { ResourceGraph } from "../../../domain/resources/graph";
import { intervalHours } from "../../../domain/resources/schedule";
import { isMarker, num, parseJson, rec, str, strings, unique } from "../../../domain/resources/values";
import { programKey } from "./kms";
import { matchedJobEvents, planCoverage, planRules, selectionCoverage } from "../../../domain/resources/awsBackup";
import { T, VAULT_TYPES } from "../../../domain/resources/awsTokens";
import { BACKUP_DEFAULT_START_WINDOW_MINUTES } from "../../../domain/limits/aws";

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

/**
 * A failure-alerting EventBridge rule: AWS Backup events in a FAILED state. Returns the events it routes. Each job
 * event type counts only when the pattern tests the field its events carry (backup and copy jobs: detail.state;
 * restore jobs: detail.status), so a rule testing detail.state for restore jobs routes no restore failure
 * (matchedJobEvents, the reader the limit aws-backup-job-event-field uses too).
 */
function backupFailureEvents(rule: AuditResource): string[] {
  const pattern = rec(parseJson(rule.inputs.eventPattern));
  if (!pattern || !strings(pattern.source).includes("aws.backup")) return [];
  if (strings(pattern["detail-type"]).length === 0) {
    // Every AWS Backup event type: the failed values of whichever job-state field the detail tests.
    const detail = rec(pattern.detail) ?? {};
    return ["state", "status"].flatMap((field) => {
      const values = strings(detail[field]);
      return values.includes("FAILED") ? values.map((v) => `EventBridge: AWS Backup event ${v}`) : [];
    });
  }
  return matchedJobEvents(pattern)
    .filter((m) => m.values.length === 0 || m.values.includes("FAILED"))
    .flatMap((m) => (m.values.length > 0 ? m.values : ["(any state)"]).map((v) => `EventBridge: ${m.detailType} ${v}`));
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

/**
 * The rules of every backup plan, each tied to what its plan's selections cover, so that a database or file
 * system is judged by the rules that really back it up. When a selection names no plan the reader can resolve,
 * no rule is tied (each counts for any covered resource) rather than one being judged by the wrong plan.
 */
function readRules(g: ResourceGraph): SnapshotRuleFact[] {
  const facts: SnapshotRuleFact[] = [];
  const plans = g.ofType(T.backupPlan);
  const tied = g.ofType(T.backupSelection).every((sel) => g.ref(sel, "planId", [T.backupPlan], sel.inputs.planId) !== undefined);
  for (const plan of plans) {
    const covered = tied ? planCoverage(g, plan).map((r) => r.urn) : undefined;
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
        // A job starts at any moment of its start window (AWS Backup's default window when the rule sets none).
        startWindowMinutes: rule.startWindowMinutes ?? BACKUP_DEFAULT_START_WINDOW_MINUTES,
        // A rule without a lifecycle keeps its recovery points until someone deletes them: 0 stands for "not set".
        retentionDays: rule.lifecycle.deleteAfterDays ?? 0,
        continuous: rule.continuous,
        ...(rule.vault ? { vaultUrn: rule.vault.urn } : {}),
        copies,
        ...(covered ? { protectedUrns: covered } : {}),
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

/** Whether a topic reaches anyone: a declared topic needs a subscription; one outside the program cannot be judged. */
function topicDelivery(g: ResourceGraph, topic: AuditResource | undefined, arn: unknown): Pick<AlertRouteFact, "delivers" | "detail" | "destination"> {
  if (!topic) {
    if (isMarker(arn)) return { delivers: "unknown", detail: "the topic is computed at deployment (a preview shows it unknown)" };
    return { delivers: "unknown", detail: `the topic ${str(arn) ?? "(not named)"} is not declared in this program, so its subscriptions cannot be seen` };
  }
  const subscriptions = g.referrers(topic, [T.snsTopicSubscription], "topic");
  if (subscriptions.length === 0) return { destination: topic.name, delivers: false, detail: `topic ${topic.name} has no subscription: nobody receives its messages` };
  return { destination: topic.name, delivers: true, detail: `topic ${topic.name} has ${subscriptions.length} subscription(s)` };
}

/** Whether an EventBridge rule is switched on (v7's `state`, or the older `isEnabled`). */
function ruleEnabled(rule: AuditResource): boolean {
  const state = str(rule.inputs.state)?.toUpperCase();
  if (state !== undefined) return state !== "DISABLED";
  return rule.inputs.isEnabled !== false;
}

/** The routes announcing failed jobs: vault notifications and EventBridge rules, each followed to its receivers. */
function readAlertRoutes(g: ResourceGraph, failureRules: AuditResource[]): AlertRouteFact[] {
  const routes: AlertRouteFact[] = [];
  for (const n of g.ofType(T.backupVaultNotifications)) {
    if (!strings(n.inputs.backupVaultEvents).some((e) => FAILURE_EVENTS.has(e))) continue;
    const topic = g.ref(n, "snsTopicArn", [T.snsTopic], n.inputs.snsTopicArn);
    routes.push({ via: n.name, ...topicDelivery(g, topic, n.inputs.snsTopicArn) });
  }
  for (const rule of failureRules) {
    if (!ruleEnabled(rule)) {
      routes.push({ via: rule.name, delivers: false, detail: `event rule ${rule.name} is disabled`, disabled: true });
      continue;
    }
    const targets = g.referrers(rule, [T.eventTarget], "rule");
    if (targets.length === 0) {
      routes.push({ via: rule.name, delivers: false, detail: `event rule ${rule.name} has no target` });
      continue;
    }
    for (const target of targets) {
      const declared = g.ref(target, "arn", undefined, target.inputs.arn);
      if (declared && declared.type !== T.snsTopic) {
        routes.push({ via: rule.name, destination: declared.name, delivers: true, detail: `event rule ${rule.name} targets ${declared.name}` });
      } else {
        routes.push({ via: rule.name, ...topicDelivery(g, declared, target.inputs.arn) });
      }
    }
  }
  return routes;
}

export function readSnapshots(g: ResourceGraph): SnapshotFacts {
  const failureRules = g.ofType(T.eventRule).filter((r) => backupFailureEvents(r).length > 0);
  const alertRoutes = readAlertRoutes(g, failureRules);
  return {
    alertRoutes,
    vaults: readVaults(g, failureRules.filter(ruleEnabled)),
    rules: readRules(g),
    protectedUrns: readSelections(g),
    // A disabled rule announces nothing: only routes that are switched on count.
    failureNotifications: alertRoutes.some((r) => !r.disabled),
    restoreTesting: readRestoreTesting(g),
  };
}
