/**
 * Rolling, immutable snapshots of the CENM database and file system with AWS Backup.
 */
import * as pulumi from "@pulumi/pulumi";
import * as backup from "@pulumi/aws/backup";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import type * as inputs from "@pulumi/aws/types/input";
import { accountOf, customerManagedKey, elementTags, forceDestroyOf, statefulOptions } from "./common";
import type { SnapshotScheduleArgs } from "./contracts";
import type { LockMode } from "../../domain/vocabulary";
import type { CopyDescriptor } from "../types";
import { describeFigure, FIGURES } from "../../domain/figures";
import { formatDuration, HOUR } from "../../domain/durations";
import { AWS_DOCS, CONTINUOUS_BACKUP_MAX_DAYS, RESTORE_VALIDATION_WINDOW_HOURS, startWindowMeetsBackupWindow, VAULT_LOCK_CHANGEABLE_DAYS } from "../../domain/limits/aws";
import { intervalHours } from "../../domain/resources/schedule";
import { SNAPSHOT_START_WINDOW_MINUTES } from "../../domain/windows";

/** One backup rule as the plan declares it, in plain values. */
export interface BackupRuleSummary {
  /** Rule name inside the plan. */
  name: string;
  /** AWS Backup cron expression (UTC). */
  schedule: string;
  /** Days a recovery point of this rule is kept in the primary vault. */
  retentionDays: number;
  /** True for the continuous (point-in-time) rule. */
  continuous: boolean;
  /** Region the rule copies its recovery points to; absent when it makes no copy. */
  copyToRegion?: string;
  /** Days a copy is kept in the DR vault; absent when the rule makes no copy. */
  copyRetentionDays?: number;
  /** Logical name of the plan the rule belongs to (a second plan backs up what AWS Backup cannot copy). */
  plan: string;
}

/** Rule names AWS Backup accepts. */
const RULE_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;

/** Start window of every rule, in minutes. */
export const START_WINDOW_MINUTES = SNAPSHOT_START_WINDOW_MINUTES;

/** Days of recovery points a restore test may pick from. */
export const RESTORE_SELECTION_WINDOW_DAYS = 7;

/** Events the primary vault sends to the alert topic. */
export const VAULT_EVENTS = ["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "S3_BACKUP_OBJECT_FAILED"];

/** Job states the EventBridge rule singles out. */
export const FAILED_STATES = ["FAILED", "ABORTED", "EXPIRED"];

function positiveInteger(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function fail(arg: string, value: unknown, expected: string): never {
  throw new Error(`SnapshotSchedule: ${arg} is ${JSON.stringify(value)}; expected ${expected}`);
}

function validateSnapshotScheduleArgs(args: SnapshotScheduleArgs): void {
  if (!args.region) fail("region", args.region, "an AWS region name such as eu-west-1");
  if (args.drCopy.enabled && !args.drRegion) fail("drRegion", args.drRegion, "an AWS region name when drCopy.enabled");
  if (args.drCopy.enabled && args.drRegion === args.region) {
    fail("drRegion", args.drRegion, `a region other than the primary region ${args.region} (the DR copy must leave the region)`);
  }
  if (!args.resources || args.resources.length === 0) fail("resources", args.resources ?? [], "at least one resource (database or file system) to back up");
  args.resources.forEach((r, i) => {
    if (r.resourceType !== "RDS" && r.resourceType !== "EFS") fail(`resources[${i}].resourceType`, r.resourceType, '"RDS" or "EFS"');
    if (r.arn === undefined || r.arn === null || r.arn === "") fail(`resources[${i}].arn`, r.arn, "the ARN of the resource to back up");
  });
  if (!args.hourly.enabled && !args.daily.enabled) {
    fail("hourly.enabled/daily.enabled", { hourly: false, daily: false }, "at least one of the hourly and daily rules enabled");
  }
  for (const [arg, value] of [
    ["hourly.retentionDays", args.hourly.retentionDays],
    ["daily.retentionDays", args.daily.retentionDays],
    ["monthly.retentionDays", args.monthly.retentionDays],
    ["drCopy.retentionDays", args.drCopy.retentionDays],
  ] as const) {
    if (!positiveInteger(value)) fail(arg, value, "a positive whole number of days");
  }
  if (args.continuousBackup && (!Number.isInteger(args.pointInTimeDays) || args.pointInTimeDays < 1 || args.pointInTimeDays > CONTINUOUS_BACKUP_MAX_DAYS)) {
    fail("pointInTimeDays", args.pointInTimeDays, `a whole number of days from 1 to ${CONTINUOUS_BACKUP_MAX_DAYS} when continuousBackup is on (the AWS Backup limit)`);
  }
  // cron(0 0/N ...) restarts at midnight, so only divisors of 24 give evenly spaced snapshots.
  if (args.hourly.enabled && ![1, 2, 3, 4, 6, 8, 12, 24].includes(args.hourly.everyHours)) {
    fail("hourly.everyHours", args.hourly.everyHours, "a divisor of 24 (1, 2, 3, 4, 6, 8, 12 or 24) hours, so snapshots stay evenly spaced across midnight");
  }
  if (!Number.isInteger(args.daily.hourUtc) || args.daily.hourUtc < 0 || args.daily.hourUtc > 23) {
    fail("daily.hourUtc", args.daily.hourUtc, "a whole hour from 0 to 23");
  }
  for (const window of windowsToAvoid(args)) {
    if ((args.daily.enabled || args.monthly.enabled) && startWindowMeetsBackupWindow(`cron(0 ${args.daily.hourUtc} ? * * *)`, START_WINDOW_MINUTES, window)) {
      fail("daily.hourUtc", args.daily.hourUtc, `an hour whose ${START_WINDOW_MINUTES}-minute start window stays clear of the RDS backup window ${window} (${AWS_DOCS.backupRds})`);
    }
  }
  if (args.lock.mode === "compliance") {
    const days = args.lock.changeableForDays;
    if (!Number.isInteger(days) || (days as number) < VAULT_LOCK_CHANGEABLE_DAYS.min) {
      fail("lock.changeableForDays", days, `a whole number of at least ${VAULT_LOCK_CHANGEABLE_DAYS.min} in compliance mode (the grace period before the lock becomes immutable)`);
    }
  } else if (args.lock.mode === "governance") {
    if (args.lock.changeableForDays !== undefined) {
      fail("lock.changeableForDays", args.lock.changeableForDays, 'nothing in governance mode (setting it turns the lock into compliance mode); use lock.mode "compliance"');
    }
  } else {
    fail("lock.mode", args.lock.mode, '"compliance" or "governance"');
  }
  if (args.restoreTesting.enabled) {
    const hours = args.restoreTesting.validationWindowHours;
    const bounds = RESTORE_VALIDATION_WINDOW_HOURS;
    if (!Number.isInteger(hours) || hours < bounds.min || hours > bounds.max) {
      fail("restoreTesting.validationWindowHours", hours, `a whole number of hours from ${bounds.min} to ${bounds.max}`);
    }
    if (!/^(cron|rate)\(.+\)$/.test(args.restoreTesting.scheduleExpression ?? "")) {
      fail("restoreTesting.scheduleExpression", args.restoreTesting.scheduleExpression, "a cron(...) or rate(...) expression");
    }
  }
}

/** The RDS backup windows the snapshot rules must stay clear of. */
function windowsToAvoid(args: SnapshotScheduleArgs): string[] {
  return [...new Set(args.resources.map((r) => r.backupWindow).filter((w): w is string => typeof w === "string"))];
}

/**
 * The hourly rule's schedule: every `every` hours from midnight, less the slots whose start window would meet an
 * RDS backup window (AWS Backup asks that the two never coincide: the backup lineage would branch).
 */
export function hourlySchedule(every: number, avoid: string[]): string {
  const hours = Array.from({ length: 24 / every }, (_, i) => i * every);
  const kept = hours.filter((h) => !avoid.some((w) => startWindowMeetsBackupWindow(`cron(0 ${h} ? * * *)`, START_WINDOW_MINUTES, w)));
  return kept.length === hours.length ? `cron(0 0/${every} ? * * *)` : `cron(0 ${kept.join(",")} ? * * *)`;
}

/** Letters, digits and underscores only, as restore testing names require. */
function restoreTestingName(base: string, suffix: string): string {
  const clean = base.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 50 - suffix.length - 1);
  return `${clean}_${suffix}`;
}

interface RuleSpec extends BackupRuleSummary {
  completionWindow: number;
}

/** A plan's rules, in plain values, from the args; `copies` says whether they copy to the DR vault. */
function ruleSpecs(args: SnapshotScheduleArgs, plan: string, copies: boolean): RuleSpec[] {
  const hour = args.daily.hourUtc;
  // A copy stays in the DR vault as long as its recovery point stays in the primary vault, capped at
  // drCopy.retentionDays: hourly snapshots are not kept for weeks in a second region.
  const copy = (retentionDays: number) =>
    ({ plan, ...(copies ? { copyToRegion: args.drRegion, copyRetentionDays: Math.min(retentionDays, args.drCopy.retentionDays) } : {}) });
  const rules: RuleSpec[] = [];
  if (args.continuousBackup) {
    // The schedule of a continuous rule only decides when its recovery point is copied to the DR vault.
    rules.push({ name: "continuous-pitr", schedule: `cron(0 ${hour} ? * * *)`, retentionDays: args.pointInTimeDays, continuous: true, completionWindow: 480, ...copy(args.pointInTimeDays) });
  }
  if (args.hourly.enabled) {
    const every = args.hourly.everyHours;
    rules.push({ name: `hourly-every-${every}h`, schedule: hourlySchedule(every, windowsToAvoid(args)), retentionDays: args.hourly.retentionDays, continuous: false, completionWindow: 120, ...copy(args.hourly.retentionDays) });
  }
  if (args.daily.enabled) {
    rules.push({ name: "daily", schedule: `cron(0 ${hour} ? * * *)`, retentionDays: args.daily.retentionDays, continuous: false, completionWindow: 480, ...copy(args.daily.retentionDays) });
  }
  if (args.monthly.enabled) {
    rules.push({ name: "monthly", schedule: `cron(0 ${hour} 1 * ? *)`, retentionDays: args.monthly.retentionDays, continuous: false, completionWindow: 1440, ...copy(args.monthly.retentionDays) });
  }
  for (const r of rules) {
    if (!RULE_NAME.test(r.name)) throw new Error(`SnapshotSchedule: rule name "${r.name}" does not match ${RULE_NAME}`);
  }
  return rules;
}

/** Hours between two snapshots at worst: the longest gap of the most frequent snapshot rule. */
function snapshotIntervalHours(specs: RuleSpec[]): number {
  const gaps = specs.filter((r) => !r.continuous).map((r) => intervalHours(r.schedule));
  return Math.min(...gaps);
}

/**
 * Rolling snapshots of the CENM database and file system in AWS Backup. Replication copies a destructive
 * `DELETE` to every replica within seconds, so these immutable recovery points are the way back from it.
 *
 * Declares a vault encrypted with its own customer-managed key and locked (compliance or governance mode) so that
 * recovery points cannot be deleted before their retention ends, a plan with continuous, hourly, daily and monthly
 * rules, a selection of the given resources, and alerting of failed jobs. When `drCopy.enabled`, every rule copies
 * its recovery points to a second locked vault in the DR region, each copy with its own retention.
 *
 * Choices worth knowing:
 * - The vault lock's minimum and maximum retention are the smallest and largest retention the plan uses, so the
 *   lock admits exactly the plan's recovery points; a rule added later outside that range is refused by AWS.
 * - Continuous recovery points cannot live in another region as continuous backups. The provider accepts a copy
 *   action on the continuous rule and AWS Backup then copies a snapshot of it once a day (at the rule's
 *   schedule, `daily.hourUtc`): the DR copy of the continuous rule is a snapshot, which the `rules` output and
 *   `copies` say. Only RDS takes continuous backups here; EFS is covered by the snapshot rules alone.
 * - When two rules of the plan fall due at the same time (the monthly rule on the 1st, the daily rule at an hour
 *   the hourly rule also hits), AWS Backup runs one job and keeps the longest retention, so overlaps cost nothing.
 * - The backup role's trust policy names the service without an `aws:SourceAccount` condition: AWS does not
 *   document that AWS Backup supplies the key when it assumes the role, and a missing key would stop every job.
 * - IAM is global: the role and its attachments are the only children without a `region` input.
 * - Failures: AWS Backup reports a failed backup as a completed job in a failed state, so the vault notifies
 *   BACKUP_JOB_COMPLETED; an EventBridge rule additionally forwards only failed, aborted and expired backup,
 *   copy and restore jobs of the region, so that failures stand out from routine completions.
 */
export class SnapshotSchedule extends pulumi.ComponentResource {
  public readonly vaultArn: pulumi.Output<string>;
  public readonly vaultName: pulumi.Output<string>;
  /** The DR-region vault; undefined when `drCopy.enabled` is false. */
  public readonly drVaultArn: pulumi.Output<string | undefined>;
  public readonly planId: pulumi.Output<string>;
  public readonly selectionId: pulumi.Output<string>;
  public readonly lockMode: pulumi.Output<LockMode>;
  /** Plain summary of the plan's rules. */
  public readonly rules: pulumi.Output<BackupRuleSummary[]>;
  /** Name of the restore testing plan; undefined when restore testing is off. */
  public readonly restoreTestingPlanName: pulumi.Output<string | undefined>;
  public readonly copies: pulumi.Output<CopyDescriptor[]>;

  constructor(name: string, args: SnapshotScheduleArgs, opts?: pulumi.ComponentResourceOptions) {
    validateSnapshotScheduleArgs(args);
    super("cenm-backup:aws:SnapshotSchedule", name, {}, opts);

    const account = accountOf(this, args.account);
    const tags = elementTags(args.tags, "snapshots");
    // AWS Backup cannot copy what it cannot copy (an RDS Multi-AZ DB cluster): those resources get a plan of their
    // own without copy actions, so that no copy job is declared that would fail every time.
    const copyable = args.resources.filter((r) => r.crossRegionCopy !== false);
    const uncopyable = args.resources.filter((r) => r.crossRegionCopy === false);
    const groups = (
      args.drCopy.enabled
        ? [
            { plan: `${name}-plan`, selection: `${name}-selection`, resources: copyable, copies: true },
            { plan: `${name}-local-plan`, selection: `${name}-local-selection`, resources: uncopyable, copies: false },
          ]
        : [{ plan: `${name}-plan`, selection: `${name}-selection`, resources: args.resources, copies: false }]
    )
      .filter((g) => g.resources.length > 0)
      .map((g) => ({ ...g, specs: ruleSpecs(args, g.plan, g.copies) }));
    const specs = groups.flatMap((g) => g.specs);
    const retentions = specs.map((r) => r.retentionDays);
    const copying = specs.filter((r) => r.copyRetentionDays !== undefined);
    const forceDestroy = forceDestroyOf(args.protection, args.lock.mode);
    const changeableForDays = args.lock.mode === "compliance" ? args.lock.changeableForDays : undefined;

    // Primary vault, its key and its lock.
    const key = customerManagedKey(
      `${name}-vault-key`,
      { description: `Encrypts the CENM snapshot vault in ${args.region}`, region: args.region, account, protection: args.protection, tags },
      this,
    );
    const vault = new backup.Vault(
      `${name}-vault`,
      { region: args.region, kmsKeyArn: key.arn, forceDestroy, tags },
      statefulOptions(this, args.protection),
    );
    new backup.VaultLockConfiguration(
      `${name}-vault-lock`,
      {
        region: args.region,
        backupVaultName: vault.name,
        minRetentionDays: Math.min(...retentions),
        maxRetentionDays: Math.max(...retentions),
        changeableForDays,
      },
      statefulOptions(this, args.protection),
    );

    // DR vault, its key and its lock, sized to the copies' retention.
    let drVault: backup.Vault | undefined;
    if (copying.length > 0) {
      const drKey = customerManagedKey(
        `${name}-dr-vault-key`,
        { description: `Encrypts the CENM snapshot DR vault in ${args.drRegion}`, region: args.drRegion, account, protection: args.protection, tags },
        this,
      );
      drVault = new backup.Vault(
        `${name}-dr-vault`,
        { region: args.drRegion, kmsKeyArn: drKey.arn, forceDestroy, tags },
        statefulOptions(this, args.protection),
      );
      const copyRetentions = copying.map((r) => r.copyRetentionDays as number);
      new backup.VaultLockConfiguration(
        `${name}-dr-vault-lock`,
        {
          region: args.drRegion,
          backupVaultName: drVault.name,
          minRetentionDays: Math.min(...copyRetentions),
          maxRetentionDays: Math.max(...copyRetentions),
          changeableForDays,
        },
        statefulOptions(this, args.protection),
      );
    }

    const plans = groups.map((g) => {
      const planRules: inputs.backup.PlanRule[] = g.specs.map((r) => ({
        ruleName: r.name,
        targetVaultName: vault.name,
        schedule: r.schedule,
        scheduleExpressionTimezone: "Etc/UTC",
        enableContinuousBackup: r.continuous,
        startWindow: START_WINDOW_MINUTES,
        completionWindow: r.completionWindow,
        lifecycle: { deleteAfter: r.retentionDays },
        recoveryPointTags: { ...tags, "cenm-backup:rule": r.name },
        ...(drVault && r.copyRetentionDays !== undefined ? { copyActions: [{ destinationVaultArn: drVault.arn, lifecycle: { deleteAfter: r.copyRetentionDays } }] } : {}),
      }));
      return { ...g, resource: new backup.Plan(g.plan, { region: args.region, rules: planRules, tags }, { parent: this }) };
    });

    // The role AWS Backup assumes to take, copy and restore recovery points.
    const role = new iam.Role(
      `${name}-role`,
      {
        description: "Assumed by AWS Backup to back up, copy and restore the CENM database and file system",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Sid: "AwsBackupAssumesRole", Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags,
      },
      { parent: this },
    );
    for (const [suffix, policy] of [
      ["backup", "AWSBackupServiceRolePolicyForBackup"],
      ["restores", "AWSBackupServiceRolePolicyForRestores"],
    ]) {
      new iam.RolePolicyAttachment(
        `${name}-role-${suffix}`,
        { role: role.name, policyArn: account.apply((a) => `arn:${a.partition}:iam::aws:policy/service-role/${policy}`) },
        { parent: this },
      );
    }

    const selections = plans.map(
      (p) => new backup.Selection(p.selection, { region: args.region, planId: p.resource.id, iamRoleArn: role.arn, resources: p.resources.map((r) => r.arn) }, { parent: this }),
    );

    // Failure alerts.
    new backup.VaultNotifications(
      `${name}-vault-notifications`,
      { region: args.region, backupVaultName: vault.name, snsTopicArn: args.alarmTopicArn, backupVaultEvents: VAULT_EVENTS },
      { parent: this },
    );
    const failures = new cloudwatch.EventRule(
      `${name}-failures`,
      {
        region: args.region,
        description: "Failed, aborted or expired AWS Backup backup, copy and restore jobs",
        eventPattern: JSON.stringify({
          source: ["aws.backup"],
          "detail-type": ["Backup Job State Change", "Copy Job State Change", "Restore Job State Change"],
          detail: { state: FAILED_STATES },
        }),
        tags,
      },
      { parent: this },
    );
    new cloudwatch.EventTarget(
      `${name}-failures-target`,
      { region: args.region, rule: failures.name, arn: args.alarmTopicArn },
      { parent: this },
    );

    // Restore tests: restore the latest recovery point of each resource on a schedule and time the restore.
    let restorePlanName: string | undefined;
    if (args.restoreTesting.enabled) {
      restorePlanName = restoreTestingName(name, "restore_tests");
      const restorePlan = new backup.RestoreTestingPlan(
        `${name}-restore-testing`,
        {
          region: args.region,
          name: restorePlanName,
          scheduleExpression: args.restoreTesting.scheduleExpression,
          scheduleExpressionTimezone: "Etc/UTC",
          recoveryPointSelection: {
            algorithm: "LATEST_WITHIN_WINDOW",
            includeVaults: [vault.arn],
            recoveryPointTypes: args.continuousBackup ? ["SNAPSHOT", "CONTINUOUS"] : ["SNAPSHOT"],
            selectionWindowDays: RESTORE_SELECTION_WINDOW_DAYS,
          },
          tags,
        },
        { parent: this },
      );
      args.resources.forEach((r, i) => {
        const kind = r.resourceType.toLowerCase();
        new backup.RestoreTestingSelection(
          `${name}-restore-test-${kind}-${i}`,
          {
            region: args.region,
            name: restoreTestingName(name, `${kind}_${i}`),
            restoreTestingPlanName: restorePlan.name,
            protectedResourceType: r.resourceType,
            protectedResourceArns: [r.arn],
            iamRoleArn: role.arn,
            restoreMetadataOverrides: r.metadataOverrides,
            validationWindowHours: args.restoreTesting.validationWindowHours,
          },
          { parent: this },
        );
      });
    }

    const interval = snapshotIntervalHours(specs);
    const every = formatDuration(interval * HOUR);
    const primaryRpo = args.continuousBackup
      ? `RDS: continuous backup restores to any second of the last ${args.pointInTimeDays} days, up to ${describeFigure(FIGURES.rdsPointInTimeRpo)}; ` +
        `EFS: up to ${every} (the longest gap between two snapshots)`
      : `up to ${every}: the longest gap between two snapshots`;
    const copies: CopyDescriptor[] = [
      {
        element: "snapshots",
        role: "vault",
        resource: `${name}-vault`,
        region: args.region,
        availabilityZones: [],
        mode: "point-in-time",
        rpo: primaryRpo,
        ...(args.continuousBackup ? {} : { rpoSeconds: interval * HOUR }),
        mechanism: args.continuousBackup
          ? "AWS Backup continuous backup plus scheduled snapshots in a locked vault"
          : "AWS Backup scheduled snapshots in a locked vault",
      },
    ];
    if (drVault) {
      const copyInterval = snapshotIntervalHours(copying);
      copies.push({
        element: "snapshots",
        role: "dr-vault-copy",
        resource: `${name}-dr-vault`,
        region: args.drRegion,
        availabilityZones: [],
        mode: "asynchronous",
        rpo: `up to ${formatDuration(copyInterval * HOUR)} (the longest gap between two snapshots) plus the copy time, ${describeFigure(FIGURES.backupCopyTime)}`,
        rpoSeconds: copyInterval * HOUR + FIGURES.backupCopyTime.seconds,
        mechanism:
          "AWS Backup copy actions to a locked vault in the DR region (continuous recovery points arrive as snapshots)" +
          (uncopyable.length > 0 ? `; not for the ${uncopyable.length} resource(s) AWS Backup cannot copy (RDS Multi-AZ DB cluster), which ${name}-local-plan backs up in the primary region only` : ""),
      });
    }

    this.vaultArn = vault.arn;
    this.vaultName = vault.name;
    this.drVaultArn = drVault ? drVault.arn : pulumi.output(undefined);
    this.planId = plans[0].resource.id;
    this.selectionId = selections[0].id;
    this.lockMode = pulumi.output(args.lock.mode);
    this.rules = pulumi.output(specs.map(({ completionWindow: _window, ...summary }) => summary));
    this.restoreTestingPlanName = pulumi.output(restorePlanName);
    this.copies = pulumi.output(copies);

    this.registerOutputs({
      vaultArn: this.vaultArn,
      vaultName: this.vaultName,
      drVaultArn: this.drVaultArn,
      planId: this.planId,
      selectionId: this.selectionId,
      lockMode: this.lockMode,
      rules: this.rules,
      restoreTestingPlanName: this.restoreTestingPlanName,
      copies: this.copies,
    });
  }
}
